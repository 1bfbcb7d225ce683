"""The ``diikg`` command line: run Neo4j, apply the schema, inspect the graph."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shlex
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from api.auth import Role, add_token
from api.cli_checks import choose, option_name, output_file, refuse_unused, report_target
from graph.analysis.impact import Scenario
from graph.analysis.interdependencies import DEFAULT_THRESHOLD
from graph.archive.backup import backup, default_backup_path, restore
from graph.archive.export import ExportFormat, export_graph
from graph.archive.snapshot import GraphSnapshot
from graph.config import PROJECT_ROOT, load_settings
from graph.dataset import read_dataset, write_dataset
from graph.dataset.seeding import derive_assessments, derive_force_suppliers
from graph.dataset.synthetic import generate_dataset
from graph.exceptions import DatasetError, DiikgError, InvalidArgumentError, Neo4jStartError
from graph.importing import IMPORTERS, Changes, ImportPlan, apply_plan, importer_named
from graph.importing.files import ImportedFile
from graph.importing.mappings import DEFAULT_MAPPINGS, Mappings
from graph.loading import DEFAULT_BATCH_SIZE, is_empty, load_dataset, load_if_empty
from graph.loading import Progress as LoaderProgress
from graph.model import KINDS, Stage, VolumeMeasure
from graph.model.kinds import ASSESSMENTS, FORCE_SUPPLIERS, UNIT_ASSESSMENTS
from graph.projection import ProjectionCache
from graph.reports.build import ReportKind, build_report
from graph.reports.writers import Provenance, ReportFormat
from graph.reports.writers import write as write_report
from graph.store.constraints import apply_schema
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.status import DatabaseStatus, database_status

__all__ = ["app", "main"]

R = TypeVar("R")
log = logging.getLogger("diikg")
out = Console()
err = Console(stderr=True)

app = typer.Typer(
    name="diikg",
    help="The DII Knowledge Graph: UK police digital capabilities in Neo4j.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(
    help="Run and inspect the Neo4j database.", no_args_is_help=True, add_completion=False
)
app.add_typer(db_app, name="db")
seeds_app = typer.Typer(
    help="Maintain the seed knowledge graph in seeds/.", no_args_is_help=True, add_completion=False
)
app.add_typer(seeds_app, name="seeds")

token_app = typer.Typer(
    help="Manage API bearer tokens.", no_args_is_help=True, add_completion=False
)
app.add_typer(token_app, name="token")

SEEDS = PROJECT_ROOT / "seeds"
LOG_BYTES = 10 * 2**20
LOG_FILES = 3
"""The log rotates at 10 MiB, keeping three old files: 40 MiB at most."""
SCHEMA_FILE = PROJECT_ROOT / "schema.graphql"
SHOWN_ISSUES = 20
"""A dataset's problems shown on the terminal; the rest go to the log only."""


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log details to stderr.")
    ] = False,
) -> None:
    """The DII Knowledge Graph: UK police digital capabilities in Neo4j."""
    os.umask(0o077)  # what the project writes (logs, store, backups) is its user's alone
    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.data_dir.chmod(0o700)
    handlers: list[logging.Handler] = [
        RotatingFileHandler(
            settings.data_dir / "diikg.log", maxBytes=LOG_BYTES, backupCount=LOG_FILES
        )
    ]
    if verbose:
        handlers.append(logging.StreamHandler())
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


@db_app.command("start")
def db_start(
    port: Annotated[
        int | None, typer.Option(help="Bolt port on 127.0.0.1 [env DIIKG_NEO4J_PORT; 7687].")
    ] = None,
) -> None:
    """Start the project's own Neo4j (only when NEO4J_URI is unset) and wait until it answers."""
    settings = load_settings(neo4j_port=port)
    if not settings.is_local:
        with Database.connect(settings) as db:
            db.verify()
        out.print(f"NEO4J_URI is set: using {settings.neo4j_uri}; nothing local to start.")
        return
    server = LocalNeo4j(settings)
    began = time.monotonic()
    with err.status("Starting Neo4j (the first run builds the launcher with Maven)..."):
        started = server.start()
    if not started:
        out.print(f"Neo4j is already running at {server.bolt_uri}.")
        return
    out.print(
        f"Neo4j is running at {server.bolt_uri} (ready in {time.monotonic() - began:.1f} s); "
        f"password in {server.password_file}"
    )


