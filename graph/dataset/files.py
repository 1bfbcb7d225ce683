"""Reading and writing a dataset: the seed format (a folder of YAML and CSV files) or one JSON file.

Reading validates everything before anything is written anywhere, and reports every
problem at once, each naming its file, row or item, and field.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from graph.dataset.contents import Dataset, Issue
from graph.dataset.references import check_references
from graph.dataset.rules import check_rules
from graph.exceptions import DatasetError
from graph.model import KINDS, Entity, Kind

__all__ = ["read_dataset", "validation_issues", "write_dataset"]


def read_dataset(path: Path) -> Dataset:
    """Read and validate a dataset from a seed folder or a JSON export.

    Every file is parsed and every record checked (types, ranges, required and
    unknown fields, duplicate keys, references between records) before returning.

    Raises
    ------
    DatasetError
        Anything is wrong; ``issues`` lists every problem found.
    """
    if not path.exists():
        raise DatasetError(f"{path} does not exist", issues=[])
    dataset = Dataset(origin=str(path))
    issues: list[Issue] = []
    invalid: dict[str, set[str]] = {kind.name: set() for kind in KINDS}
    unreadable: set[str] = set()
    for kind, where, row in _rows(path, issues, unreadable):
        if not _add(dataset, kind, where, row, issues) and isinstance(row.get("id"), str):
            invalid[kind.name].add(row["id"])
    issues.extend(check_references(dataset, invalid_ids=invalid, unreadable=unreadable))
    if not issues:
        issues.extend(check_rules(dataset))
    if issues:
        raise DatasetError(
            f"{len(issues)} problem(s) in {path}; nothing was written", issues=issues
        )
    return dataset


def write_dataset(
    dataset: Dataset, path: Path, *, as_json: bool = False, kinds: Iterable[str] | None = None
) -> None:
    """Write a dataset as a seed folder (YAML and CSV files), or as one JSON file.

    ``kinds`` limits a seed folder to the files of the kinds named.
    """
    if as_json:
        document = {kind.name: [_plain(r) for r in dataset.records(kind)] for kind in KINDS}
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    path.mkdir(parents=True, exist_ok=True)
    chosen = set(kinds) if kinds is not None else {kind.name for kind in KINDS}
    for kind in (kind for kind in KINDS if kind.name in chosen):
        rows = [_plain(record) for record in dataset.records(kind)]
        target = path / kind.filename
        if kind.is_csv:
            target.write_text(_csv_text(kind, rows), encoding="utf-8")
        else:
            target.write_text(
                yaml.safe_dump(rows, sort_keys=False, allow_unicode=True, width=100),
                encoding="utf-8",
            )


def _rows(
    path: Path, issues: list[Issue], unreadable: set[str]
) -> Iterator[tuple[Kind[Any], str, dict[str, Any]]]:
    """Every row of the dataset at ``path``, by kind; ``unreadable`` gets the names of the
    kinds whose file could not be read at all (its syntax, or a CSV header)."""
    if path.is_file():
        yield from _json_rows(path, issues)
        return
    for kind in KINDS:
        file = path / kind.filename
        if not file.exists():
            issues.append(Issue(str(file), "file is missing"))
            continue
        before = len(issues)
        rows = _csv_rows(file, kind, issues) if kind.is_csv else _yaml_rows(file, issues)
        read = 0
        for where, row in rows:
            read += 1
            yield kind, where, row
        if not read and len(issues) > before:
            unreadable.add(kind.name)
    known = {kind.filename for kind in KINDS}
    for extra in sorted(path.glob("*.*")):
        if extra.suffix in {".csv", ".yaml", ".yml", ".json"} and extra.name not in known:
            issues.append(Issue(str(extra), "unknown data file (expected one of the kinds' files)"))


def _csv_rows(
    file: Path, kind: Kind[Any], issues: list[Issue]
) -> Iterator[tuple[str, dict[str, Any]]]:
    with file.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if not _header_fits(file, kind, reader.fieldnames or [], issues):
            return
        for number, row in enumerate(reader, start=1):
            where = f"{file} row {number} (line {reader.line_num})"
            if None in row:
                issues.append(Issue(where, "more cells than the header has columns"))
                continue
            yield where, {key: value for key, value in row.items() if value not in ("", None)}


def _header_fits(file: Path, kind: Kind[Any], header: Sequence[str], issues: list[Issue]) -> bool:
    """Whether a CSV header names only ``kind``'s fields and every required one; each
    column that does not fit is one issue (its rows are not read: each would repeat it)."""
    fields = kind.record.model_fields
    unknown = [column for column in header if column not in fields]
    missing = [name for name, field in fields.items() if field.is_required() and name not in header]
    for column in unknown:
        close = difflib.get_close_matches(column, [n for n in fields if n not in header], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        issues.append(
            Issue(f"{file} line 1", f"column {column!r} is not a field of {kind.name}{hint}")
        )
    for name in missing:
        issues.append(Issue(f"{file} line 1", f"required column {name!r} is missing"))
    return not unknown and not missing


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe YAML loader, in C (libyaml, bundled with PyYAML's wheels) when available."""


