// The capabilities each crime type needs.
UNWIND $ids AS id
MATCH (a:CrimeType {id: id})-[r:NEEDS]->(b:Capability)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
