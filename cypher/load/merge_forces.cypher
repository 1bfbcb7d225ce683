// Creates or updates Force nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Force {id: row.id})
SET n = row.props
