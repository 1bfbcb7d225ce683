"""The real Neo4j loaded with the seed graph, for tests of the graph package."""

from __future__ import annotations

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset
from graph.loading.loader import load_dataset
from graph.store.constraints import apply_schema
from graph.store.database import Database


@pytest.fixture(scope="session")
def seed() -> Dataset:
    """The seed dataset, read once."""
    return read_dataset(PROJECT_ROOT / "seeds")


@pytest.fixture
def seeded_db(db: Database, seed: Dataset) -> Database:
    """The session's Neo4j holding the seed graph and nothing else."""
    apply_schema(db)
    load_dataset(db, seed)
    return db
