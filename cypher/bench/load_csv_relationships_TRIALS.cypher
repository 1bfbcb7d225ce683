// Benchmark only: (:Pilot)-[:TRIALS]->(:Capability) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:TRIALS]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative)}
