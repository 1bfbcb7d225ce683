// Benchmark only: Capability nodes from a CSV table at $url, typed as our loader types them.
LOAD CSV WITH HEADERS FROM $url AS row
MERGE (n:Capability {id: row.id})
SET n = row {.*, illustrative: toBoolean(row.illustrative)}
