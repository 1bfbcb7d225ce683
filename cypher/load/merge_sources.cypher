// Creates or updates Source nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Source {id: row.id})
SET n = row.props
