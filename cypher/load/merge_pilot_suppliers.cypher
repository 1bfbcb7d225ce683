// (:Pilot)-[:DELIVERED_BY]->(:Supplier).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Supplier {id: row.to})
MERGE (a)-[r:DELIVERED_BY]->(b)
SET r = row.props
