// Each force's assessed capabilities, with the assessment.
UNWIND $ids AS id
MATCH (a:Force {id: id})-[r:HAS_CAPABILITY]->(b:Capability)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