@db_app.command("stop")
def db_stop() -> None:
    """Stop the project's own Neo4j cleanly."""
    settings = load_settings()
    if not settings.is_local:
        out.print(f"NEO4J_URI is set ({settings.neo4j_uri}): there is no local Neo4j to stop.")
        return
    with err.status("Stopping Neo4j..."):
        stopped = LocalNeo4j(settings).stop()
    out.print("Neo4j stopped." if stopped else "Neo4j was not running.")


@db_app.command("status")
def db_status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show the URI, version, store size, and node and relationship counts."""
    settings = load_settings()
    with Database.connect(settings) as db:
        status = database_status(db, settings)
    if as_json:
        out.print_json(json.dumps(_status_dict(status), default=str))
        return
    _print_status(status)


@db_app.command("query")
def db_query(
    statement: Annotated[str, typer.Argument(help="A read-only Cypher statement.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as NAME=JSON (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Run one read-only Cypher statement and print its rows (writes are refused)."""
    params = _parse_params(param or [])
    settings = load_settings()
    with Database.connect(settings) as db:
        rows = db.read_statement(statement, params)
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    _print_rows(rows)


@db_app.command("schema")
def db_schema() -> None:
    """Create the constraints and indexes the graph needs (safe to run again)."""
    settings = load_settings()
    with Database.connect(settings) as db:
        report = apply_schema(db)
    if report.changed:
        replaced = f" ({report.indexes_replaced} replaced)" if report.indexes_replaced else ""
        out.print(
            f"Schema applied: {report.constraints_added} constraints and "
            f"{report.indexes_added} indexes created{replaced}."
        )
    else:
        out.print("Schema already in place: nothing changed.")


@app.command("serve")
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on [env DIIKG_API_HOST; 127.0.0.1].")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port [env DIIKG_API_PORT; 8000].")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes [env DIIKG_API_WORKERS; 1].")
    ] = None,
) -> None:
    """Start (or connect to) Neo4j, load the seed graph if empty, and serve GraphQL at /graphql."""
    overrides = {"DIIKG_API_HOST": host, "DIIKG_API_PORT": port, "DIIKG_API_WORKERS": workers}
    # Flags go through the environment: uvicorn's worker processes build the app from
    # settings of their own, and the environment is what they inherit.
    for name, value in overrides.items():
        if value is not None:
            os.environ[name] = str(value)
    from api.app import create_app  # the GraphQL schema: imported only to serve

    settings = load_settings()
    create_app(settings)
    if settings.is_local:
        with err.status("Starting Neo4j..."):
            LocalNeo4j(settings).start()
    with Database.connect(settings) as db:
        apply_schema(db)
        _load_with_progress(lambda progress: load_if_empty(db, SEEDS, progress=progress))
    out.print(
        f"GraphQL at http://{settings.api_host}:{settings.api_port}/graphql (GraphiQL in a browser)"
    )
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=settings.api_host,
        port=settings.api_port,
        workers=settings.api_workers,
        log_level="info",
        timeout_graceful_shutdown=10,
    )


@token_app.command("add")
def token_add(
    name: Annotated[str, typer.Argument(help="Who the token is for.")],
    role: Annotated[
        Role,
        typer.Option(case_sensitive=False, help="reader (queries) or editor (also mutations)."),
    ] = Role.READER,
) -> None:
    """Create a bearer token; it is printed once and only its SHA-256 is kept."""
    settings = load_settings()
    token = add_token(settings, name, role)
    err.print(
        f"Token for {name} ({role.value}) added to {settings.tokens_file}; it is not shown again:"
    )
    out.print(token, markup=False, highlight=False)


