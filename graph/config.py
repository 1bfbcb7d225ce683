"""Settings of the DII Knowledge Graph, resolved in one place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.exceptions import ConfigError

__all__ = ["PROJECT_ROOT", "Settings", "load_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout this package runs from: home of ``.data/`` and ``neo4j-launcher/``."""

_SIZE = re.compile(r"^[1-9][0-9]*[mMgG]$")


class Settings(BaseSettings):
    """Every setting, with the environment variable that sets it.

    ``neo4j_uri`` unset means the project runs its own Neo4j on 127.0.0.1.
    """

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, frozen=True
    )

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")

    data_dir: Path = Field(default=PROJECT_ROOT / ".data", validation_alias="DIIKG_DATA_DIR")
    neo4j_port: int = Field(default=7687, ge=1, le=65535, validation_alias="DIIKG_NEO4J_PORT")
    neo4j_heap: str = Field(default="2g", validation_alias="DIIKG_NEO4J_HEAP")
    neo4j_pagecache_mb: int = Field(default=1024, ge=8, validation_alias="DIIKG_NEO4J_PAGECACHE_MB")
    neo4j_allow_file_urls: bool = Field(
        default=False, validation_alias="DIIKG_NEO4J_ALLOW_FILE_URLS"
    )
    """Let LOAD CSV read local files: only for the benchmarks' own servers."""
    neo4j_start_timeout: float = Field(
        default=180.0, gt=0, validation_alias="DIIKG_NEO4J_START_TIMEOUT"
    )

    api_host: str = Field(default="127.0.0.1", validation_alias="DIIKG_API_HOST")
    api_port: int = Field(default=8000, ge=1, le=65535, validation_alias="DIIKG_API_PORT")
    api_workers: int = Field(default=1, ge=1, le=64, validation_alias="DIIKG_API_WORKERS")
    tokens_file: Path = Field(
        default=PROJECT_ROOT / ".data" / "tokens.json", validation_alias="DIIKG_TOKENS_FILE"
    )
    tokens: SecretStr | None = Field(default=None, validation_alias="DIIKG_TOKENS")
    response_cache_mb: int = Field(default=64, ge=0, validation_alias="DIIKG_RESPONSE_CACHE_MB")
    """MiB of encoded answers each API worker keeps at the graph's version (0: no cache)."""
    max_page_size: int = Field(default=500, ge=1, le=10_000, validation_alias="DIIKG_MAX_PAGE_SIZE")
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="DIIKG_ALLOWED_HOSTS"
    )
    """Host names the API answers to besides loopback's (beyond loopback: only these, if any)."""
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="DIIKG_CORS_ORIGINS"
    )
    """Web origins whose pages may call the API (CORS); none by default."""
    query_budget: int = Field(default=1_000_000, ge=1, validation_alias="DIIKG_QUERY_BUDGET")
    """The highest cost (``api.cost``) a query may have; costlier ones are refused unrun."""
    heavy_cost: int = Field(default=50_000, ge=0, validation_alias="DIIKG_HEAVY_COST")
    """Queries costing more than this run in the heavy lane (``api.admission``)."""
    heavy_concurrency: int = Field(default=2, ge=1, validation_alias="DIIKG_HEAVY_CONCURRENCY")
    """How many heavy queries one API worker runs at once; the others wait their turn."""
    heavy_wait: float = Field(default=10.0, ge=0, validation_alias="DIIKG_HEAVY_WAIT")
    """Seconds a heavy query may wait for its turn before it is refused (RATE_LIMITED)."""
    client_concurrency: int = Field(default=8, ge=1, validation_alias="DIIKG_CLIENT_CONCURRENCY")
    """Requests one client (token, or address without one) may have in flight per worker."""
    max_concurrency: int = Field(default=64, ge=1, validation_alias="DIIKG_MAX_CONCURRENCY")
    """Requests one API worker has in flight at most; more are refused (RATE_LIMITED)."""
    request_timeout: float = Field(default=40.0, gt=0, validation_alias="DIIKG_REQUEST_TIMEOUT")
    """Seconds a whole GraphQL request may take, waiting included (TIMEOUT after)."""
    compiled_reads: bool = Field(default=True, validation_alias="DIIKG_COMPILED_READS")
    """Answer the reads ``api.compiler`` covers with one Cypher query (else: resolvers)."""
    max_response_mb: float = Field(default=32.0, gt=0, validation_alias="DIIKG_MAX_RESPONSE_MB")
    """The largest answer sent, encoded; larger ones are replaced by RESPONSE_TOO_LARGE."""

    connect_timeout: float = Field(default=5.0, gt=0, validation_alias="DIIKG_CONNECT_TIMEOUT")
    query_timeout: float = Field(default=30.0, gt=0, validation_alias="DIIKG_QUERY_TIMEOUT")
    retry_time: float = Field(default=5.0, ge=0, validation_alias="DIIKG_RETRY_TIME")

    @field_validator("allowed_hosts", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("neo4j_heap")
    @classmethod
    def _heap_size(cls, value: str) -> str:
        if not _SIZE.match(value):
            raise ValueError("must be a size such as 512m or 2g")
        return value.lower()

    @field_validator("neo4j_uri")
    @classmethod
    def _uri_scheme(cls, value: str | None) -> str | None:
        if not value:
            return None
        scheme = value.split("://", 1)[0]
        allowed = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
        if "://" not in value or scheme not in allowed:
            raise ValueError(f"must start with one of {', '.join(sorted(allowed))}://")
        return value

    @property
    def is_local(self) -> bool:
        """Whether the project runs its own Neo4j (``NEO4J_URI`` is unset)."""
        return self.neo4j_uri is None

    @property
    def neo4j_dir(self) -> Path:
        """Where the local Neo4j keeps its store, logs, PID and password."""
        return self.data_dir / "neo4j"


def load_settings(**overrides: Any) -> Settings:
    """Resolve the settings.

    Order, first found wins: ``overrides`` (command-line flags; ``None`` values are
    ignored), environment variables, a ``.env`` file in the working directory, then
    the defaults above.

    Raises
    ------
    ConfigError
        A value is malformed; the message names the variable.
    """
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        raise ConfigError(f"{where}: {first['msg']}") from exc
