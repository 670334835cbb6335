"""The ``marsad`` command line (SCHEMA.md §1)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marsad import __version__

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): code Arabic news on political violence into PLOVER events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

KbExtra = Annotated[list[Path] | None, typer.Option(
    "--kb-extra", help="Extra knowledge-base folder merged over the shipped files.",
    exists=True, file_okay=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Read Arabic news, write structured, source-attributed, geocoded events."""


def _fail(msg: str, code: int = 2) -> None:
    err.print(f"marsad: {msg}", markup=False)
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="Files or folders (.txt .html .htm .jsonl .json .csv), or - for JSONL on stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Events JSONL to write (- = stdout).")],
    articles: Annotated[Path | None, typer.Option(
        "--articles", help="Also write the articles with clean text, sentences, mentions.")] = None,
    kb_extra: KbExtra = None,
) -> None:
    """Extract events from articles, one JSON event per line (SCHEMA.md §3). No database."""
    from marsad.engine.local import run_extract

    try:
        stats = run_extract(inputs, out, articles, kb_extra or [], err)
    except OSError as exc:
        _fail(f"{exc.filename or out}: {exc.strerror}")
        return
    err.print(f"{stats.articles} articles, {stats.events} events → {out}"
              + (f" ({stats.errors} unreadable)" if stats.errors else "")
              + f" in {stats.seconds:.1f}s", markup=False)
    if stats.articles == 0:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold events JSONL (SCHEMA.md §5).")],
    pred: Annotated[Path, typer.Argument(help="Predicted events JSONL (marsad extract output).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_errors: Annotated[bool, typer.Option(
        "--errors", help="List missed and spurious events.")] = False,
) -> None:
    """Score predicted events against gold: detection, core tuple, place, date, factuality."""
    from marsad.eval.report import print_report
    from marsad.eval.score import EvalError, read_jsonl, score
    from marsad.kb import get_kb

    try:
        rep = score(read_jsonl(gold), read_jsonl(pred), get_kb())
    except EvalError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(rep, Console(highlight=False), show_errors)


kb_app = typer.Typer(help="Inspect and check the knowledge base (actors, agents, places).",
                      no_args_is_help=True)
app.add_typer(kb_app, name="kb")


DbOption = Annotated[str | None, typer.Option(
    "--db", help="Store file (default: $MARSAD_DB, the config file's db, or the user data "
                 "folder's marsad.duckdb).")]


def _kb_store(db: str | None, chosen_only: bool = False):
    """The store a kb command reports on: ``--db`` (which must exist), else the configured
    store (``$MARSAD_DB``, the config file) or, unless ``chosen_only``, the default one when
    there is one; else None (the knowledge base alone)."""
    from marsad.store.db import Store
    from marsad.store.paths import default_db_path, resolve_db_path

    path = resolve_db_path(db)
    if chosen_only and not db and path == default_db_path():
        return None
    if not path.exists():
        if db:
            _fail(f"{path}: no such database (run `marsad run` first)")
        return None
    try:
        return Store(path, read_only=True)
    except RuntimeError as exc:
        _fail(str(exc))


def _load_kb(kb_extra: list[Path] | None):
    from marsad.kb.base import load_kb
    from marsad.kb.files import KBError

    try:
        return load_kb(tuple(kb_extra or ()))
    except KBError as exc:
        _fail(str(exc))


@kb_app.command("lint")
def kb_lint(kb_extra: KbExtra = None, db: DbOption = None) -> None:
    """Check the knowledge-base files: clashing aliases, missing Arabic names, dangling
    relations, coordinates outside their country; with a store, entities it holds that the
    knowledge base no longer has (a renamed or removed id). Exit 1 when a problem is found."""
    from marsad.kb.lint import lint

    kb = _load_kb(kb_extra)
    problems: list = list(lint(kb))
    store = _kb_store(db, chosen_only=True)  # a stray default store never fails a lint
    if store is not None:
        with store:
            problems += _stale_entities(store, kb)
    for p in problems:
        typer.echo(str(p))
    typer.echo(f"{len(kb.actors)} actors, {len(kb.agents)} agents, {len(kb.places)} places, "
               f"{len(kb.triggers.entries)} trigger words: {len(problems)} problems",
               err=True)
    if problems:
        raise typer.Exit(1)


