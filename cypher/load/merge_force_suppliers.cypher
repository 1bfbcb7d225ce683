// (:Force)-[:USES_SUPPLIER {capability}]->(:Supplier): the force uses the supplier for that capability.
// Each row is {from, to, props}; one relationship per force, supplier and capability.
UNWIND $rows AS row
MATCH (a:Force {id: row.from})
MATCH (b:Supplier {id: row.to})
MERGE (a)-[r:USES_SUPPLIER {capability: row.props.capability}]->(b)
SET r = row.props
