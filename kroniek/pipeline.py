"""Run documents through analysis and extraction into the store, in bounded batches."""
from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .analysis import FrogError, FrogServer, analyze
from .ingest import Problem, read_sources
from .models import AnalyzedDocument, Document
from .store import DocResult, Store

log = logging.getLogger(__name__)

BATCH = 20  # documents per store transaction; bounds memory and lost work on a crash


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    frog_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.quarantined) or any(p.skipped for p in self.problems)


def extract_document(analyzed: AnalyzedDocument) -> DocResult:
    from .extract import extract
    events, mentions = extract(analyzed)
    return DocResult(analyzed.doc, events, mentions)


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class Pipeline:
    def __init__(self, store: Store, frog: FrogServer | None = None, timeout: float = 120.0):
        self.store = store
        self._frog = frog
        self._own_frog = frog is None
        self.timeout = timeout
        self.frog_seconds = 0.0

    @property
    def frog(self) -> FrogServer:
        if self._frog is None:
            self._frog = FrogServer().start()
        return self._frog

    def close(self) -> None:
        if self._own_frog and self._frog is not None:
            self._frog.close()
            self._frog = None

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def process(self, doc: Document) -> DocResult:
        """Analyse and extract one document; Frog failures quarantine it with the reason."""
        t0 = time.perf_counter()
        try:
            analyzed = analyze(doc, self.frog, self.timeout)
        except FrogError as err:
            return DocResult(doc, [], [], status="quarantined", note=str(err))
        finally:
            self.frog_seconds += time.perf_counter() - t0
        return extract_document(analyzed)

    def run(self, paths: Iterable[str], on_problem: Callable[[Problem], None] | None = None,
            on_document: Callable[[Document, DocResult | None], None] | None = None
            ) -> RunSummary:
        summary = RunSummary()
        started = time.perf_counter()
        self.frog_seconds = 0.0
        for chunk in batched(read_sources(paths), BATCH):
            problems = [x for x in chunk if isinstance(x, Problem)]
            docs = [x for x in chunk if isinstance(x, Document)]
            for p in problems:
                summary.problems.append(p)
                if on_problem:
                    on_problem(p)
            self.store.add_problems(problems)
            summary.read += len(docs)
            known = self.store.known_hashes([d.content_hash for d in docs])
            results = []
            for doc in docs:
                if doc.content_hash in known:
                    summary.unchanged += 1
                    if on_document:
                        on_document(doc, None)
                    continue
                known.add(doc.content_hash)  # the same text twice in one run
                res = self.process(doc)
                if res.status == "quarantined":
                    summary.quarantined.append((doc.source or doc.id, res.note or ""))
                results.append(res)
                if on_document:
                    on_document(doc, res)
            self.store.save(results)
            summary.stored += sum(r.status == "done" for r in results)
            summary.events += sum(len(r.events) for r in results)
        summary.frog_seconds = self.frog_seconds
        summary.seconds = time.perf_counter() - started
        return summary
