"""Errors raised by the DII Knowledge Graph.

Every error a user can meet is a ``DiikgError``; its message is one line that says
what is wrong and what to do. The tree::

    DiikgError
    ├── ConfigError                 settings that cannot work together or are malformed
    ├── DatasetError                a data file to load is malformed (lists every issue)
    ├── ImportFileError             a file to import is missing or not of its publisher's shape
    ├── NotFoundError               a record an edit or an analysis names does not exist
    ├── InvalidEditError            an edit would leave the graph inconsistent
    ├── InvalidArgumentError        an argument is out of range or contradicts another
    ├── QueryNotFoundError          a named Cypher file that does not exist
    ├── LocalNeo4jError             the project's own Neo4j could not be run
    │   ├── JavaNotFoundError       no Java 17 or newer to run it with
    │   ├── LauncherBuildError      Maven could not build the launcher
    │   ├── PortInUseError          the Bolt port is taken by another process
    │   └── Neo4jStartError         Neo4j started but did not become ready
    └── DatabaseError               talking to Neo4j failed
        ├── DatabaseUnavailableError  Neo4j cannot be reached (retryable)
        ├── DatabaseAuthError       Neo4j refused the credentials
        └── QueryError              Neo4j refused a statement
            └── StatementRefusedError  a typed statement would reach files, URLs or config

``is_retryable()`` tells a caller whether trying the same thing again may succeed.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ConfigError",
    "DatabaseAuthError",
    "DatabaseError",
    "DatabaseUnavailableError",
    "DatasetError",
    "DiikgError",
    "ImportFileError",
    "InvalidArgumentError",
    "InvalidEditError",
    "JavaNotFoundError",
    "LauncherBuildError",
    "LocalNeo4jError",
    "Neo4jStartError",
    "NotFoundError",
    "PortInUseError",
    "QueryError",
    "QueryNotFoundError",
    "StatementRefusedError",
]


class DiikgError(Exception):
    """Base of every error the DII Knowledge Graph raises on purpose."""

    def is_retryable(self) -> bool:
        """Whether the same call may succeed if tried again later."""
        return False


class ConfigError(DiikgError):
    """A setting is malformed or settings contradict each other."""


class DatasetError(DiikgError):
    """A dataset to load is malformed; ``issues`` names each problem's file, row and field."""

    def __init__(self, message: str, *, issues: Sequence[object]) -> None:
        super().__init__(message)
        self.issues = list(issues)


class ImportFileError(DiikgError):
    """A file to import is missing or not of the shape its publisher uses.

    The message names the file, and where it can, the sheet, the row and the column
    that was expected.
    """


class NotFoundError(DiikgError):
    """A record that an edit or an analysis names does not exist; ``kind`` and ``id`` say which."""

    def __init__(self, message: str, *, kind: str, id: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.id = id


class InvalidEditError(DiikgError):
    """An edit would leave the graph inconsistent; ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidArgumentError(DiikgError):
    """An argument is out of range or contradicts another; ``argument`` names it if known."""

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument


class QueryNotFoundError(DiikgError, KeyError):
    """No Cypher file of that name exists under ``cypher/``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no Cypher query named {name!r} under cypher/")
        self.name = name

    def __str__(self) -> str:
        return str(self.args[0])


class LocalNeo4jError(DiikgError):
    """The project's own Neo4j could not be built, started or stopped."""


class JavaNotFoundError(LocalNeo4jError):
    """No Java 17 or newer is available to run Neo4j."""


class LauncherBuildError(LocalNeo4jError):
    """Maven could not build the Neo4j launcher."""


class PortInUseError(LocalNeo4jError):
    """The Bolt port is already taken by another process."""

    def __init__(self, message: str, *, port: int) -> None:
        super().__init__(message)
        self.port = port


class Neo4jStartError(LocalNeo4jError):
    """Neo4j was launched but did not become ready."""

    def __init__(self, message: str, *, log_path: str, log_tail: list[str]) -> None:
        super().__init__(message)
        self.log_path = log_path
        self.log_tail = log_tail


class DatabaseError(DiikgError):
    """Talking to Neo4j failed."""

    def __init__(self, message: str, *, uri: str | None = None) -> None:
        super().__init__(message)
        self.uri = uri


class DatabaseUnavailableError(DatabaseError):
    """Neo4j cannot be reached now; it may be back later."""

    def is_retryable(self) -> bool:
        return True


class DatabaseAuthError(DatabaseError):
    """Neo4j refused the user name or password."""


class QueryError(DatabaseError):
    """Neo4j refused a statement (syntax, access mode, constraint)."""

    def __init__(self, message: str, *, code: str | None = None, uri: str | None = None) -> None:
        super().__init__(message, uri=uri)
        self.code = code


class StatementRefusedError(QueryError):
    """A statement typed by a person would read files or URLs or call a refused procedure."""
