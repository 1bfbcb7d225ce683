// Benchmark only: (:Force)-[:USES_SUPPLIER]->(:Supplier) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Force {id: row.from})
MATCH (b:Supplier {id: row.to})
MERGE (a)-[r:USES_SUPPLIER {capability: row.capability}]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative)}
