// For each capability, the maturity and target of each force's latest observation of it (no
// force properties: what holdingStats needs, and nothing more).
UNWIND $ids AS id
MATCH (:Capability {id: id})<-[r:HAS_CAPABILITY]-(f:Force)
WITH id, f, r ORDER BY r.assessedOn DESC
WITH id, f, head(collect(r {.maturity, .target})) AS latest
RETURN id AS key, collect([{}, latest]) AS pairs
