"""The embedded DuckDB store: documents, entity mentions and event reports.

Connections are opened per unit of work and closed again, so a long run does not
hold the file lock between batches and read-only readers (the web server, `kroniek
events`) can get in between. Each batch of documents is written in one transaction:
a crash leaves either the whole batch or nothing (DuckDB's write-ahead log; verified
by killing writers with SIGKILL during commits and checkpoints, tests/test_store.py).

Three files sit beside the store `X.duckdb`:
- `X.duckdb.wal`  DuckDB's write-ahead log (replayed on the next open after a crash);
- `X.duckdb.lock` held (flock) by a `kroniek run` for its whole duration, so a second
  writer is told the store is busy instead of interleaving its batches; the OS drops
  the lock when the process dies, however it dies;
- `X.duckdb.gate` a turnstile: a writer waiting for DuckDB's file lock holds it, and
  readers wait at it, so a steady stream of readers cannot starve the writer.
A new store file is created under a temporary name and linked into place, so a kill
during creation cannot leave an empty file that DuckDB refuses to open.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from .models import Document, EventReport

log = logging.getLogger(__name__)

DEFAULT_DB = "kroniek.duckdb"
# errors of the store itself, not of one document's data: these stop a run
STORE_FAULTS = (duckdb.IOException, duckdb.FatalException, duckdb.InternalException)
READ_WAIT = 10.0    # seconds a reader waits for a writer's batch
WRITE_WAIT = 60.0   # seconds a writer waits for readers to let go

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
-- derived by kroniek/resolve (replaced whole by each resolution)
CREATE TABLE IF NOT EXISTS doc_groups (
    doc_id        VARCHAR PRIMARY KEY,
    group_id      VARCHAR NOT NULL,      -- earliest document of its syndicated copies
    outlet        VARCHAR,               -- host of the document's URL
    similarity    DOUBLE
);
CREATE TABLE IF NOT EXISTS event_links (
    event_id      VARCHAR PRIMARY KEY,
    link          VARCHAR NOT NULL       -- the cluster (PLOVER link)
);
CREATE TABLE IF NOT EXISTS clusters (
    link          VARCHAR PRIMARY KEY,
    event         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,      -- best supported
    date          VARCHAR,
    enddate       VARCHAR,
    date_start    DATE,
    date_end      DATE,
    actors        VARCHAR[],
    recipients    VARCHAR[],
    equipment     VARCHAR[],
    reports       INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    independent   INTEGER NOT NULL,      -- distinct voices (sources or outlets)
    contradicted  BOOLEAN NOT NULL,
    first_reported VARCHAR,
    last_reported VARCHAR,
    record        JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
"""


class StoreBusy(RuntimeError):
    """Another process holds the store (a run writing, or readers not letting go)."""


