"""The one owner of the Neo4j driver: connection, managed transactions, error mapping."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
import neo4j.time
from neo4j import exceptions as neo4j_errors

from graph.config import Settings
from graph.exceptions import (
    ConfigError,
    DatabaseAuthError,
    DatabaseError,
    DatabaseUnavailableError,
    QueryError,
    StatementRefusedError,
)
from graph.store.local import LocalNeo4j
from graph.store.queries import Statement, named

__all__ = ["Database", "Query", "Transaction", "run"]

Transaction = neo4j.ManagedTransaction
"""What a transaction function receives; run named queries on it with :func:`run`."""

Query = Statement | str
"""A statement, or the name of a Cypher file under ``cypher/`` (``"admin/ping"``)."""

T = TypeVar("T")
Row = dict[str, Any]

log = logging.getLogger(__name__)


class Database:
    """One Neo4j database reached through one driver, shared by the whole process.

    Every statement runs in a managed transaction (``execute_read`` or
    ``execute_write``), so a transient failure is retried by the driver and the
    transaction functions given here must be idempotent. The one exception is
    :meth:`read_async`, for the API's event loop: a single read statement, which has
    nothing to commit or roll back, is sent as one auto-commit read and retried here.
    Driver errors come out as :class:`graph.exceptions.DatabaseError` subclasses.

    Examples
    --------
    >>> db = Database.connect(load_settings())  # doctest: +SKIP
    >>> db.read("admin/ping")  # doctest: +SKIP
    [{'ok': 1}]
    """

    def __init__(self, settings: Settings, *, uri: str, user: str, password: str) -> None:
        self.settings = settings
        self.uri = uri
        self.user = user
        self.queries_run = 0
        self._owns_driver = True
        config: dict[str, Any] = {
            "auth": (user, password),
            "connection_timeout": settings.connect_timeout,
            "connection_acquisition_timeout": settings.connect_timeout + settings.query_timeout,
            "max_transaction_retry_time": settings.retry_time,
            "notifications_min_severity": "OFF",
            "user_agent": "diikg",
        }
        with self._mapped_errors():
            self._driver = neo4j.GraphDatabase.driver(uri, **config)
        self._async = _AsyncDriver(lambda: neo4j.AsyncGraphDatabase.driver(uri, **config))

    @classmethod
    def connect(cls, settings: Settings) -> Database:
        """A database for ``settings``: the project's own Neo4j, or ``NEO4J_URI`` when set.

        Raises
        ------
        DatabaseUnavailableError
            ``NEO4J_URI`` is unset and the local Neo4j is not running.
        """
        if settings.neo4j_uri is not None:
            password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
            return cls(
                settings, uri=settings.neo4j_uri, user=settings.neo4j_user, password=password
            )
        local = LocalNeo4j(settings)
        local_password = local.read_password()
        if local_password is None or local.state() is None:
            raise DatabaseUnavailableError(
                "the local Neo4j is not running: start it with `diikg db start`",
                uri=local.bolt_uri,
            )
        return cls(settings, uri=local.bolt_uri, user="neo4j", password=local_password)

    def counted(self) -> Database:
        """The same database through the same driver, with a query count of its own.

        The API gives each request one, to report how many queries the request ran.
        Closing it leaves the shared driver open.
        """
        view = object.__new__(Database)
        view.__dict__.update(self.__dict__)
        view.queries_run = 0
        view._owns_driver = False
        return view

    def close(self) -> None:
        """Close the driver and every pooled connection (a ``counted`` view closes nothing).

        The connections of :meth:`read_async` belong to an event loop: close them there
        first, with :meth:`aclose`.
        """
        if self._owns_driver:
            self._driver.close()

    async def aclose(self) -> None:
        """Close the connections :meth:`read_async` opened (a ``counted`` view closes nothing)."""
        if self._owns_driver:
            await self._async.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def verify(self) -> None:
        """Check that Neo4j answers on the configured database with these credentials."""
        self.read("admin/ping")

    def read(self, statement: Query, /, **params: Any) -> list[Row]:
        """The rows of a read statement, run in a read transaction."""
        return self.execute_read(lambda tx: run(tx, statement, **params))

    def read_unconverted(self, statement: Query, /, **params: Any) -> list[Row]:
        """The rows of a read statement as the driver gives them: temporal values stay Neo4j's.

        For large nested answers whose reader converts only the values it uses
        (:func:`native`): converting every value costs as much as decoding it.
        """
        return self.execute_read(
            lambda tx: [
                dict(zip(record.keys(), record.values(), strict=True))
                for record in tx.run(_text(statement), params)
            ]
        )

    async def read_async(self, statement: Query, /, **params: Any) -> list[Row]:
        """The rows of one read statement as the driver gives them, read on the event loop.

        Sent as an auto-commit read (one round trip, where a managed transaction takes
        three), with the same timeout, and retried while the failure is transient and
        ``DIIKG_RETRY_TIME`` allows. Its connections are the running event loop's: the
        first call opens them, :meth:`aclose` closes them.
        """
        query = neo4j.Query(_text(statement), timeout=self.settings.query_timeout)
        deadline = time.monotonic() + self.settings.retry_time
        delay = _FIRST_RETRY_DELAY
        self.queries_run += 1
        with self._mapped_errors():
            while True:
                try:
                    async with self._async.get().session(
                        database=self.settings.neo4j_database,
                        default_access_mode=neo4j.READ_ACCESS,
                    ) as session:
                        result = await session.run(query, params)
                        keys = result.keys()
                        return [dict(zip(keys, record, strict=True)) async for record in result]
                except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                    if not exc.is_retryable() or time.monotonic() + delay > deadline:
                        raise
                    log.debug("retrying a read after a transient failure", exc_info=exc)
                await asyncio.sleep(delay)
                delay *= 2

    def write(self, statement: Query, /, **params: Any) -> list[Row]:
        """The rows of a write statement, run in a write transaction."""
        return self.execute_write(lambda tx: run(tx, statement, **params))

    def stream(self, statement: Query, /, consume: Callable[[Row], None], **params: Any) -> int:
        """Feed each row of a read statement to ``consume`` as it arrives; the row count.

        Rows are not collected first, so memory stays flat however many there are, and
        values are passed as the driver gives them (Neo4j temporal types stay as they
        are). A retried transaction feeds rows again: ``consume`` must be idempotent.
        """

        def work(tx: Transaction) -> int:
            count = 0
            result = tx.run(_text(statement), params)
            keys = result.keys()
            for record in result:
                consume(dict(zip(keys, record, strict=True)))
                count += 1
            return count

        return self.execute_read(work)

    def read_statement(self, statement: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Rows of a statement typed by a person (``diikg db query``), in a read transaction.

        Neo4j refuses any write inside a read transaction, so this cannot change data. The
        statement's plan is checked first: one that reads files or URLs (``LOAD CSV``) or
        calls a procedure other than the database's own introspection (``db.*``,
        ``dbms.components``) is refused before it runs.

        Raises
        ------
        StatementRefusedError
            The statement would reach files, the network or the server's configuration.
        """

        def work(tx: Transaction) -> list[Row]:
            # The statement is the person's own Cypher (db query runs it as typed); only its
            # plan is asked for here, so nothing of it runs.
            plan = tx.run(_EXPLAIN + statement, params or {}).consume().plan
            _refuse_reaching_out(plan or {})
            return tx.run(statement, params or {}).data()

        return self.execute_read(work)

    def execute_read(self, work: Callable[[Transaction], T]) -> T:
        """The result of ``work`` run in a managed read transaction."""
        return self._execute(work, write=False)

    def execute_write(self, work: Callable[[Transaction], T]) -> T:
        """The result of ``work`` run in a managed write transaction."""
        return self._execute(work, write=True)

    def _execute(self, work: Callable[[Transaction], T], *, write: bool) -> T:
        timed = neo4j.unit_of_work(timeout=self.settings.query_timeout)(work)
        with (
            self._mapped_errors(),
            self._driver.session(database=self.settings.neo4j_database) as session,
        ):
            self.queries_run += 1
            if write:
                return session.execute_write(timed)
            return session.execute_read(timed)

    @contextmanager
    def _mapped_errors(self) -> Iterator[None]:
        uri = getattr(self, "uri", None)
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise DatabaseAuthError(
                f"Neo4j at {uri} refused the password for user {self.user!r}", uri=uri
            ) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise DatabaseUnavailableError(f"Neo4j at {uri} cannot be reached", uri=uri) from exc
        except neo4j_errors.ConfigurationError as exc:
            raise ConfigError(f"Neo4j connection settings are invalid: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            log.debug("Neo4j refused a statement", exc_info=exc)
            message = (exc.message or str(exc)).splitlines()[0]
            raise QueryError(message, code=exc.code, uri=uri) from exc
        except neo4j_errors.DriverError as exc:
            raise DatabaseError(f"Neo4j driver error talking to {uri}: {exc}", uri=uri) from exc
        except OSError as exc:
            raise DatabaseUnavailableError(f"Neo4j at {uri} cannot be reached", uri=uri) from exc


_FIRST_RETRY_DELAY = 0.05
"""Seconds before :meth:`Database.read_async` first retries; doubled each time after."""


class _AsyncDriver:
    """The driver of :meth:`Database.read_async`, made on first use in the loop using it.

    Its connections belong to that event loop: used from another (a program that runs
    ``asyncio.run`` twice), it is made again for the new loop.
    """

    def __init__(self, make: Callable[[], neo4j.AsyncDriver]) -> None:
        self._make = make
        self._driver: neo4j.AsyncDriver | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def get(self) -> neo4j.AsyncDriver:
        """The driver for the running event loop, made now if it has none yet."""
        loop = asyncio.get_running_loop()
        if self._driver is None or self._loop is not loop:
            self._driver = self._make()
            self._loop = loop
        return self._driver

    async def close(self) -> None:
        """Close the driver's connections, if it was ever made."""
        if self._driver is not None:
            await self._driver.close()
            self._driver = None


def run(tx: Transaction, statement: Query, /, **params: Any) -> list[Row]:
    """The rows of a statement run inside a transaction function.

    Neo4j temporal values come back as Python ``datetime`` objects.
    """
    result = tx.run(_text(statement), params)
    keys = result.keys()
    return [dict(zip(keys, map(native, record), strict=True)) for record in result]


_EXPLAIN = "EXPLAIN "
"""Prefixed to a typed statement to get its plan without running it."""
_INTROSPECTION = ("db.", "dbms.components")
"""Procedures a person's statement may call: the database's own catalogue, nothing else."""


def _refuse_reaching_out(plan: dict[str, Any]) -> None:
    """Raise ``StatementRefusedError`` if a plan reads files or URLs or calls other procedures."""
    operator = str(plan.get("operatorType", "")).split("@")[0]
    if operator == "LoadCSV":
        raise StatementRefusedError(
            "LOAD CSV is refused here: it reads files or URLs (use diikg load or import)"
        )
    if operator == "ProcedureCall":
        procedure = str(plan.get("args", {}).get("Details", "")).split("(")[0].strip()
        if not procedure.startswith(_INTROSPECTION):
            raise StatementRefusedError(
                f"procedure {procedure} is refused: only db.* and dbms.components may be called"
            )
    for child in plan.get("children", []):
        _refuse_reaching_out(child)


def _text(statement: Query) -> str:
    return named(statement).text if isinstance(statement, str) else statement.text


def native(value: Any) -> Any:
    """``value`` with every Neo4j temporal value in it made a Python one (``datetime.date``)."""
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [native(item) for item in value]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    return value
