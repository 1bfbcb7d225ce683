// Deletes up to $batch nodes with their relationships; run until it returns 0. The graph's
// version counter (:Meta) is kept, so that caches keyed by version never see it go back.
MATCH (n)
WHERE NOT n:Meta
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
