"""A query that outruns the transaction timeout comes back as TIMEOUT, not as a crash."""

from __future__ import annotations

import pytest

from api.errors import ErrorCode, from_domain
from graph import reads
from graph.exceptions import QueryError
from graph.model.kinds import ASSESSMENTS
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j


def test_transaction_timeout_maps_to_timeout(neo4j_server: LocalNeo4j, seeded: Api) -> None:
    impatient = neo4j_server.settings.model_copy(update={"query_timeout": 0.001, "retry_time": 0})
    forces = ["kent", "essex", "surrey", "sussex", "metropolitan"]
    with Database.connect(impatient) as db, pytest.raises(QueryError) as caught:
        # The seed is loaded (the seeded fixture): every observation of five forces, 20,000
        # times over, is far more than a millisecond's work whatever ran before.
        reads.neighbours(db, ASSESSMENTS.outgoing, forces * 20_000)
    api_error = from_domain(caught.value)
    assert api_error is not None
    assert api_error.code is ErrorCode.TIMEOUT
    assert "took too long" in str(api_error)
