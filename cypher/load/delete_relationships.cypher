// Deletes relationships by element id (pruning what a source no longer has).
UNWIND $elementIds AS elementId
MATCH ()-[r]->()
WHERE elementId(r) = elementId
DELETE r
RETURN count(*) AS deleted
