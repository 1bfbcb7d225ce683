// Every relationship of one type as [fromId, toId, properties], in chunks of $chunk per record
// (a record per relationship costs the driver more than the data itself).
MATCH (a)-[r:$($type)]->(b)
WITH collect([a.id, b.id, properties(r)]) AS everything
UNWIND range(0, size(everything) - 1, $chunk) AS start
RETURN everything[start..start + $chunk] AS rows
