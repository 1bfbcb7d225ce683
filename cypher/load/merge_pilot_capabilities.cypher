// (:Pilot)-[:TRIALS]->(:Capability).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:TRIALS]->(b)
SET r = row.props
