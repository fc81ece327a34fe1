"""Run documents through analysis and extraction into the store, in bounded batches.

Streaming: documents are read lazily and handled BATCH at a time (read, gate, analyse,
extract, store in one transaction); nothing per document outlives its batch except the
problems and quarantined sources a run reports.

Frog is nearly all of the time, and it has a fixed cost per request (its server forks
a child per request), so a batch's documents go to Frog together, a few per request,
separated by a sentinel paragraph; with relevance gating (kroniek/gating.py) only the
sentences that can hold an event, and their context, are sent. Both are checked: the
sentences Frog returns for a document must be exactly the planned ones (offsets and
token counts of Frog's split of the whole document, from ucto), otherwise that document
is analysed on its own, whole -- so results are those of one request per whole document.

Several Frogs (`frogs=N`, kroniek/analysis/pool.py): the Frog requests of the open
batches wait in one queue, oldest first, and each Frog takes the next; the main thread
reads and plans the next batch and extracts and stores the oldest one meanwhile, in
input order. A request does not depend on which Frog serves it or on what else is
open, so the events and the store are those of a run with one Frog.
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import os
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .analysis import FrogError, FrogServer, analyze
from .analysis.frog import ENV_ADDRESS
from .analysis.pool import FrogPool
from .analysis.tsv import parse_tsv, to_sentences
from .gating import SENTINEL, Gate, Plan, assemble, enabled_by_env, mentions
from .ingest import Problem, read_sources
from .models import AnalyzedDocument, Document
from .store import DocResult, Store

log = logging.getLogger(__name__)

BATCH = 20  # documents per store transaction; bounds memory and lost work on a crash
FROG_BATCH = 10  # documents per Frog request (at most; smaller requests keep N Frogs evenly busy)
MAX_REQUEST_CHARS = 40_000  # characters per Frog request (at most, unless one document)


@dataclass
class Stats:
    """What processing a batch cost; summed into RunSummary (also across Ray workers)."""
    words: int = 0
    gate_seconds: float = 0.0
    extract_seconds: float = 0.0
    frog_seconds: float = 0.0
    frog_requests: int = 0
    skipped: int = 0            # documents that needed no Frog at all
    partial: int = 0            # documents of which only some sentences went to Frog
    fallbacks: int = 0          # documents analysed again on their own, whole
    sentences: int = 0          # sentences in the documents processed (when known)
    sentences_sent: int = 0     # sentences Frog analysed for them


@dataclass
class RunSummary(Stats):
    """A whole run: its Stats (aggregate counters, no per-document data) and outcome."""
    read: int = 0
    formats: dict[str, int] = field(default_factory=dict)  # documents read per format
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    store_seconds: float = 0.0
    startup_seconds: float = 0.0  # (Ray) until the workers were ready
    finished_seconds: float = 0.0  # (Ray) until the last result was stored

    def formats_line(self) -> str:
        """'read: 3 text, 2 html, 4 warc, 5 feed' (the formats in that order)."""
        order = ["text", "jsonl", "html", "warc", "feed"]
        kinds = sorted(self.formats, key=lambda k: (order.index(k) if k in order else 9, k))
        return "read: " + ", ".join(f"{self.formats[k]} {k}" for k in kinds)

    @property
    def failed(self) -> bool:
        return bool(self.quarantined) or any(p.skipped for p in self.problems)

    def add(self, other: Stats) -> None:
        for name in Stats.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def extract_document(analyzed: AnalyzedDocument) -> DocResult:
    from .extract import extract
    events, mentions = extract(analyzed)
    return DocResult(analyzed.doc, events, mentions)


def take_problems(chunk: list, summary: RunSummary, store: Store,
                  on_problem: Callable[[Problem], None] | None) -> list[Document]:
    """Report and store the problems among a chunk of read items; return its documents."""
    problems = [x for x in chunk if isinstance(x, Problem)]
    for p in problems:
        summary.problems.append(p)
        if on_problem:
            on_problem(p)
    store.add_problems(problems)
    docs = [x for x in chunk if isinstance(x, Document)]
    summary.read += len(docs)
    for d in docs:
        summary.formats[d.format] = summary.formats.get(d.format, 0) + 1
    return docs


def unique_ids(docs: list[Document], store, seen: dict[str, tuple[str, str | None]]
               ) -> list[Document]:
    """Documents whose id another file already has -- a file of the same name in another
    folder, in this run (SEEN: id -> (content hash, source)) or stored before -- get the
    id 'STEM~HASH8' (the first eight characters of their content hash): unique, the same
    on every run, and no document ever replaces another's. A file whose content changed
    keeps its id: the corrected article replaces its old version."""
    def key(d: Document) -> tuple[str, str | None]:
        return d.content_hash, d.label or d.source

    taken = store.taken_ids({d.id: key(d) for d in docs}) if store else set()
    out = []
    for doc in docs:
        h, src = key(doc)
        first = seen.get(doc.id, (h, src))
        if doc.id in taken or (first[0] != h and first[1] != src):
            doc = dataclasses.replace(doc, id=f"{doc.id}~{h[:8]}")
        seen.setdefault(doc.id, (h, src))
        out.append(doc)
    return out


def batched(items: Iterable, size: int, first: tuple[int, ...] = ()) -> Iterator[list]:
    """Chunks of SIZE items; the first ones of the sizes in FIRST."""
    it = iter(items)
    sizes = itertools.chain(first, itertools.repeat(size))
    while chunk := list(itertools.islice(it, next(sizes))):
        yield chunk


class Pipeline:
    """gating: None = on unless KRONIEK_GATING=0. frog_batch: documents per Frog request;
    `gating=False, frog_batch=1` is the plain path (one request per whole document).
    rules_off: extraction rule ids to switch off (None: those of KRONIEK_RULES_OFF); the
    setting holds for the whole process. frogs: Frog servers run() uses in parallel
    (`frog` is the first of them; one with KRONIEK_FROG=HOST:PORT); see frog_count()."""

    def __init__(self, store: Store | None, frog: FrogServer | None = None,
                 timeout: float = 120.0, gating: bool | None = None,
                 frog_batch: int = FROG_BATCH, rules_off: Iterable[str] | None = None,
                 frogs: int = 1):
        from .extract import rules
        self.rules_off = rules.configure(rules_off)
        self.store = store
        self._frog = frog
        self._own_frog = frog is None
        self.frogs = 1 if os.environ.get(ENV_ADDRESS) else max(1, frogs)
        self._pool: FrogPool | None = None
        self.timeout = timeout
        self.frog_seconds = 0.0
        self.gating = enabled_by_env() if gating is None else gating
        self.frog_batch = max(1, frog_batch)
        self.gate = Gate(enabled=self.gating)
        self.stats = Stats()
        self._lock = threading.Lock()

    @property
    def frog(self) -> FrogServer:
        if self._frog is None:
            # Frog's OpenMP threads spin while they wait: with more Frogs (or other
            # busy processes) than cores, requests got 2-8x slower. One thread each.
            os.environ.setdefault("OMP_NUM_THREADS", "1")
            warm = threading.Thread(target=self._warm, name="kroniek-warm", daemon=True)
            warm.start()
            self._frog = FrogServer().start()
            warm.join()
        return self._frog

    def _warm(self) -> None:
        """Load the gate's and the extractor's tables (0.3 s of CPU) while the first Frog
        starts, not while the Frogs wait for the first batch."""
        try:
            extract_document(AnalyzedDocument(Document("warm", "2000-01", ""), []))
            if self.gating:
                self.gate.plan([Document("warm", "2000-01", "Rusland.")])
        except Exception:  # noqa: BLE001 - the run itself will say what is wrong
            log.debug("warming up failed", exc_info=True)

    @property
    def pool(self) -> FrogPool:
        """The Frogs of run(); the first is started here, from the caller's thread (a
        Frog dies with the thread that started it), the others in the pool's threads."""
        if self._pool is None:
            first = self.frog
            self._pool = FrogPool(first, self.frogs)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close(close_first=False)
            self._pool = None
        if self._own_frog and self._frog is not None:
            self._frog.close()
            self._frog = None

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def process(self, doc: Document) -> DocResult:
        """Analyse (whole, on the first Frog) and extract one document; a failure
        quarantines it with the reason (a later run tries it again). No Frog at all
        (FrogUnavailable) stops the run."""
        got = self._analyze_whole(self.frog, doc)
        return got.failed or self._extract(doc, got.analyzed)

    def _analyze_whole(self, frog: FrogServer, doc: Document, again: bool = False) -> "_Got":
        """One Frog request for the whole document (in the thread that holds FROG)."""
        from .analysis.frog import FrogUnavailable
        t0 = time.perf_counter()
        try:
            return _Got(analyze(doc, frog, self.timeout), whole=again)
        except FrogUnavailable:
            raise
        except FrogError as err:
            return _Got(failed=DocResult(doc, [], [], status="quarantined", note=str(err)),
                        whole=again)
        except Exception as err:  # Frog output that could not be aligned to the text
            log.exception("analysis of %s failed", doc.id)
            return _Got(failed=DocResult(doc, [], [], status="quarantined",
                                         note=f"analysis failed: {type(err).__name__}: {err}"),
                        whole=again)
        finally:
            with self._lock:
                self.frog_seconds += time.perf_counter() - t0
                self.stats.frog_requests += 1

    def _extract(self, doc: Document, analyzed: AnalyzedDocument) -> DocResult:
        t0 = time.perf_counter()
        try:
            return extract_document(analyzed)
        except Exception as err:
            log.exception("extraction from %s failed", doc.id)
            return DocResult(doc, [], [], status="quarantined",
                             note=f"extraction failed: {type(err).__name__}: {err}")
        finally:
            self.stats.extract_seconds += time.perf_counter() - t0

    # -- batches -----------------------------------------------------------
    @property
    def plain(self) -> bool:
        """One request per whole document, no gating (the reference path)."""
        return not self.gating and self.frog_batch == 1

    def process_batch(self, docs: list[Document]) -> list[DocResult]:
        """Analyse (on the first Frog) and extract documents, in order; see the module
        docstring."""
        batch = self._prepare(docs)
        got = [g for unit in self._groups(batch.pending)
               for g in self._analyze_unit(self.frog, unit)]
        return self._finish(batch, got)

    def _prepare(self, docs: list[Document]) -> "_Batch":
        """Plan the batch (gating); documents that need no Frog are done here."""
        st = self.stats
        st.words += sum(len(d.text.split()) for d in docs)
        batch = _Batch(docs, [None] * len(docs), [])
        if not docs:
            return batch
        if self.plain:
            batch.pending = [(i, Plan(d, "whole")) for i, d in enumerate(docs)]
            return batch
        t0 = time.perf_counter()
        plans = self.gate.plan(docs)
        st.gate_seconds += time.perf_counter() - t0
        for i, plan in enumerate(plans):
            st.sentences += plan.total or 0
            if plan.mode == "skip":
                st.skipped += 1
                batch.results[i] = self._extract(plan.doc, AnalyzedDocument(plan.doc, []))
            elif plan.mode == "mentions":  # names entities, holds no event
                st.skipped += 1
                batch.results[i] = DocResult(plan.doc, [], mentions(plan))
            else:
                st.partial += plan.mode == "partial"
                batch.pending.append((i, plan))
        return batch

    def _analyze_unit(self, frog: FrogServer, unit: list[tuple[int, Plan]]) -> list["_Got"]:
        """Frog only, for one request's documents (run() calls this in a pool thread,
        overlapping the main thread's reading, gating, extraction and storing): a
        document whose analysis is not the planned one is analysed again whole, on
        the same Frog, here."""
        if unit[0][1].mode == "whole":
            return [self._analyze_whole(frog, plan.doc) for _, plan in unit]
        return [_Got(got) if got is not None else self._analyze_whole(frog, plan.doc, True)
                for (_, plan), got in zip(unit, self._analyze_group(frog, unit))]

    def _finish(self, batch: "_Batch", analyzed: list["_Got"]) -> list[DocResult]:
        st = self.stats
        for (i, plan), got in zip(batch.pending, analyzed):
            if got.whole:  # analysed again on its own, whole
                st.fallbacks += 1
                st.sentences_sent += plan.total or 0
            elif got.analyzed is not None and plan.mode != "whole":
                st.sentences_sent += len(got.analyzed.sentences)
            if got.failed is not None:
                batch.results[i] = got.failed
                continue
            batch.results[i] = res = self._extract(plan.doc, got.analyzed)
            if plan.mention_only and not got.whole and res.status == "done":
                res.mentions = sorted(res.mentions + mentions(plan, plan.mention_only),
                                      key=lambda m: (m[0], m[1], m[2]))
        return batch.results  # type: ignore[return-value]

    def _groups(self, pending: list[tuple[int, Plan]]) -> Iterator[list[tuple[int, Plan]]]:
        """Documents per Frog request. A document whose text for Frog ends in a quote
        ends its request (Frog splits such a quote off when more text follows), and
        without a planned split (no ucto) a document goes alone."""
        group: list[tuple[int, Plan]] = []
        chars = 0
        for item in pending:
            plan = item[1]
            size = sum(e - s for s, e in plan.spans)
            if group and (len(group) >= self.frog_batch or chars + size > MAX_REQUEST_CHARS
                          or plan.expect is None):
                yield group
                group, chars = [], 0
            group.append(item)
            chars += size
            if plan.tail_quote or plan.expect is None:
                yield group
                group, chars = [], 0
        if group:
            yield group

    def _analyze_group(self, frog: FrogServer, group: list[tuple[int, Plan]]
                       ) -> list[AnalyzedDocument | None]:
        """One Frog request for the group; None for a document whose analysis is not
        exactly the planned one (or for all, when the request failed)."""
        from .analysis.frog import FrogUnavailable
        texts: list[str] = []
        for k, (_, plan) in enumerate(group):
            if k:
                texts.append(SENTINEL)
            texts += plan.texts()
        t0 = time.perf_counter()
        try:
            tsv = frog.analyze(texts, self.timeout * (1 + len(group) // 5))
        except FrogUnavailable:
            raise
        except FrogError as err:
            log.warning("a Frog request for %d documents failed (%s); analysing them one "
                        "by one", len(group), err)
            return [None] * len(group)
        finally:
            with self._lock:
                self.frog_seconds += time.perf_counter() - t0
                self.stats.frog_requests += 1
        segments: list[list] = [[]]
        for raw in parse_tsv(tsv):
            if len(raw) == 1 and raw[0].word == SENTINEL:
                segments.append([])
            else:
                segments[-1].append(raw)
        if len(segments) != len(group):
            log.warning("Frog's answer for %d documents could not be divided (%d parts); "
                        "analysing them one by one", len(group), len(segments))
            return [None] * len(group)
        out: list[AnalyzedDocument | None] = []
        for (_, plan), raw in zip(group, segments):
            try:
                sentences = to_sentences(plan.doc.text, plan.spans, raw, plan.numbers)
                got = assemble(plan, sentences)
            except Exception as err:  # noqa: BLE001 - the document is analysed again
                log.warning("%s: Frog's sentences did not fit (%s)", plan.doc.id, err)
                got = None
            if got is None:
                log.info("%s: analysed again on its own", plan.doc.id)
            out.append(got)
        return out

    # -- runs --------------------------------------------------------------
    def run(self, paths: Iterable[str], on_problem: Callable[[Problem], None] | None = None,
            on_document: Callable[[Document, DocResult | None], None] | None = None
            ) -> RunSummary:
        """Read, analyse, extract and store, BATCH documents at a time. Each batch's
        Frog requests go to the pool as soon as it is planned (a queue the Frogs take
        from, oldest first), so while the main thread extracts and stores the oldest
        batch and reads and plans the next one, the Frogs work on the `frogs` batches
        after it; at most frogs + 1 batches are open."""
        summary = RunSummary()
        started = time.perf_counter()
        self.frog_seconds = 0.0
        self.stats = Stats()
        # the batches read but not yet stored, oldest first, with the ids given to their
        # documents -> (content hash, source) and the hashes they analyse (a repeat of
        # one is unchanged); the store answers for the rest, so memory does not grow
        # with the corpus
        window: deque[_Open] = deque()
        try:
            # the first batches are small, so that every Frog starts work at once
            first = (min(BATCH, self.frog_batch),) * self.frogs if self.frogs > 1 else ()
            for chunk in batched(read_sources(paths), BATCH, first):
                # the oldest batch is finished first, so that storing it and looking up
                # this chunk's ids and hashes take one opening of the store
                done = self._finished(window.popleft(), summary, on_document) \
                    if len(window) > self.frogs else None
                t0 = time.perf_counter()
                with self.store.session():
                    if done is not None:
                        self._save(done, summary)
                    ids: dict[str, tuple] = {}
                    known: set[str] = set()
                    for item in window:
                        ids.update(item.ids)
                        known |= item.hashes
                    docs = unique_ids(take_problems(chunk, summary, self.store, on_problem),
                                      self.store, ids)
                    known |= self.store.known_hashes([d.content_hash for d in docs])
                summary.store_seconds += time.perf_counter() - t0
                todo = []
                for doc in docs:
                    if doc.content_hash not in known:
                        known.add(doc.content_hash)  # the same text twice in one run
                        todo.append(doc)
                batch = self._prepare(todo)
                futures = [self.pool.submit(self._analyze_unit, unit)
                           for unit in self._groups(batch.pending)]
                window.append(_Open(docs, todo, batch, futures,
                                    {d.id: (d.content_hash, d.label or d.source)
                                     for d in docs}, {d.content_hash for d in todo}))
            while window:
                done = self._finished(window.popleft(), summary, on_document)
                t0 = time.perf_counter()
                self._save(done, summary)
                summary.store_seconds += time.perf_counter() - t0
        finally:
            for item in window:  # a run that stops: no Frog works on for nothing
                for future in item.futures:
                    future.cancel()
        self.stats.frog_seconds = self.frog_seconds
        summary.add(self.stats)
        summary.seconds = time.perf_counter() - started
        return summary

    def _finished(self, item: "_Open", summary: RunSummary, on_document) -> list[DocResult]:
        """Wait for the batch's Frog requests and extract it (in input order)."""
        got = [g for future in item.futures for g in future.result()]
        results = self._finish(item.batch, got)
        by_doc = {id(d): r for d, r in zip(item.todo, results)}
        done = []
        for doc in item.docs:
            res = by_doc.get(id(doc))
            if res is None:
                summary.unchanged += 1
            else:
                if res.status == "quarantined":
                    summary.quarantined.append((doc.source or doc.id, res.note or ""))
                done.append(res)
            if on_document:
                on_document(doc, res)
        return done

    def _save(self, done: list[DocResult], summary: RunSummary) -> None:
        self.store.save(done)
        summary.stored += sum(r.status == "done" for r in done)
        summary.events += sum(len(r.events) for r in done)


@dataclass
class _Batch:
    docs: list[Document]
    results: list[DocResult | None]
    pending: list[tuple[int, Plan]]


@dataclass
class _Got:
    """What the Frogs made of one pending document: its analysis (the planned one, or
    the whole document's when WHOLE: analysed again on its own), or FAILED, the
    document quarantined because Frog could not analyse it."""
    analyzed: AnalyzedDocument | None = None
    failed: DocResult | None = None
    whole: bool = False


@dataclass
class _Open:
    """A batch read and planned, not yet stored."""
    docs: list[Document]
    todo: list[Document]
    batch: _Batch
    futures: list[Future]
    ids: dict[str, tuple]
    hashes: set[str]
