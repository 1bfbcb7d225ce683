"""A query that outruns the transaction timeout comes back as TIMEOUT, not as a crash."""

from __future__ import annotations

import pytest

from api.errors import ErrorCode, from_domain
from graph.exceptions import QueryError
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.queries import Statement

pytestmark = pytest.mark.neo4j

SLOW = Statement(
    "test/slow-count",
    "UNWIND range(1, 2000000000) AS i WITH i WHERE i < 0 RETURN count(i) AS n",
)
"""Minutes of counting in constant memory, whatever the graph holds: only the timeout ends it."""


def test_transaction_timeout_maps_to_timeout(neo4j_server: LocalNeo4j) -> None:
    impatient = neo4j_server.settings.model_copy(update={"query_timeout": 0.2, "retry_time": 0})
    with Database.connect(impatient) as db, pytest.raises(QueryError) as caught:
        db.read(SLOW)
    api_error = from_domain(caught.value)
    assert api_error is not None, caught.value.code
    assert api_error.code is ErrorCode.TIMEOUT
    assert "took too long" in str(api_error)