@contextlib.contextmanager
def run_lock(db: str | Path) -> Iterator[None]:
    """Hold `<db>.lock` for a whole run: a second writer gets StoreBusy at once.

    An advisory flock, released by the OS when the holder exits or is killed, so a
    crashed run never leaves a stale lock behind. The file itself stays (removing a
    lock file races with the next taker); it names the holder for the message.
    """
    path = f"{db}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
            raise StoreBusy(f"store {db} is busy: another kroniek run ({holder}) is writing to "
                            "it; wait until it has finished, then run again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {dt.datetime.now():%Y-%m-%d %H:%M:%S}"
                  .encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock


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
                 busy_timeout: float | None = None):
        self.path = str(path)
        self.read_only = read_only
        self._types: dict[str, list[str]] = {}  # column types per table, for inserts
        self.busy_timeout = busy_timeout if busy_timeout is not None else (
            READ_WAIT if read_only else WRITE_WAIT)
        if not read_only:
            self._create()
            with self.connect() as con:
                con.execute(SCHEMA)

    def _create(self) -> None:
        """Create a missing store atomically: built under a temporary name, then linked."""
        target = Path(self.path)
        try:
            if target.stat().st_size > 0 or Path(self.path + ".wal").exists():
                return
            # an empty file is what a kill during DuckDB's own file creation leaves
            log.warning("store %s is an empty file (an earlier creation was interrupted); "
                        "creating it anew", self.path)
        except FileNotFoundError:
            pass
        tmp = target.with_name(f".{target.name}.new-{os.getpid()}")
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)
        try:
            con = duckdb.connect(str(tmp))
            try:
                con.execute(SCHEMA)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            try:
                os.link(tmp, target)  # never replaces a store another process just made
            except FileExistsError:
                if target.stat().st_size == 0:
                    os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            dirfd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dirfd)
            finally:
                os.close(dirfd)

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file, waiting up to busy_timeout for another process's lock.

        DuckDB allows one read-write process or any number of read-only ones. A writer
        holds the gate file while it waits, and readers do not start while it is held,
        so the writer gets in as soon as the readers already inside have finished.
        """
        if self.read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path} (run `kroniek run` first)")
        deadline = time.monotonic() + self.busy_timeout
        gate = self._gate()
        try:
            while True:
                if self.read_only and not self._pass_gate():
                    con = None
                else:
                    try:
                        con = duckdb.connect(self.path, read_only=self.read_only)
                    except duckdb.IOException as err:
                        if "lock" not in str(err).lower():
                            raise
                        con = None
                if con is not None:
                    break
                if time.monotonic() >= deadline:
                    raise StoreBusy(self._busy_message()) from None
                time.sleep(0.02 if gate is not None else 0.1)
        finally:
            if gate is not None:
                os.close(gate)
        try:
            yield con
        finally:
            con.close()

    def _gate(self) -> int | None:
        """For a writer: the gate file's descriptor, locked exclusively (None: no gate)."""
        if self.read_only:
            return None
        try:
            fd = os.open(self.path + ".gate", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                # readers hold it only for an instant; another writer (outside a
                # `kroniek run`, which holds the run lock) may hold it while it waits
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusy(self._busy_message()) from None
                time.sleep(0.01)

    def _pass_gate(self) -> bool:
        """For a reader: False while a writer waits at the gate."""
        try:
            fd = os.open(self.path + ".gate", os.O_RDONLY)
        except OSError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        finally:
            os.close(fd)

    def _busy_message(self) -> str:
        if self.read_only:
            return (f"store {self.path} is busy: a kroniek run has been writing to it for "
                    f"{self.busy_timeout:.0f} s; try again in a moment")
        return (f"store {self.path} is busy: other processes kept it open for "
                f"{self.busy_timeout:.0f} s (another kroniek process, or many readers); "
                "try again when they have finished")

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
        """Store documents with their mentions and events; one transaction per batch.

        Should the batch fail on one document's data, the others are still stored,
        each in its own transaction, and that document is stored as quarantined with
        the reason (res.status and res.note are updated), so a later run retries it.
        """
        if not results:
            return
        with self.connect() as con:
            try:
                self._transaction(con, results)
                return
            except STORE_FAULTS:
                raise  # disk full, I/O error: stop; the inputs are read again next time
            except Exception as err:  # noqa: BLE001 - bad data, not a bad store
                if len(results) == 1:
                    failed = [(results[0], err)]
                else:
                    log.warning("storing a batch failed (%s); storing its documents one "
                                "by one", err)
                    failed = []
                    for res in results:
                        try:
                            self._transaction(con, [res])
                        except STORE_FAULTS:
                            raise
                        except Exception as one:  # noqa: BLE001
                            failed.append((res, one))
            for res, error in failed:
                log.warning("document %s could not be stored (%s); quarantined", res.doc.id,
                            error)
                res.status, res.note = "quarantined", f"could not be stored: {error}"
                res.events, res.mentions = [], []
                clean = DocResult(Document(*(_valid(v) for v in (
                    res.doc.id, res.doc.date, res.doc.text, res.doc.url, res.doc.source))),
                    [], [], res.status, _valid(res.note))
                try:
                    self._transaction(con, [clean])
                except Exception as last:  # noqa: BLE001
                    log.error("document %s could not be stored at all: %s", res.doc.id, last)

    def _transaction(self, con, results: list["DocResult"]) -> None:
        con.execute("BEGIN")
        try:
            self._save_all(con, results)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise

    def _save_all(self, con, results: list["DocResult"]) -> None:
        """A batch in a few set-wise statements (a statement per row cost 15 ms a
        document). A new version of a known id replaces the old one entirely; of two
        versions in one batch the later one is kept, as storing them in turn would."""
        latest = {res.doc.id: res for res in results}
        ids = list(latest)
        for table, column in (("mentions", "doc_id"), ("events", "doc_id"),
                              ("documents", "id")):
            con.execute(f"DELETE FROM {table} WHERE {column} IN "
                        "(SELECT unnest(?::VARCHAR[]))", [ids])
        now = dt.datetime.now()
        docs, mentions, events = [], [], {}
        for res in latest.values():
            doc = res.doc
            docs.append([doc.id, doc.content_hash, doc.date, doc.url, doc.source, doc.text,
                         res.status, res.note, now])
            mentions.extend([doc.id, *m] for m in res.mentions)
            for e in res.events:
                row = event_row(e)
                events[row[0]] = row  # one id twice: the later one, as REPLACE did
        self._insert(con, "documents", docs)
        self._insert(con, "mentions", mentions)
        self._insert(con, "events", list(events.values()), replace=True)

    def _insert(self, con, table: str, rows: list[list], replace: bool = False) -> None:
        """Insert ROWS column-wise (one list parameter per column, unnested):
        executemany takes a second per ten thousand rows, this a fraction of that."""
        if not rows:
            return
        if table not in self._types:
            self._types[table] = [t for (t,) in con.execute(
                "SELECT data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()]
        cols = ", ".join(f"unnest(?::{t}[])" for t in self._types[table])
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        con.execute(f"{verb} INTO {table} SELECT {cols}", [list(c) for c in zip(*rows)])

    def add_problems(self, problems) -> None:
        if not problems:
            return
        with self.connect() as con:
            con.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)",
                            [[dt.datetime.now(), p.source, p.line, p.message] for p in problems])

    def save_resolution(self, groups: list[list], links: list[list],
                        clusters: list[list]) -> None:
        """Replace the derived tables of kroniek/resolve in one transaction."""
        with self.connect() as con:
            con.execute("BEGIN")
            try:
                for table, rows in (("doc_groups", groups), ("event_links", links),
                                    ("clusters", clusters)):
                    con.execute(f"DELETE FROM {table}")
                    self._insert(con, table, rows)
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise

    # -- reading ---------------------------------------------------------
    def events(self, flt: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict]:
        """Event reports as PLOVER records, each with the `link` of its cluster (when
        the store has been resolved)."""
        where, params = (flt or EventFilter()).where()
        order = " ORDER BY date_start NULLS LAST, doc_id, sentence_index, char_start, id"
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        with self.connect() as con:
            sql = f"SELECT record, NULL AS link FROM events{where}{order}{page}"
            if has_table(con, "event_links"):  # links looked up for the page's rows only
                sql = (f"SELECT e.record, l.link FROM (SELECT * FROM events{where}{order}{page})"
                       f" e LEFT JOIN event_links l ON l.event_id = e.id{order}")
            out = []
            for record, link in con.execute(sql, params).fetchall():
                rec = json.loads(record)
                if link:
                    rec["link"] = link
                out.append(rec)
            return out

    def clusters(self, flt: EventFilter | None = None, limit: int | None = None,
                 offset: int = 0, contradicted: bool = False) -> list[dict]:
        """Events with all their reports (one record each, see kroniek/resolve);
        CONTRADICTED: only those whose reports disagree."""
        where, params = (flt or EventFilter()).where()
        if contradicted:
            where += (" AND" if where else " WHERE") + " contradicted"
        with self.connect() as con:
            if not has_table(con, "clusters"):
                return []
            sql = f"SELECT record FROM clusters{where} ORDER BY date_start NULLS LAST, link"
            if limit is not None:
                sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
            return [json.loads(r[0]) for r in con.execute(sql, params).fetchall()]

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where()
        with self.connect() as con:
            return con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]

    def stats(self) -> dict:
        with self.connect() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("documents", "events", "mentions", "problems", "clusters")
                    if has_table(con, t)}


def has_table(con, name: str) -> bool:
    """False for a store written before the table existed (opened read-only)."""
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [name]).fetchone()[0] > 0


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
