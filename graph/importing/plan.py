"""What an import would write, compared with the graph, checked, and written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.archive.snapshot import GraphSnapshot
from graph.dataset import Dataset
from graph.dataset.contents import Issue
from graph.dataset.references import check_references
from graph.dataset.rules import check_rules
from graph.exceptions import DatasetError
from graph.importing.files import ImportedFile
from graph.loading.loader import LoadReport, Progress, load_dataset
from graph.model import KINDS, Entity, Kind, Source
from graph.model.kinds import SOURCES
from graph.store.database import Database

__all__ = ["Changes", "ImportPlan", "apply_plan", "compare_plan"]


@dataclass
class ImportPlan:
    """The records an import of some files gives, and what it read and passed over.

    ``dataset`` holds the records to write (their sources included), each located
    at the file and row it came from; ``skipped`` counts rows or items not used,
    by reason; ``findings`` are differences a check reports, for importers that
    only check.
    """

    importer: str
    files: list[ImportedFile]
    dataset: Dataset = field(default_factory=Dataset)
    rows_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    findings: list[str] = field(default_factory=list)

    def add(self, kind: Kind[Any], record: Entity, where: str) -> None:
        """Add a record (replacing one with the same key) found at ``where``."""
        records = self.dataset.records(kind)
        key = (kind.name, record.key)
        if key in self.dataset.locations:
            records[:] = [r for r in records if r.key != record.key]
        self.dataset.locations[key] = where
        records.append(record)

    def refuse(self, issues: list[Issue]) -> None:
        """Raise for the rows that cannot be imported, if there are any.

        Raises
        ------
        DatasetError
            ``issues`` is not empty; each names its file and row.
        """
        if issues:
            names = ", ".join(f.path.name for f in self.files)
            raise DatasetError(
                f"{len(issues)} problem(s) in {names}; nothing was written", issues=issues
            )

    def records(self) -> Iterator[tuple[Kind[Any], Entity]]:
        """Every record to write, kind by kind in load order."""
        for kind in KINDS:
            for record in self.dataset.records(kind):
                yield kind, record


@dataclass
class Changes:
    """How an import's records compare with the graph's, by kind name."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    retired_sources: list[str] = field(default_factory=list)
    """Sources of earlier imports that nothing will cite once the import is written."""
    delta: Dataset = field(default_factory=Dataset)
    """The records added or changed: what writing the import writes."""

    @property
    def any(self) -> bool:
        """Whether writing the import would change the graph."""
        return bool(self.added or self.changed or self.retired_sources)


def compare_plan(plan: ImportPlan, current: Dataset) -> Changes:
    """Compare ``plan`` with the graph's records, and check the graph it would leave.

    The records are merged into ``current`` by key, and the result is checked as a
    load is (references, rules), so that an import that would leave the graph
    inconsistent is refused before anything is written.

    Raises
    ------
    DatasetError
        The merged graph breaks a rule; each issue names the file and row.
    """
    changes = Changes()
    merged = Dataset(origin=plan.dataset.origin)
    merged.locations.update(current.locations)
    merged.locations.update(plan.dataset.locations)
    for kind in KINDS:
        existing = {record.key: record for record in current.records(kind)}
        for record in plan.dataset.records(kind):
            before = existing.get(record.key)
            counter = (
                changes.added
                if before is None
                else changes.unchanged
                if before == record
                else changes.changed
            )
            counter[kind.name] += 1
            if before != record:
                changes.delta.records(kind).append(record)
            existing[record.key] = record
        merged.replace(kind, existing.values())
    changes.retired_sources = _retired_sources(merged)
    merged.replace(
        SOURCES,
        (s for s in merged.records(SOURCES) if s.id not in set(changes.retired_sources)),
    )
    issues = check_references(merged)
    if not issues:
        issues = check_rules(merged)
    if issues:
        raise DatasetError(
            f"{len(issues)} problem(s) importing {', '.join(str(f.path) for f in plan.files)}; "
            "nothing was written",
            issues=issues,
        )
    return changes


def apply_plan(
    db: Database,
    plan: ImportPlan,
    snapshot: GraphSnapshot,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[Changes, LoadReport | None]:
    """Check ``plan`` against ``snapshot`` of ``db`` and, unless ``dry_run``, write what changed.

    Only added and changed records are written (with the loader's merge statements,
    recorded as a load); an import that changes nothing writes nothing, so running
    it again is harmless. ``snapshot`` is the graph the plan was made against.

    Raises
    ------
    DatasetError
        The import would leave the graph inconsistent; nothing was written.
    DatabaseError
        Neo4j failed; running the import again reaches the same end state.
    """
    changes = compare_plan(plan, snapshot.to_dataset(origin="graph"))
    if dry_run or not changes.any:
        return changes, None
    changes.delta.origin = f"import {plan.importer}: " + ", ".join(f.path.name for f in plan.files)
    report = load_dataset(db, changes.delta, progress=progress)
    stale = [snapshot.nodes[(SOURCES.label, s)][0] for s in changes.retired_sources]
    if stale:
        db.write("load/delete_nodes", elementIds=stale)
    return changes, report


def _retired_sources(merged: Dataset) -> list[str]:
    """Imported sources (those with a checksum) that no record of ``merged`` cites."""
    cited = {getattr(record, "source", None) for kind in KINDS for record in merged.records(kind)}
    return sorted(
        source.id
        for source in merged.records(SOURCES)
        if isinstance(source, Source) and source.sha256 and source.id not in cited
    )
