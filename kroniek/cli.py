"""kroniek's command line: small verbs over one store."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .cli_support import (_check_db, _check_out, _entity_list, _equipment_list, _filter,
                          _open, _show, _status, console, err, events_table)
from .cli_corrections import register as register_corrections
from .cli_watch import report_watches, watch_app
from .store import DEFAULT_DB, Store, StoreBusy

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="kroniek: a sourced chronicle of military events from Dutch news.")

DB = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.")
# the filters `events` and `clusters` share
ACTOR = typer.Option(None, help="Actor code, e.g. RUS or NATO.")
RECIPIENT = typer.Option(None, help="Recipient code.")
TYPE = typer.Option(None, "--type", help="PLOVER event type.")
EQUIPMENT = typer.Option(None, help="System name or class.")
SINCE = typer.Option(None, help="YYYY, YYYY-MM or YYYY-MM-DD: events whose date interval "
                                "ends on or after its start ('2024' keeps an event of "
                                "2023-12 to 2024-02).")
UNTIL = typer.Option(None, help="YYYY, YYYY-MM or YYYY-MM-DD: events whose date interval "
                                "starts on or before its end.")
LIMIT = typer.Option(200, min=0, help="At most this many rows.")
app.add_typer(watch_app, name="watch")
register_corrections(app)


def _rules_off() -> None:
    """Check KRONIEK_RULES_OFF before anything runs: an unknown id is a user's mistake."""
    from .extract import rules
    try:
        rules.configure(None)
    except rules.UnknownRule as e:
        err.print(f"[red]KRONIEK_RULES_OFF: {_show(str(e))}[/red]")
        raise typer.Exit(2)


@app.command()
def run(paths: list[str] = typer.Argument(..., help="Files, folders, or - for standard input."),
        db: str = DB,
        ray: bool = typer.Option(False, "--ray", help="Distribute over Ray workers."),
        address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address."),
        workers: Optional[int] = typer.Option(
            None, "--workers", min=1, metavar="N",
            help="Frog servers run in parallel (with --ray: Ray workers, one Frog each); "
                 "default: one per core, as many as the available memory holds (~0.9 GB "
                 "each)."),
        timeout: float = typer.Option(
            120.0, "--timeout", min=0.1, metavar="SECONDS",
            help="Seconds Frog may take on one document; then it is tried once more and "
                 "quarantined (a later run tries quarantined documents again)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.")):
    """Read articles, extract events and store them.

    Exit codes: 0 all stored; 1 some inputs bad or quarantined (listed at the end);
    3 the store is busy (another run holds it); 4 Frog is not available.

    KRONIEK_FROG=HOST:PORT uses a Frog server that is already running (one Frog).
    """
    from .analysis import FrogError
    from .analysis.pool import frog_count
    from .ingest import Problem
    from .pipeline import Pipeline
    from .store import run_lock
    _rules_off()
    _check_db(db, read_only=False)

    def on_problem(p: Problem) -> None:
        colour = "red" if p.skipped else "yellow"
        err.print(f"[{colour}]{_show(str(p))}[/{colour}]", soft_wrap=True)

    frogs, note = frog_count(workers, shared=not ray)
    if note:
        err.print(note, soft_wrap=True)
    try:
        with run_lock(db):
            store = _open(db)
            if ray:
                from .distributed import run_ray
                summary = run_ray(paths, store, address=address, workers=frogs,
                                  on_problem=on_problem, timeout=timeout)
            else:
                with Progress(TextColumn("{task.description}"), BarColumn(),
                              MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                              disable=quiet, transient=True) as progress:
                    task = progress.add_task("starting Frog", total=None)

                    def on_document(doc, res):
                        progress.update(task, advance=1, description=_show(doc.id[:40]))
                        if res is not None and res.status == "quarantined":
                            progress.console.print(
                                f"[red]{_show(doc.source or doc.id)}: quarantined "
                                f"({_show(res.note or '')}); kept with the reason, the "
                                "next run tries it again[/red]", soft_wrap=True)

                    with Pipeline(store, timeout=timeout, frogs=frogs) as pipeline:
                        summary = pipeline.run(paths, on_problem, on_document)
    except StoreBusy as e:
        err.print(f"[red]{_show(str(e))}[/red]", soft_wrap=True)
        raise typer.Exit(3)
    except FrogError as e:  # FrogUnavailable: documents are quarantined, not raised
        err.print(f"[red]Frog is not available: {_show(str(e))}\nThe run stopped; what was "
                  "stored is kept, and running again continues where it stopped.[/red]",
                  soft_wrap=True)
        raise typer.Exit(4)
    except KeyboardInterrupt:
        err.print("[red]interrupted; what was stored is kept, and running again continues "
                  "where it stopped[/red]")
        raise typer.Exit(130)
    except PermissionError as e:  # the store's folder is not writable
        err.print(f"[red]cannot write the store {_show(db)}: {_show(str(e))}[/red]",
                  soft_wrap=True)
        raise typer.Exit(2)
    err.print(f"{summary.read} documents read, {summary.stored} stored, "
              f"{summary.unchanged} already in the store, {summary.events} events, "
              f"{len(summary.problems)} input problems, {len(summary.quarantined)} quarantined "
              f"({summary.seconds:.1f} s) -> {db}", soft_wrap=True)
    if summary.formats:
        err.print(summary.formats_line(), soft_wrap=True)
    if summary.stored or summary.quarantined or _unresolved(db):
        _resolve(db)
    report_watches(db)
    if summary.failed:
        failed = [str(p) for p in summary.problems if p.skipped] + \
            [f"{source}: quarantined ({reason})" for source, reason in summary.quarantined]
        err.print(f"[red]{len(failed)} input(s) failed:[/red]")
        for line in failed[:50]:
            err.print(f"  {_show(line)}", soft_wrap=True)
        if len(failed) > 50:
            err.print(f"  … and {len(failed) - 50} more, in the messages above")
        raise typer.Exit(1)


