"""What goes into and comes out of the tables: a document's results as stored, the
row of an event report, and the filter over the events table."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..models import Document, EventReport


@dataclass
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    equipment: str | None = None
    status: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    doc_id: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.actor:
            clauses.append("list_contains(actors, ?)")
            params.append(self.actor.upper())
        if self.recipient:
            clauses.append("list_contains(recipients, ?)")
            params.append(self.recipient.upper())
        if self.type:
            clauses.append("event = ?")
            params.append(self.type.upper())
        if self.equipment:
            clauses.append("list_contains(equipment, ?)")
            params.append(self.equipment.lower())
        if self.status:
            clauses.append("status = ?")
            params.append(self.status.lower())
        if self.since:
            clauses.append("date_end >= ?")
            params.append(date_range(self.since)[0])
        if self.until:
            clauses.append("date_start <= ?")
            params.append(date_range(self.until)[1])
        if self.doc_id:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def date_range(value: str) -> tuple[dt.date, dt.date]:
    """First and last day denoted by YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    day = dt.date(*parts[:3])
    return day, day


@dataclass
class DocResult:
    doc: Document
    events: list[EventReport]
    mentions: list[tuple]  # (sentence_index, start, end, text, kind, ref, code)
    status: str = "done"
    note: str | None = None


def _valid(value):
    """VALUE with characters UTF-8 cannot hold (lone surrogates) replaced."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def event_row(e: EventReport) -> list:
    rec = e.to_plover()
    start, end = date_range(rec["date"])
    if e.enddate:
        end = date_range(e.enddate)[1]

    def codes(ents):
        return [(x.country_code or x.entity_name).upper() for x in ents]

    equipment = sorted({v.lower() for q in e.equipment for v in (q.name, q.cls) if v})
    return [rec["id"], e.doc_id, e.doc_date, e.sentence_index, e.char_start, e.char_end,
            e.sentence_text, e.event, e.status, rec["date"], e.enddate, start, end,
            codes(e.actor), codes(e.recipient), codes(e.attribution), equipment,
            json.dumps(rec, ensure_ascii=False)]
