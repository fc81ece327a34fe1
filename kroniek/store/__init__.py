"""The embedded DuckDB store: documents, entity mentions and event reports.

Connections are opened per unit of work and closed again, so a long run does not
hold the file lock between batches and read-only readers (the web server, `kroniek
events`) can get in between. Each batch of documents is written in one transaction:
a crash leaves either the whole batch or nothing (DuckDB's write-ahead log; verified
by killing writers with SIGKILL during commits and checkpoints, tests/test_store.py).

Opening the file, the run lock and the reader/writer gate: see store/files.py.

Modules: schema (the tables), files (opening, locks, the gate), rows (filter, records),
database (the Store: reading and writing).
"""
from .database import STORE_FAULTS, Store
from .files import READ_WAIT, WRITE_WAIT, StoreBusy, StoreFile, run_lock
from .rows import DocResult, EventFilter, date_range, event_row
from .schema import DEFAULT_DB, SCHEMA, has_table

__all__ = ["DEFAULT_DB", "READ_WAIT", "SCHEMA", "STORE_FAULTS", "WRITE_WAIT", "DocResult",
           "EventFilter", "Store", "StoreBusy", "StoreFile", "date_range", "event_row",
           "has_table", "run_lock"]
