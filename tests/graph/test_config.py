"""Settings resolve in the documented order: flags, environment, .env, defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT, load_settings
from graph.exceptions import ConfigError


def test_defaults_run_a_local_neo4j_on_7687() -> None:
    settings = load_settings()
    assert settings.is_local
    assert settings.neo4j_port == 7687
    assert settings.neo4j_dir == PROJECT_ROOT / ".data" / "neo4j"


def test_flag_beats_environment_beats_dotenv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("DIIKG_NEO4J_PORT=7001\nDIIKG_NEO4J_HEAP=3g\n")
    assert load_settings().neo4j_port == 7001
    monkeypatch.setenv("DIIKG_NEO4J_PORT", "7002")
    assert load_settings().neo4j_port == 7002
    assert load_settings(neo4j_port=7003).neo4j_port == 7003
    assert load_settings(neo4j_port=None).neo4j_port == 7002
    assert load_settings().neo4j_heap == "3g"


def test_neo4j_uri_switches_off_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-value")
    settings = load_settings()
    assert not settings.is_local
    assert "secret-value" not in repr(settings)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DIIKG_NEO4J_HEAP", "lots", "DIIKG_NEO4J_HEAP: .*512m or 2g"),
        ("DIIKG_NEO4J_PORT", "70000", "DIIKG_NEO4J_PORT"),
        ("NEO4J_URI", "http://localhost:7474", "NEO4J_URI: .*bolt"),
    ],
)
def test_malformed_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()
