// Benchmark only: CrimeType nodes from a CSV table at $url, typed as our loader types them.
LOAD CSV WITH HEADERS FROM $url AS row
MERGE (n:CrimeType {id: row.id})
SET n = row {.*, annualVolume: toInteger(row.annualVolume), illustrative: toBoolean(row.illustrative),
             volumeIllustrative: toBoolean(row.volumeIllustrative), volumeYear: toInteger(row.volumeYear)}
