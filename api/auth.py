"""Bearer tokens with roles, stored as SHA-256 digests and compared in constant time.

Tokens come from a JSON file (``DIIKG_TOKENS_FILE``, written by ``diikg token add``)
and from ``DIIKG_TOKENS`` (``role:sha256hex`` pairs separated by commas). A token is
random (``diikg_`` and 43 URL-safe characters), so its plain SHA-256 is a safe digest.

Example
-------
>>> store = TokenStore([StoredToken("alice", Role.EDITOR, digest("diikg_secret"))])
>>> store.role_of("diikg_secret")
<Role.EDITOR: 'editor'>
>>> store.role_of("diikg_guess") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import secrets
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from graph.config import Settings
from graph.exceptions import ConfigError

__all__ = [
    "Role",
    "StoredToken",
    "TokenStore",
    "add_token",
    "digest",
    "is_loopback",
    "load_token_store",
]


class Role(StrEnum):
    """What a token may do: readers query, editors also mutate."""

    READER = "reader"
    EDITOR = "editor"


@dataclass(frozen=True)
class StoredToken:
    """A token as kept: who it is for, its role, and the SHA-256 of its value."""

    name: str
    role: Role
    sha256: str


class TokenStore:
    """The configured tokens; finds a presented token's role without revealing which failed."""

    def __init__(self, tokens: list[StoredToken]) -> None:
        self._tokens = tokens

    def __len__(self) -> int:
        return len(self._tokens)

    def role_of(self, token: str) -> Role | None:
        """The role of ``token``, or ``None`` if no stored digest matches.

        Every stored digest is compared, with ``hmac.compare_digest``, whatever the
        outcome, so the time taken says nothing about which digest came close.
        """
        presented = digest(token)
        found: Role | None = None
        for stored in self._tokens:
            if hmac.compare_digest(presented, stored.sha256):
                found = stored.role
        return found


def digest(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def load_token_store(settings: Settings) -> TokenStore:
    """Tokens from ``settings.tokens_file`` (if it exists) and ``DIIKG_TOKENS``.

    Raises
    ------
    ConfigError
        The file or the variable is malformed; the message says where.
    """
    tokens = _read_file(settings.tokens_file)
    if settings.tokens is not None:
        tokens += _parse_env(settings.tokens.get_secret_value())
    return TokenStore(tokens)


def add_token(settings: Settings, name: str, role: Role) -> str:
    """Create a token for ``name`` with ``role``, store its digest; the token (shown once)."""
    token = "diikg_" + secrets.token_urlsafe(32)
    tokens = _read_file(settings.tokens_file)
    if any(stored.name == name for stored in tokens):
        raise ConfigError(f"a token named {name!r} already exists in {settings.tokens_file}")
    tokens.append(StoredToken(name, role, digest(token)))
    settings.tokens_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(
        settings.tokens_file.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
    )
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([asdict(t) for t in tokens], handle, indent=1)
    os.replace(settings.tokens_file.with_suffix(".tmp"), settings.tokens_file)
    return token


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_file(path: Path) -> list[StoredToken]:
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [StoredToken(e["name"], Role(e["role"]), str(e["sha256"]).lower()) for e in entries]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a token file written by `diikg token add`") from exc


def _parse_env(value: str) -> list[StoredToken]:
    tokens: list[StoredToken] = []
    for index, pair in enumerate(part.strip() for part in value.split(",") if part.strip()):
        role, _, sha = pair.partition(":")
        if role not in {r.value for r in Role} or len(sha) != 64:
            raise ConfigError(
                f"DIIKG_TOKENS entry {index + 1} is not ROLE:SHA256 (role reader or editor, "
                "64 hex digits)"
            )
        tokens.append(StoredToken(f"env-{index + 1}", Role(role), sha.lower()))
    return tokens
