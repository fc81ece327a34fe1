"""The store's reading and writing: documents with their mentions and events in one
transaction per batch, the derived tables of kroniek/resolve, and event queries."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from pathlib import Path

import duckdb

from ..models import Document
from .files import StoreFile
from .overlay import refresh
from .rows import DocResult, EventFilter, _valid, event_row
from .schema import DEFAULT_DB, has_table

log = logging.getLogger("kroniek.store")

# errors of the store itself, not of one document's data: these stop a run
STORE_FAULTS = (duckdb.IOException, duckdb.FatalException, duckdb.InternalException)


class Store(StoreFile):
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 busy_timeout: float | None = None):
        self._types: dict[str, list[str]] = {}  # column types per table, for inserts
        super().__init__(path, read_only, busy_timeout)

    # -- writing ---------------------------------------------------------
    def known(self, doc: Document) -> bool:
        """True when this exact content is already stored under this id."""
        with self.connect() as con:
            row = con.execute("SELECT 1 FROM documents WHERE id = ? AND content_hash = ?",
                              [doc.id, doc.content_hash]).fetchone()
        return row is not None

    def taken_ids(self, docs: dict[str, tuple[str, str | None]]) -> set[str]:
        """Of these ids (id -> (content hash, source)), those another file holds: stored
        with other content from another source. (Other content from the same source is
        a corrected version of the article, which replaces the old one.)"""
        if not docs:
            return set()
        with self.connect() as con:
            rows = con.execute("SELECT id, content_hash, source FROM documents WHERE id IN "
                               "(SELECT unnest(?))", [list(docs)]).fetchall()
        return {i for i, h, src in rows if h != docs[i][0] and src != docs[i][1]}

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
        with self.connect(raw=True) as con:
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
                    res.doc.id, res.doc.date, res.doc.text, res.doc.url,
                    res.doc.label or res.doc.source))),
                    [], [], res.status, _valid(res.note))
                try:
                    self._transaction(con, [clean])
                except Exception as last:  # noqa: BLE001
                    log.error("document %s could not be stored at all: %s", res.doc.id, last)

    def _transaction(self, con, results: list["DocResult"]) -> None:
        con.execute("BEGIN")
        try:
            self._save_all(con, results)
            refresh(con)  # corrections re-attach to the new reports, in this transaction
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
            docs.append([doc.id, doc.content_hash, doc.date, doc.url, doc.label or doc.source,
                         doc.text,
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

    def unresolved(self) -> bool:
        """Are there events without a cluster, or clusters of events no longer stored (a
        run killed before it resolved)?"""
        with self.connect() as con:
            if not has_table(con, "event_links"):
                return bool(con.execute("SELECT count(*) FROM events").fetchone()[0])
            if has_table(con, "resolution") and con.execute(
                    "SELECT (SELECT coalesce(max(n), 0) FROM corrections) > "
                    "(SELECT coalesce(max(corrections), 0) FROM resolution)").fetchone()[0]:
                return True  # corrections written since the last resolution
            return con.execute(
                "SELECT EXISTS (SELECT 1 FROM events e ANTI JOIN event_links l "
                "ON e.id = l.event_id) OR EXISTS (SELECT 1 FROM event_links l ANTI JOIN "
                "events e ON e.id = l.event_id)").fetchone()[0]

    def save_resolution(self, groups: list[list], links: list[list],
                        clusters: list[list], corrections: int = 0) -> None:
        """Replace the derived tables of kroniek/resolve in one transaction; CORRECTIONS:
        the number of the last correction the resolution saw."""
        with self.connect() as con:
            con.execute("BEGIN")
            try:
                for table, rows in (("doc_groups", groups), ("event_links", links),
                                    ("clusters", clusters),
                                    ("resolution", [[dt.datetime.now(), corrections]])):
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
