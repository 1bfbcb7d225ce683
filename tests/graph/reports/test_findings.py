"""The sentences a report opens with, on the hand-worked graph in tests/graph/analysis/graphs.py."""

from __future__ import annotations

import datetime as dt

from graph.analysis.changes import maturity_changes
from graph.analysis.impact import Scenario, impact
from graph.analysis.report import dependency_report
from graph.analysis.views import view
from graph.reports.findings import dependency_findings, impact_findings
from tests.graph.analysis.graphs import assess, chain_graph


def test_national_findings_name_completeness_weakest_link_bottlenecks_and_shortfall() -> None:
    kv = view(chain_graph())
    said = dependency_findings(dependency_report(kv, threshold=2), kv)
    # Chains at threshold 2: Kent fraud complete; Kent stalking (triage 1), Essex fraud
    # (osint 1) and Essex stalking (osint 1) broken.
    assert said[0].startswith("1 of 4 force and crime-type chains (25%) are complete")
    assert said[1] == "Osint is the weakest link in 2 of the 3 incomplete chains."
    # dems (osint, case) and report (triage, osint) each have two dependents: a tie, said so.
    assert said[2] == (
        "Dems and Report are the top bottlenecks: 2 of the other 4 capabilities depend on "
        "each, directly or through others."
    )
    # Target 4 everywhere: Kent below on all but case (4), Essex below on all five.
    assert said[3] == (
        "4 capabilities fall short of target in 2 forces, more than any other: "
        "Dems, Osint, Report and 1 more."
    )


def test_a_force_report_speaks_of_that_force() -> None:
    kv = view(chain_graph())
    said = dependency_findings(dependency_report(kv, force="kent", threshold=2), kv)
    assert said[0].startswith("1 of Kent's 2 crime-type chains are complete")
    assert said[1] == "Triage is the weakest link in Kent's only incomplete chain."
    # Public contact (3, 1) and investigation (2) average 2; evidence (2, 4) averages 3.
    assert said[2] == (
        "Public contact and investigation are its least mature stages "
        "(mean maturity 2.0, against 3.0 for evidence)."
    )
    assert said[3] == (
        "Its widest gap to target is 3 levels, on Triage; 4 of its 5 capabilities are below target."
    )
    assert not any("Essex" in s for s in said)


def test_changes_since_a_day_are_counted_rises_falls_and_first_assessments_apart() -> None:
    g = chain_graph()
    assess(g, "kent", "report", 4, on=dt.date(2025, 3, 1))  # 3 (undated) -> 4
    assess(g, "kent", "case", 2, on=dt.date(2025, 3, 1))  # 4 -> 2
    g.add_node("intel", label="Capability", name="Intel", stage="INVESTIGATION")
    assess(g, "kent", "intel", 1, on=dt.date(2025, 3, 1))  # new
    now, then = view(g), view(g, as_of=dt.date(2025, 1, 1))
    changes = maturity_changes(now, then, force="kent")
    assert [(c.capability, c.before, c.after) for c in changes] == [
        ("case", 4, 2),
        ("report", 3, 4),
        ("intel", None, 1),
    ]
    said = dependency_findings(
        dependency_report(now, force="kent", threshold=2), now, changes=changes, since="2025-01-01"
    )
    assert (
        "Since 2025-01-01, maturity rose on 1 holding and fell on 1; 1 holding was first "
        "assessed after 2025-01-01." in said
    )


def test_impact_findings_brief_what_is_lost_first() -> None:
    kv = view(chain_graph())
    said = impact_findings(impact(kv, Scenario(capability="dems"), threshold=2), kv)
    # Losing dems takes osint and case (both depend hard on it); only Kent fraud was complete.
    assert said == [
        "If Dems is no longer available, 3 capabilities are lost and 0 more degraded.",
        "1 complete chain breaks, across crime types with 100 crimes a year.",
        "The largest crime type hit is Fraud (100 a year), in 1 force.",
        "Kent loses the most: 1 chain, covering 50 crimes a year in its area.",
    ]
