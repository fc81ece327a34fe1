"""Watchlists: saved event filters that say what is new since they last looked.

A watch keeps a snapshot of the events (clusters, kroniek/resolve) it saw: per link
the best-supported status, the number of independent sources and whether the reports
disagree. Against it, an event is new to the watch when its link is not in the
snapshot, or changed when it is now reported as done (status asserted), has gained an
independent source, or has been denied or contradicted. Marking a watch seen replaces
its snapshot with what it matches now.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from urllib.parse import quote

from .store import EventFilter, Store, has_table

FILTER_KEYS = ("actor", "recipient", "type", "equipment", "status", "since")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# what each kind of item means, in the order they are listed  # not Dutch
KINDS = {"new": "new event", "confirmed": "now reported as done",
         "source": "new independent source", "denied": "denied",
         "contradicted": "reports disagree"}
ATOM = "http://www.w3.org/2005/Atom"
# characters XML 1.0 cannot carry, and C1 controls: article text must stay inert
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class WatchError(ValueError):
    """A user's mistake: a bad or duplicate name, or no such watch."""


@dataclass
class Watch:
    name: str
    filters: dict
    created_at: dt.datetime
    seen_at: dt.datetime
    snapshot: dict = field(default_factory=dict)

    def filter(self) -> EventFilter:
        return EventFilter(**{k: v for k, v in self.filters.items() if k in FILTER_KEYS})

    def describe(self) -> str:
        return " ".join(f"--{k} {v}" for k, v in self.filters.items() if v) or "(everything)"


@dataclass
class Item:
    """An event the watch has not seen in this state, with why it is listed."""
    watch: str
    link: str
    kinds: list[str]
    record: dict
    stored_at: dt.datetime | None = None
    latest: dict | None = None  # the event's report stored last: what changed it

    @property
    def evidence(self) -> dict:
        """The report to cite: the one stored last (a new source, the denial ...)."""
        return self.latest or self.record

    @property
    def id(self) -> str:
        """Stable while the event stays in this state; a further change is a new entry."""
        r = self.record
        state = f"{r['status']}/{r.get('independent_sources', 0)}/" \
                f"{int(bool(r.get('contradictions')))}"
        return "urn:kroniek:" + ":".join(quote(x, safe="") for x in
                                         (self.watch, self.link, "+".join(self.kinds), state))

    @property
    def report_id(self) -> str:
        if self.latest:
            return self.latest["id"]
        ids = self.record.get("report_ids") or [self.link]
        return ids[-1]

    def line(self) -> str:
        """One line of plain text (the caller escapes it for its medium)."""
        r = self.record
        whom = parties(r["recipient"])
        what = ", ".join(e.get("name") or e.get("class") or "" for e in r["equipment"])
        return (f"{r['date']} {r['event']} {parties(r['actor']) or '?'}"
                + (f" -> {whom}" if whom else "") + (f" [{what}]" if what else "")
                + f" ({r['status']}) — " + ", ".join(KINDS[k] for k in self.kinds))


def parties(items: list[dict]) -> str:
    return ", ".join(x.get("country_code") or x.get("entity_name") or "?" for x in items)


def state_of(rec: dict) -> list:
    return [rec["status"], int(rec.get("independent_sources") or 0),
            bool(rec.get("contradictions"))]


def changes(rec: dict, before: list | None) -> list[str]:
    if before is None:
        return ["new"]
    status, sources, contradicted = before
    out = []
    if rec["status"] == "asserted" and status != "asserted":
        out.append("confirmed")
    if int(rec.get("independent_sources") or 0) > sources:
        out.append("source")
    if rec.get("contradictions") and not contradicted:
        kinds = {c["kind"] for c in rec["contradictions"]}
        out.append("denied" if "denied" in kinds else "contradicted")
    return out


# -- the table ---------------------------------------------------------------
def _row(row) -> Watch:
    name, filters, created, seen, snapshot = row
    return Watch(name, json.loads(filters), created, seen, json.loads(snapshot))


