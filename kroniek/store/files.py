"""Opening the store file safely: creation, the run lock and the reader/writer gate.

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
import logging
import os
import threading
import time
from pathlib import Path
from typing import Iterator

import duckdb

from .overlay import install
from .schema import DEFAULT_DB, SCHEMA

log = logging.getLogger("kroniek.store")

READ_WAIT = 10.0    # seconds a reader waits for a writer's batch
WRITE_WAIT = 60.0   # seconds a writer waits for readers to let go


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


class StoreFile:
    """A store file opened per unit of work (`connect`); `Store` adds reading and writing."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 busy_timeout: float | None = None):
        self.path = str(path)
        self.read_only = read_only
        self.busy_timeout = busy_timeout if busy_timeout is not None else (
            READ_WAIT if read_only else WRITE_WAIT)
        self._held = threading.local()  # the connection of a session(), per thread
        if not read_only:
            self._create()
            with self.connect(raw=True) as con:
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
    def session(self) -> Iterator[None]:
        """One connection for the units of work of this thread inside the block (a run
        stores a batch and looks up the next one's ids and hashes in one opening:
        opening a DuckDB file costs 15-25 ms of CPU, taken from a core a Frog needs).
        Keep it short: other processes cannot open the store meanwhile. The connection
        is a raw one (stored reports, not the corrected view): a run writes and looks
        up ids and hashes, never reads events for a user."""
        if getattr(self._held, "con", None) is not None:
            yield
            return
        with self.connect(raw=True) as con:
            self._held.con = con
            try:
                yield
            finally:
                self._held.con = None

    @contextlib.contextmanager
    def connect(self, raw: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file, waiting up to busy_timeout for another process's lock (inside
        a session(): its connection).

        `events` on the connection is the effective reports, with the analysts'
        corrections applied (store/overlay.py); RAW: the stored ones, for writing them.

        DuckDB allows one read-write process or any number of read-only ones. A writer
        holds the gate file while it waits, and readers do not start while it is held,
        so the writer gets in as soon as the readers already inside have finished.
        """
        held = getattr(self._held, "con", None)
        if held is not None:
            yield held
            return
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
            if not raw:
                install(con)
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
