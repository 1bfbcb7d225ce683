// The suppliers each force uses, once each whatever the capability.
UNWIND $ids AS id
MATCH (a:Force {id: id})-[r:USES_SUPPLIER]->(b:Supplier)
WITH DISTINCT id, b
WITH id AS key, properties(b) AS node, {} AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
