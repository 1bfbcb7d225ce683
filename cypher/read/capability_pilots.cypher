// The pilots that trial each capability.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:TRIALS]-(b:Pilot)
RETURN id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
