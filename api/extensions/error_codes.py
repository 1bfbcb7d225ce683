"""Gives every error a code, and masks the unexpected ones."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.errors import ApiError, ErrorCode, from_domain
from graph.exceptions import DiikgError

__all__ = ["ErrorCodes"]

log = logging.getLogger("diikg.api")

_VARIABLE = re.compile(r"^Variable '\$(\w+)'")


class ErrorCodes(SchemaExtension):
    """Sets ``extensions.code`` on every error; hides unexpected ones behind a request id.

    ``ApiError`` keeps its message and code; a variable whose value does not fit its
    type, or a string that is not valid Unicode, gets ``BAD_USER_INPUT``; parse and
    validation errors get ``GRAPHQL_PARSE_FAILED`` or ``GRAPHQL_VALIDATION_FAILED``;
    anything else is
    logged with its stack trace and returned as ``Unexpected error`` with
    ``INTERNAL_SERVER_ERROR`` and the request id to quote.

    Example
    -------
    ``strawberry.Schema(query=Query, extensions=[ErrorCodes])``
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._coded(error) for error in errors]

    def _coded(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, DiikgError):
            original = from_domain(original) or original
        if isinstance(original, ApiError):
            return _with(error, str(original), original.extensions)
        if isinstance(original, GraphQLError) and error.path is None:
            # A variable's value could not be coerced to its type: the client's to fix.
            named = _VARIABLE.match(error.message)
            extensions: dict[str, object] = {"code": ErrorCode.BAD_USER_INPUT.value}
            if named:
                extensions["variable"] = named[1]
            return _with(error, error.message, extensions)
        if isinstance(original, UnicodeError):
            return _with(
                error,
                "a string argument is not valid Unicode (it holds an unpaired surrogate)",
                {"code": ErrorCode.BAD_USER_INPUT.value},
            )
        if original is None and (error.extensions or {}).get("code"):
            return error
        if original is None:
            parse = error.message.startswith("Syntax Error")
            code = ErrorCode.GRAPHQL_PARSE_FAILED if parse else ErrorCode.GRAPHQL_VALIDATION_FAILED
            return _with(error, error.message, {"code": code.value})
        request_id = getattr(self.execution_context.context, "request_id", None)
        log.error("unexpected error in request %s at %s", request_id, error.path, exc_info=original)
        return _with(
            error,
            "Unexpected error; quote the request id when reporting it",
            {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "requestId": request_id},
        )


def _with(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )
