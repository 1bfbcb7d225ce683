// How many nodes carry each label (read from the count store), but for the version counter.
CALL db.labels() YIELD label
WITH label WHERE label <> 'Meta'
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
RETURN label, count
ORDER BY label
