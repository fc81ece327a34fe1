"""What the command line's verbs share: checking what a user typed (one message and
exit 2 for a mistake, never a traceback) and printing store text safely."""
from __future__ import annotations

import re
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.table import Table

from .store import EventFilter, Store, StoreBusy

console = Console()
err = Console(stderr=True)

# C0 and C1 control characters (ESC, BEL, CSI, ...): article text must not clear the
# screen, set the title or plant OSC-8 links in the user's terminal
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _show(text) -> str:
    """Text from a store or an article, safe to print: no control characters, no markup."""
    return _escape_markup(CONTROL.sub("", str(text)))


def _filter(actor, recipient, type_, equipment, status, since, until) -> EventFilter:
    """The filters, checked as the web checks them: an unknown type, status or date is
    one message naming the values that exist (exit 2), never an empty list. A system
    alias ('shahed', 'Geran-2') stands for the system, as in the web's search."""
    from .web.queries import BadQuery, make_filter
    try:
        flt = make_filter(actor, recipient, type_, equipment, status, since, until)
    except BadQuery as e:
        err.print(f"[red]{_show(str(e))}[/red]")
        raise typer.Exit(2)
    if flt.equipment:
        flt.equipment = _equipment_name(flt.equipment)
    if flt.type:
        flt.type = flt.type.upper()
    if flt.status:
        flt.status = flt.status.lower()
    return flt


def _equipment_name(text: str) -> str:
    from .web.aliases import catalog_aliases
    from .web.queries import fold
    hits = [v for kind, v, _ in catalog_aliases().get(fold(text), []) if kind == "equipment"]
    return hits[0] if hits else text


def _check_db(db: str, read_only: bool) -> None:
    """A store path the user got wrong: one message and exit 2, before DuckDB sees it."""
    path = Path(db)
    if path.is_dir():
        problem = f"--db {db} is a folder; give a store file, e.g. {path / 'kroniek.duckdb'}"
    elif read_only and not path.exists():
        problem = f"no store at {db} (run `kroniek run PATH --db {db}` first)"
    elif not path.parent.is_dir():
        problem = f"--db {db}: the folder {path.parent} does not exist"
    else:
        return
    err.print(f"[red]{_show(problem)}[/red]", soft_wrap=True)
    raise typer.Exit(2)


def _open(db: str, read_only: bool = False) -> Store:
    _check_db(db, read_only)
    try:
        return Store(db, read_only=read_only)
    except StoreBusy as e:
        err.print(f"[red]{_show(str(e))}[/red]")
        raise typer.Exit(3)
    except FileNotFoundError as e:
        err.print(f"[red]{_show(str(e))}[/red]")
        raise typer.Exit(2)


def _check_out(out: str | None) -> None:
    if out is None:
        return
    path = Path(out)
    if path.is_dir():
        problem = f"--out {out} is a folder; give a file name"
    elif not path.parent.is_dir():
        problem = f"--out {out}: the folder {path.parent} does not exist"
    else:
        return
    err.print(f"[red]{_show(problem)}[/red]", soft_wrap=True)
    raise typer.Exit(2)


def _status(r: dict) -> str:
    """The status, with the analyst's verdict when there is one (corrected, ...)."""
    verdict = (r.get("analyst") or {}).get("verdict")
    return r["status"] + (f", {verdict} by {', '.join(_by(r['analyst']))}" if verdict else "")


def _by(analyst: dict) -> list[str]:
    names = [f["by"] for f in analyst["set"].values()]
    for key in ("confirmed", "added"):
        if analyst.get(key):
            names.append(analyst[key]["by"])
    return [_show(n) for n in dict.fromkeys(names)]


def _entity_list(items: list[dict]) -> str:
    return _show(", ".join(x.get("country_code") or x.get("entity_name") or "?"
                           for x in items))


def _equipment_list(items: list[dict]) -> str:
    return _show(", ".join(x.get("name") or x.get("class") for x in items))


NARROW = 110  # below this many columns the eight-column table wraps every row


def events_table(records: list[dict], title: str | None = None, width: int | None = None):
    """Events as a table on a wide terminal; on a narrow one, two lines an event (what
    happened, then the evidence), so that a row never breaks into six to nine lines."""
    width = width or console.width
    if width < NARROW:
        return _events_compact(records, title, width)
    table = Table(title=title, show_lines=False, expand=True)
    for col, kw in (("date", {"no_wrap": True}), ("event", {}), ("actor", {}),
                    ("recipient", {}), ("equipment", {}), ("status", {}),
                    ("according to", {}), ("evidence", {"ratio": 3})):
        table.add_column(col, **kw)
    for r in records:
        table.add_row(r["date"], r["event"], _entity_list(r["actor"]),
                      _entity_list(r["recipient"]), _equipment_list(r["equipment"]),
                      _status(r), _show(", ".join(a.get("entity_name") or a["raw_text"]
                                                    for a in r["attribution"])),
                      _show(f'{r["cite_info"]["doc_id"]}: {r["event_text"][0]}'))
    return table


def _events_compact(records: list[dict], title: str | None, width: int):
    from rich.console import Group
    from rich.text import Text
    lines = [Text.from_markup(f"[bold]{_show(title)}[/bold]")] if title else []
    for r in records:
        whom = _entity_list(r["recipient"])
        what = _equipment_list(r["equipment"])
        src = _show(", ".join(a.get("entity_name") or a["raw_text"] for a in r["attribution"]))
        lines.append(Text.from_markup(
            f"{r['date']} [cyan]{r['event']}[/cyan] {_entity_list(r['actor']) or '?'}"
            + (f" → {whom}" if whom else "") + (f" [green]{what}[/green]" if what else "")
            + f" [dim]({_status(r)}{', ' + src if src else ''})[/dim]"))
        evidence = CONTROL.sub("", f'{r["cite_info"]["doc_id"]}: {r["event_text"][0]}')
        room = max(20, width - 4)
        lines.append(Text("  " + (evidence if len(evidence) <= room
                                  else evidence[:room - 1] + "…"), style="dim"))
    return Group(*lines)
