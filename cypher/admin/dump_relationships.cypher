// Every relationship of the knowledge graph with its endpoints' labels and ids, and its properties.
MATCH (a)-[r]->(b)
WHERE NOT a:Load AND NOT b:Load
RETURN type(r) AS type, elementId(r) AS elementId,
       labels(a)[0] AS fromLabel, a.id AS from, labels(b)[0] AS toLabel, b.id AS to,
       properties(r) AS props
