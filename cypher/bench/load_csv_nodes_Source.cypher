// Benchmark only: Source nodes from a CSV table at $url, typed as our loader types them.
LOAD CSV WITH HEADERS FROM $url AS row
MERGE (n:Source {id: row.id})
SET n = row {.*, year: toInteger(row.year)}
