// Every node the analyses use, with the properties they read, in chunks of $chunk per record.
MATCH (n)
WHERE n:Force OR n:Capability OR n:Supplier OR n:CrimeType OR n:Pilot OR n:Metric
WITH collect([labels(n)[0], n.id, n {.name, .stage, .region, kind: n.kind, .category,
              .annualVolume, .status, .unit, .higherIsBetter}]) AS everything
UNWIND range(0, size(everything) - 1, $chunk) AS start
RETURN everything[start..start + $chunk] AS rows
