"""`kroniek watch`: saved filters that tell what is new (the logic is in kroniek/watch.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from . import watch as W
from .cli_support import NARROW, _check_out, _filter, _open, _show, console, err
from .store import DEFAULT_DB, Store, StoreBusy

watch_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Watchlists: saved filters that tell what is new since they "
                             "last looked (new events, confirmations, new sources, denials).")

DB = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.")
NAME = typer.Argument(..., help="The watch's name (letters, digits, - _ .).")


def _fail(e: Exception):
    err.print(f"[red]{_show(str(e))}[/red]", soft_wrap=True)
    raise typer.Exit(2)


@watch_app.command("add")
def add(name: str = NAME, db: str = DB,
        actor: Optional[str] = typer.Option(None, help="Actor code, e.g. RUS or NATO."),
        recipient: Optional[str] = typer.Option(None, help="Recipient code."),
        type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type."),
        equipment: Optional[str] = typer.Option(None, help="System name, alias or class."),
        status: Optional[str] = typer.Option(None, help="Best-supported status."),
        since: Optional[str] = typer.Option(None, help="YYYY, YYYY-MM or YYYY-MM-DD.")):
    """Save a watch; the events it matches now count as seen."""
    flt = _filter(actor, recipient, type_, equipment, status, since, None)
    store = _open(db)
    try:
        w = W.add(store, name, flt)
    except W.WatchError as e:
        _fail(e)
    console.print(f"watch {_show(w.name)} ({_show(w.describe())}): {len(w.snapshot)} events "
                  "seen; later ones will be new")


@watch_app.command("list")
def list_watches(db: str = DB):
    """The watches with their filters and counts of new items."""
    store = _open(db, read_only=True)
    with store.connect() as con:
        rows = W.counts(con)
    if not rows:
        console.print("no watches (kroniek watch add NAME --type AID ...)")
        return
    table = Table(title=f"{len(rows)} watches")
    for col in ("name", "filters", "seen", "new", "last looked"):
        table.add_column(col)
    for w, n in rows:
        table.add_row(_show(w.name), _show(w.describe()), str(len(w.snapshot)), str(n),
                      w.seen_at.strftime("%Y-%m-%d %H:%M"))
    console.print(table)


@watch_app.command("remove")
def remove(name: str = NAME, db: str = DB):
    """Delete a watch."""
    store = _open(db)
    try:
        W.remove(store, name)
    except W.WatchError as e:
        _fail(e)
    console.print(f"watch {_show(name)} removed")


@watch_app.command("show")
def show(name: str = NAME, db: str = DB,
         new: bool = typer.Option(False, "--new", help="Only what is new or changed."),
         mark_seen: bool = typer.Option(False, "--mark-seen",
                                        help="Then take everything it matches as seen."),
         as_json: bool = typer.Option(False, "--json", help="JSON Lines: kinds and event."),
         fmt: str = typer.Option("table", "--format", help="table | atom"),
         out: Optional[str] = typer.Option(None, "--out", help="Write here (default stdout)."),
         base_url: str = typer.Option("http://127.0.0.1:8000", "--base-url",
                                      help="Where `kroniek serve` answers (Atom links).")):
    """The events a watch matches, what is new marked; --new only those."""
    if fmt not in ("table", "atom"):
        _fail(ValueError(f"unknown format {fmt}; use table or atom"))
    _check_out(out)
    store = _open(db, read_only=not mark_seen)
    try:
        with store.connect() as con:
            w = W.get(con, name)
            found = W.items(con, w, new_only=new or fmt == "atom")
            if fmt == "atom":
                data = W.atom(found, f"kroniek watch {name}", f"urn:kroniek:feed:{name}",
                              base_url, f"/feeds/{name}.atom")
    except W.WatchError as e:
        _fail(e)
    if fmt == "atom":
        if out:
            Path(out).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    elif as_json:
        for i in found:
            sys.stdout.write(json.dumps({"watch": name, "id": i.id, "kinds": i.kinds,
                                         "event": i.record, "latest_report": i.latest},
                                        ensure_ascii=False) + "\n")
    else:
        fresh = sum(bool(i.kinds) for i in found)
        title = f"watch {_show(name)}: {fresh} new of {len(found)} shown ({_show(w.describe())})"
        if console.width < NARROW:  # two lines an item: what changed, then the evidence
            console.print(f"[bold]{title}[/bold]")
            for i in found:
                ev = i.evidence
                console.print(("[cyan]" if i.kinds else "[dim]") + _show(i.line()) + "[/]"
                              + f" [dim]{i.link}[/dim]", soft_wrap=True)
                console.print(f'  [dim]{_show(ev["cite_info"]["doc_id"])}: '
                              f'{_show(ev["event_text"][0])}[/dim]', soft_wrap=True)
        else:
            table = Table(title=title, expand=True)
            for col in ("new", "date", "event", "actor", "recipient", "status", "sources",
                        "evidence", "link"):
                table.add_column(col, no_wrap=col in ("date", "link"),
                                 ratio=3 if col == "evidence" else None)
            for i in found:
                r, ev = i.record, i.evidence
                table.add_row(", ".join(i.kinds), r["date"], r["event"],
                              _show(W.parties(r["actor"])), _show(W.parties(r["recipient"])),
                              r["status"], str(r.get("independent_sources", 0)),
                              _show(f'{ev["cite_info"]["doc_id"]}: {ev["event_text"][0]}'),
                              r["link"])
            console.print(table)
    if mark_seen:
        n = W.mark_seen(store, name)
        err.print(f"watch {_show(name)}: {n} events marked seen")


def report_watches(db: str) -> None:
    """After a run: one line per watch (nothing when the store has none)."""
    try:
        with Store(db, read_only=True).connect() as con:
            lines = W.run_lines(con)
    except (StoreBusy, FileNotFoundError):
        return
    for line in lines:
        err.print(_show(line), soft_wrap=True)