@app.command("schema")
def write_schema(
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the SDL.")
    ] = SCHEMA_FILE,
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql; a test fails when that file is stale."""
    from api.schema import schema

    output_file(out_path).write_text(schema.as_str() + "\n", encoding="utf-8")
    out.print(f"Wrote {out_path}.")


@app.command("report")
def report(
    ctx: typer.Context,
    kind: Annotated[ReportKind, typer.Argument(help="Which report.", case_sensitive=False)],
    force: Annotated[str | None, typer.Option(help="One force's view (its id, e.g. kent).")] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format [default: from --out's extension, else html].",
        ),
    ] = None,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File, folder (CSV) or - for standard output "
            "[default: .data/reports/diikg-<report>.<format>].",
        ),
    ] = None,
    threshold: Annotated[
        int, typer.Option(min=0, max=5, help="Maturity a chain's capabilities must reach.")
    ] = DEFAULT_THRESHOLD,
    capability: Annotated[
        str | None, typer.Option(help="impact: the capability that goes (or whose maturity drops).")
    ] = None,
    supplier: Annotated[str | None, typer.Option(help="impact: the supplier that goes.")] = None,
    maturity: Annotated[
        int | None,
        typer.Option(min=0, max=5, help="impact: the level --force drops to on --capability."),
    ] = None,
    stage: Annotated[
        Stage | None, typer.Option(case_sensitive=False, help="unmet-needs: only this stage.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="unmet-needs: only this region's forces.")
    ] = None,
    crime_type: Annotated[
        str | None, typer.Option(help="unmet-needs: only what this crime type (its id) needs.")
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Read holdings as of this day (YYYY-MM-DD)."
        ),
    ] = None,
    since: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="dependencies: add each holding's change in maturity since this day.",
        ),
    ] = None,
    real_only: Annotated[
        bool, typer.Option("--real-only", help="Leave out every record marked illustrative.")
    ] = False,
    measure: Annotated[
        VolumeMeasure | None,
        typer.Option(
            case_sensitive=False,
            help="Weight crime by this measure only (default: each crime type's best: a "
            "force's own police-recorded counts where imported, else survey estimates).",
        ),
    ] = None,
    all_suppliers: Annotated[
        bool,
        typer.Option(
            "--all-suppliers",
            help="Count illustrative suppliers even where real ones serve the capability.",
        ),
    ] = False,
) -> None:
    """Write a report: dependencies, unmet-needs, pilots or impact, as html, md, json or csv.

    Every report states its data basis first: how many records it rests on, how many of
    them illustrative. Options a report does not use, and ids, regions or crime types
    the graph does not hold, are refused before it is built.
    """
    refuse_unused(kind, _given(ctx) - {"kind", "fmt", "out_path"})
    settings = load_settings()
    target = report_target(
        out_path,
        fmt,
        folder=settings.data_dir / "reports",
        stem=f"diikg-{kind.value}{'-' + force if force else ''}",
    )
    if target.path is not None and out_path is None:
        target.path.parent.mkdir(parents=True, exist_ok=True)
    with Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("read the graph", total=len(_REPORT_STEPS))

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=name)

        with Database.connect(settings) as db:
            projection = ProjectionCache().get(db)
        graph = projection.graph
        named = _known_names(
            graph,
            force=force,
            region=region,
            crime_type=crime_type,
            capability=capability,
            supplier=supplier,
        )
        scenario = None
        if kind is ReportKind.IMPACT and (capability or supplier):
            scenario = Scenario(
                capability=named["capability"],
                supplier=named["supplier"],
                force=named["force"],
                maturity=maturity,
            )
        advance("analyses")
        built = build_report(
            graph,
            kind,
            force=named["force"],
            threshold=threshold,
            scenario=scenario,
            filters={
                "stage": stage.value if stage else None,
                "region": named["region"],
                "crime_type": named["crime_type"],
            },
            progress=advance,
            as_of=as_of.date() if as_of else None,
            since=since.date() if since else None,
            include_illustrative=not real_only,
            measure=measure.value if measure else None,
            real_suppliers_first=not all_suppliers,
        )
        advance("figures")
        drawn = built.figures() if target.fmt is ReportFormat.HTML else []
        advance("write")
        written = write_report(
            target.fmt,
            target.path,
            built,
            Provenance(projection.version, shlex.join(["diikg", *sys.argv[1:]])),
            figures=drawn,
        )
    if written:
        out.print(f"Wrote {built.title} to {', '.join(str(p) for p in written)}.", soft_wrap=True)


_REPORT_STEPS = (
    "read the graph",
    "interdependencies",
    "chains",
    "bottlenecks",
    "pilots",
    "figures",
    "write",
)


def _given(ctx: typer.Context) -> set[str]:
    """The parameters given on the command line (not left at their defaults)."""
    return {
        name
        for name in ctx.params
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
    }


def _known_names(graph: Any, **given: str | None) -> dict[str, str | None]:
    """The records the options name, as the graph spells them; unknown ones refused."""
    by_label: dict[str, list[str]] = {}
    regions: set[str] = set()
    for node, data in graph.nodes(data=True):
        by_label.setdefault(data.get("label", ""), []).append(node)
        if data.get("label") == "Force" and data.get("region"):
            regions.add(data["region"])
    labels = {
        "force": "Force",
        "crime_type": "CrimeType",
        "capability": "Capability",
        "supplier": "Supplier",
    }
    named: dict[str, str | None] = {}
    for option, value in given.items():
        if value is None:
            named[option] = None
        elif option == "region":
            named[option] = choose("--region", value, regions)
        else:
            named[option] = choose(option_name(option), value, by_label.get(labels[option], []))
    return named


@app.command("load")
def load(
    path: Annotated[
        Path, typer.Argument(exists=True, help="A seed folder or a JSON export.")
    ] = SEEDS,
    prune: Annotated[
        bool, typer.Option("--prune", help="Delete what the graph has and the data no longer has.")
    ] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Load only if the graph holds no forces yet.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, max=100_000, help="Rows per write transaction.")
    ] = DEFAULT_BATCH_SIZE,
) -> None:
    """Validate a dataset completely, then write it (nothing is written if anything is wrong)."""
    settings = load_settings()
    with err.status(f"Validating {path}..."):
        dataset = read_dataset(path)
    with Database.connect(settings) as db:
        if if_empty and not is_empty(db):
            out.print("The graph already holds data: nothing loaded (drop --if-empty to reload).")
            return
        apply_schema(db)
        report = _load_with_progress(
            lambda progress: load_dataset(
                db, dataset, prune=prune, batch_size=batch_size, progress=progress
            )
        )
    out.print(
        f"Loaded {path}: {report.node_count} nodes and {report.relationship_count} relationships "
        f"written in {report.seconds:.1f} s"
        + (
            f"; pruned {report.nodes_deleted} nodes and {report.relationships_deleted} "
            "relationships"
            if prune
            else ""
        )
        + "."
    )


ImportSource = StrEnum(  # type: ignore[misc]
    "ImportSource", {i.name.replace("-", "_").upper(): i.name for i in IMPORTERS}
)


@app.command("import")
def import_files(
    source: Annotated[
        ImportSource, typer.Argument(case_sensitive=False, help="What the files are.")
    ],
    files: Annotated[
        list[Path],
        typer.Argument(exists=True, dir_okay=False, help="Files downloaded from the publisher."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    published: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="The day the publisher released the files (default: the file's date).",
        ),
    ] = None,
    mappings: Annotated[
        Path, typer.Option(help="The folder of reviewed mapping tables.")
    ] = DEFAULT_MAPPINGS,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if a check finds any difference.")
    ] = False,
) -> None:
    """Import public data files: validated completely, written with their provenance."""
    importer = importer_named(str(source.value))
    day = published.date() if published else None
    opened = [ImportedFile.open(path, published_on=day) for path in files]
    settings = load_settings()
    with Database.connect(settings) as db:
        with err.status("Reading the graph..."):
            snapshot = GraphSnapshot.read(db)
        current = snapshot.to_dataset(origin="graph")
        plan = _load_with_progress(
            lambda progress: importer.plan(
                opened,
                current,
                Mappings(mappings),
                lambda done, total: progress("reading", done, total),
            )
        )
        changes = None
        if importer.writes:
            apply_schema(db)
            changes, _ = _load_with_progress(
                lambda progress: apply_plan(db, plan, snapshot, dry_run=dry_run, progress=progress)
            )
    _print_import(plan, changes, dry_run=dry_run)
    if strict and plan.findings:
        raise typer.Exit(1)


@app.command("export")
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = (ExportFormat.JSON),
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File (json, graphml) or folder (csv) to write [default: .data/exports/].",
        ),
    ] = None,
) -> None:
    """Write the whole graph as JSON (loadable again), GraphML or CSV tables."""
    settings = load_settings()
    if out_path is None:
        exports = settings.data_dir / "exports"
        exports.mkdir(exist_ok=True)
        name = "diikg-export" if fmt is ExportFormat.CSV else f"diikg-export.{fmt.value}"
        target = exports / name
    elif fmt is ExportFormat.CSV:
        target = out_path
    else:
        target = output_file(out_path)
    with Database.connect(settings) as db, err.status("Reading the graph..."):
        snapshot = GraphSnapshot.read(db)
    written = export_graph(snapshot, target, fmt)
    nodes, relationships = snapshot.counts()
    out.print(
        f"Exported {sum(nodes.values())} nodes and {sum(relationships.values())} relationships "
        f"to {', '.join(str(p) for p in written)}."
    )


@app.command("backup")
def backup_command(
    out_path: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write [.data/backups/diikg-<UTC time>.json]."),
    ] = None,
) -> None:
    """Write the whole graph to a backup file (JSON; `diikg restore` reads it back)."""
    settings = load_settings()
    target = default_backup_path(settings) if out_path is None else output_file(out_path)
    with Database.connect(settings) as db, err.status("Reading the graph..."):
        written = backup(db, target)
    out.print(
        f"Backed up {written.nodes} nodes and {written.relationships} relationships to "
        f"{written.path}."
    )


@app.command("restore")
def restore_command(
    path: Annotated[Path, typer.Argument(help="A backup written by `diikg backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask before replacing the graph.")
    ] = False,
) -> None:
    """Make the graph exactly the backup: validated first, then merged, then the rest pruned."""
    if not path.is_file():
        raise InvalidArgumentError(f"{path}: no such backup file", argument="path")
    if not yes and not sys.stdin.isatty():
        raise InvalidArgumentError(
            "restore replaces the whole graph: pass --yes when not at a terminal",
            argument="--yes",
        )
    settings = load_settings()
    with err.status(f"Validating {path}..."):
        dataset = read_dataset(path)
    with Database.connect(settings) as db:
        if not yes:
            typer.confirm(
                f"Replace the graph in {db.uri} with {path}? Anything the backup does not "
                "hold will be deleted",
                abort=True,
                err=True,
            )
        report = _load_with_progress(lambda progress: restore(db, dataset, progress=progress))
    out.print(
        f"Restored {path}: {report.node_count} nodes and {report.relationship_count} "
        f"relationships written, {report.nodes_deleted} nodes and "
        f"{report.relationships_deleted} relationships pruned, in {report.seconds:.1f} s."
    )


@app.command("generate")
def generate(
    scale: Annotated[int, typer.Option(min=1, max=10_000, help="Copies of the base dataset.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the dataset to.")],
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 1,
    base: Annotated[Path, typer.Option(help="The dataset to scale up.")] = SEEDS,
) -> None:
    """Write a synthetic dataset SCALE times the seed graph's size, in the seed format."""
    dataset = generate_dataset(read_dataset(base), scale=scale, seed=seed)
    with err.status(f"Writing {out_dir}..."):
        write_dataset(dataset, out_dir)
    counts = dataset.counts()
    out.print(
        f"Wrote {out_dir}: {counts['forces']} forces, {counts['capabilities']} capabilities, "
        f"{counts['assessments']} assessments, {sum(counts.values())} records in all."
    )


