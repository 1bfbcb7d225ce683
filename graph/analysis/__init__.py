"""Analyses of the knowledge graph, each a function of a NetworkX graph.

They know nothing of Neo4j or GraphQL: ``graph.projection`` builds the graph they
take, a ``MultiDiGraph`` whose nodes carry ``label`` and whose edges are keyed by
relationship type.
"""
