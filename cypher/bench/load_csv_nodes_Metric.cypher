// Benchmark only: Metric nodes from a CSV table at $url, typed as our loader types them.
LOAD CSV WITH HEADERS FROM $url AS row
MERGE (n:Metric {id: row.id})
SET n = row {.*, higherIsBetter: toBoolean(row.higherIsBetter), illustrative: toBoolean(row.illustrative)}
