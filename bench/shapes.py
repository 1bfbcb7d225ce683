"""The GraphQL requests benchmarked: each shape in our syntax and the peer's, and how to compare.

Each side's answer is reduced to the same plain rows (``rows_ours``, ``rows_peer``) so
the harness can check that both return the same data before timing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Rows = list[Any]


@dataclass(frozen=True)
class Shape:
    """One request shape: the two queries and the reductions that make their answers comparable."""

    name: str
    title: str
    ours: str
    peer: str
    rows_ours: Callable[[dict[str, Any]], Rows]
    rows_peer: Callable[[dict[str, Any]], Rows]


def _nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def _assessments(items: list[tuple[dict[str, Any], dict[str, Any]]]) -> Rows:
    return sorted((cap["id"], cap["name"], rel["maturity"], rel["target"]) for rel, cap in items)


def _suppliers_pilots(capabilities: list[dict[str, Any]]) -> Rows:
    return [
        (c["id"], sorted((s["id"], sorted(p["id"] for p in s["pilots"])) for s in c["suppliers"]))
        for c in capabilities
    ]


SINGLE_FORCE = Shape(
    name="single_force",
    title="One force by id, with its assessed capabilities",
    ours='{ force(id: "kent") { id name region kind capabilities { maturity target '
    "capability { id name stage } } } }",
    peer='{ forces(where: {id: {eq: "kent"}}) { id name region kind capabilitiesConnection { '
    "edges { properties { maturity target } node { id name stage } } } } }",
    rows_ours=lambda d: [
        (f := d["force"])["id"],
        f["name"],
        f["region"],
        f["kind"],
        sorted(
            (c["capability"]["id"], c["capability"]["stage"], c["maturity"], c["target"])
            for c in f["capabilities"]
        ),
    ],
    rows_peer=lambda d: [
        (f := d["forces"][0])["id"],
        f["name"],
        f["region"],
        f["kind"],
        sorted(
            (
                e["node"]["id"],
                e["node"]["stage"],
                e["properties"]["maturity"],
                e["properties"]["target"],
            )
            for e in f["capabilitiesConnection"]["edges"]
        ),
    ],
)

FORCES_WITH_CAPABILITIES = Shape(
    name="forces_with_capabilities",
    title="First 100 forces by name, each with every capability and its maturity",
    ours="{ forces(first: 100) { edges { node { id name capabilities { maturity target "
    "capability { id name } } } } } }",
    peer="{ forces(limit: 100, sort: [{name: ASC}, {id: ASC}]) { id name capabilitiesConnection { "
    "edges { properties { maturity target } node { id name } } } } }",
    rows_ours=lambda d: [
        (f["id"], _assessments([(c, c["capability"]) for c in f["capabilities"]]))
        for f in _nodes(d["forces"])
    ],
    rows_peer=lambda d: [
        (
            f["id"],
            _assessments(
                [(e["properties"], e["node"]) for e in f["capabilitiesConnection"]["edges"]]
            ),
        )
        for f in d["forces"]
    ],
)

CAPABILITIES_SUPPLIERS_PILOTS = Shape(
    name="capabilities_suppliers_pilots",
    title="Three levels: 100 capabilities, their suppliers, those suppliers' pilots",
    ours="{ capabilities(first: 100) { edges { node { id name suppliers { id name "
    "pilots { id name status } } } } } }",
    peer="{ capabilities(limit: 100, sort: [{name: ASC}, {id: ASC}]) { id name suppliers { id name "
    "pilots { id name status } } } }",
    rows_ours=lambda d: _suppliers_pilots(_nodes(d["capabilities"])),
    rows_peer=lambda d: _suppliers_pilots(d["capabilities"]),
)

FILTERED_PAGE = Shape(
    name="filtered_page",
    title="A filtered, paginated list: South East forces, 10 a page, with the total",
    ours='{ forces(first: 10, filter: {region: "South East"}) { totalCount '
    "edges { node { id name } } pageInfo { hasNextPage } } }",
    peer='{ forcesConnection(first: 10, where: {region: {eq: "South East"}}, '
    "sort: [{name: ASC}, {id: ASC}]) { totalCount edges { node { id name } } "
    "pageInfo { hasNextPage } } }",
    rows_ours=lambda d: [
        d["forces"]["totalCount"],
        d["forces"]["pageInfo"]["hasNextPage"],
        [n["id"] for n in _nodes(d["forces"])],
    ],
    rows_peer=lambda d: [
        d["forcesConnection"]["totalCount"],
        d["forcesConnection"]["pageInfo"]["hasNextPage"],
        [n["id"] for n in _nodes(d["forcesConnection"])],
    ],
)

AGGREGATION = Shape(
    name="aggregation",
    title="An aggregation: per capability, forces assessed and mean, lowest, highest maturity",
    ours="{ capabilities(first: 100) { edges { node { id holdingStats { forcesAssessed "
    "meanMaturity minMaturity maxMaturity } } } } }",
    peer="{ capabilities(limit: 100, sort: [{name: ASC}, {id: ASC}]) { id holdersConnection { "
    "aggregate { count { edges } edge { maturity { average min max } } } } } }",
    rows_ours=lambda d: [
        (
            (c := n)["id"],
            (h := c["holdingStats"])["forcesAssessed"],
            round(h["meanMaturity"], 3),
            h["minMaturity"],
            h["maxMaturity"],
        )
        for n in _nodes(d["capabilities"])
    ],
    rows_peer=lambda d: [
        (
            c["id"],
            (a := c["holdersConnection"]["aggregate"])["count"]["edges"],
            round(a["edge"]["maturity"]["average"], 3),
            a["edge"]["maturity"]["min"],
            a["edge"]["maturity"]["max"],
        )
        for c in d["capabilities"]
    ],
)

SHAPES = (
    SINGLE_FORCE,
    FORCES_WITH_CAPABILITIES,
    CAPABILITIES_SUPPLIERS_PILOTS,
    FILTERED_PAGE,
    AGGREGATION,
)
"""Every shape, in the order the report lists them."""
