// For each capability, the maturity and target of every force assessed on it (no force
// properties: what holdingStats needs, and nothing more).
UNWIND $ids AS id
MATCH (:Capability {id: id})<-[r:HAS_CAPABILITY]-(:Force)
RETURN id AS key, collect([{}, r {.maturity, .target}]) AS pairs
