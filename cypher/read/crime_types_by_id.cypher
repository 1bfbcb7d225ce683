// CrimeType nodes for a batch of ids; ids with no node are left out.
UNWIND $ids AS id
MATCH (n:CrimeType {id: id})
RETURN collect([id, properties(n)]) AS rows
