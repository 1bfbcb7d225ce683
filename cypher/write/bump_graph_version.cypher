// Counts writes to the graph, so that caches of analyses know when to refresh.
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0
SET m.version = m.version + 1
RETURN m.version AS version
