// How many Force nodes match the filter.
MATCH (n:Force)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($region IS NULL OR toLower(n.region) = toLower($region))
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
RETURN count(n) AS total
