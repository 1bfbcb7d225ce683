"""GraphiQL in a real headless Chromium: it loads with no internet, runs a query, shows the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.api.browser import CHROMIUM, FLAGS
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j


def test_graphiql_runs_a_query_in_chromium(seeded: Api, tmp_path: Path) -> None:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
        page.on(
            "request",
            lambda r: problems.append(f"external: {r.url}") if "127.0.0.1" not in r.url else None,
        )
        page.goto(f"{seeded.url}/graphql", wait_until="networkidle")
        page.click(".graphiql-execute-button")
        result = page.locator(".result-window")
        result.get_by_text("Kent Police").wait_for(timeout=20_000)
        shot = tmp_path / "graphiql.png"
        page.screenshot(path=str(shot))
        text = result.inner_text()
        browser.close()
    assert '"region": "South East"' in text
    assert '"gap"' in text
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
    assert problems == []
