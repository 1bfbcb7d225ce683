// The keyset-pagination tail of every page statement (graph.store.statements.page), after
// `MATCH (n:Label) WHERE <filters>`: rows ordered by `coalesce(n[$sort], $nullKey)`, then by id.
// $after is the last row of the previous page ({key, id}) or null for the first page.
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
