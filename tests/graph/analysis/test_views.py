"""The knowledge view's volumes and suppliers: the best measure, force shares, real suppliers first."""

from __future__ import annotations

import networkx as nx

from graph.analysis.basis import basis
from graph.analysis.views import BEST_MEASURE, view
from tests.graph.analysis.graphs import crime_type, force, volume_figure


def three_forces() -> nx.MultiDiGraph:
    """Stalking: 9,000 by survey nationally; Kent's own police-recorded count is 600."""
    g = nx.MultiDiGraph()
    for name in ("kent", "essex", "surrey"):
        force(g, name)
    crime_type(g, "stalking", 9000)
    volume_figure(g, "stalking", 600, "POLICE_RECORDED", 2024, area="kent")
    crime_type(g, "ransomware", 300, "POLICE_RECORDED", 2024)
    return g


def workforce(g: nx.MultiDiGraph, force_id: str, officers: float, year: int = 2024) -> None:
    node = f"workforce-{force_id}-{year}"
    g.add_node(
        node, label="Workforce", year=year, officers=officers, source="ho", illustrative=False
    )
    g.add_edge(node, force_id, key="WORKFORCE_OF", type="WORKFORCE_OF")


def test_the_best_measure_is_a_forces_own_count_where_one_exists() -> None:
    kv = view(three_forces(), measure=BEST_MEASURE)
    assert kv.measure_of("stalking") == "POLICE_RECORDED"
    figure = kv.volume_figure("stalking", area="kent")
    assert (figure.value, figure.measure, figure.share) == (600, "POLICE_RECORDED", None)


def test_a_force_without_its_own_figure_gets_an_equal_share_of_the_national_one() -> None:
    kv = view(three_forces(), measure=BEST_MEASURE)
    # No national police-recorded figure: the survey estimate is shared, 9,000 / 3 forces.
    figure = kv.volume_figure("stalking", area="essex")
    assert (figure.value, figure.measure, figure.shared_by) == (3000, "SURVEY_ESTIMATE", "equal")
    assert kv.volume("ransomware", area="surrey") == 100


def test_shares_follow_officers_once_every_force_has_a_workforce_figure() -> None:
    g = three_forces()
    workforce(g, "kent", 3000)
    workforce(g, "essex", 2000)
    partial = view(g, measure=BEST_MEASURE)
    assert partial.volume_figure("stalking", area="essex").shared_by == "equal"
    workforce(g, "surrey", 1000)
    kv = view(g, measure=BEST_MEASURE)
    # Essex has 2,000 of the 6,000 officers: a third of 9,000.
    figure = kv.volume_figure("stalking", area="essex")
    assert (figure.value, figure.shared_by) == (3000, "officers")
    assert kv.volume("ransomware", area="surrey") == 50
    assert kv.volume("ransomware", area="kent") == 150


def test_one_measure_only_never_reads_the_other() -> None:
    kv = view(three_forces(), measure="SURVEY_ESTIMATE")
    assert kv.volume("stalking", area="kent") == 3000
    assert kv.volume("ransomware") == 0


def test_the_basis_says_which_measure_each_crime_type_was_read_in() -> None:
    kv = view(three_forces(), measure=BEST_MEASURE)
    wording = basis(kv, "crime_volumes", per_force=True).volumes
    assert wording == (
        "crime weighted by each crime type's best measure: police-recorded counts for "
        "2 crime types (forces' own for 1); a force without its own figure is credited "
        "England and Wales's in equal parts (workforce figures are not imported for every "
        "force)"
    )


def test_the_basis_counts_crime_types_as_people_write_numbers() -> None:
    g = nx.MultiDiGraph()
    for i in range(1_200):
        crime_type(g, f"crime-{i}", 10)
    wording = basis(view(g), "crime_volumes").volumes
    assert "survey estimates for 1,200 crime types" in wording


def supplied_graph() -> nx.MultiDiGraph:
    """DEMS is offered by an illustrative supplier and supplied to Kent under a real contract."""
    g = nx.MultiDiGraph()
    force(g, "kent")
    g.add_node("dems", label="Capability", name="DEMS", stage="EVIDENCE")
    g.add_node("made-up", label="Supplier", name="Made Up", illustrative=True)
    g.add_node("nice", label="Supplier", name="Example Evidence Systems", illustrative=False)
    g.add_edge("made-up", "dems", key="OFFERS", type="OFFERS", illustrative=True)
    g.add_edge(
        "nice",
        "kent",
        key="SUPPLIES:c1",
        type="SUPPLIES",
        contract="c1",
        title="DEMS",
        capabilities=["dems"],
        noticeUrl="https://example.org/n/1",
        illustrative=False,
    )
    return g


def test_real_suppliers_displace_illustrative_ones_for_the_same_capability() -> None:
    kv = view(supplied_graph())
    assert kv.offers["dems"] == {"nice"}
    assert kv.uses[("kent", "dems")] == {"nice"}
    assert kv.displaced == 1
    [notice] = kv.contracts[("nice", "dems")]
    assert (notice.buyer, notice.notice_url) == ("kent", "https://example.org/n/1")


def test_illustrative_suppliers_can_be_kept() -> None:
    kv = view(supplied_graph(), real_suppliers_first=False)
    assert kv.offers["dems"] == {"made-up", "nice"}
    assert kv.displaced == 0


def test_a_frozen_graph_keeps_its_views_and_a_graph_still_changing_does_not() -> None:
    changing = supplied_graph()
    before = view(changing)
    changing.add_node("extra", label="Force", name="Extra", forceKind="TERRITORIAL")
    assert "extra" not in before.forces
    assert "extra" in view(changing).forces

    frozen = nx.freeze(supplied_graph())
    kept = view(frozen)
    assert view(frozen) is kept
    assert view(frozen, real_suppliers_first=False) is not kept
    assert view(frozen, real_suppliers_first=False).offers["dems"] == {"made-up", "nice"}
    assert view(frozen).offers["dems"] == {"nice"}