def _unresolved(db: str) -> bool:
    """A store a killed run left without (or with stale) clusters is resolved again."""
    try:
        return Store(db, read_only=True).unresolved()
    except (StoreBusy, FileNotFoundError):
        return False


def _resolve(db: str, busy_exit: bool = False) -> None:
    """Recompute copies and clusters in one transaction (the old ones stay until the new
    ones commit); a failure here loses nothing already stored."""
    from .resolve import resolve as do_resolve
    from .store import run_lock
    try:
        with run_lock(db):
            res = do_resolve(Store(db))
    except StoreBusy as e:
        if busy_exit:  # `kroniek resolve` itself: the store is busy, as for `run`
            err.print(f"[red]{_show(str(e))}[/red]", soft_wrap=True)
            raise typer.Exit(3)
        err.print(f"[yellow]{_show(str(e))}; run `kroniek resolve` later[/yellow]")
        return
    err.print(f"{res.reports} reports in {res.clusters} events, {res.corroborated} with two "
              f"or more independent sources, {res.contradicted} contradicted; "
              f"{res.copies} of {res.documents} documents are copies of another "
              f"({res.seconds:.1f} s)", soft_wrap=True)


@app.command()
def resolve(db: str = DB):
    """Recompute syndicated copies, event clusters, corroboration and contradictions.

    Exit codes: 0 done; 2 no store; 3 the store is busy (a run holds it)."""
    _check_db(db, read_only=True)
    _resolve(db, busy_exit=True)


@app.command()
def events(db: str = DB, actor: Optional[str] = ACTOR,
           recipient: Optional[str] = RECIPIENT, type_: Optional[str] = TYPE,
           equipment: Optional[str] = EQUIPMENT,
           status: Optional[str] = typer.Option(None, help="asserted, reported, planned ..."),
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           limit: int = LIMIT,
           as_json: bool = typer.Option(False, "--json", help="PLOVER JSON Lines instead.")):
    """List stored events, oldest first."""
    store = _open(db, read_only=True)
    flt = _filter(actor, recipient, type_, equipment, status, since, until)
    records = store.events(flt, limit=limit)
    if as_json:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    total = store.count_events(flt)
    console.print(events_table(records, f"{len(records)} of {total} events"))


@app.command()
def clusters(db: str = DB, actor: Optional[str] = ACTOR,
             recipient: Optional[str] = RECIPIENT, type_: Optional[str] = TYPE,
             equipment: Optional[str] = EQUIPMENT,
             status: Optional[str] = typer.Option(None, help="Best-supported status."),
             since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
             contradicted: bool = typer.Option(False, "--contradicted",
                                               help="Only events whose reports disagree."),
             limit: int = LIMIT,
             as_json: bool = typer.Option(False, "--json", help="JSON Lines instead.")):
    """List events with all their reports: sources, outlets and contradictions."""
    store = _open(db, read_only=True)
    records = store.clusters(_filter(actor, recipient, type_, equipment, status, since, until),
                             limit=limit, contradicted=contradicted)
    if as_json:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(records)} events", expand=True)
    for col in ("date", "event", "actor", "recipient", "equipment", "status", "reports",
                "sources", "disagreement", "link"):
        table.add_column(col, no_wrap=col in ("date", "link"))
    for r in records:
        table.add_row(r["date"], r["event"], _entity_list(r["actor"]),
                      _entity_list(r["recipient"]), (_equipment_list(r["equipment"])),
                      r["status"], f'{r["reports"]} in {r["documents"]} doc.',
                      str(r["independent_sources"]),
                      ", ".join(c["kind"] for c in r["contradictions"]), r["link"])
    console.print(table)


