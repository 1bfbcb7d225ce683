// (:Pilot)-[:TARGETS]->(:CrimeType).
// Each row is {from, to, props}; props replace the relationship's old properties.
UNWIND $rows AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:CrimeType {id: row.to})
MERGE (a)-[r:TARGETS]->(b)
SET r = row.props
