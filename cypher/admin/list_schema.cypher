// Every constraint and index, for checking that the schema is in place.
SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint
RETURN name, type, labelsOrTypes, properties, owningConstraint
ORDER BY name
