// Every relationship of one type as [fromId, toId, value of each of $keys], in chunks of $chunk
// per record (a record, or a property map, per relationship costs the driver more than the data).
MATCH (a)-[r:$($type)]->(b)
WITH collect([a.id, b.id] + [key IN $keys | r[key]]) AS everything
UNWIND range(0, size(everything) - 1, $chunk) AS start
RETURN everything[start..start + $chunk] AS rows
