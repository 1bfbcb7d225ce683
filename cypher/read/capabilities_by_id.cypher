// Capability nodes for a batch of ids; ids with no node are left out.
UNWIND $ids AS id
MATCH (n:Capability {id: id})
RETURN collect([id, properties(n)]) AS rows
