// The supplier delivering each pilot.
UNWIND $ids AS id
MATCH (a:Pilot {id: id})-[r:DELIVERED_BY]->(b:Supplier)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
