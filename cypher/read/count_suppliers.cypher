// How many Supplier nodes match the filter.
MATCH (n:Supplier)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($offersCapabilityId IS NULL OR EXISTS { (n)-[:OFFERS]->(:Capability {id: $offersCapabilityId}) })
RETURN count(n) AS total
