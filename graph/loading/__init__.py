"""Writing datasets into Neo4j: the rows each kind becomes, batched idempotent merges, pruning."""

from graph.loading.loader import (
    DEFAULT_BATCH_SIZE,
    LoadReport,
    Progress,
    is_empty,
    load_dataset,
    load_if_empty,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "LoadReport",
    "Progress",
    "is_empty",
    "load_dataset",
    "load_if_empty",
]
