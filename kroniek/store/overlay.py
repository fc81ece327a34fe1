"""Corrections applied on read: each analyst's correction re-attached to the report it
was made on, and the store's `events` seen through them.

A correction is anchored to the document, the evidence span and the report as the
extractor gave it (type, actor and recipient codes), not only to the report id: after a
re-extraction with changed rules it attaches to the report with its old id if that is
still there, else to the report of that document that covers its span with the same type
and parties, else to one that covers its span with the same type; finding none, it is
orphaned (listed by `kroniek corrections`, never dropped).

`refresh(con)` recomputes the derived tables `event_overrides` (corrected, confirmed and
added reports with the columns of `events`, rejected ones flagged) and
`correction_status`; it runs inside every transaction that stores documents and every one
that adds a correction, so readers always see both sides consistent. `install(con)`
shadows `events` on a connection by a temporary view of the effective reports, so every
reader (lists, timeline, web, API, exports, resolve) sees corrections without knowing.
"""
from __future__ import annotations

import json
from collections import defaultdict

from .rows import date_range

COLUMNS = ("id", "doc_id", "doc_date", "sentence_index", "char_start", "char_end",
           "event_text", "event", "status", "date", "enddate", "date_start", "date_end",
           "actors", "recipients", "sources", "equipment", "record")
ACTIONS = ("correct", "reject", "confirm", "add", "merge", "split", "undo")
VERDICTS = ("correct", "reject", "confirm")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def base_table(con) -> str:
    """The stored (extracted) events, whatever view shadows `events` on CON."""
    return f"{_quoted(con.execute('SELECT current_database()').fetchone()[0])}.main.events"


def install(con) -> None:
    """Shadow `events` on CON by the effective reports (nothing to do for a store
    without corrections, or written before they existed)."""
    import duckdb
    try:
        if not con.execute("SELECT EXISTS (SELECT 1 FROM event_overrides)").fetchone()[0]:
            return
    except duckdb.CatalogException:
        return
    db = _quoted(con.execute("SELECT current_database()").fetchone()[0])
    cols = ", ".join(COLUMNS)
    con.execute(f"""CREATE OR REPLACE TEMP VIEW events AS
        SELECT {cols} FROM {db}.main.events WHERE id NOT IN
            (SELECT replaces FROM {db}.main.event_overrides WHERE replaces IS NOT NULL)
        UNION ALL
        SELECT {cols} FROM {db}.main.event_overrides WHERE NOT rejected""")


def key_of(ent: dict) -> str:
    return (ent.get("country_code") or ent.get("entity_name") or "").upper()


def record_columns(rec: dict) -> list:
    """The columns of `events` for a PLOVER record (as store.rows.event_row gives them)."""
    cite = rec["cite_info"]
    start, end = date_range(rec["date"])
    if rec.get("enddate"):
        end = date_range(rec["enddate"])[1]
    equipment = sorted({v.lower() for q in rec["equipment"]
                        for v in (q.get("name"), q.get("class")) if v})
    return [rec["id"], cite["doc_id"], cite["doc_date"], cite["sentence_index"],
            cite["char_start"], cite["char_end"], rec["event_text"][0], rec["event"],
            rec["status"], rec["date"], rec.get("enddate"), start, end,
            [key_of(a) for a in rec["actor"]], [key_of(a) for a in rec["recipient"]],
            [key_of(a) for a in rec["attribution"]], equipment,
            json.dumps(rec, ensure_ascii=False)]


def anchor_of(rec: dict) -> dict:
    """What a correction made on the report REC remembers of it."""
    cite = rec["cite_info"]
    return {"id": rec["id"], "doc": cite["doc_id"], "start": cite["char_start"],
            "end": cite["char_end"], "event": rec["event"],
            "actors": sorted({key_of(a) for a in rec["actor"]}),
            "recipients": sorted({key_of(a) for a in rec["recipient"]}),
            "trigger": cite.get("trigger") or "",
            "equipment": sorted({e.get("name") or e.get("class") or "" for e in
                                 rec["equipment"]})}


