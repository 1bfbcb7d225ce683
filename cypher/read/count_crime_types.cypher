// How many CrimeType nodes match the filter.
MATCH (n:CrimeType)
WHERE ($category IS NULL OR n.category = $category)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
RETURN count(n) AS total
