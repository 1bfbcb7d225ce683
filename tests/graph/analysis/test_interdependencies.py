"""Stage matrix, chains and completeness, on the hand-worked graph in graphs.py."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.interdependencies import (
    chain_statuses,
    chains,
    completeness_by_crime_type,
    stage_matrix,
)
from graph.analysis.views import view
from tests.graph.analysis.graphs import chain_graph


def test_stage_matrix_counts_each_dependency_once() -> None:
    counts = {(s.from_stage, s.to_stage): s.count for s in stage_matrix(view(chain_graph()))}
    # triage->report stays in public contact; osint->report runs investigation to public contact;
    # osint->dems investigation to evidence; case->dems stays in evidence.
    assert counts == {
        ("PUBLIC_CONTACT", "PUBLIC_CONTACT"): 1,
        ("PUBLIC_CONTACT", "INVESTIGATION"): 0,
        ("PUBLIC_CONTACT", "EVIDENCE"): 0,
        ("INVESTIGATION", "PUBLIC_CONTACT"): 1,
        ("INVESTIGATION", "INVESTIGATION"): 0,
        ("INVESTIGATION", "EVIDENCE"): 1,
        ("EVIDENCE", "PUBLIC_CONTACT"): 0,
        ("EVIDENCE", "INVESTIGATION"): 0,
        ("EVIDENCE", "EVIDENCE"): 1,
    }


def test_chains_group_needs_by_stage_with_cross_stage_links() -> None:
    by_crime = {c.crime_type: c for c in chains(view(chain_graph()))}
    fraud = by_crime["fraud"]
    assert fraud.stages == {
        "PUBLIC_CONTACT": ("report",),
        "INVESTIGATION": ("osint",),
        "EVIDENCE": ("dems",),
    }
    assert fraud.links == (("osint", "dems"), ("osint", "report"))
    assert fraud.spans_all_stages
    # stalking's osint depends on report and dems, neither of which stalking needs: no links.
    assert by_crime["stalking"].links == ()


def test_completeness_and_weakest_links_at_threshold_two() -> None:
    statuses = {
        (s.force, s.crime_type): s for s in chain_statuses(view(chain_graph()), threshold=2)
    }
    # Kent fraud: report 3, osint 2, dems 2 -> complete; weakest is dems or osint at 2:
    # the tie goes to the one more capabilities depend on: dems (osint, case) over osint (none).
    kent_fraud = statuses[("kent", "fraud")]
    assert kent_fraud.complete
    assert (kent_fraud.weakest, kent_fraud.weakest_maturity) == ("dems", 2)
    # Kent stalking: triage 1 breaks it.
    assert statuses[("kent", "stalking")].short == ("triage",)
    # Essex: osint 1 breaks both chains.
    assert not statuses[("essex", "fraud")].complete
    assert statuses[("essex", "stalking")].weakest == "osint"
    assert completeness_by_crime_type(list(statuses.values())) == {"fraud": 0.5, "stalking": 0.0}


def test_force_with_no_assessments_is_out_of_scope_not_counted_incomplete() -> None:
    g = chain_graph()
    g.add_node("gwent", label="Force", name="Gwent", region="Wales", forceKind="TERRITORIAL")
    statuses = chain_statuses(view(g), threshold=2)
    assert [s for s in statuses if s.force == "gwent"] == []
    # Kent's and Essex's four chains are unchanged: fraud complete for Kent only.
    assert completeness_by_crime_type(statuses) == {"fraud": 0.5, "stalking": 0.0}


def test_force_assessed_on_part_of_a_chain_counts_the_rest_as_zero() -> None:
    g = chain_graph()
    g.add_node("gwent", label="Force", name="Gwent", region="Wales", forceKind="TERRITORIAL")
    g.add_edge("gwent", "report", key="HAS_CAPABILITY", type="HAS_CAPABILITY", maturity=5, target=5)
    gwent = {s.crime_type: s for s in chain_statuses(view(g), threshold=2) if s.force == "gwent"}
    # Only fraud needs report, so only fraud's chain is in scope; osint and dems count as 0.
    assert set(gwent) == {"fraud"}
    assert gwent["fraud"].short == ("osint", "dems")
    assert gwent["fraud"].weakest_maturity == 0


def test_empty_graph() -> None:
    kv = view(nx.MultiDiGraph())
    assert chains(kv) == []
    assert chain_statuses(kv) == []
    assert sum(s.count for s in stage_matrix(kv)) == 0


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["report", "triage", "osint", "dems", "case"]),
            st.sampled_from(["report", "triage", "osint", "dems", "case"]),
        ),
        max_size=12,
    )
)
def test_stage_matrix_sums_to_the_number_of_dependencies(extra: list[tuple[str, str]]) -> None:
    g = chain_graph()
    for a, b in extra:
        if a != b:
            g.add_edge(a, b, key="DEPENDS_ON", type="DEPENDS_ON")
    kv = view(g)
    assert sum(s.count for s in stage_matrix(kv)) == kv.dependencies.number_of_edges()
