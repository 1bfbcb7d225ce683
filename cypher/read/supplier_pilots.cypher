// The pilots each supplier delivers.
UNWIND $ids AS id
MATCH (a:Supplier {id: id})<-[r:DELIVERED_BY]-(b:Pilot)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
