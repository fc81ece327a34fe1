"""The analyst's corrections: checked input, written append-only, applied on read.

Every verb (correct, reject, confirm, add, merge, split, undo) appends one row to the
store's `corrections` table and, in the same transaction, recomputes what the
corrections make of the stored reports (store/overlay.py). Nothing here ever deletes a
correction: an undo is a correction too. Writing goes through DuckDB's single-writer
lock like a run's batches do, so a correction made while a run is going waits for the
batch being stored (at most seconds) and is then seen by every batch after it.

Bad input raises CorrectionError with one message naming the id or value and the
problem; nothing is written then.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import re

from ..models import EVENT_TYPES, STATUSES
from ..store import Store
from ..store.overlay import anchor_of, base_table, read_corrections, refresh

__all__ = ["CorrectionError", "FIELDS", "add", "confirm", "correct", "listing", "merge",
           "reject", "resolve_now", "split", "undo", "user"]

FIELDS = ("event", "actor", "recipient", "equipment", "status", "attribution", "date")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
NONE = ("-", "none", "")  # clears a list field


class CorrectionError(ValueError):
    """A correction that cannot be made as given (unknown id, invalid code, ...)."""


def user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


# -- checking what the analyst typed -------------------------------------------
def _catalog():
    from ..knowledge.catalog import load_catalog
    return load_catalog()


def party(code: str) -> dict:
    """A country (ISO3) or organisation code as an entity of a PLOVER record."""
    cat = _catalog()
    key = code.strip()
    ent = cat.country(key.upper()) or cat.org(key.upper()) or cat.org(key)
    if ent is None:
        raise CorrectionError(f"unknown country or organisation code {key!r} (use ISO3 "
                              "codes such as RUS, UKR, or organisation codes such as NATO, "
                              "EU)")
    out = {"raw_text": key, "entity_name": ent.name, "country_code": ent.code}
    if ent.wikidata:
        out["wikidata_id"] = ent.wikidata
    if ent.sector:
        out["sector_code"] = ent.sector
    return out


def parties(text: str) -> list[dict]:
    if text.strip().lower() in NONE:
        return []
    return [party(c) for c in text.split(",") if c.strip()]


def equipment(text: str) -> list[dict]:
    """Weapon systems (name or alias) or equipment classes, comma-separated."""
    from ..knowledge import CLASSES
    if text.strip().lower() in NONE:
        return []
    out = []
    for item in (x.strip() for x in text.split(",") if x.strip()):
        system = _catalog().system(item)
        if system is not None:
            out.append({"raw_text": item, "name": system.name, "class": system.cls,
                        "origin": system.origin})
        elif item.lower() in CLASSES:
            out.append({"raw_text": item, "name": None, "class": item.lower(),
                        "origin": None})
        else:
            raise CorrectionError(f"unknown weapon system or class {item!r} (a system's "
                                  f"name or alias, or one of: {', '.join(CLASSES)})")
    return out


def sources(text: str) -> list[dict]:
    """Who the claim is attributed to: codes where known, else the name as given."""
    if text.strip().lower() in NONE:
        return []
    out = []
    for item in (x.strip() for x in text.split(",") if x.strip()):
        try:
            out.append(party(item))
        except CorrectionError:
            out.append({"raw_text": item, "entity_name": item, "country_code": None})
    return out


def event_type(text: str) -> str:
    if text.upper() not in EVENT_TYPES:
        raise CorrectionError(f"unknown event type {text!r}; types: {', '.join(EVENT_TYPES)}")
    return text.upper()


def status(text: str) -> str:
    if text.lower() not in STATUSES:
        raise CorrectionError(f"unknown status {text!r}; statuses: {', '.join(STATUSES)}")
    return text.lower()


def date(text: str) -> str:
    from ..store import date_range
    try:
        if not DATE.fullmatch(text):
            raise ValueError
        date_range(text)
    except ValueError:
        raise CorrectionError(f"malformed date {text!r}: give YYYY, YYYY-MM or YYYY-MM-DD "
                              "(a real day)") from None
    return text


CHECKS = {"event": event_type, "actor": parties, "recipient": parties,
          "equipment": equipment, "status": status, "attribution": sources, "date": date}


def changes_of(given: dict[str, str | None]) -> dict:
    """The fields the analyst set (field -> text), checked and in record form."""
    return {f: CHECKS[f](v) for f, v in given.items() if v is not None}


# -- finding what a correction is made on ---------------------------------------
def find_report(con, ident: str) -> tuple[dict, dict]:
    """(the report as shown now, its anchor) for an id or an unambiguous id prefix."""
    ident = ident.strip()
    rows = con.execute("SELECT id, record FROM events WHERE id = ? OR starts_with(id, ?) "
                       "ORDER BY id = ? DESC, id LIMIT 3", [ident, ident, ident]).fetchall()
    if not rows or not ident:
        raise CorrectionError(f"unknown event id {ident!r} (ids are those `kroniek events "
                              "--json` and the web pages show)")
    if rows[0][0] != ident and len(rows) > 1:
        raise CorrectionError(f"event id {ident!r} is ambiguous: "
                              f"{', '.join(r[0] for r in rows[:2])}, ...")
    rid, record = rows[0]
    shown = json.loads(record)
    base = con.execute(f"SELECT record FROM {base_table(con)} WHERE id = ?", [rid]).fetchone()
    # an extracted report is anchored as the extractor gave it, so that it is found
    # again after a re-extraction; an added one by its own record
    anchor = anchor_of(json.loads(base[0]) if base else shown)
    anchor["others"] = [r for (r,) in con.execute(
        f"SELECT id FROM {base_table(con)} WHERE doc_id = ? AND id <> ? AND char_start <= ? "
        "AND char_end >= ? ORDER BY id", [anchor["doc"], rid, anchor["start"],
                                          anchor["end"]]).fetchall()]
    return shown, anchor


def find_cluster(con, link: str) -> dict:
    row = con.execute("SELECT record FROM clusters WHERE link = ?", [link.strip()]).fetchone()
    if row is None:
        raise CorrectionError(f"unknown event (cluster) link {link!r} (links are those "
                              "`kroniek clusters` shows)")
    return json.loads(row[0])


def _cluster_anchors(con, rec: dict) -> list[dict]:
    out = []
    for rid in rec["report_ids"]:
        try:
            out.append(find_report(con, rid)[1])
        except CorrectionError:
            pass  # rejected since the last resolution
    return out


# -- writing ---------------------------------------------------------------------
def _write(store: Store, action: str, by: str | None, why: str | None, target=None,
           anchor=None, changes=None, undoes=None, make=None) -> int:
    """Append one correction and re-apply them all, in one transaction; MAKE(con, n)
    may build the anchor and changes once the number is known."""
    with store.connect(raw=True) as con:
        con.execute("BEGIN")
        try:
            n = con.execute("SELECT coalesce(max(n), 0) + 1 FROM corrections").fetchone()[0]
            if make is not None:
                anchor, changes = make(con, n)
            con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [n, dt.datetime.now(), by or user(), why, action, target,
                         json.dumps(anchor, ensure_ascii=False) if anchor else None,
                         json.dumps(changes, ensure_ascii=False) if changes else None,
                         undoes])
            refresh(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return n


def _read(store: Store, fn):
    with store.connect() as con:
        return fn(con)


def _why(why: str | None) -> str:
    if not why or not why.strip():
        raise CorrectionError("say why (--why TEXT): the reason is kept with the correction")
    return why.strip()


def correct(store: Store, ident: str, given: dict[str, str | None], why: str | None,
            by: str | None = None) -> int:
    changes = changes_of(given)
    if not changes:
        raise CorrectionError("nothing to correct: give at least one of --type, --actor, "
                              "--recipient, --equipment, --status, --source, --date")
    shown, anchor = _read(store, lambda con: find_report(con, ident))
    return _write(store, "correct", by, _why(why), shown["id"], anchor, changes)


def reject(store: Store, ident: str, why: str | None, by: str | None = None) -> int:
    shown, anchor = _read(store, lambda con: find_report(con, ident))
    return _write(store, "reject", by, _why(why), shown["id"], anchor)


def confirm(store: Store, ident: str, why: str | None = None, by: str | None = None) -> int:
    shown, anchor = _read(store, lambda con: find_report(con, ident))
    return _write(store, "confirm", by, why, shown["id"], anchor)


def add(store: Store, doc_id: str, start: int, end: int, given: dict[str, str | None],
        why: str | None, by: str | None = None) -> tuple[int, str]:
    """An event the extractor missed, tied to its evidence span START:END of DOC."""
    if given.get("event") is None:
        raise CorrectionError("an added event needs its --type")
    changes = changes_of(given)
    why = _why(why)

    def document(con):
        row = con.execute("SELECT date, text FROM documents WHERE id = ? AND status = 'done'",
                          [doc_id]).fetchone()
        if row is None:
            raise CorrectionError(f"unknown document {doc_id!r} (ids are those of "
                                  "`kroniek events`: the part before the last '-')")
        if not 0 <= start < end <= len(row[1]):
            raise CorrectionError(f"span {start}:{end} is outside document {doc_id} (its "
                                  f"text has {len(row[1])} characters)")
        sentence = con.execute(
            "SELECT sentence_index FROM mentions WHERE doc_id = ? AND char_start < ? AND "
            "char_end > ? ORDER BY char_start LIMIT 1", [doc_id, end, start]).fetchone()
        return row[0], row[1][start:end], sentence[0] if sentence else -1

    doc_date, text, sentence = _read(store, document)
    holder = {}

    def make(con, n):
        rec = {"id": f"{doc_id}-added{n}", "date": changes.get("date") or doc_date,
               "event": changes["event"], "mode": ["military"], "context": ["military"],
               "actor": changes.get("actor", []), "recipient": changes.get("recipient", []),
               "equipment": changes.get("equipment", []),
               "status": changes.get("status", "asserted"),
               "attribution": changes.get("attribution", []), "location": None,
               "event_text": [text],
               "cite_info": {"doc_id": doc_id, "doc_date": doc_date,
                             "sentence_index": sentence, "char_start": start,
                             "char_end": end, "trigger": ""}}
        holder["id"] = rec["id"]
        return anchor_of(rec), {"record": rec}

    n = _write(store, "add", by, why, doc_id, make=make)
    return n, holder["id"]


def merge(store: Store, first: str, second: str, why: str | None = None,
          by: str | None = None) -> int:
    def sides(con):
        a, b = find_cluster(con, first), find_cluster(con, second)
        if a["link"] == b["link"]:
            raise CorrectionError(f"{first} and {second} are the same event")
        return [_cluster_anchors(con, a), _cluster_anchors(con, b)]
    anchors = _read(store, sides)
    return _write(store, "merge", by, why, f"{first} {second}", {"sides": anchors})


def split(store: Store, link: str, ident: str, why: str | None = None,
          by: str | None = None) -> int:
    def side(con):
        rec = find_cluster(con, link)
        shown, anchor = find_report(con, ident)
        if shown["id"] not in rec["report_ids"]:
            raise CorrectionError(f"report {ident} is not one of the reports of {link}")
        if len(rec["report_ids"]) < 2:
            raise CorrectionError(f"{link} has only that one report: nothing to split off")
        return anchor
    anchor = _read(store, side)
    return _write(store, "split", by, why, f"{link} {anchor['id']}", {"sides": [[anchor]]})


def undo(store: Store, n: int, why: str | None = None, by: str | None = None) -> int:
    def check(con):
        row = con.execute("SELECT action FROM corrections WHERE n = ?", [n]).fetchone()
        if row is None:
            raise CorrectionError(f"no correction {n} (`kroniek corrections` lists them)")
        if row[0] == "undo":
            raise CorrectionError(f"correction {n} is an undo; make the correction again "
                                  "instead")
        if con.execute("SELECT 1 FROM corrections WHERE undoes = ?", [n]).fetchone():
            raise CorrectionError(f"correction {n} is undone already")
    _read(store, check)
    return _write(store, "undo", by, why, str(n), undoes=n)


def resolve_now(store: Store) -> bool:
    """Bring the clusters up to date with the corrections; False while a run holds the
    store (it resolves them itself when it finishes: the store is unresolved until then)."""
    from ..resolve import resolve
    from ..store import StoreBusy, run_lock
    try:
        with run_lock(store.path):
            resolve(store)
        return True
    except StoreBusy:
        return False


def listing(store: Store) -> list[dict]:
    """Every correction: who, when, why, what it changed, whether it still applies."""
    def read(con):
        from ..store import has_table
        if not has_table(con, "corrections"):
            return []
        state = {n: dict(zip(("state", "event_id", "sides", "note"), rest)) for n, *rest in
                 con.execute("SELECT n, state, event_id, sides, note FROM "
                             "correction_status").fetchall()}
        out = []
        for c in read_corrections(con):
            s = state.get(c["n"], {"state": "pending", "event_id": None, "sides": None,
                                   "note": None})
            c.update(state=s["state"], event_id=s["event_id"], note=s["note"])
            out.append(c)
        return out
    return _read(store, read)
