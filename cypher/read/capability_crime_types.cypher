// The crime types that need each capability.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:NEEDS]-(b:CrimeType)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
