// (:Force)-[:HAS_CAPABILITY {maturity, target, assessedOn}]->(:Capability): one assessment.
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Force {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:HAS_CAPABILITY]->(b)
SET r = row.props
