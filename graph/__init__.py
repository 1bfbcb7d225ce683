"""The DII Knowledge Graph: domain model, Neo4j access, loading and analyses.

Layers, each importing only those before it: ``model`` (the schema model), ``dataset``
(reading and checking data files), ``store`` (Neo4j and Cypher), ``loading``,
``editing``, ``archive``, ``reads``, ``projection``, then ``analysis`` (pure NetworkX,
no Neo4j) and ``reports``. Nothing outside ``graph.store.database`` imports the driver;
this package's ``__init__`` imports nothing, so ``import graph.analysis`` stays light.
"""
