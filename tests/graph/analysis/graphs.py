"""Small knowledge graphs, built in a few lines, whose analyses can be worked out by hand."""

from __future__ import annotations

import datetime as dt

import networkx as nx


def capability(g: nx.MultiDiGraph, node: str, stage: str) -> None:
    g.add_node(node, label="Capability", name=node.title(), stage=stage)


def force(g: nx.MultiDiGraph, node: str, region: str = "R") -> None:
    g.add_node(node, label="Force", name=node.title(), region=region, forceKind="TERRITORIAL")


def depends(g: nx.MultiDiGraph, a: str, b: str, strength: str = "HARD") -> None:
    g.add_edge(
        a, b, key="DEPENDS_ON", type="DEPENDS_ON", reason=f"{a} needs {b}", strength=strength
    )


def crime_type(
    g: nx.MultiDiGraph, node: str, volume: int, measure: str = "SURVEY_ESTIMATE", year: int = 2025
) -> None:
    """A crime type with one national volume figure of ``measure``."""
    g.add_node(node, label="CrimeType", name=node.title())
    volume_figure(g, node, volume, measure, year)


def volume_figure(
    g: nx.MultiDiGraph,
    node: str,
    volume: int,
    measure: str = "SURVEY_ESTIMATE",
    year: int = 2025,
    area: str | None = None,
) -> None:
    """One volume figure of crime type ``node``: national, or ``area``'s (a force) when given."""
    figure = f"{node}-{measure}-{year}-{area or 'national'}"
    g.add_node(figure, label="CrimeVolume", measure=measure, year=year, value=volume)
    g.add_edge(figure, node, key="VOLUME_OF", type="VOLUME_OF")
    if area is not None:
        g.add_edge(figure, area, key="IN_AREA", type="IN_AREA")


def assess(
    g: nx.MultiDiGraph,
    f: str,
    c: str,
    maturity: int,
    target: int = 4,
    *,
    on: dt.date | None = None,
    illustrative: bool = False,
    rel_type: str = "HAS_CAPABILITY",
) -> None:
    """An observation of ``f`` on ``c``; several with different days make a history."""
    g.add_edge(
        f,
        c,
        key=f"{rel_type}:{on}",
        type=rel_type,
        maturity=maturity,
        target=target,
        assessedOn=on,
        illustrative=illustrative,
        source="illustrative" if illustrative else "survey",
    )


def chain_graph() -> nx.MultiDiGraph:
    """report (PC) <- triage (PC) ; osint (INV) -> dems (EV); case (EV) -> dems.

    Dependencies (a depends on b): triage->report, osint->report, osint->dems, case->dems.
    Crime type fraud (volume 100) needs report, osint, dems; stalking (volume 10) needs
    triage, osint, case. Kent: report 3, triage 1, osint 2, dems 2, case 4.
    Essex: report 2, triage 2, osint 1, dems 3, case 2. Supplier acme offers dems; kent
    uses acme for dems; essex uses acme and bolt for dems.
    """
    g = nx.MultiDiGraph()
    for node, stage in [
        ("report", "PUBLIC_CONTACT"),
        ("triage", "PUBLIC_CONTACT"),
        ("osint", "INVESTIGATION"),
        ("dems", "EVIDENCE"),
        ("case", "EVIDENCE"),
    ]:
        capability(g, node, stage)
    for a, b in [("triage", "report"), ("osint", "report"), ("osint", "dems"), ("case", "dems")]:
        depends(g, a, b)
    force(g, "kent", "South East")
    force(g, "essex", "East")
    for f, levels in {"kent": [3, 1, 2, 2, 4], "essex": [2, 2, 1, 3, 2]}.items():
        for c, level in zip(["report", "triage", "osint", "dems", "case"], levels, strict=True):
            assess(g, f, c, level)
    crime_type(g, "fraud", 100)
    crime_type(g, "stalking", 10)
    for crime, needs in {
        "fraud": ["report", "osint", "dems"],
        "stalking": ["triage", "osint", "case"],
    }.items():
        for c in needs:
            g.add_edge(crime, c, key="NEEDS", type="NEEDS")
    for s in ("acme", "bolt"):
        g.add_node(s, label="Supplier", name=s.title())
    g.add_edge("acme", "dems", key="OFFERS", type="OFFERS", product="A")
    g.add_edge("bolt", "dems", key="OFFERS", type="OFFERS", product="B")
    g.add_edge("kent", "acme", key="USES_SUPPLIER:dems", type="USES_SUPPLIER", capability="dems")
    g.add_edge("essex", "acme", key="USES_SUPPLIER:dems", type="USES_SUPPLIER", capability="dems")
    g.add_edge("essex", "bolt", key="USES_SUPPLIER:dems", type="USES_SUPPLIER", capability="dems")
    return g
