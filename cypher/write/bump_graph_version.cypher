// Counts writes to the graph and keeps what the last $kept of them changed ($change: a
// `graph.changes.Change` encoded, or '*' for everything), so that caches of responses and
// of the projection know what to drop or update. Entry i from the end is version - i.
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0, m.changes = []
SET m.version = m.version + 1,
    m.changes = coalesce(m.changes, [])[-($kept - 1)..] + [$change]
RETURN m.version AS version
