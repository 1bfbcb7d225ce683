// (:Pilot)-[:RUN_BY]->(:Force).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Force {id: row.to})
MERGE (a)-[r:RUN_BY]->(b)
SET r = row.props
