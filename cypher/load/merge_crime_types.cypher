// Creates or updates CrimeType nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:CrimeType {id: row.id})
SET n = row.props
