"""The lock files pin every package with hashes, and serving's holds no test tools."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from graph.config import PROJECT_ROOT

LOCKS = PROJECT_ROOT / "requirements"
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")


def _pins(name: str) -> dict[str, str]:
    text = (LOCKS / name).read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        found = _PIN.match(block)
        if found:
            assert "--hash=sha256:" in block, f"{name}: {found[1]} has no hash"
            pins[canonicalize_name(found[1])] = found[2]
    return pins


def _declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    dev = [Requirement(r) for r in project["optional-dependencies"]["dev"]]
    return runtime, dev


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    runtime, dev = _declared()
    runtime_pins, dev_pins = _pins("runtime.txt"), _pins("dev.txt")
    for requirement in runtime:
        name = canonicalize_name(requirement.name)
        assert requirement.specifier.contains(runtime_pins[name]), requirement
        assert dev_pins[name] == runtime_pins[name], name
    for requirement in dev:
        assert requirement.specifier.contains(dev_pins[canonicalize_name(requirement.name)])


def test_the_serving_lock_holds_no_test_or_lint_tools() -> None:
    _, dev = _declared()
    runtime_pins = _pins("runtime.txt")
    tools = {canonicalize_name(r.name) for r in dev}
    assert not tools & set(runtime_pins), tools & set(runtime_pins)
    assert {"pytest", "hypothesis", "playwright", "schemathesis", "mypy", "ruff"} <= tools


def test_this_environment_is_exactly_the_development_lock() -> None:
    dev_pins = _pins("dev.txt")
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if canonicalize_name(d.metadata["Name"]) not in {"diikg", "pip"}
    }
    assert installed == dev_pins
