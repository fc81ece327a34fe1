"""Run the pipeline over Ray: one Frog per worker, one writer (the driver).

Layout:
- `FrogWorker` actors (1 CPU each) hold one Pipeline with its own FrogServer, started
  once in the actor, and turn lists of `Document`s into `DocResult`s (analysis, gating
  and extraction: exactly what a local run does with a batch).
- The driver reads the sources lazily, skips documents already stored (content hash,
  also those still on their way), sends batches to the least busy worker with at most
  `in_flight` batches per worker (backpressure: nothing more is read while every worker
  is busy), and writes the results to the store in input order, WRITE_DOCS documents
  per transaction. The order makes a Ray run write what a local run writes: a later
  version of a document id replaces an earlier one in both.

`run_ray` starts a local Ray (`num_cpus=workers`, no dashboard) unless Ray is already
initialised in this process or `address` names a cluster. Every worker starts its own
Frog (~0.9 GB, 3-12 s), ignoring KRONIEK_FROG: one shared server serialises requests.
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from typing import Callable, Iterable

from .ingest import Problem, read_sources
from .models import Document
from .pipeline import FROG_BATCH, RunSummary, Stats, batched, take_problems, unique_ids
from .store import DocResult, Store

log = logging.getLogger(__name__)

TASK_DOCS = 10          # documents per task sent to a worker
# Opening the store costs the driver 12 ms of CPU and a commit's checkpoint more, taken
# from a core the workers need: the driver checks and writes more documents at a time
# than a local run (pipeline.BATCH), and a crash still loses at most WRITE_DOCS.
READ_DOCS = 50          # documents read per check of the store for known content
WRITE_DOCS = 50         # documents per store transaction
IN_FLIGHT = 2            # tasks queued per worker (one running, one waiting)


class FrogWorker:
    """A Ray actor: one Frog, one Pipeline without a store."""

    def __init__(self, gating: bool | None = None, timeout: float = 120.0,
                 frog_batch: int = FROG_BATCH, rules_off: tuple[str, ...] = ()):
        from .pipeline import Pipeline
        os.environ.pop("KRONIEK_FROG", None)  # every worker its own server
        self.pipeline = Pipeline(None, timeout=timeout, gating=gating, frog_batch=frog_batch,
                                 rules_off=rules_off)
        self.pipeline.frog  # start Frog now (from the actor's own, long-lived thread)

    def ready(self) -> int:
        return os.getpid()

    def process(self, docs: list[Document]) -> tuple[list[DocResult], Stats]:
        p = self.pipeline
        p.stats, p.frog_seconds = Stats(), 0.0
        results = p.process_batch(docs)
        p.stats.frog_seconds = p.frog_seconds
        return results, p.stats

    def frog_pids(self) -> list[int]:
        return self.pipeline.frog.pids

    def close(self) -> None:
        self.pipeline.close()


def _start_ray(address: str | None, workers: int) -> bool:
    """Initialise Ray unless it is; True when this call started it."""
    import ray
    if ray.is_initialized():
        return False
    if address:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 configure_logging=False, object_store_memory=256 * 2**20)
    return True


def run_ray(paths: Iterable[str], store: Store, address: str | None = None, workers: int = 2,
            on_problem: Callable[[Problem], None] | None = None, *,
            gating: bool | None = None, timeout: float = 120.0, task_docs: int = TASK_DOCS,
            in_flight: int = IN_FLIGHT, read_docs: int = READ_DOCS,
            write_docs: int = WRITE_DOCS,
            on_document: Callable[[Document, DocResult | None], None] | None = None
            ) -> RunSummary:
    import ray
    from ray.exceptions import RayActorError, RayTaskError

    from .analysis.frog import FrogUnavailable
    from .extract import rules

    summary = RunSummary()
    started = time.perf_counter()
    own = _start_ray(address, workers)
    actors: list = []
    try:
        Worker = ray.remote(num_cpus=1, max_restarts=1, max_task_retries=1)(FrogWorker)
        load: dict[int, int] = {}

        def start_workers() -> None:
            """On the first new document: a run with nothing new starts no Frog."""
            t0 = time.perf_counter()
            # a worker on another machine does not see the driver's KRONIEK_RULES_OFF
            off = tuple(sorted(rules.switched_off()))
            actors.extend(Worker.remote(gating, timeout, FROG_BATCH, off)
                          for _ in range(max(1, workers)))
            ray.get([a.ready.remote() for a in actors])
            load.update({i: 0 for i in range(len(actors))})
            summary.startup_seconds = time.perf_counter() - started
            log.info("%d Ray workers ready in %.1f s", len(actors), time.perf_counter() - t0)

        inflight: dict = {}          # ObjectRef -> (seq, actor index, docs)
        finished: dict[int, list[DocResult]] = {}
        order: deque = deque()       # seq of every task, in input order
        pending_hashes: set[str] = set()
        # ids given to documents read but not yet stored -> (content hash, source)
        ids: dict[str, tuple] = {}
        out: list[DocResult] = []
        seq = 0

        def write(final: bool = False) -> None:
            nonlocal out
            while order and order[0] in finished:
                for res in finished.pop(order.popleft()):
                    out.append(res)
                    if res.status == "quarantined":
                        summary.quarantined.append((res.doc.source or res.doc.id,
                                                    res.note or ""))
                    if on_document:
                        on_document(res.doc, res)
            while len(out) >= write_docs or (final and out):
                chunk, out = out[:write_docs], out[write_docs:]
                store.save(chunk)
                summary.stored += sum(r.status == "done" for r in chunk)
                summary.events += sum(len(r.events) for r in chunk)
                pending_hashes.difference_update(r.doc.content_hash for r in chunk)
                for r in chunk:  # stored: the store answers for these ids now
                    ids.pop(r.doc.id, None)

        def collect(block: bool) -> None:
            if not inflight:
                return
            ready, _ = ray.wait(list(inflight), num_returns=1, timeout=None if block else 0)
            for ref in ready:
                s, k, docs = inflight.pop(ref)
                load[k] -= 1
                try:
                    results, stats = ray.get(ref)
                    summary.add(stats)
                except RayTaskError as err:
                    if isinstance(err.cause, FrogUnavailable):
                        raise err.cause from None
                    results = _failed(docs, f"worker failed: {err.cause!r}")
                except RayActorError as err:
                    results = _failed(docs, f"worker died: {err}")
                finished[s] = results
            write()

        def submit(docs: list[Document]) -> None:
            nonlocal seq
            if not actors:
                start_workers()
            while min(load.values()) >= in_flight:
                collect(block=True)
            k = min(load, key=load.get)
            ref = actors[k].process.remote(docs)
            inflight[ref] = (seq, k, docs)
            load[k] += 1
            order.append(seq)
            seq += 1

        for chunk in batched(read_sources(paths), max(read_docs, task_docs)):
            docs = unique_ids(take_problems(chunk, summary, store, on_problem), store, ids)
            known = store.known_hashes([d.content_hash for d in docs]) | pending_hashes
            todo = []
            for doc in docs:
                if doc.content_hash in known:
                    ids.pop(doc.id, None)  # stored before (or pending under its own id)
                    summary.unchanged += 1
                    if on_document:
                        on_document(doc, None)
                    continue
                known.add(doc.content_hash)
                pending_hashes.add(doc.content_hash)
                todo.append(doc)
            for task in batched(todo, task_docs):
                submit(task)
                collect(block=False)
        while inflight:
            collect(block=True)
        write(final=True)
        summary.finished_seconds = time.perf_counter() - started
    finally:
        for a in actors:
            try:
                ray.get(a.close.remote(), timeout=30)
            except Exception:  # noqa: BLE001 - the actor is killed next anyway
                pass
            ray.kill(a)
        if own:
            ray.shutdown()
    summary.seconds = time.perf_counter() - started
    return summary


def _failed(docs: list[Document], note: str) -> list[DocResult]:
    log.error("%d documents quarantined: %s", len(docs), note)
    return [DocResult(d, [], [], status="quarantined", note=note) for d in docs]