def attach(anchor: dict, candidates: list[dict], claimed: set[str] = frozenset()
           ) -> tuple[str | None, str]:
    """(report id, state) for ANCHOR among the anchors of one document's reports:
    'applies' (same id), 're-attached' (another report covering the span with the same
    type, with the same parties where one has them) or (None, 'orphaned'). Reports that
    stood beside it when the correction was made are not it; among several, the one with
    the same trigger word and equipment, then the nearest."""
    if any(c["id"] == anchor["id"] for c in candidates):
        return anchor["id"], "applies"
    # the reports that stood beside it when it was made are other events, not it
    others = set(anchor.get("others", ()))
    cover = [c for c in candidates if c["id"] not in others and c["start"] <= anchor["start"]
             and c["end"] >= anchor["end"] and c["event"] == anchor["event"]]
    same = [c for c in cover if set(c["actors"]) == set(anchor["actors"])
            and set(c["recipients"]) == set(anchor["recipients"])]
    def rank(c):
        return (c["id"] in claimed, c.get("trigger", "") != anchor.get("trigger", ""),
                c.get("equipment", []) != anchor.get("equipment", []),
                abs(c["start"] - anchor["start"]), c["id"])
    for pool in (same, cover):
        if pool:
            return min(pool, key=rank)["id"], "re-attached"
    return None, "orphaned"


def _rows(con, docs: set[str]) -> dict[str, dict[str, dict]]:
    """doc -> report id -> PLOVER record, of the stored (extracted) reports."""
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    if docs:
        for rid, doc, record in con.execute(
                f"SELECT id, doc_id, record FROM {base_table(con)} WHERE doc_id IN "
                "(SELECT unnest(?::VARCHAR[]))", [sorted(docs)]).fetchall():
            out[doc][rid] = json.loads(record)
    return out


def _anchors(item) -> list[dict]:
    if item is None:
        return []
    if isinstance(item, list):
        return [a for x in item for a in _anchors(x)]
    if "sides" in item:
        return _anchors(item["sides"])
    return [item]


def read_corrections(con) -> list[dict]:
    rows = con.execute("SELECT n, made_at, made_by, why, action, target, anchor, changes, "
                       "undoes FROM corrections ORDER BY n").fetchall()
    keys = ("n", "made_at", "by", "why", "action", "target", "anchor", "changes", "undoes")
    out = []
    for row in rows:
        c = dict(zip(keys, row))
        c["anchor"] = json.loads(c["anchor"]) if c["anchor"] else None
        c["changes"] = json.loads(c["changes"]) if c["changes"] else {}
        c["made_at"] = c["made_at"].isoformat(timespec="seconds")
        out.append(c)
    return out


def _effective(base: dict, verdicts: list[dict], added: dict | None) -> tuple[dict, bool]:
    """The record as the analysts' verdicts leave it, and whether it is rejected."""
    rec = json.loads(json.dumps(base))
    rec.pop("analyst", None)
    rejected, confirmed, fields = False, None, {}
    for v in verdicts:
        who = {"n": v["n"], "by": v["by"], "why": v["why"], "at": v["made_at"]}
        if v["action"] == "reject":
            rejected = who
        elif v["action"] == "confirm":
            rejected, confirmed = False, who
        else:
            rejected = False
            for field, value in v["changes"].items():
                fields[field] = dict(who, value=value)
    for field, info in fields.items():
        info["extracted"] = rec.get(field)
        rec[field] = info.pop("value")
        if field == "date":
            rec.pop("enddate", None)
    verdict = ("rejected" if rejected else "added" if added else
               "corrected" if fields else "confirmed")
    rec["analyst"] = {"verdict": verdict, "fields": sorted(fields), "set": fields,
                      "confirmed": confirmed, "rejected": rejected or None,
                      "corrections": [v["n"] for v in verdicts] if not added
                      else [added["n"]] + [v["n"] for v in verdicts],
                      **({"added": {k: added[k] for k in ("n", "by", "why", "made_at")}}
                         if added else {})}
    return rec, bool(rejected)