def watches(con) -> list[Watch]:
    if not has_table(con, "watches"):
        return []
    return [_row(r) for r in con.execute(
        "SELECT name, filters, created_at, seen_at, snapshot FROM watches "
        "ORDER BY name").fetchall()]


def get(con, name: str) -> Watch:
    if has_table(con, "watches"):
        row = con.execute("SELECT name, filters, created_at, seen_at, snapshot FROM watches "
                          "WHERE name = ?", [name]).fetchone()
        if row:
            return _row(row)
    known = [w.name for w in watches(con)]
    raise WatchError(f"no watch named {name!r}" + (f"; watches: {', '.join(known)}"
                                                     if known else " (kroniek watch add NAME)"))


def matching(con, flt: EventFilter) -> dict[str, dict]:
    """The clusters FLT matches, by link (the same filter as `kroniek clusters`)."""
    if not has_table(con, "clusters"):
        return {}
    where, params = flt.where()
    return {link: json.loads(rec) for link, rec in con.execute(
        f"SELECT link, record FROM clusters{where} ORDER BY date_start NULLS LAST, link",
        params).fetchall()}


def snapshot(con, flt: EventFilter) -> dict[str, list]:
    return {link: state_of(rec) for link, rec in matching(con, flt).items()}


def add(store: Store, name: str, flt: EventFilter) -> Watch:
    """A watch over FLT; what it matches now is its starting point (seen)."""
    if not NAME.fullmatch(name) or name == "all":
        raise WatchError(f"bad watch name {name!r}: letters, digits, '-', '_' and '.', "
                         "at most 64, starting with a letter or digit ('all' is the feed "
                         "of every watch)")
    filters = {k: v for k, v in asdict(flt).items() if k in FILTER_KEYS and v}
    now = dt.datetime.now()
    with store.connect() as con:
        if con.execute("SELECT 1 FROM watches WHERE name = ?", [name]).fetchone():
            raise WatchError(f"a watch named {name!r} exists already (kroniek watch remove "
                             f"{name} first)")
        snap = snapshot(con, flt)
        con.execute("INSERT INTO watches VALUES (?, ?, ?, ?, ?)",
                    [name, json.dumps(filters), now, now, json.dumps(snap)])
    return Watch(name, filters, now, now, snap)


def remove(store: Store, name: str) -> None:
    with store.connect() as con:
        get(con, name)
        con.execute("DELETE FROM watches WHERE name = ?", [name])


def mark_seen(store: Store, name: str) -> int:
    """Take what the watch matches now as seen; returns how many events that is."""
    with store.connect() as con:
        w = get(con, name)
        snap = snapshot(con, w.filter())
        con.execute("UPDATE watches SET snapshot = ?, seen_at = ? WHERE name = ?",
                    [json.dumps(snap), dt.datetime.now(), name])
    return len(snap)


def latest(con, links: list[str]) -> dict[str, tuple[dt.datetime, dict]]:
    """Per event, its report stored last and when (the Atom entry's `updated`)."""
    if not links or not has_table(con, "event_links"):
        return {}
    rows = con.execute(
        "SELECT l.link, max(d.added_at), arg_max(e.record, (d.added_at, e.id)) "
        "FROM event_links l JOIN events e ON e.id = l.event_id "
        "JOIN documents d ON d.id = e.doc_id WHERE l.link IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY l.link", [links]).fetchall()
    return {link: (when, json.loads(rec)) for link, when, rec in rows}


def items(con, w: Watch, new_only: bool = True) -> list[Item]:
    """The watch's events: those new or changed since it last looked (NEW_ONLY), or all
    it matches, the new ones with their kinds. Events it saw that left its filter (a
    planned delivery now done, under --status planned) still count when they changed."""
    found = matching(con, w.filter())
    gone = [link for link in w.snapshot if link not in found]
    if gone and has_table(con, "clusters"):
        for link, rec in con.execute("SELECT link, record FROM clusters WHERE link IN "
                                     "(SELECT unnest(?::VARCHAR[]))", [gone]).fetchall():
            rec = json.loads(rec)
            if changes(rec, w.snapshot[link]):
                found[link] = rec
    out = []
    for link, rec in found.items():
        kinds = changes(rec, w.snapshot.get(link))
        if kinds or not new_only:
            out.append(Item(w.name, link, kinds, rec))
    last = latest(con, [i.link for i in out])
    for i in out:
        i.stored_at, i.latest = last.get(i.link, (None, None))
    return out


