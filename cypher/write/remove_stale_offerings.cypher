// Removes a supplier's offerings that are not in $keep (capability ids); returns those still in use.
MATCH (s:Supplier {id: $supplier})-[o:OFFERS]->(c:Capability)
WHERE NOT c.id IN $keep
OPTIONAL MATCH (f:Force)-[u:USES_SUPPLIER {capability: c.id}]->(s)
WITH o, c, count(u) AS uses
WITH collect(CASE WHEN uses > 0 THEN c.id END) AS inUse, collect(CASE WHEN uses = 0 THEN o END) AS unused
FOREACH (o IN CASE WHEN size(inUse) = 0 THEN unused ELSE [] END | DELETE o)
RETURN inUse
