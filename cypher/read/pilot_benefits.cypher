// Each pilot's benefits: the metric, with baseline and result.
UNWIND $ids AS id
MATCH (a:Pilot {id: id})-[r:MEASURED]->(b:Metric)
WITH id AS key, properties(b) AS node, properties(r) AS rel
ORDER BY key, b.name, b.id
RETURN key, collect([node, rel]) AS pairs
