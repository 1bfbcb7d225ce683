// Benchmark only: (:Pilot)-[:MEASURED]->(:Metric) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Metric {id: row.to})
MERGE (a)-[r:MEASURED]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative), baseline: toFloat(row.baseline), result: toFloat(row.result)}