def _stale_entities(store, kb) -> list[str]:
    """Entity ids the store holds that the knowledge base does not know (an agent word with
    its country, «شركات أمريكية» → ``companies-usa``, is known when both parts are)."""
    def known(eid: str) -> bool:
        if kb.actor(eid) is not None or kb.place(eid) is not None:
            return True
        agent, _, iso3 = eid.rpartition("-")
        return agent in kb.agents and kb.country_place(iso3.upper()) is not None

    rows = store.con.execute("SELECT entity_id, kind FROM entities ORDER BY 1").fetchall()
    return [f"{store.path}: {kind} {eid} is in the store but not in the knowledge base"
            for eid, kind in rows if not known(eid)]


@kb_app.command("lookup")
def kb_lookup(
    text: Annotated[str, typer.Argument(help="An Arabic phrase or sentence.")],
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) to resolve relative dates against.")] = None,
    kb_extra: KbExtra = None,
    db: DbOption = None,
) -> None:
    """Show how a phrase resolves: mentions, entities, dates and event words, and why; with
    a store (--db, or the configured one), how often it holds each entity."""
    from marsad.kb.lookup import explain

    kb = _load_kb(kb_extra)
    store = _kb_store(db)
    try:
        for line in explain(text, kb, published, store):
            typer.echo(line)
    finally:
        if store is not None:
            store.close()


# --- store commands ---


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(
        help="Files or folders (.txt .html .htm .jsonl .json .csv), or - for JSONL on stdin.")],
    db: DbOption = None,
    kb_extra: KbExtra = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Articles per transaction.")] = 200,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Extraction processes.")] = 1,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-extract articles already stored unchanged.")] = False,
) -> None:
    """Extract into the store, cluster stories and merge events across sources."""
    from marsad.engine.run import run_store
    from marsad.store.paths import resolve_db_path

    path = resolve_db_path(db)
    try:
        stats = run_store(inputs, path, kb_extra or [], err, batch_size=batch_size,
                          workers=workers, force=force)
    except OSError as exc:
        _fail(f"{exc.filename or path}: {exc.strerror}")
        return
    c = stats.counts
    err.print(f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged"
              + (f", {stats.errors} unreadable" if stats.errors else "")
              + f" in {stats.seconds:.1f}s → {path}: {c.get('articles', 0)} articles, "
              f"{c.get('stories', 0)} stories, {c.get('events', 0)} events, "
              f"{c.get('merged_events', 0)} merged events", markup=False)
    if stats.read == 0:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl, plover, acled-csv, geojson, graphml or parquet.")
    ] = "jsonl",
    out: Annotated[str, typer.Option("--out", "-o", help="File to write (- = stdout).")] = "-",
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="PLOVER event type (repeatable).")] = None,
    actors: Annotated[list[str] | None, typer.Option(
        "--actor", help="Knowledge-base id of an actor or recipient (repeatable).")] = None,
    countries: Annotated[list[str] | None, typer.Option(
        "--country", help="ISO 3166-1 alpha-3 of the event's place (repeatable).")] = None,
    bbox: Annotated[str | None, typer.Option(
        help="min_lon,min_lat,max_lon,max_lat of the event's place.")] = None,
    include_historical: Annotated[bool, typer.Option(
        "--include-historical", help="Keep background (historical) events.")] = False,
    min_sources: Annotated[int, typer.Option(
        "--min-sources", min=1, help="Only events reported by at least this many articles.")
    ] = 1,
) -> None:
    """Write merged events from the store (SCHEMA.md §4, §6)."""
    from marsad.export import FilterError, Filters, export, parse_bbox
    from marsad.store.db import Store

    try:
        filters = Filters(since=since, until=until, types=types or [], actors=actors or [],
                          countries=countries or [], bbox=parse_bbox(bbox),
                          include_historical=include_historical, min_sources=min_sources)
        with Store(db, read_only=True) as store:
            n = export(store, fmt, out, filters)
    except (FilterError, FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        _fail(f"{exc.filename or out}: {exc.strerror}")
        return
    err.print(f"{n} merged events → {out}", markup=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("marsad: interrupted", markup=False)
        sys.exit(130)


