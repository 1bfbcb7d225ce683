"""Neo4j: the project's own server, the driver's owner, named and generated Cypher, the schema."""
