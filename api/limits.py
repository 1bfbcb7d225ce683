"""The limits every request runs under, and the extensions that enforce them and code errors."""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from api.extensions.compiled_reads import CompiledReads
from api.extensions.document_cache import DocumentCache, KnownDocuments
from api.extensions.error_codes import ErrorCodes
from api.extensions.heavy_lane import HeavyLane
from api.extensions.query_cost import QueryCost
from api.extensions.query_stats import QueryStats
from api.extensions.response_cache import ResponseCache

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "limit_extensions"]

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 3000

_KNOWN_DOCUMENTS = KnownDocuments(capacity=1024)
"""Query texts this process has parsed and validated (the schema never changes while it runs)."""


def limit_extensions() -> list[type[SchemaExtension] | Callable[[], SchemaExtension]]:
    """The schema's extensions, in order: document cache, cost, limits, codes, stats,
    cache, the heavy lane (entered after the cache, so a cached answer needs no turn), and
    compiled reads (inside the lane, so that a heavy compiled read takes its turn).

    ``MAX_DEPTH`` counts levels of fields, the root field being level 1; graphql-core's
    depth limiter counts the root field as depth 0, so it is given one less.
    """
    return [
        lambda: DocumentCache(_KNOWN_DOCUMENTS),
        QueryCost,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH - 1),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        ErrorCodes,
        QueryStats,
        ResponseCache,
        HeavyLane,
        CompiledReads,
    ]
