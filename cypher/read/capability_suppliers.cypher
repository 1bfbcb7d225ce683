// The suppliers offering each capability, with the product.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:OFFERS]-(b:Supplier)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
