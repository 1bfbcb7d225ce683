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
    indexes_replaced: int = 0
    """Indexes dropped and created again because the model changed what they cover."""

    @property
    def changed(self) -> bool:
        """Whether anything was created (``False`` when the schema was already in place)."""
        return bool(self.constraints_added or self.indexes_added or self.indexes_replaced)


def schema_statements() -> list[Statement]:
    """Every schema command: the model's constraints and indexes, then the bookkeeping ones."""
    return [
        *statements.create_constraints(),
        *statements.create_indexes(),
        *named_statements(_BOOKKEEPING),
    ]


def apply_schema(db: Database) -> SchemaReport:
    """Create every constraint and index of ``schema_statements`` that does not exist yet.

    The full-text index is replaced when it covers other labels or properties than the
    schema model now marks as searched (``IF NOT EXISTS`` alone would keep the old one).
    Running it again changes nothing and reports zero additions.
    """
    replaced = _drop_stale_search_index(db)
    constraints = indexes = 0
    for statement in schema_statements():

        def work(tx: Transaction, text: str = statement.text) -> tuple[int, int]:
            counters = tx.run(text).consume().counters
            return counters.constraints_added, counters.indexes_added

        added_constraints, added_indexes = db.execute_write(work)
        constraints += added_constraints
        indexes += added_indexes
    return SchemaReport(
        constraints_added=constraints, indexes_added=indexes, indexes_replaced=replaced
    )


def _drop_stale_search_index(db: Database) -> int:
    """Drop the full-text index if it differs from the model's; how many were dropped."""
    labels, keys = statements.search_index()
    for row in db.read("admin/list_schema"):
        if row["name"] != statements.SEARCH_INDEX:
            continue
        if sorted(row["labelsOrTypes"]) == sorted(labels) and sorted(row["properties"]) == sorted(
            keys
        ):
            return 0
        db.write("admin/drop_index", name=statements.SEARCH_INDEX)
        return 1
    return 0
