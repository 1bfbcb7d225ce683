// How many relationships carry each type (read from the count store).
CALL db.relationshipTypes() YIELD relationshipType AS type
CALL (type) {
  MATCH ()-[r:$(type)]->()
  RETURN count(r) AS count
}
RETURN type, count
ORDER BY type
