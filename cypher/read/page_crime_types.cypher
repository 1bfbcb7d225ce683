// One page of CrimeType nodes matching the filter, in sort order (keyset pagination).
// $sort names the property to order by, $nullKey stands in for a missing value, and
// $after is the last row of the previous page ({key, id}) or null for the first page.
MATCH (n:CrimeType)
WHERE ($category IS NULL OR n.category = $category)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
WITH n, coalesce(n[$sort], $nullKey) AS key
WHERE $after IS NULL
   OR (NOT $descending AND (key > $after.key OR (key = $after.key AND n.id > $after.id)))
   OR ($descending AND (key < $after.key OR (key = $after.key AND n.id > $after.id)))
WITH n, key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key ELSE null END DESC,
         n.id ASC
LIMIT $limit
RETURN collect([properties(n), key]) AS rows
