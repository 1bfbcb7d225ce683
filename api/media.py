"""The media types GraphQL answers are sent as, and the status each answer gets.

``application/graphql-response+json`` (the GraphQL-over-HTTP spec's own) is sent when
the client accepts it at least as well as ``application/json``; an answer to a request
that never ran (it did not parse, validate, fit its variables' types or its budget)
then has no ``data`` and status 400. With ``application/json`` (also the choice when
the client sends no ``Accept``) every GraphQL answer is status 200, as clients written
before the spec expect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from api.errors import ErrorCode

__all__ = ["GRAPHQL_RESPONSE", "JSON", "negotiate", "request_error"]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

_REQUEST_ERRORS = frozenset(
    {
        ErrorCode.GRAPHQL_PARSE_FAILED.value,
        ErrorCode.GRAPHQL_VALIDATION_FAILED.value,
        ErrorCode.QUERY_TOO_COMPLEX.value,
    }
)


def negotiate(accept: str | None) -> str | None:
    """The media type to answer an ``Accept`` header with, or ``None`` if it takes neither.

    >>> negotiate("application/graphql-response+json, application/json;q=0.9")
    'application/graphql-response+json'
    >>> negotiate(None), negotiate("*/*"), negotiate("text/html")
    ('application/json', 'application/json', None)
    """
    if accept is None or not accept.strip():
        return JSON
    quality = {GRAPHQL_RESPONSE: 0.0, JSON: 0.0}
    for item in accept.split(","):
        media, *params = (part.strip().lower() for part in item.split(";"))
        q = _quality(params)
        if media in quality:
            quality[media] = max(quality[media], q)
        elif media in {"*/*", "application/*"}:
            quality[JSON] = max(quality[JSON], q)
    best = max(quality.values())
    if best <= 0:
        return None
    return GRAPHQL_RESPONSE if quality[GRAPHQL_RESPONSE] == best else JSON


def request_error(response: Mapping[str, Any]) -> bool:
    """Whether an answer is to a request that never executed: no data, only request errors."""
    errors: Sequence[Mapping[str, Any]] = response.get("errors") or ()
    if response.get("data") is not None or not errors:
        return False
    return all(_is_request_error(error.get("extensions") or {}) for error in errors)


def _is_request_error(extensions: Mapping[str, Any]) -> bool:
    code = extensions.get("code")
    return code in _REQUEST_ERRORS or (
        code == ErrorCode.BAD_USER_INPUT.value and "variable" in extensions
    )


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0
