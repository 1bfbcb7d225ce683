"""What `db status` knows: version, store size and counts that follow the data."""

from __future__ import annotations

import pytest

from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.status import database_status


@pytest.mark.neo4j
def test_status_counts_nodes_and_relationships_by_kind(
    db: Database, neo4j_server: LocalNeo4j
) -> None:
    db.execute_write(
        lambda tx: tx.run(
            "CREATE (f:Force {id: 'kent'})-[:HAS_CAPABILITY]->(:Capability {id: 'osint'}), "
            "(f)-[:HAS_CAPABILITY]->(:Capability {id: 'comms-data'})"
        ).consume()
    )
    status = database_status(db, neo4j_server.settings)
    assert status.version.startswith("5.26.")
    assert status.edition == "community"
    assert status.local
    assert status.store_bytes is not None
    assert status.store_bytes > 0
    assert status.nodes["Force"] == 1
    assert status.nodes["Capability"] == 2
    assert status.relationships == {"HAS_CAPABILITY": 2}
    assert status.node_count == 3
    assert status.relationship_count == 2
