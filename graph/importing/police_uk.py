"""The forces list of data.police.uk (``/api/forces``), checked against the graph's forces."""

from __future__ import annotations

from graph.dataset import Dataset
from graph.exceptions import ImportFileError
from graph.importing.files import ImportedFile
from graph.importing.json_files import read_json
from graph.importing.mappings import Mappings
from graph.importing.plan import ImportPlan
from graph.importing.tables import RowProgress, normal
from graph.model import ForceKind
from graph.model.kinds import FORCES

__all__ = ["plan_police_uk_forces"]


def plan_police_uk_forces(
    files: list[ImportedFile],
    current: Dataset,
    mappings: Mappings,
    progress: RowProgress | None = None,
) -> ImportPlan:
    """A check of the graph's force ids and names against data.police.uk's list; writes nothing.

    ``findings`` names every difference: a force the list has that the graph lacks
    (or holds under another id, matched by name), a name that differs, and a
    territorial force of the graph the list does not have. ``progress`` hears of each
    file read.

    Raises
    ------
    ImportFileError
        A file is not a JSON list of objects with ``id`` and ``name``.
    """
    del mappings
    plan = ImportPlan("police-uk-forces", files)
    forces = {force.id: force for force in current.records(FORCES)}
    by_name = {normal(force.name): force.id for force in forces.values()}
    listed: set[str] = set()
    for done, file in enumerate(files, start=1):
        if progress:
            progress(done, len(files))
        entries = read_json(file)
        if not isinstance(entries, list):
            raise ImportFileError(f"{file.path.name}: expected a JSON list of forces")
        for index, entry in enumerate(entries):
            where = f"{file.path.name}, item {index + 1}"
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(key), str) for key in ("id", "name")
            ):
                raise ImportFileError(f"{where}: expected an object with text 'id' and 'name'")
            plan.rows_read += 1
            force_id, name = entry["id"].strip(), entry["name"].strip()
            listed.add(force_id)
            ours = forces.get(force_id)
            if ours is None:
                other = by_name.get(normal(name))
                plan.findings.append(
                    f"{where}: {force_id!r} ({name}) is {other!r} in the graph"
                    if other
                    else f"{where}: {force_id!r} ({name}) is not in the graph"
                )
                if other:
                    listed.add(other)
            elif ours.name != name:
                plan.findings.append(
                    f"{where}: {force_id!r} is named {name!r} there, {ours.name!r} in the graph"
                )
    for force in sorted(forces.values(), key=lambda f: f.id):
        if force.kind == ForceKind.TERRITORIAL and force.id not in listed:
            plan.findings.append(f"territorial force {force.id!r} ({force.name}) is not listed")
    return plan
