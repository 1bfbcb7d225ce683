// Benchmark only: (:Pilot)-[:RUN_BY]->(:Force) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Force {id: row.to})
MERGE (a)-[r:RUN_BY]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative)}
