"""The DII Knowledge Graph: domain model, Neo4j access, loading and analyses.

Nothing outside this package talks to the Neo4j driver.
"""

from graph.config import Settings, load_settings
from graph.database import Database
from graph.exceptions import DiikgError
from graph.local import LocalNeo4j

__all__ = ["Database", "DiikgError", "LocalNeo4j", "Settings", "load_settings"]
