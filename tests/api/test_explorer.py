"""The explorer at /explore, driven in Debian's Chromium as planners and tech firms use it.

Every view is opened from its shareable address; each must load with no console error, make
no request beyond 127.0.0.1, pass axe-core with no serious or critical violation, and fit an
A4 page when printed. Screenshots of each view are left in .data/explorer/.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from graph.config import PROJECT_ROOT
from tests.api.browser import CHROMIUM, FLAGS
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

AXE = PROJECT_ROOT / "tests/api/clients/node_modules/axe-core/axe.min.js"
SHOTS = PROJECT_ROOT / ".data/explorer"
A4_PIXELS = 718
"""The width of an A4 page inside 14 mm margins, in CSS pixels (210 mm - 28 mm at 96 dpi)."""


@dataclass
class Visit:
    """A page in the explorer and everything it did that a user should never see."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def open(self, api: Api, address: str) -> None:
        self.page.goto(f"{api.url}/explore/{address}", wait_until="networkidle")
        self.settled()

    def settled(self) -> None:
        self.page.wait_for_selector("main:not([aria-busy]) h1", timeout=30_000)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def visit(browser: Browser, seeded: Api) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    seen = Visit(page)
    page.on("console", lambda m: seen.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: seen.problems.append(f"failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "blob:http://127.0.0.1", "data:"))
            else seen.problems.append(f"external: {r.url}")
        ),
    )
    yield seen
    context.close()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, help: v.help, where: v.nodes.slice(0, 3).map(n => n.target)}))"
    )
    return [f"{v['id']}: {v['help']} at {v['where']}" for v in found]


def printed_width(page: Page) -> int:
    """How wide the page lays out for print on A4."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PIXELS, "height": 1000})
    page.wait_for_timeout(300)
    width: int = page.evaluate("document.documentElement.scrollWidth")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1400, "height": 900})
    return width


VIEWS = {
    "national": "?view=national",
    "force": "?view=force&force=kent&since=2025-06-01",
    "dependencies": "?view=dependencies&capability=communications-data",
    "needs": "?view=needs",
    "pilots": "?view=pilots",
}


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_loads_offline_accessibly_and_prints_on_a4(
    visit: Visit, seeded: Api, name: str
) -> None:
    visit.open(seeded, VIEWS[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{name}.png"
    visit.page.screenshot(path=str(shot), full_page=True)
    assert visit.page.locator(".badge.illustrative").count() > 0
    assert "Graph version" in visit.page.locator("#provenance").inner_text()
    assert serious_violations(visit.page) == []
    assert printed_width(visit.page) <= A4_PIXELS
    assert shot.stat().st_size > 30_000
    assert visit.problems == []


def test_the_national_map_shows_43_forces_and_kent_opens_kent(visit: Visit, seeded: Api) -> None:
    visit.open(seeded, "?view=national&measure=gap&on=stage:EVIDENCE")
    tiles = visit.page.locator(".tile-map a.tile")
    assert tiles.count() == 43
    kent = visit.page.locator('.tile-map a[data-force="kent"]')
    assert "Kent Police: mean gap" in (kent.get_attribute("aria-label") or "")
    kent.click()
    visit.settled()
    assert "view=force" in visit.page.url
    assert "force=kent" in visit.page.url
    assert visit.page.locator("h1").inner_text() == "Kent Police"
    findings = visit.page.locator("#findings li").all_inner_texts()
    assert 3 <= len(findings) <= 5
    weakest = seeded.data(
        '{ dependencyReport(forceId: "kent") { weakestLinks { capability { name } chains } } }'
    )["dependencyReport"]["weakestLinks"][0]
    assert any(
        f"{weakest['capability']['name']} is the weakest link in {weakest['chains']} of Kent Police's"
        in line
        for line in findings
    )
    since = visit.page.locator("#choose-since").input_value()
    said = seeded.data(
        'query($since: Date) { dependencyReport(forceId: "kent", since: $since) { findings } }',
        {"since": since},
    )["dependencyReport"]["findings"]
    assert findings == said, "the same findings as the report, from one source"
    visit.page.go_back()
    visit.settled()
    assert visit.page.locator(".tile-map a.tile").count() == 43
    assert visit.problems == []


def test_choosing_communications_data_shows_what_breaks(visit: Visit, seeded: Api) -> None:
    visit.open(seeded, "?view=dependencies")
    assert visit.page.locator("#what-if").count() == 0
    visit.page.select_option("#choose-capability", "communications-data")
    visit.settled()
    visit.page.locator("#what-if").wait_for()
    assert "capability=communications-data" in visit.page.url
    impact = seeded.data(
        '{ impact(capabilityId: "communications-data") { chainsBroken capabilitiesLost { id } forces { force { id } } } }'
    )["impact"]
    panel = visit.page.locator("#what-if").inner_text()
    assert "Communications data is no longer available" in panel
    facts = dict(
        zip(
            visit.page.locator("#what-if dt").all_inner_texts(),
            visit.page.locator("#what-if dd").all_inner_texts(),
            strict=True,
        )
    )
    assert facts["Chains broken"] == f"{impact['chainsBroken']:,}"
    assert facts["Capabilities lost"] == str(len(impact["capabilitiesLost"]))
    assert facts["Forces affected"] == str(len(impact["forces"]))
    assert visit.problems == []


def test_the_unmet_needs_csv_is_the_graphql_answer(
    visit: Visit, seeded: Api, tmp_path: Path
) -> None:
    visit.open(seeded, "?view=needs")
    visit.page.select_option("#choose-stage", "EVIDENCE")
    visit.settled()
    visit.page.select_option("#choose-region", "South East")
    visit.settled()
    assert "stage=EVIDENCE" in visit.page.url
    assert "region=South+East" in visit.page.url
    with visit.page.expect_download() as download:
        visit.page.click("#download-csv")
    target = tmp_path / "needs.csv"
    download.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    needs = seeded.data(
        """{ unmetNeeds(filter: {stage: EVIDENCE, region: "South East"}, first: 100) {
          capability { id stage } score totalGap supplierCount explanation suppliers { name } } }"""
    )["unmetNeeds"]
    assert needs, "the seed has unmet needs in evidence in the South East"
    assert [r["capability_id"] for r in rows] == [n["capability"]["id"] for n in needs]
    assert {r["stage"] for r in rows} == {"EVIDENCE"}
    for row, need in zip(rows, needs, strict=True):
        assert float(row["score"]) == need["score"]
        assert int(row["total_gap"]) == need["totalGap"]
        assert int(row["supplier_count"]) == need["supplierCount"]
        assert row["explanation"] == need["explanation"]
        assert row["suppliers"] == "; ".join(s["name"] for s in need["suppliers"])
    assert visit.problems == []


def test_pilots_group_roll_out_candidates_by_capability(visit: Visit, seeded: Api) -> None:
    visit.open(seeded, "?view=pilots")
    comparison = seeded.data(
        "{ pilotComparison { pilots { pilot { id } } rolloutCandidates { capability { name } } } }"
    )["pilotComparison"]
    groups = visit.page.locator("#rollout details summary").all_inner_texts()
    names = {r["capability"]["name"] for r in comparison["rolloutCandidates"]}
    assert len(groups) == len(names)
    assert {g.partition(":")[0] for g in groups} == names
    assert visit.page.locator("#pilot-table tbody tr").count() == len(comparison["pilots"])
    assert visit.problems == []
