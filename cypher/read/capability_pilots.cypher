// The pilots that trial each capability.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:TRIALS]-(b:Pilot)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
