// The keyset-pagination tail of every page statement (graph.store.statements.page), after
// `MATCH (n:Label) WHERE <filters>`: rows ordered by `coalesce(n[$sort], $nullKey)`, then by id.
// $descending orders keys from high to low, $idDescending ids (both flipped to read backward).
// $after is the boundary row ({key, id}) the page continues from, or null for the first page.
// The statement goes on with `RETURN collect([<projection of n>, key]) AS rows`.
WITH n, coalesce(n[$sort], $nullKey) AS key
WHERE $after IS NULL
   OR (NOT $descending AND key > $after.key)
   OR ($descending AND key < $after.key)
   OR (key = $after.key AND ((NOT $idDescending AND n.id > $after.id)
                             OR ($idDescending AND n.id < $after.id)))
WITH n, key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key ELSE null END DESC,
         CASE WHEN $idDescending THEN null ELSE n.id END ASC,
         CASE WHEN $idDescending THEN n.id ELSE null END DESC
LIMIT $limit
