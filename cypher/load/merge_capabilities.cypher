// Creates or updates Capability nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Capability {id: row.id})
SET n = row.props
