"""What the routes need per request: the store connection, cached labels and facets,
and the event filter taken from the query string. Set up on app.state by app.create_app."""
from __future__ import annotations

import contextlib
import os
import threading
from typing import Callable, Iterator

from fastapi import HTTPException, Query, Request

from ..models import EVENT_TYPES, STATUSES
from . import queries as Q


class StoreCache:
    """Per-store memo (labels, facets) dropped whenever the database file changes."""

    def __init__(self, path: str):
        self.path = path
        self._key = None
        self._data: dict = {}
        self._lock = threading.Lock()

    def _stamp(self):
        out = []
        for p in (self.path, self.path + ".wal"):
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self, name: str, compute: Callable[[], object]):
        stamp = self._stamp()
        with self._lock:
            if stamp != self._key:
                self._key, self._data = stamp, {}
            if name in self._data:
                return self._data[name]
        value = compute()
        with self._lock:
            if stamp == self._key:
                self._data[name] = value
        return value


@contextlib.contextmanager
def open_db(request: Request) -> Iterator:
    """A read-only connection for one request (waits briefly while a writer is busy)."""
    with request.app.state.store.connect() as con:
        # small queries from many concurrent requests: one DuckDB thread each is faster
        # than every query fanning out over all cores
        con.execute("SET threads = 1")
        yield con


def labels(request: Request, con) -> dict[str, str]:
    return request.app.state.cache.get("labels", lambda: Q.labels(con))


def facets(request: Request, con) -> dict:
    return request.app.state.cache.get("facets", lambda: Q.facets(con))


def event_filter(
        actor: str | None = Query(None, description="Actor code, e.g. RUS, IRN, NATO."),
        recipient: str | None = Query(None, description="Recipient code."),
        type: str | None = Query(None, description="PLOVER event type: "
                                 + ", ".join(EVENT_TYPES)),
        equipment: str | None = Query(None, description="Weapon system name or class "
                                      "(Su-35, Shahed-136, drone ...)."),
        status: str | None = Query(None, description="One of " + ", ".join(STATUSES)),
        since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD."),
        until: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")):
    try:
        return Q.make_filter(actor, recipient, type, equipment, status, since, until)
    except Q.BadQuery as err:
        raise HTTPException(422, str(err)) from None
