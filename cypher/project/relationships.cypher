// Every relationship of the types in $types as [type, fromId, toId, value of each of
// $keys[type]], in one scan of the relationships, in chunks of $chunk per record (a record,
// or a property map, per relationship costs the driver far more than the data).
MATCH (a)-[r]->(b)
WHERE type(r) IN $types
WITH collect([type(r), a.id, b.id] + [key IN $keys[type(r)] | r[key]]) AS everything
UNWIND range(0, size(everything) - 1, $chunk) AS start
RETURN everything[start..start + $chunk] AS rows