def compute(con) -> tuple[list[list], list[list]]:
    """(event_overrides rows, correction_status rows) from the corrections and the
    stored reports."""
    items = read_corrections(con)
    undone = {c["undoes"] for c in items if c["action"] == "undo"}
    live = [c for c in items if c["n"] not in undone]
    docs = {a["doc"] for c in live for a in _anchors(c["anchor"])}
    stored = _rows(con, docs)
    present = {d for (d,) in con.execute(
        "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(docs)]).fetchall()} if docs else set()
    added: dict[str, tuple[dict, dict]] = {}   # id -> (record, correction)
    status: dict[int, list] = {}
    for c in live:
        if c["action"] == "add":
            rec = c["changes"]["record"]
            if rec["cite_info"]["doc_id"] in present:
                added[rec["id"]] = (rec, c)
                status[c["n"]] = [c["n"], "applies", rec["id"], None, None]
            else:
                status[c["n"]] = [c["n"], "orphaned", None, None,
                                  f"document {rec['cite_info']['doc_id']} is no longer stored"]
    candidates: dict[str, list[dict]] = defaultdict(list)
    records: dict[str, dict] = {}
    for doc, reports in stored.items():
        for rid, rec in reports.items():
            candidates[doc].append(anchor_of(rec))
            records[rid] = rec
    for rid, (rec, _) in added.items():
        candidates[rec["cite_info"]["doc_id"]].append(anchor_of(rec))
        records[rid] = rec
    claimed: set[str] = set()

    def place(anchor: dict) -> tuple[str | None, str]:
        rid, state = attach(anchor, candidates.get(anchor["doc"], []), claimed)
        if rid:
            claimed.add(rid)
        return rid, state

    verdicts: dict[str, list[dict]] = defaultdict(list)
    for c in live:
        if c["action"] in VERDICTS:
            rid, state = place(c["anchor"])
            note = f"now report {rid}" if state == "re-attached" else (
                "no report of its document covers its span with its type" if rid is None
                else None)
            status[c["n"]] = [c["n"], state, rid, None, note]
            if rid:
                verdicts[rid].append(c)
        elif c["action"] in ("merge", "split"):
            sides = [[rid for rid, _ in map(place, side)] for side in c["anchor"]["sides"]]
            found = [[r for r in side if r] for side in sides]
            ok = all(found)
            status[c["n"]] = [c["n"], "applies" if ok else "orphaned", None,
                              json.dumps(found), None if ok else
                              "the reports of one side are no longer stored"]
        elif c["action"] == "undo":
            status[c["n"]] = [c["n"], "done", None, None, f"undid correction {c['undoes']}"]
    for n in undone:
        status[n] = [n, "undone", None, None, None]
    overrides = []
    for rid in sorted(set(verdicts) | set(added)):
        rec, rejected = _effective(records[rid], verdicts.get(rid, []),
                                   added[rid][1] if rid in added else None)
        overrides.append(record_columns(rec) + [None if rid in added else rid, rejected])
    return overrides, [status[n] for n in sorted(status)]


def refresh(con) -> None:
    """Recompute event_overrides and correction_status (inside the caller's transaction;
    CON must see the stored events, not the view)."""
    has = con.execute("SELECT EXISTS (SELECT 1 FROM corrections), "
                      "EXISTS (SELECT 1 FROM event_overrides) OR "
                      "EXISTS (SELECT 1 FROM correction_status)").fetchone()
    if not has[0] and not has[1]:
        return
    overrides, status = compute(con)
    con.execute("DELETE FROM event_overrides")
    con.execute("DELETE FROM correction_status")
    if overrides:
        con.executemany(f"INSERT INTO event_overrides VALUES ({', '.join('?' * 20)})",
                        overrides)
    if status:
        con.executemany("INSERT INTO correction_status VALUES (?, ?, ?, ?, ?)", status)


def manual_clusters(con) -> list[tuple[str, list[list[str]]]]:
    """The merges and splits that apply, in order: (action, [[report ids] per side])."""
    import duckdb
    try:
        rows = con.execute("SELECT c.action, s.sides FROM corrections c JOIN "
                           "correction_status s ON s.n = c.n WHERE c.action IN "
                           "('merge', 'split') AND s.state = 'applies' ORDER BY c.n"
                           ).fetchall()
    except duckdb.CatalogException:  # a store from before corrections
        return []
    return [(action, json.loads(sides)) for action, sides in rows]
