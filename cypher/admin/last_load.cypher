// The most recent load record.
MATCH (l:Load)
RETURN properties(l) AS load
ORDER BY l.startedAt DESC
LIMIT 1
