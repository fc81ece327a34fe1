"""Several Frog servers for one local run: how many, and lending them to threads.

Frog does its work in its own process and one server serves requests one at a time,
so a run uses every core by running one Frog per core, each driven by a thread that
waits on its socket. Each Frog needs about 0.9 GB (FROG_MEMORY), so the count is also
limited by the memory available.

PR_SET_PDEATHSIG ties a Frog to the *thread* that started it (see frog.py): the pool's
threads live until the pool is closed, so Frogs started (or restarted) in them stay up
for the whole run and still die with a killed run.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

from .frog import ENV_ADDRESS, FrogServer, FrogUnavailable

log = logging.getLogger(__name__)

FROG_MEMORY = int(0.9 * 2**30)  # bytes one Frog server needs (models loaded)
T = TypeVar("T")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def frog_count(requested: int | None = None, shared: bool = True) -> tuple[int, str | None]:
    """The number of Frogs to start and, when memory limits it, a one-line note why.
    requested: the user's choice (kept as given, at least 1); None = one per core,
    at most as many as the available memory holds. A shared running Frog
    (KRONIEK_FROG=HOST:PORT) is always one, unless shared=False (Ray ignores it)."""
    if shared and os.environ.get(ENV_ADDRESS):
        return 1, None
    if requested is not None:
        return max(1, requested), None
    import psutil
    n = cores()
    fit = max(1, psutil.virtual_memory().available // FROG_MEMORY)
    if fit < n:
        return fit, (f"{fit} Frog server{'s' if fit > 1 else ''} instead of {n} (one per "
                     f"core): the available memory holds {fit} of about "
                     f"{FROG_MEMORY / 2**30:.1f} GB each")
    return n, None


class FrogPool:
    """N Frog servers and a thread per server. `first` is started by the caller, from
    its own long-lived thread (it serves that thread's requests too); the others start
    in the pool's threads, in parallel. `submit(fn, *args)` runs fn(frog, *args) in a pool thread
    with a Frog no other pool thread uses meanwhile (the caller's thread may send
    `first` a request of its own: a FrogServer serialises its requests)."""

    def __init__(self, first: FrogServer, size: int,
                 factory: Callable[[], FrogServer] = FrogServer):
        self.first = first
        self.size = max(1, size)
        self._factory = factory
        self._free: queue.Queue[FrogServer] = queue.Queue()
        self._own: list[FrogServer] = []  # the Frogs the pool started (and closes)
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._starting: list[Future] = []

    @property
    def frogs(self) -> list[FrogServer]:
        return [self.first, *self._own]

    def start(self) -> None:
        """Start the extra Frogs in the pool's threads (an extra Frog that cannot start
        only makes the run slower); `first` must be running already."""
        with self._lock:
            if self._executor is not None:
                return
            self._executor = ThreadPoolExecutor(max_workers=self.size,
                                                thread_name_prefix="kroniek-frog")
            self._starting = [self._executor.submit(self._start_extra)
                              for _ in range(self.size - 1)]
            self._free.put(self.first)

    def _start_extra(self) -> None:
        frog = self._factory()
        try:
            frog.start()
        except FrogUnavailable as err:
            log.warning("an extra Frog server did not start (%s); going on with fewer",
                        str(err).splitlines()[0])
            frog.close()
            return
        with self._lock:
            self._own.append(frog)
        self._free.put(frog)

    def ready(self) -> int:
        """Start the pool and wait until every Frog has started (or failed to); the
        number that run. (A run does not wait: the first Frog starts work at once.)"""
        self.start()
        for future in self._starting:
            future.result()
        return len(self.frogs)

    def submit(self, fn: Callable[..., T], *args) -> "Future[T]":
        self.start()
        assert self._executor is not None
        return self._executor.submit(self._lend, fn, *args)

    def _lend(self, fn: Callable[..., T], *args) -> T:
        frog = self._free.get()
        try:
            return fn(frog, *args)
        finally:
            self._free.put(frog)

    def close(self, close_first: bool) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        for frog in self._own:
            frog.close()
        self._own.clear()
        self._free = queue.Queue()
        if close_first:
            self.first.close()