@seeds_app.command("derive")
def seeds_derive(
    path: Annotated[Path, typer.Argument(help="The seed folder.")] = SEEDS,
) -> None:
    """Rewrite the illustrative assessments and supplier use from graph/dataset/seeding.py."""
    dataset = read_dataset(path)
    assessments, unit_assessments = derive_assessments(dataset)
    dataset.replace(ASSESSMENTS, assessments)
    dataset.replace(UNIT_ASSESSMENTS, unit_assessments)
    dataset.replace(FORCE_SUPPLIERS, derive_force_suppliers(dataset, assessments))
    kinds = (ASSESSMENTS.name, UNIT_ASSESSMENTS.name, FORCE_SUPPLIERS.name)
    write_dataset(dataset, path, kinds=kinds)
    out.print(
        f"Wrote {len(assessments)} force and {len(unit_assessments)} regional unit assessments "
        f"and {len(dataset.records(FORCE_SUPPLIERS))} supplier uses to {path}."
    )


def main() -> None:
    """Entry point of the ``diikg`` console script: one clear line on any user error."""
    try:
        code = app(standalone_mode=False)
    except DiikgError as exc:
        # An argument the domain refuses is a usage error, as click's own are: exit 2.
        log.info("command failed", exc_info=exc)
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        if isinstance(exc, DatasetError):
            _print_issues(exc.issues)
        if isinstance(exc, Neo4jStartError) and exc.log_tail:
            err.print(f"last {len(exc.log_tail)} lines of {exc.log_path}:", highlight=False)
            err.print("\n".join(exc.log_tail), markup=False, highlight=False)
        sys.exit(2 if isinstance(exc, InvalidArgumentError) else 1)
    except typer.TyperException as exc:
        # Typer raises its own copy of click's usage errors (not click.ClickException).
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        line = " ".join(message.replace("Value error, ", "").split())
        err.print(f"[bold red]error:[/] {line}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted: nothing was changed")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _print_issues(issues: list[object]) -> None:
    """The first ``SHOWN_ISSUES`` issues, then how many more (every one is in the log)."""
    for issue in issues:
        log.info("problem: %s", issue)
    for issue in issues[:SHOWN_ISSUES]:
        err.print(f"  {issue}", markup=False, highlight=False, soft_wrap=True)
    if len(issues) > SHOWN_ISSUES:
        log_file = load_settings().data_dir / "diikg.log"
        err.print(
            f"  ... and {len(issues) - SHOWN_ISSUES:,} more, all in {log_file}",
            markup=False,
            highlight=False,
        )


