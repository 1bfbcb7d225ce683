// The graph's write counter (0 before the first write).
OPTIONAL MATCH (m:Meta {id: 'graph'})
RETURN coalesce(m.version, 0) AS version
