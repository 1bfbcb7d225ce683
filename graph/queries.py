"""Named Cypher statements, read from the ``cypher`` package."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from graph.exceptions import QueryNotFoundError

__all__ = ["all_query_names", "query", "statements"]

_PACKAGE = "cypher"
_SUFFIX = ".cypher"


@cache
def query(name: str) -> str:
    """The text of the Cypher file ``cypher/<name>.cypher``, e.g. ``query("admin/count_nodes")``.

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


def statements(name: str) -> list[str]:
    """The statements of a file that holds several, each ended by ``;`` at a line end.

    Schema files hold several, since Neo4j runs one schema command per transaction.
    """
    code = "\n".join(
        line for line in query(name).splitlines() if not line.lstrip().startswith("//")
    )
    parts = (part.strip().removesuffix(";").strip() for part in code.split(";\n"))
    return [part for part in parts if part]


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
