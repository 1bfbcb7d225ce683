"""Every Cypher statement of the project, one ``verb_noun.cypher`` file each, by domain folder.

Load them by name with :func:`graph.store.queries.query`, never by path.
"""
