// Which of the given ids exist, by kind: the references a write needs, checked in its transaction.
RETURN [x IN $forces WHERE EXISTS { MATCH (:Force {id: x}) }] AS forces,
       [x IN $capabilities WHERE EXISTS { MATCH (:Capability {id: x}) }] AS capabilities,
       [x IN $suppliers WHERE EXISTS { MATCH (:Supplier {id: x}) }] AS suppliers,
       [x IN $crimeTypes WHERE EXISTS { MATCH (:CrimeType {id: x}) }] AS crimeTypes,
       [x IN $metrics WHERE EXISTS { MATCH (:Metric {id: x}) }] AS metrics,
       [x IN $sources WHERE EXISTS { MATCH (:Source {id: x}) }] AS sources,
       [x IN $pilots WHERE EXISTS { MATCH (:Pilot {id: x}) }] AS pilots
