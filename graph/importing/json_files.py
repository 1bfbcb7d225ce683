"""Reading a JSON file to import, refusing one that is not JSON with the line and column."""

from __future__ import annotations

import json
from typing import Any

from graph.exceptions import ImportFileError
from graph.importing.files import ImportedFile

__all__ = ["read_json"]


def read_json(file: ImportedFile) -> Any:
    """The parsed content of ``file``.

    Raises
    ------
    ImportFileError
        It is not UTF-8 JSON; the message gives the line and column.
    """
    try:
        return json.loads(file.path.read_bytes())
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{file.path.name}: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{file.path.name}, line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{file.path.name}: JSON nested too deeply to read") from None