@app.command()
def timeline(db: str = DB,
             actor: Optional[str] = typer.Option(None, help="Actor code."),
             type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type."),
             since: Optional[str] = typer.Option(None), until: Optional[str] = None):
    """Print the chronicle month by month."""
    from rich.tree import Tree
    store = _open(db, read_only=True)
    records = store.events(_filter(actor, None, type_, None, None, since, until))
    if not records:
        console.print("no events stored yet")
        return
    tree = Tree(f"[bold]kroniek[/bold] — {len(records)} events from {db}")
    months: dict[str, Tree] = {}
    for r in records:
        month = r["date"][:7]
        node = months.get(month) or months.setdefault(month, tree.add(f"[bold]{month}[/bold]"))
        who = _entity_list(r["actor"]) or "?"
        whom = _entity_list(r["recipient"])
        what = _equipment_list(r["equipment"])
        src = ", ".join(a.get("entity_name") or a["raw_text"] for a in r["attribution"])
        line = (f"[cyan]{r['event']}[/cyan] {who}" + (f" → {whom}" if whom else "") +
                (f" [green]{what}[/green]" if what else "") +
                f" [dim]({_status(r)}{', ' + _show(src) if src else ''})[/dim]")
        node.add(line).add(f"[dim]{_show(r['cite_info']['doc_id'])}: "
                           f"{_show(r['event_text'][0])}[/dim]")
    console.print(tree)


@app.command()
def export(fmt: str = typer.Option("plover", "--format",
                                   help="plover | csv | parquet | graphml | gold"),
           out: Optional[str] = typer.Option(None, "--out", help="Output file (default stdout)."),
           db: str = DB,
           actor: Optional[str] = ACTOR, recipient: Optional[str] = RECIPIENT,
           type_: Optional[str] = TYPE, equipment: Optional[str] = EQUIPMENT,
           status: Optional[str] = typer.Option(None, help="asserted, reported, planned ..."),
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           level: str = typer.Option("report", "--level",
                                     help="report: one record per report (with its `link`); "
                                          "event: one per cluster of reports")):
    """Export events (PLOVER JSON Lines, CSV, Parquet or a GraphML actor network), or
    as gold lines (../shared/eval/FORMAT.md) the events an analyst confirmed, corrected or
    added, for `kroniek eval`."""
    from .export import FORMATS, LEVELS, export as do_export
    if fmt not in FORMATS:
        err.print(f"[red]unknown format {_show(fmt)}; use one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    if level not in LEVELS:
        err.print(f"[red]unknown level {_show(level)}; use one of {', '.join(LEVELS)}[/red]")
        raise typer.Exit(2)
    _check_out(out)
    store = _open(db, read_only=True)
    try:
        n = do_export(store, fmt, out, _filter(actor, recipient, type_, equipment, status,
                                               since, until),
                      level=level)
    except ValueError as e:
        err.print(f"[red]{_show(str(e))}[/red]")
        raise typer.Exit(2)
    if out:
        err.print(f"{n} events -> {out}")


@app.command("eval")
def evaluate(gold: Path = typer.Argument(..., exists=True, help="Gold events (JSON Lines)."),
             docs: Path = typer.Option(..., "--docs", exists=True, help="Folder of articles."),
             db: Optional[str] = typer.Option(None, "--db", help="Keep the store here."),
             show: bool = typer.Option(False, "--show", help="List misses and false positives."),
             as_json: bool = typer.Option(False, "--json")):
    """Run the pipeline on DOCS and score it against GOLD (see FORMAT.md)."""
    import tempfile
    from .evaluate import read_jsonl, report, score
    from .pipeline import Pipeline
    from .store import run_lock
    _rules_off()
    if db:
        _check_db(db, read_only=False)
    if not docs.is_dir():
        err.print(f"[red]--docs {_show(docs)} is not a folder of articles[/red]")
        raise typer.Exit(2)
    try:  # before the run: a broken gold file should not cost a Frog run
        gold_rows = read_jsonl(gold)
        for number, row in enumerate(gold_rows, 1):
            missing = [k for k in ("doc", "gid", "event") if not isinstance(row, dict)
                       or k not in row]
            if missing:
                raise ValueError(f"{gold}: gold event {number} has no "
                                 f"{', '.join(missing)} (see FORMAT.md)")
    except (ValueError, UnicodeDecodeError) as e:
        err.print(f"[red]{_show(e)}[/red]", soft_wrap=True)
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "eval.duckdb")
        try:
            with run_lock(path), Pipeline(Store(path)) as pipeline:
                pipeline.run([str(docs)])
        except StoreBusy as e:
            err.print(f"[red]{_show(str(e))}[/red]")
            raise typer.Exit(3)
        store = Store(path, read_only=True)
        doc_ids = {p.stem for p in docs.iterdir() if p.is_file()}
        figures, missed, false_pos = score(gold_rows, store.events(), doc_ids)
    if as_json:
        print(json.dumps(figures))
    else:
        console.print(report(figures, missed if show else None, false_pos if show else None))


