"""Tokens: stored as digests, roles honoured, and no open API beyond loopback."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from api.app import create_app
from api.auth import Role, StoredToken, TokenStore, add_token, digest, is_loopback, load_token_store
from graph.config import load_settings
from graph.exceptions import ConfigError
from tests.api.conftest import EDITOR_TOKEN, READER_TOKEN, Api
from tests.api.test_cli import assert_one_line_error, diikg


def test_roles_come_from_matching_digests_only() -> None:
    store = TokenStore(
        [
            StoredToken("a", Role.READER, digest("diikg_r")),
            StoredToken("b", Role.EDITOR, digest("diikg_e")),
        ]
    )
    assert store.role_of("diikg_r") is Role.READER
    assert store.role_of("diikg_e") is Role.EDITOR
    assert store.role_of("diikg_x") is None
    assert store.role_of("") is None


def test_token_add_keeps_only_a_digest_in_an_owner_only_file(tmp_path: Path) -> None:
    settings = load_settings(tokens_file=tmp_path / "tokens.json")
    token = add_token(settings, "alice", Role.EDITOR)
    text = settings.tokens_file.read_text()
    assert token not in text
    assert digest(token) in text
    assert stat.S_IMODE(settings.tokens_file.stat().st_mode) == 0o600
    assert load_token_store(settings).role_of(token) is Role.EDITOR
    with pytest.raises(ConfigError, match="a token named 'alice' already exists"):
        add_token(settings, "alice", Role.READER)


def test_tokens_from_the_environment(tmp_path: Path) -> None:
    sha = digest("diikg_env")
    settings = load_settings(tokens_file=tmp_path / "none.json", tokens=f"reader:{sha}")
    assert load_token_store(settings).role_of("diikg_env") is Role.READER
    with pytest.raises(ConfigError, match="DIIKG_TOKENS entry 1 is not ROLE:SHA256"):
        load_token_store(load_settings(tokens_file=tmp_path / "none.json", tokens="admin:abc"))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.0.2.10", False),
    ],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_beyond_loopback_without_tokens_refuses_to_start(tmp_path: Path) -> None:
    settings = load_settings(api_host="0.0.0.0", tokens_file=tmp_path / "none.json")
    with pytest.raises(ConfigError, match=r"refusing to serve on 0\.0\.0\.0 without tokens"):
        create_app(settings)
    result = diikg("serve", "--host", "0.0.0.0", DIIKG_TOKENS_FILE=str(tmp_path / "none.json"))
    assert_one_line_error(result, "refusing to serve on 0.0.0.0 without tokens")


def test_token_add_command_prints_the_token_once(tmp_path: Path) -> None:
    result = diikg(
        "token", "add", "bob", "--role", "editor", DIIKG_TOKENS_FILE=str(tmp_path / "t.json")
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert token.startswith("diikg_")
    assert "it is not shown again" in result.stderr
    assert token not in (tmp_path / "t.json").read_text()


@pytest.mark.neo4j
def test_tokens_are_never_logged(seeded: Api) -> None:
    bogus = "diikg_not-a-real-token-0123456789abcdefghijklmnop"
    for token in (EDITOR_TOKEN, READER_TOKEN, bogus):
        seeded.post({"query": "{ forces { totalCount } }"}, token=token)
        seeded.post({"query": "mutation { registerPilot(input: {}) { id } }"}, token=token)
    seeded.post({"query": "{ nope }"}, headers={"Authorization": f"Basic {bogus}"})
    log = seeded.log.read_text()
    assert "POST /graphql" in log  # the access log is on, and still holds no token
    for secret in (EDITOR_TOKEN, READER_TOKEN, bogus, "Bearer"):
        assert secret not in log
