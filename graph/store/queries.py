"""Named Cypher statements, read from the ``cypher`` package, and the statement type they share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from graph.exceptions import QueryNotFoundError

__all__ = ["Statement", "all_query_names", "named", "query", "statements"]

_PACKAGE = "cypher"
_SUFFIX = ".cypher"


@dataclass(frozen=True)
class Statement:
    """A Cypher statement and the name logs and tests know it by.

    Named files give ``named("read/graph_version")``; statements generated from the
    schema model come from ``graph.store.statements`` with names under ``model/``.
    """

    name: str
    text: str


@cache
def query(name: str) -> str:
    """The text of the Cypher file ``cypher/<name>.cypher``, e.g. ``query("admin/ping")``.

    Raises
    ------
    QueryNotFoundError
        No file of that name exists, or it is empty.
    """
    *folders, stem = name.split("/")
    resource = files(_PACKAGE)
    for folder in folders:
        resource = resource.joinpath(folder)
    resource = resource.joinpath(stem + _SUFFIX)
    if not stem or not resource.is_file():
        raise QueryNotFoundError(name)
    text = resource.read_text(encoding="utf-8").strip()
    if not text:
        raise QueryNotFoundError(name)
    return text


def named(name: str) -> Statement:
    """The named file ``cypher/<name>.cypher`` as a statement.

    Raises
    ------
    QueryNotFoundError
        No file of that name exists, or it is empty.
    """
    return Statement(name, query(name))


def statements(name: str) -> list[Statement]:
    """The statements of a file that holds several, each ended by ``;`` at a line end.

    Schema files hold several, since Neo4j runs one schema command per transaction.
    """
    code = "\n".join(
        line for line in query(name).splitlines() if not line.lstrip().startswith("//")
    )
    parts = (part.strip().removesuffix(";").strip() for part in code.split(";\n"))
    return [Statement(f"{name}[{index}]", part) for index, part in enumerate(parts) if part]


def all_query_names() -> list[str]:
    """The name of every Cypher file in the package, sorted."""
    names: list[str] = []
    _collect(files(_PACKAGE), "", names)
    return sorted(names)


def _collect(folder: Traversable, prefix: str, names: list[str]) -> None:
    for entry in folder.iterdir():
        if entry.is_dir():
            _collect(entry, f"{prefix}{entry.name}/", names)
        elif entry.name.endswith(_SUFFIX):
            names.append(prefix + entry.name.removesuffix(_SUFFIX))
