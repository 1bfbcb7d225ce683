"""Reports as planners get them: the CLI writes them, Chromium renders the HTML with its figures."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.api.browser import CHROMIUM, FLAGS
from tests.api.conftest import Api
from tests.api.test_cli import diikg, server_env

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(seeded: Api, neo4j_server) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return server_env(neo4j_server)


def test_html_dependency_report_opens_with_findings_and_prints_readable_figures(
    env: dict[str, str], seeded: Api, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    result = diikg("report", "dependencies", "--out", str(target), **env)
    assert result.returncode == 0, result.stderr
    html = target.read_text()
    assert not re.search(r'(src|href)="https?://', html), "the report must open offline"
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 2000})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on(
            "request",
            lambda r: problems.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
        )
        page.goto(target.as_uri())
        meta = page.locator("p.meta").inner_text()
        findings = page.locator(".first-page ol.findings li").all_inner_texts()
        figures = page.locator("figure svg")
        sizes = [figures.nth(i).bounding_box() for i in range(figures.count())]
        paths = [figures.nth(i).locator("path").count() for i in range(figures.count())]
        heat_map_text = figures.nth(2).locator("text").all_text_contents()
        images = [figures.nth(i).locator("image").count() for i in range(figures.count())]
        dependencies = int(
            page.locator(".summary div", has_text="dependencies").first.locator("b").inner_text()
        )
        captions = page.locator("figcaption").all_inner_texts()
        tables = page.locator("table[data-table]").evaluate_all(
            "ts => ts.map(t => t.dataset.table)"
        )
        bottleneck_first = page.locator(
            "table[data-table=bottlenecks] tbody tr td"
        ).first.inner_text()
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        page.set_viewport_size({"width": 718, "height": 1000})  # A4's printable width
        page.emulate_media(media="print")
        smallest_printed = page.evaluate(
            """() => [...document.querySelectorAll('figure svg')].map(svg => {
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return Math.min(...[...svg.querySelectorAll('text')]
                   .map(t => parseFloat(t.style.fontSize) * scale));
               })"""
        )
        first_page_breaks = page.locator(".first-page").evaluate(
            "e => getComputedStyle(e).breakAfter"
        )
        browser.close()
    assert problems == []
    version = seeded.data("{ graphVersion }")["graphVersion"]
    assert f"from graph version {version:,} " in meta
    assert "diikg report dependencies --out" in meta
    assert 3 <= len(findings) <= 5
    assert any(f.startswith(f"{bottleneck_first} is the top bottleneck") for f in findings)
    assert len(sizes) == 4, "stage flow, dependency map, heat map, chain completeness"
    assert all(box is not None and box["width"] > 300 and box["height"] > 150 for box in sizes)
    assert paths[1] >= dependencies, "an arrow for every dependency"
    assert images[2] >= 1, "the heat map's cells are an image"
    territorial = seeded.data(
        "{ forces(first: 100, filter: {kind: TERRITORIAL}) { edges { node { name } } } }"
    )["forces"]["edges"]
    assert len(territorial) == 43
    assert {e["node"]["name"] for e in territorial} <= set(heat_map_text)
    assert min(smallest_printed) >= 7, f"figure text printed at {smallest_printed} px"
    assert first_page_breaks == "page", "findings are a page of their own in print"
    assert captions[0].startswith("How dependencies run between")
    assert tables[:4] == ["stage_links", "bottlenecks", "chain_completeness", "weakest_links"]
    assert bottleneck_first == "Digital evidence management (DEMS)"
    assert shot.stat().st_size > 100_000


def test_force_report_as_json_and_csv(env: dict[str, str], tmp_path: Path) -> None:
    as_json = tmp_path / "kent.json"
    assert (
        diikg(
            "report",
            "dependencies",
            "--force",
            "kent",
            "--format",
            "json",
            "--out",
            str(as_json),
            **env,
        ).returncode
        == 0
    )
    document = json.loads(as_json.read_text())
    assert document["title"] == "Dependency report: Kent Police"
    chains = document["tables"]["force_chains"]
    assert len(chains) == 23
    assert all(row["complete"] == (row["below_threshold"] == "") for row in chains)
    complete = sum(row["complete"] for row in chains)
    assert document["summary"]["chains complete"] == f"{complete} of 23"
    assert "capabilities" not in document["summary"], "no national headline in a force report"
    assert document["findings"][0].startswith(f"{complete} of Kent Police's 23 crime-type chains")
    assert "Kent Police's" in document["findings"][1], "its weakest link, not the nation's"
    assert not [f for f in document["findings"] if " forces" in f], "about Kent alone"
    assert {row["forces"] for row in document["tables"]["rollout_candidates"]} <= {1}
    html = tmp_path / "kent.html"
    assert (
        diikg("report", "dependencies", "--force", "kent", "--out", str(html), **env).returncode
        == 0
    )
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html.read_text())
    assert [c for c in captions if "Kent Police" in c] == captions[2:], captions
    folder = tmp_path / "kent-csv"
    assert (
        diikg(
            "report",
            "dependencies",
            "--force",
            "kent",
            "--format",
            "csv",
            "--out",
            str(folder),
            **env,
        ).returncode
        == 0
    )
    with (folder / "bottlenecks.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["capability"] == "Digital evidence management (DEMS)"


def test_unmet_needs_pilots_and_impact_reports(
    env: dict[str, str], seeded: Api, tmp_path: Path
) -> None:
    needs = tmp_path / "needs"
    assert (
        diikg(
            "report",
            "unmet-needs",
            "--format",
            "csv",
            "--out",
            str(needs),
            "--stage",
            "EVIDENCE",
            **env,
        ).returncode
        == 0
    )
    with (needs / "unmet_needs.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {row["stage"] for row in rows} == {"EVIDENCE"}
    assert {row["market"] for row in rows} <= {"PRODUCT", "SERVICE"}
    assert [float(r["score"]) for r in rows] == sorted(
        (float(r["score"]) for r in rows), reverse=True
    )
    dems = next(r for r in rows if r["capability_id"] == "digital-evidence-management")
    assert dems["supplier_ids"].split("; ") == [
        "illustrative-b-evidence-cloud",
        "illustrative-o-evidence-portal",
    ]
    with (needs / "organisational_gaps.csv").open() as handle:
        assert {row["market"] for row in csv.DictReader(handle)} <= {"POLICE_FUNCTION"}
    with (needs / "basis.csv").open() as handle:
        basis = {row["kind"]: row for row in csv.DictReader(handle)}
    assert basis["assessments"]["records"] == basis["assessments"]["illustrative"]
    version = seeded.data("{ graphVersion }")["graphVersion"]
    assert {row["graph_version"] for row in basis.values()} == {str(version)}
    assert int(basis["assessments"]["records"]) > 1000
    pilots = tmp_path / "pilots.md"
    assert diikg("report", "pilots", "--format", "md", "--out", str(pilots), **env).returncode == 0
    text = pilots.read_text()
    assert text.index("## Findings") < text.index("## Pilots compared")
    assert "## Roll-out candidates" in text
    grouped = tmp_path / "pilots.json"
    assert diikg("report", "pilots", "--out", str(grouped), **env).returncode == 0
    rollout = json.loads(grouped.read_text())["tables"]["rollout_candidates"]
    expected = seeded.data(
        "{ pilotComparison { rolloutCandidates { force { id } capability { id } } } }"
    )["pilotComparison"]["rolloutCandidates"]
    assert len({row["capability_id"] for row in rollout}) == len(rollout), "one row a capability"
    assert sorted(
        (row["capability_id"], force) for row in rollout for force in row["force_ids"].split("; ")
    ) == sorted((r["capability"]["id"], r["force"]["id"]) for r in expected)
    assert [row["forces"] for row in rollout] == sorted(
        (row["forces"] for row in rollout), reverse=True
    )
    impact = tmp_path / "impact.json"
    ran = diikg(
        "report",
        "impact",
        "--supplier",
        "illustrative-b-evidence-cloud",
        "--format",
        "json",
        "--out",
        str(impact),
        **env,
    )
    assert ran.returncode == 0, ran.stderr
    document = json.loads(impact.read_text())
    volumes = [row["annual_volume"] for row in document["tables"]["crime_types"]]
    assert volumes == sorted(volumes, reverse=True)
    assert document["summary"]["chains broken"] > 0
    assert document["findings"][0].startswith(
        "If supplier Illustrative Supplier B: Evidence Cloud is no longer available, "
        f"{document['summary']['capabilities lost']} capabilities are lost"
    )
    assert "are illustrative" in document["basis"]["summary"]
    assert "crime weighted by each crime type's best measure" in document["basis"]["summary"]


def test_impact_without_a_scenario_is_a_one_line_error(env: dict[str, str], tmp_path: Path) -> None:
    result = diikg("report", "impact", "--out", str(tmp_path / "x.html"), **env)
    assert result.returncode == 2
    assert "an impact report needs --capability" in result.stderr
    assert "Traceback" not in result.stderr


def test_tables_read_as_people_write_numbers_and_the_machine_formats_keep_them(
    env: dict[str, str], tmp_path: Path
) -> None:
    text = diikg("report", "pilots", "--format", "md", "--out", "-", **env).stdout
    cells = [
        c.strip() for line in text.splitlines() if line.startswith("| ") for c in line.split("|")
    ]
    assert not {"True", "False", "None"} & set(cells)
    assert not [c for c in cells if re.fullmatch(r"-?\d+\.\d{4,}", c)]
    improvements = [c for c in cells if "Cost per case: " in c]
    assert improvements
    assert all(re.search(r"Cost per case: \d+% (better|worse)", c) for c in improvements)
    assert re.search(r"\| [+-]\d+% \|", text)
    target = tmp_path / "pilots.json"
    assert diikg("report", "pilots", "--out", str(target), **env).returncode == 0
    pilots = json.loads(target.read_text())["tables"]["pilots"]
    assert {type(row["successful"]) for row in pilots} == {bool}
    assert any(isinstance(row["mean_improvement"], float) for row in pilots)