def _yaml_rows(file: Path, issues: list[Issue]) -> Iterator[tuple[str, dict[str, Any]]]:
    loader = _YAML_LOADER(file.read_text(encoding="utf-8"))
    try:
        # Parsed once: the node tree gives line numbers, the same tree the values.
        root = loader.get_single_node()
        items = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        issues.append(Issue(f"{file}{line}", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return
    finally:
        loader.dispose()
    if items is None:
        return
    if not isinstance(items, list) or not isinstance(root, yaml.SequenceNode):
        issues.append(Issue(str(file), "expected a list of entries at the top level"))
        return
    for number, (item, node) in enumerate(zip(items, root.value, strict=True), start=1):
        where = f"{file} item {number} (line {node.start_mark.line + 1})"
        if not isinstance(item, dict):
            issues.append(Issue(where, "expected a mapping of field: value"))
            continue
        yield where, item


def _json_rows(file: Path, issues: list[Issue]) -> Iterator[tuple[Kind[Any], str, dict[str, Any]]]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        issues.append(Issue(str(file), f"not valid JSON: {exc}"))
        return
    if not isinstance(document, dict):
        issues.append(Issue(str(file), "expected an object with one list per kind"))
        return
    by_name = {kind.name: kind for kind in KINDS}
    for name in document:
        if name not in by_name:
            issues.append(
                Issue(f"{file} {name}", f"unknown kind (expected one of {', '.join(by_name)})")
            )
    for kind in KINDS:
        items = document.get(kind.name, [])
        if not isinstance(items, list):
            issues.append(Issue(f"{file} {kind.name}", "expected a list"))
            continue
        for number, item in enumerate(items):
            where = f"{file} {kind.name}[{number}]"
            if not isinstance(item, dict):
                issues.append(Issue(where, "expected an object"))
                continue
            yield kind, where, item


def _add(
    dataset: Dataset, kind: Kind[Any], where: str, row: dict[str, Any], issues: list[Issue]
) -> bool:
    """Validate one row and add its record; ``False`` (with issues noted) if it is invalid."""
    try:
        record = kind.record.model_validate(row)
    except ValidationError as exc:
        issues.extend(validation_issues(where, exc, kind.record))
        return False
    key = record.key
    first = dataset.locations.get((kind.name, key))
    if first is not None:
        shown = ", ".join(
            f"{name}={value}" for name, value in zip(record.key_fields, key, strict=True)
        )
        issues.append(Issue(where, f"duplicate {kind.name} entry {shown}; first at {first}"))
        return True
    dataset.locations[(kind.name, key)] = where
    dataset.records(kind).append(record)
    return True


def validation_issues(
    where: str, exc: ValidationError, model: type[BaseModel] | None = None
) -> Iterable[Issue]:
    """Issues for each error of a record that failed validation, as the loader reports them.

    Given the record's ``model``, fields are named as its files name them (``depends_on``),
    not by their aliases (``dependsOn``).
    """
    names = {} if model is None else {f.alias or n: n for n, f in model.model_fields.items()}
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error["loc"]]
        if loc:
            loc[0] = names.get(loc[0], loc[0])
        field = ".".join(loc) or None
        kind = error["type"]
        if kind == "missing":
            message = "is required but missing"
        elif kind == "extra_forbidden":
            message = "is not a known field"
        else:
            message = f"{error['msg']} (got {error['input']!r})"
        yield Issue(where, message, field)


def _plain(record: Entity) -> dict[str, Any]:
    row = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return {name: row[name] for name in _columns(type(record)) if name in row}


def _columns(model: type[Entity]) -> list[str]:
    """A kind's fields in file order: its key fields, its other fields, then provenance."""
    provenance = ["source", "illustrative"]
    first = [name for name in model.key_fields if name not in provenance]
    return [
        *first,
        *(name for name in model.model_fields if name not in {*provenance, *first}),
        *(name for name in provenance if name in model.model_fields),
    ]


def _csv_text(kind: Kind[Any], rows: list[dict[str, Any]]) -> str:
    columns = _columns(kind.record)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value