def _load_with_progress(load: Callable[[LoaderProgress], R]) -> R:
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("loading", total=None)

        def advance(step: str, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=step)

        return load(advance)


def _parse_params(pairs: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not NAME=JSON", param_hint="--param")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


def _status_dict(status: DatabaseStatus) -> dict[str, Any]:
    return {
        "uri": status.uri,
        "database": status.database,
        "local": status.local,
        "version": status.version,
        "edition": status.edition,
        "storeBytes": status.store_bytes,
        "nodeCount": status.node_count,
        "relationshipCount": status.relationship_count,
        "nodes": status.nodes,
        "relationships": status.relationships,
        "lastLoad": status.last_load,
    }


def _print_status(status: DatabaseStatus) -> None:
    summary = Table.grid(padding=(0, 2))
    summary.add_row("URI", status.uri + ("  (local)" if status.local else ""))
    summary.add_row("Database", status.database)
    summary.add_row("Neo4j", f"{status.version} {status.edition}")
    size = "n/a (remote)" if status.store_bytes is None else f"{status.store_bytes / 2**20:.1f} MiB"
    summary.add_row("Store size", size)
    summary.add_row("Nodes", str(status.node_count))
    summary.add_row("Relationships", str(status.relationship_count))
    summary.add_row("Last load", _describe_load(status.last_load))
    out.print(summary)
    for title, counts in (("label", status.nodes), ("type", status.relationships)):
        if counts:
            table = Table(title.capitalize(), "Count")
            for key, count in counts.items():
                table.add_row(key, str(count))
            out.print(table)


def _describe_load(load: dict[str, Any] | None) -> str:
    if load is None:
        return "never"
    text = f"{load['outcome']} at {load['startedAt']:%Y-%m-%d %H:%M:%S} from {load['origin']}"
    if load["outcome"] == "succeeded":
        text += (
            f" ({load['nodesWritten']} nodes, {load['relationshipsWritten']} relationships, "
            f"{load['seconds']:.1f} s)"
        )
    return text


def _print_import(plan: ImportPlan, changes: Changes | None, *, dry_run: bool) -> None:
    out.print(f"Read {plan.rows_read:,} rows or items from {len(plan.files)} file(s).")
    if changes is not None:
        table = Table(
            "Records",
            "Added",
            "Changed",
            "Unchanged",
            title="Would change" if dry_run else "Changes",
        )
        for kind in KINDS:
            counts = [
                changes.added[kind.name],
                changes.changed[kind.name],
                changes.unchanged[kind.name],
            ]
            if any(counts):
                table.add_row(kind.name, *(f"{count:,}" for count in counts))
        out.print(table if table.rows else "No records.")
        for source in changes.retired_sources:
            out.print(
                f"Source {source} is cited by nothing now: "
                f"{'would be' if dry_run else 'was'} removed."
            )
        verb = "would write" if dry_run else "wrote"
        out.print(
            f"{'Dry run: nothing written; it ' + verb if dry_run else 'It ' + verb} "
            f"{sum(changes.added.values()) + sum(changes.changed.values()):,} records."
            if changes.any
            else "Nothing to change: the graph already holds these records."
        )
    if plan.skipped:
        skipped = Table("Skipped", "Rows", title="Passed over, by reason")
        for reason, count in plan.skipped.most_common():
            skipped.add_row(Text(reason), f"{count:,}")
        out.print(skipped)
    for finding in plan.findings:
        out.print(f"  {finding}", markup=False, highlight=False)
    if plan.findings:
        out.print(f"{len(plan.findings)} finding(s) to review.")


def _print_rows(rows: list[dict[str, Any]]) -> None:
    if not rows:
        out.print("(no rows)")
        return
    table = Table(*rows[0].keys())
    for row in rows:
        table.add_row(*(json.dumps(value, default=str) for value in row.values()))
    out.print(table)
    out.print(f"({len(rows)} rows)")
