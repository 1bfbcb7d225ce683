// (:CrimeType)-[:NEEDS]->(:Capability).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:CrimeType {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:NEEDS]->(b)
SET r = row.props
