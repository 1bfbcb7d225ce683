// Benchmark only: (:Force)-[:HAS_CAPABILITY]->(:Capability) from a CSV table at $url, typed as our loader does.
LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Force {id: row.from})
MATCH (b:Capability {id: row.to})
MERGE (a)-[r:HAS_CAPABILITY]->(b)
SET r = row {.*, from: null, to: null, illustrative: toBoolean(row.illustrative), maturity: toInteger(row.maturity), target: toInteger(row.target),
             assessedOn: date(row.assessedOn)}
