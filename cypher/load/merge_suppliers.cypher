// Creates or updates Supplier nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Supplier {id: row.id})
SET n = row.props
