// Benchmark only: (:Pilot)-[:DELIVERED_BY]->(:Supplier) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Pilot {id: row.from})
MATCH (b:Supplier {id: row.to})
MERGE (a)-[r:DELIVERED_BY]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative)}
