// (:Pilot)-[:MEASURED {baseline, result}]->(:Metric): one benefit.
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Metric {id: row.to})
MERGE (a)-[r:MEASURED]->(b)
SET r = row.props
