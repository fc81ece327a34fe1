"""The analyst's verbs: correct, reject, confirm, add, merge, split, corrections."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.table import Table

from .cli_support import _open, _show, console, err
from .corrections import CorrectionError
from .store import DEFAULT_DB, StoreBusy

DB = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.")
BY = typer.Option(None, "--by", help="Who makes the correction (default: the user name).")
WHY = typer.Option(None, "--why", help="Why (kept with the correction).")
ACTOR = typer.Option(None, "--actor", help="Actor codes, comma-separated ('-': none).")
RECIPIENT = typer.Option(None, "--recipient", help="Recipient codes ('-': none).")
EQUIPMENT = typer.Option(None, "--equipment", help="Systems or classes ('-': none).")
STATUS = typer.Option(None, "--status", help="asserted, reported, planned, ...")
SOURCE = typer.Option(None, "--source", help="Who it is attributed to ('-': nobody).")
DATE = typer.Option(None, "--date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
TYPE = typer.Option(None, "--type", help="PLOVER event type.")


def _do(db: str, action, *args, **kwargs):
    """Run one correction verb: bad input is one message and exit 2, nothing written;
    then the clusters are resolved again (or, while a run holds the store, by it)."""
    store = _open(db)
    try:
        out = action(store, *args, **kwargs)
    except CorrectionError as e:
        err.print(f"[red]{_show(str(e))}[/red]", soft_wrap=True)
        raise typer.Exit(2)
    except StoreBusy as e:
        err.print(f"[red]{_show(str(e))}; nothing was written[/red]", soft_wrap=True)
        raise typer.Exit(3)
    from .corrections import resolve_now
    if not resolve_now(store):
        err.print("a run is writing to the store: it brings the events (clusters) up to "
                  "date with this correction when it finishes; the correction itself "
                  "applies now", soft_wrap=True)
    return out


def _said(n: int, what: str) -> None:
    err.print(f"correction {n}: {_show(what)}", soft_wrap=True)


def correct(ident: Optional[str] = typer.Argument(None, help="Event (report) id."),
            type_: Optional[str] = TYPE, actor: Optional[str] = ACTOR,
            recipient: Optional[str] = RECIPIENT, equipment: Optional[str] = EQUIPMENT,
            status: Optional[str] = STATUS, source: Optional[str] = SOURCE,
            date: Optional[str] = DATE, why: Optional[str] = WHY, by: Optional[str] = BY,
            undo: Optional[int] = typer.Option(None, "--undo", metavar="N",
                                               help="Undo correction N instead."),
            db: str = DB):
    """Correct fields of an event report; the correction survives re-runs and rule
    changes (see `kroniek corrections`)."""
    from . import corrections as C
    if undo is not None:
        n = _do(db, C.undo, undo, why, by)
        _said(n, f"correction {undo} undone")
        return
    if not ident:
        err.print("[red]give the event id to correct (or --undo N)[/red]")
        raise typer.Exit(2)
    given = {"event": type_, "actor": actor, "recipient": recipient,
             "equipment": equipment, "status": status, "attribution": source, "date": date}
    n = _do(db, C.correct, ident, given, why, by)
    _said(n, f"{ident} corrected: " + ", ".join(f"{k}={v}" for k, v in given.items()
                                               if v is not None))


def reject(ident: str = typer.Argument(..., help="Event (report) id."),
           why: Optional[str] = WHY, by: Optional[str] = BY, db: str = DB):
    """Mark a report as no event: gone from lists and exports, kept in `corrections`."""
    from . import corrections as C
    _said(_do(db, C.reject, ident, why, by), f"{ident} rejected")


def confirm(ident: str = typer.Argument(..., help="Event (report) id."),
            why: Optional[str] = WHY, by: Optional[str] = BY, db: str = DB):
    """Mark a report as checked and right as it is (it becomes gold)."""
    from . import corrections as C
    _said(_do(db, C.confirm, ident, why, by), f"{ident} confirmed")


def add(doc: str = typer.Argument(..., help="Document id."),
        start: int = typer.Option(..., "--start", help="Evidence span: first character."),
        end: int = typer.Option(..., "--end", help="Evidence span: end (exclusive)."),
        type_: Optional[str] = TYPE, actor: Optional[str] = ACTOR,
        recipient: Optional[str] = RECIPIENT, equipment: Optional[str] = EQUIPMENT,
        status: Optional[str] = STATUS, source: Optional[str] = SOURCE,
        date: Optional[str] = DATE, why: Optional[str] = WHY, by: Optional[str] = BY,
        db: str = DB):
    """Add an event the extractor missed, tied to its evidence span in DOC."""
    from . import corrections as C
    given = {"event": type_, "actor": actor, "recipient": recipient,
             "equipment": equipment, "status": status, "attribution": source, "date": date}
    n, rid = _do(db, C.add, doc, start, end, given, why, by)
    _said(n, f"event {rid} added")


def merge(first: str = typer.Argument(..., help="Event (cluster) link."),
          second: str = typer.Argument(..., help="Another event link."),
          why: Optional[str] = WHY, by: Optional[str] = BY, db: str = DB):
    """Join two events (clusters of reports) into one, for every later resolution."""
    from . import corrections as C
    _said(_do(db, C.merge, first, second, why, by), f"{first} and {second} merged")


def split(link: str = typer.Argument(..., help="Event (cluster) link."),
          report: str = typer.Option(..., "--report", help="The report to take out."),
          why: Optional[str] = WHY, by: Optional[str] = BY, db: str = DB):
    """Take a report out of an event (cluster), for every later resolution."""
    from . import corrections as C
    _said(_do(db, C.split, link, report, why, by), f"{report} split off {link}")


def corrections(db: str = DB,
                as_json: bool = typer.Option(False, "--json", help="JSON Lines instead.")):
    """Every correction: who, when, why, what it changed and whether it still applies
    (applies, re-attached to a new report, orphaned, undone)."""
    from .corrections import listing
    store = _open(db, read_only=True)
    items = listing(store)
    if as_json:
        for c in items:
            sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(items)} corrections", expand=True)
    for col in ("n", "when", "by", "what", "on", "changed", "why", "state"):
        table.add_column(col, overflow="fold")
    for c in items:
        changed = ", ".join(f"{k}={_value(v)}" for k, v in c["changes"].items()
                            if k != "record") or ("" if c["action"] != "add" else
                                                  _value(c["changes"]["record"]))
        state = c["state"] + (f" ({c['note']})" if c["note"] else "")
        table.add_row(str(c["n"]), c["made_at"].replace("T", " "), _show(c["by"]),
                      c["action"], _show(c["target"] or ""), _show(changed),
                      _show(c["why"] or ""), _show(state))
    console.print(table)


def _value(v) -> str:
    if isinstance(v, list):
        return ";".join(_value(x) for x in v) or "-"
    if isinstance(v, dict):
        if "event" in v and "cite_info" in v:
            return (f"{v['event']} {_value(v['actor'])} -> {_value(v['recipient'])} "
                    f"{v['status']} [{v['cite_info']['char_start']}:"
                    f"{v['cite_info']['char_end']}]")
        return str(v.get("country_code") or v.get("name") or v.get("class")
                   or v.get("entity_name"))
    return str(v)


def register(app: typer.Typer) -> None:
    for fn in (correct, reject, confirm, add, merge, split, corrections):
        app.command(fn.__name__)(fn)
