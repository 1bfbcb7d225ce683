// The crime types each pilot targets.
UNWIND $ids AS id
MATCH (a:Pilot {id: id})-[r:TARGETS]->(b:CrimeType)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
