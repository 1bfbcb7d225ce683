// (:Capability)-[:DEPENDS_ON]->(:Capability): the first needs the second.
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Capability {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:DEPENDS_ON]->(b)
SET r = row.props
