"""The graph's constraints and indexes, applied idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import statements
from graph.store.database import Database, Transaction
from graph.store.queries import Statement
from graph.store.queries import statements as named_statements

__all__ = ["SchemaReport", "apply_schema", "schema_statements"]

_BOOKKEEPING = "schema/create_bookkeeping"


@dataclass(frozen=True)
class SchemaReport:
    """How many constraints and indexes one application of the schema created."""

    constraints_added: int
    indexes_added: int

    @property
    def changed(self) -> bool:
        """Whether anything was created (``False`` when the schema was already in place)."""
        return bool(self.constraints_added or self.indexes_added)


def schema_statements() -> list[Statement]:
    """Every schema command: the model's constraints and indexes, then the bookkeeping ones."""
    return [
        *statements.create_constraints(),
        *statements.create_indexes(),
        *named_statements(_BOOKKEEPING),
    ]


def apply_schema(db: Database) -> SchemaReport:
    """Create every constraint and index of ``schema_statements`` that does not exist yet.

    Running it again changes nothing and reports zero additions.
    """
    constraints = indexes = 0
    for statement in schema_statements():

        def work(tx: Transaction, text: str = statement.text) -> tuple[int, int]:
            counters = tx.run(text).consume().counters
            return counters.constraints_added, counters.indexes_added

        added_constraints, added_indexes = db.execute_write(work)
        constraints += added_constraints
        indexes += added_indexes
    return SchemaReport(constraints_added=constraints, indexes_added=indexes)
