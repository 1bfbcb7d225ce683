// How many Pilot nodes match the filter.
MATCH (n:Pilot)
WHERE ($status IS NULL OR n.status = $status)
  AND ($forceId IS NULL OR EXISTS { (n)-[:RUN_BY]->(:Force {id: $forceId}) })
  AND ($capabilityId IS NULL OR EXISTS { (n)-[:TRIALS]->(:Capability {id: $capabilityId}) })
  AND ($supplierId IS NULL OR EXISTS { (n)-[:DELIVERED_BY]->(:Supplier {id: $supplierId}) })
RETURN count(n) AS total
