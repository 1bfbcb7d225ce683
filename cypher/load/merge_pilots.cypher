// Creates or updates Pilot nodes: each row is {id, props}; props replace the old properties.
UNWIND $rows AS row
MERGE (n:Pilot {id: row.id})
SET n = row.props