@app.command()
def explain(file: Path = typer.Argument(..., exists=True, help="One article.")):
    """Show, sentence by sentence, what was recognised and why events were (not) produced."""
    from .analysis import FrogServer, analyze
    from .explain import render
    from .ingest import read_file
    _rules_off()
    if file.is_dir():
        err.print(f"[red]{_show(file)} is a folder: explain takes one article file[/red]")
        raise typer.Exit(2)
    items = list(read_file(file))
    docs = [d for d in items if not hasattr(d, "message")]
    for p in items:
        if hasattr(p, "message"):
            err.print(f"[red]{_show(str(p))}[/red]")
    if not docs:
        raise typer.Exit(1)
    with FrogServer() as frog:
        for doc in docs:
            render(analyze(doc, frog), console)


@app.command("rules")
def list_rules(stage: Optional[str] = typer.Option(None, help="Only this stage."),
               as_json: bool = typer.Option(False, "--json", help="One JSON object per rule."),
               examples: bool = typer.Option(False, "--examples",
                                             help="Every example with its outcome.")):
    """The named extraction rules: id, stage, what each does and its example.

    KRONIEK_RULES_OFF=id,id switches rules off for run, eval and explain; `make ablate`
    shows what each is worth on the shared evaluation sets.
    """
    from .extract import rules
    _rules_off()
    found = [r for r in rules.all_rules() if stage is None or r.stage == stage]
    if stage is not None and not found:
        err.print(f"[red]no stage {_show(stage)}; stages: {', '.join(rules.STAGES)}[/red]")
        raise typer.Exit(2)
    off = rules.switched_off()
    if as_json:
        for r in found:
            print(json.dumps(dict(r.to_json(), off=r.id in off), ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} rules" + (f", {len(off)} switched off" if off else ""))
    for col in ("id", "stage", "what it does", "example"):
        table.add_column(col, overflow="fold")
    for r in found:
        shown = r.examples if examples else r.examples[:1]
        ex = "\n".join(f"{e.text} → {e.expect}" for e in shown)
        label = f"{r.id} (off)" if r.id in off else r.id
        table.add_row(_show(label), r.stage, _show(r.description) + f"\n[dim]{_show(r.where)}[/dim]",
                      _show(ex))
    console.print(table)


@app.command()
def serve(db: str = DB, host: str = typer.Option("127.0.0.1", help="Interface to bind."),
          port: int = typer.Option(8000), token: Optional[str] = typer.Option(
              None, envvar="KRONIEK_TOKEN", help="Require this token (needed off localhost)."),
          allow_host: list[str] = typer.Option(
              [], "--allow-host", envvar="KRONIEK_ALLOWED_HOSTS",
              help="Also answer requests for this host name (repeatable; '*' for any). "
                   "Localhost and the bound address are always allowed."),
          write: bool = typer.Option(False, "--write",
                                     help="Event pages get a correction form (needs --token; "
                                          "the default is read-only).")):
    """Serve the timeline, network, event pages and the JSON API.

    Only requests whose Host header names this server are answered (a web page that
    rebinds its own name to 127.0.0.1 gets 400), so no other site can read the store.
    """
    import uvicorn
    from .web import create_app
    from .web.security import LOCAL_HOSTS
    from .web.server import KEEP_ALIVE
    if write and not token:
        err.print("[red]--write needs --token (or KRONIEK_TOKEN): corrections are made "
                  "only by those who have it[/red]")
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        err.print("[red]binding to a non-local interface needs --token (or KRONIEK_TOKEN)[/red]")
        raise typer.Exit(2)
    hosts = list(LOCAL_HOSTS) + [h for x in allow_host for h in x.split(",") if h]
    if host in ("0.0.0.0", "::") and not allow_host:
        hosts.append("*")  # every name of the machine; the token guards it
    elif host not in hosts:
        hosts.append(host)
    _open(db, read_only=not write)
    uvicorn.run(create_app(db, token=token, allowed_hosts=hosts, write=write), host=host,
                port=port,
                log_level="warning", timeout_keep_alive=KEEP_ALIVE)


@app.command()
def stats(db: str = DB):
    """Counts of what the store holds."""
    store = _open(db, read_only=True)
    for key, value in store.stats().items():
        console.print(f"{key:10} {value}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except OSError as e:  # a path the checks above did not foresee: still one line
        err.print(f"[red]{_show(e)}[/red]", soft_wrap=True)
        raise SystemExit(2)


if __name__ == "__main__":
    main()
