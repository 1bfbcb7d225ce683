"""The graph's constraints and indexes, applied idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from graph.database import Database, Transaction
from graph.queries import statements

__all__ = ["SchemaReport", "apply_schema"]

_SCHEMA_FILES = ("schema/create_constraints", "schema/create_indexes")


@dataclass(frozen=True)
class SchemaReport:
    """How many constraints and indexes one application of the schema created."""

    constraints_added: int
    indexes_added: int

    @property
    def changed(self) -> bool:
        """Whether anything was created (``False`` when the schema was already in place)."""
        return bool(self.constraints_added or self.indexes_added)


def apply_schema(db: Database) -> SchemaReport:
    """Create every constraint and index in ``cypher/schema/`` that does not exist yet.

    Running it again changes nothing and reports zero additions.
    """
    constraints = indexes = 0
    for name in _SCHEMA_FILES:
        for statement in statements(name):

            def work(tx: Transaction, statement: str = statement) -> tuple[int, int]:
                counters = tx.run(statement).consume().counters
                return counters.constraints_added, counters.indexes_added

            added_constraints, added_indexes = db.execute_write(work)
            constraints += added_constraints
            indexes += added_indexes
    return SchemaReport(constraints_added=constraints, indexes_added=indexes)
