// Each force's assessed capabilities, with the assessment.
UNWIND $ids AS id
MATCH (a:Force {id: id})-[r:HAS_CAPABILITY]->(b:Capability)
RETURN id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
