"""Web pages and rebound DNS names cannot read the API: Host, Origin, CSP, real Chromium."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

from tests.api.browser import CHROMIUM, FLAGS
from tests.api.conftest import Api
from tests.conftest import free_port

pytestmark = pytest.mark.neo4j

QUERY = {"query": '{ force(id: "kent") { name } }'}


def test_a_foreign_host_name_is_refused(seeded: Api) -> None:
    # What a DNS rebinding attack sends: the attacker's name, resolved to 127.0.0.1.
    refused = seeded.post(QUERY, headers={"Host": "evil.example"})
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/json")
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "'evil.example'" in error["message"]
    port = seeded.url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert seeded.post(QUERY, headers={"Host": host}).json()["data"]["force"]["name"]


def test_a_foreign_origin_is_refused_and_the_same_origin_served(seeded: Api) -> None:
    foreign = seeded.post(QUERY, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert foreign.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "access-control-allow-origin" not in foreign.headers
    same = seeded.post(QUERY, headers={"Origin": seeded.url})
    assert same.json()["data"]["force"]["name"] == "Kent Police"


def test_graphiql_may_run_only_its_own_scripts_and_never_in_a_frame(seeded: Api) -> None:
    page = httpx.get(f"{seeded.url}/graphql", headers={"Accept": "text/html"})
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert "<script>" not in page.text


@pytest.fixture
def attacker_site(tmp_path: Path) -> Iterator[str]:
    """A web page of another origin (another port of 127.0.0.1) that tries to read the API."""
    (tmp_path / "attack.html").write_text("<!doctype html><title>attack</title>")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/attack.html"
    server.shutdown()


def test_a_page_on_another_origin_reads_nothing_in_chromium(
    seeded: Api, attacker_site: str
) -> None:
    script = """async ([url, body]) => {
        const tries = [
          {headers: {'content-type': 'application/json'}},
          {headers: {'content-type': 'text/plain'}},
          {mode: 'no-cors', headers: {'content-type': 'text/plain'}},
        ];
        const seen = [];
        for (const extra of tries) {
          try {
            const r = await fetch(url, {method: 'POST', body, ...extra});
            seen.push(r.type + ':' + r.status + ':' + (await r.text()));
          } catch (e) { seen.push('blocked'); }
        }
        return seen;
    }"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(attacker_site)
        seen = page.evaluate(script, [f"{seeded.url}/graphql", json.dumps(QUERY)])
        browser.close()
    assert len(seen) == 3
    assert not any("Kent Police" in answer for answer in seen), seen
