"""The DII Knowledge Graph's outward faces: the GraphQL API and the ``diikg`` command line."""
