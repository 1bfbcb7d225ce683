"""How long importing a published-size file takes: ``python -m bench.imports``.

Generates files of the size the publishers release (the police force area table for ten
financial years by quarter, a workforce table, a year of Contracts Finder notices) in
their formats, then times ``diikg import`` on each against the seed graph in a Neo4j of
its own, as a user runs it: a dry run, the import, and the import again (nothing to do).
"""

from __future__ import annotations

import json
import random
import time
import zipfile
from pathlib import Path
from typing import Annotated, Any
from xml.sax.saxutils import escape

import typer
from rich.console import Console
from rich.table import Table

from bench.servers import BenchNeo4j, running_neo4j
from graph.config import PROJECT_ROOT
from graph.importing.mappings import NATIONAL, TOTAL, Mappings

WORK = PROJECT_ROOT / ".data" / "bench-imports"
out = Console()

FORCE_NAMES = sorted(
    {row.name for row in Mappings().force_names.values() if row.force not in (TOTAL, NATIONAL)}
)[:44]
"""44 police force area names as the tables give them (the 43 and British Transport Police)."""


def prc_rows(years: int, codes: int, rng: random.Random) -> list[list[Any]]:
    """Rows of the police force area table: every force, code and quarter of ``years`` years."""
    mapped = list(Mappings().offence_codes.values())
    offences = [(m.offence_code, m.offence_description) for m in mapped]
    offences += [
        (f"{100 + i}{chr(65 + i % 26)}", f"Offence {i}") for i in range(codes - len(offences))
    ]
    rows: list[list[Any]] = []
    for year in range(2025 - years, 2025):
        label = f"{year}/{(year + 1) % 100:02d}"
        for force in [*FORCE_NAMES, "Action Fraud"]:
            for code, description in offences:
                for quarter in (1, 2, 3, 4):
                    count: Any = rng.randint(0, 400) if rng.random() > 0.002 else ".."
                    rows.append(
                        [label, quarter, force, description, "Group", "Subgroup", code, count]
                    )
    return rows


def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A minimal OpenDocument spreadsheet, written directly (fast enough for 400,000 rows)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
    ]
    for name, rows in sheets.items():
        parts.append(f'<table:table table:name="{escape(name)}">')
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, int | float):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    cells.append(
                        '<table:table-cell office:value-type="string">'
                        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                    )
            parts.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", "".join(parts), zipfile.ZIP_DEFLATED)
    return path


def workforce_rows(years: int) -> list[list[Any]]:
    """Rows of the workforce table: every force and year, by sex, rank and worker type."""
    header = ["As at 31 March", "Force Name", "Region", "Sex", "Rank description", "Worker type"]
    rows: list[list[Any]] = [[*header, "Total (FTE)"]]
    ranks = ["Constable", "Sergeant", "Inspector", "Chief Inspector", "Superintendent"]
    for year in range(2025 - years, 2025):
        for force in FORCE_NAMES:
            for sex in ("Female", "Male"):
                for rank in ranks:
                    rows.append([year, force, "Region", sex, rank, "Police officer", 300.5])
                for worker in ("Police staff", "PCSO", "Special constable"):
                    rows.append([year, force, "Region", sex, "", worker, 120.25])
    return rows


def ocds_package(releases: int, rng: random.Random) -> dict[str, Any]:
    """A release package of ``releases`` notices, about 3% bought by policing bodies."""
    buyers = [b.name for b in Mappings().buyers.values() if b.ids]
    titles = [
        "Digital evidence management system",
        "Mobile phone extraction licences",
        "Body worn video cameras",
        "Office furniture",
        "Grounds maintenance",
    ]
    found = []
    for index in range(releases):
        policing = rng.random() < 0.03
        buyer = rng.choice(buyers) if policing else f"Council {index % 400}"
        supplier = f"Supplier {rng.randint(1, 2000)} Ltd"
        ocid = f"ocds-b5fd17-{index:08d}"
        found.append(
            {
                "ocid": ocid,
                "id": f"{ocid}-award",
                "date": f"2024-{1 + index % 12:02d}-15T09:00:00Z",
                "tag": ["award"],
                "buyer": {"id": f"B{index}", "name": buyer},
                "parties": [
                    {
                        "id": f"S{index}",
                        "name": supplier,
                        "roles": ["supplier"],
                        "identifier": {"scheme": "GB-COH", "id": f"{rng.randint(1, 2000):08d}"},
                    }
                ],
                "tender": {
                    "title": rng.choice(titles),
                    "classification": {"scheme": "CPV", "id": "48000000"},
                },
                "awards": [
                    {
                        "id": "1",
                        "status": "active",
                        "date": "2024-03-01T00:00:00Z",
                        "value": {"amount": rng.randint(1000, 2_000_000), "currency": "GBP"},
                        "suppliers": [{"id": f"S{index}", "name": supplier}],
                    }
                ],
            }
        )
    return {
        "uri": "https://www.contractsfinder.service.gov.uk/",
        "publishedDate": "2025-01-01T00:00:00Z",
        "releases": found,
    }


def main(
    years: Annotated[int, typer.Option(help="Financial years in the crime table.")] = 10,
    codes: Annotated[int, typer.Option(help="Offence codes per force and quarter.")] = 200,
    releases: Annotated[int, typer.Option(help="Notices in the contracts package.")] = 20_000,
) -> None:
    """Generate published-size files and time ``diikg import`` on each."""
    WORK.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    began = time.perf_counter()
    rows = prc_rows(years, codes, rng)
    header = [
        "Financial Year",
        "Financial Quarter",
        "Force Name",
        "Offence Description",
        "Offence Group",
        "Offence Subgroup",
        "Offence Code",
        "Number of Offences",
    ]
    files = {
        "police-recorded-crime": write_ods(WORK / "prc-pfa.ods", {"Data": [header, *rows]}),
        "workforce": write_ods(WORK / "workforce.ods", {"Data": workforce_rows(years)}),
        "contracts": WORK / "contracts.json",
    }
    files["contracts"].write_text(json.dumps(ocds_package(releases, rng)))
    out.print(
        f"Generated {len(rows):,} crime rows and {releases:,} notices "
        f"in {time.perf_counter() - began:.1f} s"
    )
    table = Table("file", "size", "dry run s", "import s", "again s", title="diikg import")
    neo4j = BenchNeo4j(WORK / "neo4j", heap="2g", pagecache_mb=512)
    with running_neo4j(neo4j):
        neo4j.diikg("load", str(PROJECT_ROOT / "seeds"), "--prune")
        for source, path in files.items():
            seconds = []
            for extra in (["--dry-run"], [], []):
                started = time.perf_counter()
                neo4j.diikg("import", source, str(path), *extra)
                seconds.append(time.perf_counter() - started)
            size = f"{path.stat().st_size / 2**20:.1f} MiB"
            table.add_row(path.name, size, *(f"{s:.1f}" for s in seconds))
    out.print(table)


if __name__ == "__main__":
    typer.run(main)