def counts(con) -> list[tuple[Watch, int]]:
    return [(w, len(items(con, w))) for w in watches(con)]


def run_lines(con, first: int = 3) -> list[str]:
    """After `kroniek run`: one line per watch, its count of new items and the first few."""
    out = []
    for w in watches(con):
        found = items(con, w)
        line = f"watch {w.name}: {len(found)} new"
        if found:
            line += "; " + "; ".join(i.line() for i in found[:first])
            if len(found) > first:
                line += f"; … (kroniek watch show {w.name} --new)"
        out.append(line)
    return out


# -- Atom ----------------------------------------------------------------------
def clean(text) -> str:
    return NOT_XML.sub("", str(text))


def _stamp(when: dt.datetime | None) -> str:
    when = when or dt.datetime.now()
    if when.tzinfo is None:
        when = when.astimezone()  # stored as local time
    return when.isoformat(timespec="seconds")


def summary_text(i: Item) -> str:
    r = i.record
    sources = ", ".join(a.get("entity_name") or a.get("raw_text") or ""
                        for a in r.get("attribution", [])) or "the article itself"
    ev = i.evidence
    cite = ev.get("cite_info", {})
    evidence = (ev.get("event_text") or [""])[0]
    return "\n".join([
        "What: " + ", ".join(KINDS[k] for k in i.kinds),
        f"Type: {r['event']}",
        f"Parties: {parties(r['actor']) or '?'} -> {parties(r['recipient']) or '?'}",
        f"Status: {r['status']}",
        f"Source: {sources}; independent sources: {r.get('independent_sources', 0)}",
        f"Date: {r['date']}" + (f" to {r['enddate']}" if r.get("enddate") else ""),
        f"Evidence ({cite.get('doc_id', '?')}, {ev.get('status', '?')}): {evidence}"])


def atom(found: list[Item], title: str, feed_id: str, base_url: str,
         self_path: str) -> bytes:
    """An Atom 1.0 feed of FOUND, one entry per item, linking to the event pages under
    BASE_URL. Text goes in as element text (escaped by ElementTree), never as markup."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: clean(v) for k, v in attrs.items()})
        if text is not None:
            el.text = clean(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    latest = max((i.stored_at for i in found if i.stored_at), default=None)
    sub(feed, "updated", _stamp(latest))
    sub(feed, "link", rel="self", href=base + self_path)
    sub(sub(feed, "author"), "name", "kroniek")
    sub(feed, "generator", "kroniek")
    for i in found:
        entry = sub(feed, "entry")
        sub(entry, "id", i.id)
        r = i.record
        sub(entry, "title", f"[{i.watch}] {i.line()}")
        sub(entry, "updated", _stamp(i.stored_at))
        sub(entry, "link", rel="alternate", type="text/html",
            href=f"{base}/event/{quote(i.report_id, safe='')}")
        sub(entry, "category", term=r["event"], label="event type")
        for k in i.kinds:
            sub(entry, "category", term=k, label=KINDS[k], scheme="urn:kroniek:change")
        sub(entry, "summary", summary_text(i), type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def feed(con, name: str | None, base_url: str) -> bytes:
    """The Atom feed of one watch's new items, or of every watch's (NAME None)."""
    chosen = [get(con, name)] if name else watches(con)
    found = [i for w in chosen for i in items(con, w)]
    path = f"/feeds/{name or 'all'}.atom"
    title = f"kroniek watch {name}" if name else "kroniek: all watches"
    return atom(found, title, f"urn:kroniek:feed:{quote(name or 'all', safe='')}", base_url,
                path)
