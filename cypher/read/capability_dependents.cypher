// The capabilities that depend on each capability, with the reason.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:DEPENDS_ON]-(b:Capability)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
