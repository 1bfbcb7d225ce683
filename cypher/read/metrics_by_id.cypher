// Metric nodes for a batch of ids; ids with no node are left out.
UNWIND $ids AS id
MATCH (n:Metric {id: id})
RETURN id AS key, properties(n) AS node
