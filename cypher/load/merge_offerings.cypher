// (:Supplier)-[:OFFERS {product}]->(:Capability).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Supplier {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:OFFERS]->(b)
SET r = row.props
