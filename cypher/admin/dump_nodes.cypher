// Every node of the knowledge graph (load records excepted) with its properties.
MATCH (n)
WHERE NOT n:Load AND NOT n:Meta
RETURN labels(n)[0] AS label, elementId(n) AS elementId, properties(n) AS props
