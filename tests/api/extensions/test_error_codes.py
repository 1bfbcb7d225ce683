"""Unexpected errors are masked and logged; client errors keep their code and message."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest
import strawberry

from api.errors import ApiError, ErrorCode
from api.extensions.error_codes import ErrorCodes
from graph.exceptions import DatabaseUnavailableError


@dataclass
class _Context:
    request_id: str = "req-1"


@strawberry.type
class _Query:
    @strawberry.field
    def broken(self) -> int:
        raise RuntimeError("MATCH (n) RETURN n -- internal detail")

    @strawberry.field
    def refused(self) -> int:
        raise ApiError(ErrorCode.NOT_FOUND, "unknown force 'atlantis'", id="atlantis")

    @strawberry.field
    def offline(self) -> int:
        raise DatabaseUnavailableError("Neo4j at bolt://127.0.0.1:1 cannot be reached")


schema = strawberry.Schema(query=_Query, extensions=[ErrorCodes])


def test_unexpected_error_is_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="diikg.api"):
        result = schema.execute_sync("{ broken }", context_value=_Context())
    assert result.errors is not None
    error = result.errors[0]
    assert error.message == "Unexpected error; quote the request id when reporting it"
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-1"}
    assert "MATCH" not in str(error.formatted)
    assert "req-1" in caplog.text
    assert "MATCH (n) RETURN n" in caplog.text


def test_api_error_keeps_its_code_and_details() -> None:
    result = schema.execute_sync("{ refused }", context_value=_Context())
    assert result.errors is not None
    assert result.errors[0].message == "unknown force 'atlantis'"
    assert result.errors[0].extensions == {"code": "NOT_FOUND", "id": "atlantis"}


def test_database_outage_is_reported_without_its_address() -> None:
    result = schema.execute_sync("{ offline }", context_value=_Context())
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "DATABASE_UNAVAILABLE"}
    assert "bolt://" not in result.errors[0].message
