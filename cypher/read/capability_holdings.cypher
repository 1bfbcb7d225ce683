// The forces assessed on each capability, with the assessment.
UNWIND $ids AS id
MATCH (a:Capability {id: id})<-[r:HAS_CAPABILITY]-(b:Force)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
