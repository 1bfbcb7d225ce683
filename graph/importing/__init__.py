"""Importing openly licensed public data files into the knowledge graph.

Each importer (``graph.importing.crime``, ``contracts``, ``workforce``,
``police_uk``) reads files a user has downloaded from the publisher, maps them onto
the schema model through the reviewed tables in ``seeds/mappings/``, and returns an
:class:`ImportPlan`; :func:`apply_plan` validates it against the graph and writes it.
"""

from graph.importing.plan import Changes, ImportPlan, apply_plan, compare_plan
from graph.importing.registry import IMPORTERS, Importer, importer_named

__all__ = [
    "IMPORTERS",
    "Changes",
    "ImportPlan",
    "Importer",
    "apply_plan",
    "compare_plan",
    "importer_named",
]
