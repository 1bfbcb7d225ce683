// Full-text search over names, descriptions and summaries; $text is already escaped for Lucene.
CALL db.index.fulltext.queryNodes('search_text', $text) YIELD node, score
RETURN labels(node)[0] AS label, properties(node) AS node, score
ORDER BY score DESC, node.id
LIMIT $limit
