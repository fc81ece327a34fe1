"""The embedded DuckDB store: documents, entity mentions and event reports.

Connections are opened per unit of work and closed again, so a long run does not
hold the file lock between documents and read-only readers (the web server) can
get in between. Each document is written in one transaction: a crash leaves either
the whole document or nothing.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from .models import Document, EventReport

DEFAULT_DB = "kroniek.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id            VARCHAR PRIMARY KEY,
    content_hash  VARCHAR NOT NULL,
    date          VARCHAR NOT NULL,
    url           VARCHAR,
    source        VARCHAR,
    text          VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,      -- done | quarantined
    note          VARCHAR,
    added_at      TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id        VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,      -- country | org | person | system | class ...
    ref           VARCHAR,               -- entity key or system name
    code          VARCHAR                -- country/org code or equipment class
);
CREATE TABLE IF NOT EXISTS events (
    id            VARCHAR PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,
    doc_date      VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    event_text    VARCHAR NOT NULL,
    event         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    date          VARCHAR,
    enddate       VARCHAR,
    date_start    DATE,                  -- first and last day the date may denote
    date_end      DATE,
    actors        VARCHAR[],             -- codes (or names) for filtering
    recipients    VARCHAR[],
    sources       VARCHAR[],
    equipment     VARCHAR[],             -- names and classes, lower case
    record        JSON NOT NULL          -- the PLOVER record as exported
);
CREATE TABLE IF NOT EXISTS problems (
    reported_at   TIMESTAMP NOT NULL,
    source        VARCHAR NOT NULL,
    line          INTEGER,
    message       VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
"""


class StoreBusy(RuntimeError):
    pass


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


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 busy_timeout: float = 10.0):
        self.path = str(path)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        if not read_only:
            with self.connect() as con:
                con.execute(SCHEMA)

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file, waiting up to busy_timeout for another process's lock."""
        if self.read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path} (run `kroniek run` first)")
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                con = duckdb.connect(self.path, read_only=self.read_only)
                break
            except duckdb.IOException as err:
                if "lock" not in str(err).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"store {self.path} is busy: another kroniek process is "
                                    "writing to it; try again when it has finished") from None
                time.sleep(0.1)
        try:
            yield con
        finally:
            con.close()

    # -- writing ---------------------------------------------------------
    def known(self, doc: Document) -> bool:
        """True when this exact content is already stored under this id."""
        with self.connect() as con:
            row = con.execute("SELECT 1 FROM documents WHERE id = ? AND content_hash = ?",
                              [doc.id, doc.content_hash]).fetchone()
        return row is not None

    def known_hashes(self, hashes: list[str]) -> set[str]:
        if not hashes:
            return set()
        with self.connect() as con:
            rows = con.execute("SELECT content_hash FROM documents WHERE status = 'done' "
                               "AND content_hash IN (SELECT unnest(?))", [hashes]).fetchall()
        return {r[0] for r in rows}

    def save(self, results: list["DocResult"]) -> None:
        """Store documents with their mentions and events; one transaction per batch."""
        if not results:
            return
        with self.connect() as con:
            con.execute("BEGIN")
            try:
                for res in results:
                    self._save_one(con, res)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _save_one(self, con, res: "DocResult") -> None:
        doc = res.doc
        # A new version of a known id replaces the old one entirely.
        for table in ("mentions", "events"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.id])
        con.execute("DELETE FROM documents WHERE id = ?", [doc.id])
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc.id, doc.content_hash, doc.date, doc.url, doc.source, doc.text,
                     res.status, res.note, dt.datetime.now()])
        if res.mentions:
            con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [[doc.id, *m] for m in res.mentions])
        if res.events:
            con.executemany("INSERT OR REPLACE INTO events VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [event_row(e) for e in res.events])

    def add_problems(self, problems) -> None:
        if not problems:
            return
        with self.connect() as con:
            con.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)",
                            [[dt.datetime.now(), p.source, p.line, p.message] for p in problems])

    # -- reading ---------------------------------------------------------
    def events(self, flt: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict]:
        where, params = (flt or EventFilter()).where()
        sql = f"SELECT record FROM events{where} ORDER BY date_start NULLS LAST, doc_id, " \
              "sentence_index, char_start, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        with self.connect() as con:
            return [json.loads(r[0]) for r in con.execute(sql, params).fetchall()]

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where()
        with self.connect() as con:
            return con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]

    def stats(self) -> dict:
        with self.connect() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("documents", "events", "mentions", "problems")}


@dataclass
class DocResult:
    doc: Document
    events: list[EventReport]
    mentions: list[tuple]  # (sentence_index, start, end, text, kind, ref, code)
    status: str = "done"
    note: str | None = None


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
