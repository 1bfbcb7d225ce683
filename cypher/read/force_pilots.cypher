// The pilots each force runs or ran.
UNWIND $ids AS id
MATCH (a:Force {id: id})<-[r:RUN_BY]-(b:Pilot)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
