// The capabilities each supplier offers, with the product.
UNWIND $ids AS id
MATCH (a:Supplier {id: id})-[r:OFFERS]->(b:Capability)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
