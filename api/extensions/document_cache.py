"""Parses and validates each distinct query text once per process."""

from __future__ import annotations

from collections.abc import Iterator

from cachetools import LRUCache
from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

__all__ = ["DocumentCache", "KnownDocuments"]


class KnownDocuments:
    """Query texts already parsed, and which of them passed validation, newest kept.

    Only successes are kept, so every error is produced afresh by the parser or the
    validation rules, with its usual message and code.
    """

    def __init__(self, capacity: int) -> None:
        self.parsed: LRUCache[str, DocumentNode] = LRUCache(maxsize=capacity)
        self.valid: LRUCache[str, bool] = LRUCache(maxsize=capacity)


class DocumentCache(SchemaExtension):
    """Reuses the parsed document, and skips validation, for a query text seen before.

    The schema and its validation rules (depth, alias and token limits included) are
    fixed for the life of the process, so a text that was valid once is valid again.
    Example: ``strawberry.Schema(query=Query, extensions=[lambda: DocumentCache(known)])``.
    """

    def __init__(self, known: KnownDocuments) -> None:
        self.known = known

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        text = context.query
        if text is not None and (document := self.known.parsed.get(text)) is not None:
            context.graphql_document = document
        yield
        if text is not None and context.graphql_document is not None:
            self.known.parsed[text] = context.graphql_document

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        text = context.query
        if text is not None and self.known.valid.get(text):
            context.pre_execution_errors = []
        yield
        if text is not None and context.pre_execution_errors == []:
            self.known.valid[text] = True
