"""Across documents: syndicated copies, event clusters, corroboration, contradictions.

`resolve(store)` recomputes all of it from the stored documents and event reports and
replaces the derived tables (doc_groups, event_links, clusters) in one transaction, so
the store always holds either the old resolution or the new one. `kroniek run` calls it
after storing; `kroniek resolve` runs it alone. Report ids keep their cluster ids
(PLOVER `link`) from one resolution to the next where their cluster goes on.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass

from ..store import Store, date_range
from ..store.overlay import manual_clusters, refresh
from .clusters import Report, Voices, assign_links, cluster, key_of, report_of, summary
from .duplicates import DocGroup, document_groups

__all__ = ["resolve", "ResolveSummary", "cluster_record", "Report", "DocGroup"]


@dataclass
class ResolveSummary:
    documents: int = 0
    copies: int = 0       # documents that are a copy of an earlier one
    reports: int = 0
    clusters: int = 0
    corroborated: int = 0  # clusters with two or more independent sources
    contradicted: int = 0
    seconds: float = 0.0


def _merged(items: list[dict], key) -> list[dict]:
    seen, out = set(), []
    for x in items:
        k = key(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def cluster_record(link: str, members: list[Report], recs: dict[str, str],
                   facts: dict, denials: dict[tuple, list[str]]) -> dict:
    """The cluster as one PLOVER record: the best-supported report's fields, all
    equipment and sources of its reports, and the cluster's corroboration."""
    rep = next((r for r in members if r.status == facts["status"]
                and (r.date, r.enddate) == (facts["date"], facts["enddate"])), members[0])
    reports = [json.loads(recs[r.id]) for r in members]  # kept as text: less memory
    first = reports[members.index(rep)]
    for c in facts["contradictions"]:
        if c["kind"] == "denied":
            c["denial_events"] = sorted({e for r in members if r.id in c["against"]
                                         for e in denials.get((r.doc_id, r.sentence_index), [])})
    out = {
        "id": link, "link": link, "date": facts["date"], "event": first["event"],
        "mode": first["mode"], "context": first["context"],
        "actor": _merged([a for x in reports for a in x["actor"]], key_of),
        "recipient": _merged([a for x in reports for a in x["recipient"]], key_of),
        "equipment": _merged([e for x in reports for e in x["equipment"]],
                             lambda e: (e.get("name"), e.get("class"))),
        "status": facts["status"],
        "attribution": _merged([a for x in reports for a in x["attribution"]], key_of),
        "location": first.get("location"),
        "event_text": first["event_text"], "cite_info": first["cite_info"],
        **{k: v for k, v in facts.items() if k not in ("status", "date", "enddate")},
        "report_ids": [r.id for r in members],
    }
    judged = [dict(x["analyst"], report=x["id"]) for x in reports if x.get("analyst")]
    if judged:  # what analysts set on its reports
        out["analyst"] = judged
    if facts["enddate"]:
        out["enddate"] = facts["enddate"]
    return out


def apply_manual(groups: list[list[Report]], manual: list[tuple[str, list[list[str]]]]
                 ) -> list[list[Report]]:
    """The analysts' merges and splits, in the order they were made: a merge joins the
    clusters holding the reports of its two sides, a split takes its report out of its
    cluster."""
    groups = [list(g) for g in groups]
    for action, sides in manual:
        where = {r.id: i for i, g in enumerate(groups) for r in g}
        if action == "split":
            rid = sides[0][0] if sides and sides[0] else None
            if rid in where and len(groups[where[rid]]) > 1:
                g = groups[where[rid]]
                groups.append([r for r in g if r.id == rid])
                g[:] = [r for r in g if r.id != rid]
            continue
        homes = [{where[r] for r in side if r in where} for side in sides]
        if len(homes) != 2 or not homes[0] or not homes[1]:
            continue
        into = min(homes[0] | homes[1])
        for i in sorted((homes[0] | homes[1]) - {into}):
            groups[into].extend(groups[i])
            groups[i] = []
        groups[into].sort(key=lambda r: (r.start, r.doc_date, r.doc_id, r.sentence_index,
                                         r.char_start, r.id))
    return [g for g in groups if g]


def resolve(store: Store) -> ResolveSummary:
    started = time.perf_counter()
    res = ResolveSummary()
    with store.connect(raw=True) as con:  # corrections re-attached to what is stored now
        con.execute("BEGIN")
        refresh(con)
        con.execute("COMMIT")
    with store.connect() as con:
        def documents():
            cur = con.execute("SELECT id, date, url, text FROM documents "
                              "WHERE status = 'done' ORDER BY date, id")
            while rows := cur.fetchmany(500):
                yield from rows

        def texts(ids: list[str]) -> dict[str, str]:
            return dict(con.execute("SELECT id, text FROM documents WHERE id IN "
                                    "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())

        groups = document_groups(documents(), texts)
        recs: dict[str, str] = {}
        reports: list[Report] = []
        denials: dict[tuple, list[str]] = defaultdict(list)
        for rid, record, start, end in con.execute(
                "SELECT id, record, date_start, date_end FROM events").fetchall():
            rec = json.loads(record)
            recs[rid] = record
            reports.append(report_of(rec, start, end))
            if rec["event"] == "REJECT":
                cite = rec["cite_info"]
                denials[(cite["doc_id"], cite["sentence_index"])].append(rid)
        previous = dict(con.execute("SELECT event_id, link FROM event_links").fetchall())
        manual = manual_clusters(con)
        seen = con.execute("SELECT coalesce(max(n), 0) FROM corrections").fetchone()[0]
    voices = Voices({g.doc_id: g.group_id for g in groups},
                    {g.doc_id: g.outlet for g in groups})
    found = apply_manual(cluster(reports), manual)
    links = assign_links(found, previous)
    rows = []
    for link, members in zip(links, found):
        facts = summary(members, voices)
        rec = cluster_record(link, members, recs, facts, denials)
        start, end = date_range(rec["date"])
        if rec.get("enddate"):
            end = date_range(rec["enddate"])[1]
        equipment = sorted({v.lower() for e in rec["equipment"]
                            for v in (e.get("name"), e.get("class")) if v})
        rows.append([link, rec["event"], rec["status"], rec["date"], rec.get("enddate"),
                     start, end, [key_of(a) for a in rec["actor"]],
                     [key_of(a) for a in rec["recipient"]], equipment, len(members),
                     facts["documents"], facts["independent_sources"],
                     bool(facts["contradictions"]), facts["first_reported"],
                     facts["last_reported"], json.dumps(rec, ensure_ascii=False)])
        res.corroborated += facts["independent_sources"] >= 2
        res.contradicted += bool(facts["contradictions"])
    store.save_resolution(
        [[g.doc_id, g.group_id, g.outlet, g.similarity] for g in groups],
        [[r.id, link] for link, members in zip(links, found) for r in members], rows,
        corrections=seen)
    res.documents = len(groups)
    res.copies = sum(g.group_id != g.doc_id for g in groups)
    res.reports = len(reports)
    res.clusters = len(found)
    res.seconds = time.perf_counter() - started
    return res
