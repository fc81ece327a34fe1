"""Event clusters: reports in several documents of one and the same event.

Two reports may be of one event when they have
- the same event type, the same actor codes and the same recipient codes (for the
  symmetric types -- talks, cooperation, agreements -- the same parties on either side);
- compatible equipment: both name none, or they share a system, or one names only a
  class (drones) that a system of the other belongs to;
- dates at most WINDOW_DAYS apart (the gap between the periods they may denote);
- compatible statuses: claims (asserted, reported), plans and denials of the same event
  meet in one cluster, where they are contradictions; requests, attempts and
  hypotheticals only cluster with their own kind.
A cluster holds only reports that are pairwise compatible (complete linkage), so no
chain of small steps joins a delivery in March to one in December, or Shahed drones
to Mohajer drones. Reports are taken in date order and join the most recent open
cluster that accepts them.

Corroboration counts voices: a report speaks with the first source it is attributed
to (Reuters, the Ukrainian government), or, unattributed, with the outlet that
published it -- for syndicated copies the group of copies, so a copy counts once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
WINDOW_DAYS = 45
STATUS_KIND = {"asserted": "claim", "reported": "claim", "planned": "plan",
               "denied": "denial", "negated": "denial", "requested": "request",
               "attempted": "attempt", "hypothetical": "hypothesis"}
MEETS = {"claim", "plan", "denial"}  # kinds that may share a cluster
# ties between equally supported statuses: the firmer claim first
STATUS_ORDER = ("asserted", "reported", "planned", "denied", "negated", "attempted",
                "requested", "hypothetical")


@dataclass
class Report:
    id: str
    doc_id: str
    doc_date: str
    event: str
    status: str
    date: str
    enddate: str | None
    start: dt.date
    end: dt.date
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    equipment: tuple[tuple[str | None, str], ...]  # (name, class)
    sources: tuple[str, ...]                      # attribution keys, outermost first
    sentence_index: int = 0
    char_start: int = 0

    @property
    def kind(self) -> str:
        return STATUS_KIND.get(self.status, self.status)


def key_of(ent: dict) -> str:
    return (ent.get("country_code") or ent.get("entity_name") or "").upper()


def report_of(rec: dict, start: dt.date, end: dt.date) -> Report:
    cite = rec["cite_info"]
    return Report(
        id=rec["id"], doc_id=cite["doc_id"], doc_date=cite["doc_date"], event=rec["event"],
        status=rec["status"], date=rec["date"], enddate=rec.get("enddate"),
        start=start, end=end,
        actors=tuple(sorted({key_of(a) for a in rec["actor"]})),
        recipients=tuple(sorted({key_of(r) for r in rec["recipient"]})),
        equipment=tuple(sorted({(e.get("name"), e.get("class") or "other")
                                for e in rec["equipment"]}, key=str)),
        sources=tuple(dict.fromkeys(key_of(a) for a in rec["attribution"] if key_of(a))),
        sentence_index=cite["sentence_index"], char_start=cite["char_start"])


def block_of(r: Report) -> tuple:
    if r.event in SYMMETRIC:
        return (r.event, tuple(sorted(set(r.actors) | set(r.recipients))))
    return (r.event, r.actors, r.recipients)


def equipment_compatible(a: tuple, b: tuple) -> bool:
    """Both name none, or they share a system, or a class-only item meets a system of
    its class. Sending people (troops, trainers) and sending goods are not one event,
    even with the same aircraft named ("piloten getraind op de Su-35")."""
    if not a or not b:
        return not a and not b
    if any(c == "personnel" for _, c in a) != any(c == "personnel" for _, c in b):
        return False
    if {n for n, _ in a if n} & {n for n, _ in b if n}:
        return True
    return any(ca == cb and (na is None or nb is None) for na, ca in a for nb, cb in b)


def gap_days(a: Report, b: Report) -> int:
    return max(0, (a.start - b.end).days, (b.start - a.end).days)


@dataclass
class _Open:
    members: list[Report]
    min_end: dt.date
    kinds: set[str]
    kits: set[tuple] = field(default_factory=set)  # distinct equipment of the members

    def accepts(self, r: Report) -> bool:
        """Status kinds and equipment; cluster() keeps only clusters within the window."""
        if self.kinds != {r.kind} and not (self.kinds <= MEETS and r.kind in MEETS):
            return False
        return all(equipment_compatible(kit, r.equipment) for kit in self.kits)

    def add(self, r: Report) -> None:
        self.members.append(r)
        self.min_end = min(self.min_end, r.end)
        self.kinds.add(r.kind)
        self.kits.add(r.equipment)


def cluster(reports: list[Report], window: int = WINDOW_DAYS) -> list[list[Report]]:
    """Reports grouped into events (each group in date order)."""
    blocks: dict[tuple, list[Report]] = defaultdict(list)
    for r in reports:
        blocks[block_of(r)].append(r)
    out: list[list[Report]] = []
    for key in sorted(blocks, key=str):
        items = sorted(blocks[key], key=lambda r: (r.start, r.doc_date, r.doc_id,
                                                   r.sentence_index, r.char_start, r.id))
        active: list[_Open] = []
        for r in items:
            # sorted by start: a cluster that ended more than WINDOW before this
            # report's start cannot take it or any later one
            still = []
            for c in active:
                if (r.start - c.min_end).days > window:
                    out.append(c.members)
                else:
                    still.append(c)
            active = still
            home = next((c for c in reversed(active) if c.accepts(r)), None)
            if home is None:
                active.append(_Open([r], r.end, {r.kind}, {r.equipment}))
            else:
                home.add(r)
        out.extend(c.members for c in active)
    return out


def link_of(members: list[Report]) -> str:
    first = members[0]
    return "ev-" + hashlib.sha1(f"{block_of(first)}|{first.id}".encode()).hexdigest()[:16]


def assign_links(groups: list[list[Report]], previous: dict[str, str]) -> list[str]:
    """A stable id per group: the id its reports had before, where most of them had
    one (so adding articles keeps the ids analysts cite), else a new one."""
    taken: set[str] = set()
    links: list[str] = [""] * len(groups)
    wanted = []
    for g, members in enumerate(groups):
        votes = Counter(previous[r.id] for r in members if r.id in previous)
        for old, n in votes.items():
            wanted.append((-n, old, g))
    for _, old, g in sorted(wanted):
        if not links[g] and old not in taken:
            links[g] = old
            taken.add(old)
    for g, members in enumerate(groups):
        if not links[g]:
            new = link_of(members)
            while new in taken:
                new = "ev-" + hashlib.sha1(new.encode()).hexdigest()[:16]
            links[g] = new
            taken.add(new)
    return links


@dataclass
class Voices:
    """Who speaks for each report: outlets per document group, groups per document."""
    group: dict[str, str]            # doc id -> id of its group of copies
    outlet: dict[str, str | None]    # doc id -> outlet

    def of(self, r: Report) -> str:
        if r.sources:
            return "source:" + r.sources[0]
        group = self.group.get(r.doc_id, r.doc_id)
        return "outlet:" + (self.outlet.get(group) or group)


def best(values: dict[str, set[str]], order) -> str:
    """The value with the most distinct voices behind it; ties by ORDER."""
    return min(values, key=lambda v: (-len(values[v]), order(v)))


def summary(members: list[Report], voices: Voices) -> dict:
    """Corroboration, best-supported status and date, and contradictions of one event."""
    by_status: dict[str, set[str]] = defaultdict(set)
    by_date: dict[tuple, set[str]] = defaultdict(set)
    all_voices: set[str] = set()
    for r in members:
        v = voices.of(r)
        all_voices.add(v)
        by_status[r.status].add(v)
        by_date[(r.date, r.enddate)].add(v)
    status = best(by_status, lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else 99)
    date = best(by_date, lambda d: (-len(d[0] or ""), d[0] or "", d[1] or ""))
    kinds = defaultdict(list)
    for r in members:
        kinds[r.kind].append(r.id)
    contradictions = []
    if kinds["denial"] and (kinds["claim"] or kinds["plan"]):
        contradictions.append({"kind": "denied", "claims": kinds["claim"] + kinds["plan"],
                               "against": kinds["denial"]})
    # one article telling a plan and its first steps is no disagreement; two that
    # differ on whether it happened are
    group_of = {r.id: voices.group.get(r.doc_id, r.doc_id) for r in members}
    if {group_of[i] for i in kinds["claim"]} - {group_of[i] for i in kinds["plan"]} and \
            {group_of[i] for i in kinds["plan"]} - {group_of[i] for i in kinds["claim"]}:
        contradictions.append({"kind": "status", "claims": kinds["claim"],
                               "against": kinds["plan"]})
    groups = set(group_of.values())
    outlets = sorted({voices.outlet[g] for g in groups if voices.outlet.get(g)})
    return {
        "status": status, "date": date[0], "enddate": date[1],
        "statuses": dict(sorted(Counter(r.status for r in members).items())),
        "reports": len(members),
        "documents": len({r.doc_id for r in members}),
        "independent_sources": len(all_voices),
        "voices": sorted(all_voices),
        "outlets": outlets,
        "sources": sorted({s for r in members for s in r.sources}),
        "first_reported": min(r.doc_date for r in members),
        "last_reported": max(r.doc_date for r in members),
        "contradictions": contradictions,
    }
