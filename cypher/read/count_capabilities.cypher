// How many Capability nodes match the filter.
MATCH (n:Capability)
WHERE ($stage IS NULL OR n.stage = $stage)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($crimeTypeId IS NULL OR EXISTS { (:CrimeType {id: $crimeTypeId})-[:NEEDS]->(n) })
RETURN count(n) AS total
