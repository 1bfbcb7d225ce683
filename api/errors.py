"""Errors the API returns, each with an ``extensions.code`` a client can act on."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from graph.dataset.files import validation_issues
from graph.exceptions import (
    DatabaseUnavailableError,
    DiikgError,
    InvalidArgumentError,
    InvalidEditError,
    NotFoundError,
    QueryError,
)

__all__ = ["ApiError", "ErrorCode", "from_domain", "from_validation"]


class ErrorCode(StrEnum):
    """The codes in ``extensions.code``."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
    TIMEOUT = "TIMEOUT"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    RATE_LIMITED = "RATE_LIMITED"
    RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class ApiError(Exception):
    """An error meant for the client: a code and a message that says what to change.

    Example
    -------
    >>> raise ApiError(ErrorCode.NOT_FOUND, "unknown force 'atlantis'")
    Traceback (most recent call last):
    api.errors.ApiError: unknown force 'atlantis'
    """

    def __init__(self, code: ErrorCode, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extensions = {"code": code.value, **extensions}


_TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    # A transaction stopped while it waited for a lock: here, only the timeout stops one.
    "Neo.TransientError.Transaction.LockClientStopped",
}


def from_domain(exc: DiikgError) -> ApiError | None:
    """The client-facing error for a domain error, or ``None`` if it must be masked.

    This is the one place domain errors become GraphQL error codes.
    """
    if isinstance(exc, DatabaseUnavailableError):
        return ApiError(
            ErrorCode.DATABASE_UNAVAILABLE, "the database is unavailable; try again shortly"
        )
    if isinstance(exc, NotFoundError):
        return ApiError(ErrorCode.NOT_FOUND, str(exc), kind=exc.kind, id=exc.id)
    if isinstance(exc, InvalidEditError):
        return ApiError(ErrorCode.BAD_USER_INPUT, str(exc), field=exc.field)
    if isinstance(exc, InvalidArgumentError):
        extensions = {"argument": exc.argument} if exc.argument else {}
        return ApiError(ErrorCode.BAD_USER_INPUT, str(exc), **extensions)
    if isinstance(exc, QueryError) and exc.code in _TIMEOUT_CODES:
        return ApiError(ErrorCode.TIMEOUT, "the query took too long; ask for fewer results")
    return None


def from_validation(exc: ValidationError, *, argument: str) -> ApiError:
    """A ``BAD_USER_INPUT`` error naming each invalid field, with the loader's messages."""
    issues = list(validation_issues(argument, exc))
    message = "; ".join(
        f"{issue.field}: {issue.message}" if issue.field else issue.message for issue in issues
    )
    return ApiError(
        ErrorCode.BAD_USER_INPUT,
        message,
        argument=argument,
        fields=[issue.field for issue in issues if issue.field],
    )
