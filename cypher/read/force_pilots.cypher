// The pilots each force runs or ran.
UNWIND $ids AS id
MATCH (a:Force {id: id})<-[r:RUN_BY]-(b:Pilot)
RETURN id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
