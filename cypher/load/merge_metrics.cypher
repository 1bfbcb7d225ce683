// Creates or updates Metric nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Metric {id: row.id})
SET n = row.props
