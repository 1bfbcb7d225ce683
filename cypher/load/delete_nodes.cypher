// Deletes nodes, with their relationships, by element id (pruning what a source no longer has).
UNWIND $elementIds AS elementId
MATCH (n)
WHERE elementId(n) = elementId
DETACH DELETE n
RETURN count(*) AS deleted
