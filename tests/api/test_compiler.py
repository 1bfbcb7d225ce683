"""Compiled reads give byte for byte what the resolvers give, in one Cypher query.

Every query runs twice on the same Neo4j: through the resolvers (the reference,
``compiled_reads`` off) and compiled (``api.compiler``); data and errors, encoded,
must be identical (errors in path order: graphql-core gives those of concurrent
fields in the order they happen to fail). Queries: every example in ``docs/queries/``, every benchmark
shape, the hand-written ones below (aliases, fragments, directives, every argument
the compiler takes), and queries hypothesis-graphql generates from the schema, on
the seed and on a generated graph.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from graphql import StringValueNode, parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from api.compiler import Uncompiled, compile_read
from api.context import Context
from api.schema import schema
from bench import shapes
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.dataset.synthetic import generate_dataset
from graph.loading.loader import load_dataset
from graph.projection import ProjectionCache
from graph.store import statements
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.api.conftest import Api, reload_seed, serving

pytestmark = pytest.mark.neo4j

EXAMPLES = int(os.environ.get("TEST_COMPILER_EXAMPLES", "150"))
EXPLORE = "TEST_COMPILER_EXAMPLES" in os.environ
"""``make test`` runs the same generated queries every time (a test that may fail on one run
in five blocks landings); ``make fuzz`` sets the number and explores new ones each run."""

HAND_WRITTEN = {
    "aliases and typename": """{ a: force(id: "kent") { __typename n: name id }
        b: force(id: "essex") { name } none: force(id: "atlantis") { name } }""",
    "fragments and directives": """query($skip: Boolean!, $with: Boolean = true) {
        capability(id: "live-chat") { ...About ... on Capability { stage }
          suppliers @skip(if: $skip) { name } pilots @include(if: $with) { id ...Named } } }
        fragment About on Capability { name description delivery market }
        fragment Named on Pilot { name status }""",
    "backward pages": """{ forces(last: 7, sort: REGION_ASC, filter: {kind: TERRITORIAL}) {
        totalCount edges { cursor node { id region } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }""",
    "holdings sorted and cut": """{ capability(id: "mobile-device-extraction") {
        worst: holdings(sort: GAP_DESC, first: 5) { gap maturity force { name } }
        below: holdings(belowTarget: true) { force { id } target }
        early: holdings(asOf: "2025-01-01") { assessedOn history { maturity assessedOn } }
        unitHoldings { unit { name forces(first: 3) { name } } maturity sourceId illustrative }
        holdingStats { forcesAssessed forcesHolding forcesBelowTarget meanMaturity minMaturity
          maxMaturity totalGap } } }""",
    "a force's capabilities by stage": """{ force(id: "metropolitan") {
        capabilities(stage: EVIDENCE, sort: MATURITY_DESC) { capability { name stage } maturity }
        regionalUnit { name } suppliers(sort: NAME_DESC, first: 2) { name }
        pilots { name forces { id } } source { title url } } }""",
    "one-valued links": """{ pilots(first: 20) { edges { node { name supplier { name }
        crimeTypes { name category } capabilities(first: 2) { id } } } } }""",
    "crime volumes": """{ crimeVolumes(first: 30) { edges { node { year value measure
        crimeType { name } area { name } } } } }""",
    "regional units": """{ regionalUnits { totalCount edges { node { name
        capabilities(sort: GAP_DESC) { capability { name } gap } } } } }""",
    "filters and cursors": """query($after: String) { suppliers(first: 3, after: $after,
        filter: {offersCapabilityId: "digital-evidence-management"}) {
        edges { cursor node { name offers { name } forces { name } } } } }""",
    "pairs and summaries": """{ capability(id: "digital-evidence-management") {
        dependencies(first: 3) { __typename reason strength capability { name stage } } }
        supplier(id: "illustrative-a-forensic-systems") { offerings { product capability { id } } }
        pilots(first: 10) { edges { node { benefits { metric metricName unit higherIsBetter
          baseline result improved relativeImprovement } } } }
        force(id: "kent") { stageSummary { stage capabilities meanMaturity belowTarget totalGap }
          capabilities(first: 4) { source { title publisher year } history { sourceId } } } }""",
    "ordered links": """{ force(id: "kent") { workforce(first: 3) { year officers staff pcsos }
        }
        crimeType(id: "bank-credit-fraud") { volumes(first: 6) { year measure value } } }""",
    "aliased edges and nodes": """{ forces(first: 4) { a: edges { node { id } }
        b: edges { cursor x: node { name capabilities(first: 1) { gap } } y: node { region } }
        edges { node { id } } totalCount } }""",
    "histories cut": """{ force(id: "kent") { capabilities(first: 3) {
        none: history(first: 0) { illustrative } one: history(first: 1) { maturity }
        history { assessedOn } } } }""",
    "out of range falls back": "{ forces(first: 5000) { totalCount } }",
    "a wrong cursor falls back": '{ forces(after: "nonsense") { totalCount } }',
}


class _Paths:
    """Runs a query through the resolvers and compiled, on one database, in one event loop."""

    def __init__(self, db: Database, runner: asyncio.Runner) -> None:
        self.db = db
        self.runner = runner

    def run(
        self, query: str, variables: dict[str, Any] | None = None, *, compiled: bool
    ) -> tuple[bytes, int]:
        settings = self.db.settings.model_copy(update={"compiled_reads": compiled})
        context = Context(
            db=self.db.counted(), settings=settings, projections=ProjectionCache(), request_id="t"
        )
        result = self.runner.run(
            schema.execute(query, variable_values=variables, context_value=context)
        )
        # graphql-core reports the errors of concurrent fields in the order they fail: the
        # reference's own order changes from run to run, so errors are compared sorted.
        errors = sorted(
            (error.formatted for error in result.errors or []),
            key=lambda error: (str(error.get("path")), error["message"]),
        )
        return orjson.dumps({"data": result.data, "errors": errors}), context.queries_run

    def same(self, query: str, variables: dict[str, Any] | None = None) -> int:
        """Cypher queries the compiled run took, after checking both answers are identical."""
        reference, _ = self.run(query, variables, compiled=False)
        answer, queries_run = self.run(query, variables, compiled=True)
        assert answer == reference, query
        return queries_run


def _compiles(query: str, variables: dict[str, Any] | None = None) -> bool:
    try:
        compile_read(schema._schema, parse(query), None, variables, max_page_size=500)
    except Uncompiled:
        return False
    return True


def _corpus() -> dict[str, str]:
    corpus = {f.name: f.read_text() for f in sorted((PROJECT_ROOT / "docs" / "queries").glob("*"))}
    corpus = {name: text for name, text in corpus.items() if name.endswith(".graphql")}
    corpus |= {
        shape.name: shape.ours for shape in vars(shapes).values() if isinstance(shape, shapes.Shape)
    }
    return corpus | HAND_WRITTEN


@pytest.fixture(scope="module")
def paths(session_db: Database) -> Iterator[_Paths]:
    reload_seed(session_db)
    with asyncio.Runner() as runner:
        yield _Paths(session_db, runner)
        runner.run(session_db.aclose())


def test_every_known_query_gives_the_same_answer_and_compiled_ones_one_query(
    paths: _Paths,
) -> None:
    compiled = []
    for name, query in _corpus().items():
        variables = {"skip": False} if "$skip" in query else None
        queries_run = paths.same(query, variables)
        if _compiles(query, variables):
            compiled.append(name)
            assert queries_run == 1, name
    shape_names = {shape.name for shape in vars(shapes).values() if isinstance(shape, shapes.Shape)}
    assert shape_names <= set(compiled)
    assert "holdings sorted and cut" in compiled
    assert "out of range falls back" not in compiled


def test_every_compiled_statement_is_valid_cypher_for_neo4j(session_db: Database) -> None:
    for query in _corpus().values():
        variables = {"skip": False} if "$skip" in query else None
        try:
            compiled = compile_read(
                schema._schema, parse(query), None, variables, max_page_size=500
            )
        except Uncompiled:
            continue
        text = statements.compiled_read(compiled.roots).text
        session_db.execute_read(lambda tx, text=text: tx.run("EXPLAIN " + text).consume())


def test_a_compiled_read_names_every_table_its_answer_rests_on() -> None:
    # The response cache keeps a compiled answer until a write touches one of these.
    def tables(query: str) -> frozenset[str]:
        return compile_read(schema._schema, parse(query), None, None, max_page_size=500).tables

    holdings = (
        '{ force(id: "kent") { capabilities { maturity capability { name } source { title } } } }'
    )
    assert tables(holdings) == {"Force", "HAS_CAPABILITY", "Capability", "Source"}
    # A filter that follows a relationship rests on it, though nothing of it is selected.
    filtered = '{ suppliers(filter: {offersCapabilityId: "live-chat"}) { totalCount } }'
    assert tables(filtered) == {"Supplier", "OFFERS"}
    assert tables("{ suppliers(first: 2) { totalCount } }") == {"Supplier"}


_PAGED = {
    "capabilities by stage": """query($after: String) { capabilities(first: 9, after: $after,
        sort: STAGE_ASC) { edges { cursor node { id stage } } pageInfo { hasNextPage endCursor } } }""",
    "a region in any case, names descending": """query($after: String) { forces(first: 2,
        after: $after, sort: NAME_DESC, filter: {region: "south EAST", nameContains: "e"}) {
        totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }""",
}


@pytest.mark.parametrize("query", _PAGED.values(), ids=_PAGED.keys())
def test_paging_through_every_page_compiled_matches_the_resolvers(
    paths: _Paths, query: str
) -> None:
    after = None
    pages = 0
    while True:
        paths.same(query, {"after": after})
        answer, _ = paths.run(query, {"after": after}, compiled=True)
        page = next(iter(orjson.loads(answer)["data"].values()))
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages > 1


def test_paging_backward_compiled_matches_the_resolvers(paths: _Paths) -> None:
    query = """query($before: String) { forces(last: 3, before: $before, sort: NAME_DESC,
        filter: {region: "SOUTH east"}) { edges { node { id region } }
        pageInfo { hasPreviousPage startCursor } } }"""
    before = None
    pages = 0
    while True:
        paths.same(query, {"before": before})
        answer, _ = paths.run(query, {"before": before}, compiled=True)
        page = orjson.loads(answer)["data"]["forces"]
        pages += 1
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert pages > 1


_RECORD_ROOTS = [
    "force",
    "forces",
    "capability",
    "capabilities",
    "supplier",
    "suppliers",
    "crimeType",
    "crimeTypes",
    "pilot",
    "pilots",
    "regionalUnit",
    "regionalUnits",
]
_DATES = st.dates(dt.date(2018, 1, 1), dt.date(2027, 1, 1)).map(
    lambda day: StringValueNode(value=day.isoformat())
)
_IDS = st.sampled_from(["kent", "live-chat", "essex", "mobile-device-extraction", "x"]).map(
    lambda value: StringValueNode(value=value)
)


@settings(
    max_examples=EXAMPLES,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    query=queries(
        schema.as_str(),
        fields=_RECORD_ROOTS,
        custom_scalars={"Date": _DATES, "ID": _IDS},
        allow_x00=False,
        allow_null=False,
    )
)
def test_generated_queries_give_the_same_answer(paths: _Paths, query: str) -> None:
    paths.same(query)


@pytest.fixture
def generated_graph(session_db: Database) -> Iterator[_Paths]:
    seed = read_dataset(PROJECT_ROOT / "seeds")
    reload_seed(session_db)
    load_dataset(session_db, generate_dataset(seed, scale=2, seed=11))
    with asyncio.Runner() as runner:
        yield _Paths(session_db, runner)
        runner.run(session_db.aclose())
    reload_seed(session_db)


def test_on_a_generated_graph_every_known_query_gives_the_same_answer(
    generated_graph: _Paths,
) -> None:
    for query in _corpus().values():
        generated_graph.same(query, {"skip": True} if "$skip" in query else None)


@pytest.fixture
def uncached(neo4j_server: LocalNeo4j, paths: _Paths, tmp_path: Path) -> Iterator[Api]:
    with serving(neo4j_server, tmp_path / "serve.log", DIIKG_RESPONSE_CACHE_MB="0") as server:
        yield server


def test_over_http_a_compiled_read_runs_one_cypher_query(uncached: Api) -> None:
    shape = shapes.CAPABILITIES_SUPPLIERS_PILOTS.ours
    assert uncached.query(shape)["extensions"]["cypherQueries"] == 1
    analysis = uncached.query("{ bottlenecks(first: 3) { betweennessMethod } }")
    assert analysis["extensions"]["cypherQueries"] >= 1
    assert "errors" not in analysis
