// Benchmark only: (:Capability)-[:DEPENDS_ON]->(:Capability) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Capability {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:DEPENDS_ON]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative)}
