"""The pipeline: bounded batches, nothing kept per document, batched Frog requests that
fall back to one whole document at a time whenever anything does not fit."""
from __future__ import annotations

import dataclasses
import json
import tracemalloc

import pytest

from conftest import SHARED_EVAL
from kroniek.analysis import FrogError
from kroniek.gating import SENTINEL, RefSentence, Splitter
from kroniek.pipeline import BATCH, Pipeline, RunSummary
from kroniek.store import Store

DEV = sorted((SHARED_EVAL / "dev" / "docs").glob("*.txt"))[:4]
OFFTOPIC = ["Het regent vandaag in het noorden en morgen wordt het droog.",
            "De bakker op de hoek verkoopt sinds kort ook soep.",
            "Het zwembad blijft deze winter open dankzij een gift.",
            "De trein naar de kust had een kwartier vertraging.",
            "Leerlingen plantten samen honderd bomen bij de school."]


def _export(store: Store) -> list[str]:
    return sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in store.events())


def _offtopic_corpus(folder, n: int, tag: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{tag}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(OFFTOPIC[(i + k) % len(OFFTOPIC)] for k in range(3))
            f.write(json.dumps({"id": f"{tag}-{i}", "date": "2024-05",
                                "text": f"{text} Artikel {tag} nummer {i}."}) + "\n")
    return str(folder / f"{tag}.jsonl")


@pytest.fixture(scope="module")
def plain_dev(frog, tmp_path_factory):
    """Four dev articles, the plain way: one Frog request per whole document."""
    store = Store(tmp_path_factory.mktemp("plain") / "plain.duckdb")
    with Pipeline(store, frog=frog, gating=False, frog_batch=1) as p:
        s = p.run([str(x) for x in DEV])
    assert s.stored == 4 and s.frog_requests == 4
    return _export(store)


def test_batches_are_bounded_and_the_summary_keeps_nothing_per_document(frog, tmp_path):
    corpus = _offtopic_corpus(tmp_path / "in", 2 * BATCH + 5, "a")
    store = Store(tmp_path / "s.duckdb")
    sizes = []
    save = store.save
    store.save = lambda results: (sizes.append(len(results)), save(results))[1]
    with Pipeline(store, frog=frog) as p:
        s = p.run([corpus, str(DEV[0])])
    assert sizes == [BATCH, BATCH, 6]  # 45 off-topic + 1 dev article, 20 a transaction
    assert s.read == s.stored == 2 * BATCH + 6 and s.skipped == 2 * BATCH + 5
    assert s.frog_requests == 1 and s.events > 0
    for f in dataclasses.fields(RunSummary):
        value = getattr(s, f.name)
        if f.name in ("problems", "quarantined"):
            assert value == []
        elif f.name == "formats":  # documents read per input format: a few keys at most
            assert value == {"jsonl": 2 * BATCH + 5, "text": 1}
        else:
            assert isinstance(value, (int, float)), f.name


def test_memory_does_not_grow_with_the_corpus(frog, tmp_path):
    """Python memory at the peak is the batch's, whatever the corpus size."""
    peaks = {}
    for n in (60, 360):
        corpus = _offtopic_corpus(tmp_path / "in", n, f"m{n}")
        store = Store(tmp_path / f"m{n}.duckdb")
        with Pipeline(store, frog=frog) as p:
            p.process_batch([])  # load lexicons and automata before measuring
            tracemalloc.start()
            s = p.run([corpus])
            peaks[n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert s.stored == n
    assert peaks[360] < peaks[60] * 1.5, peaks


def test_a_second_run_skips_what_is_stored_and_a_repeated_text(frog, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = DEV[0].read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")  # same content, other id
    store = Store(tmp_path / "s.duckdb")
    with Pipeline(store, frog=frog) as p:
        first = p.run([str(folder)])
        second = p.run([str(folder)])
    assert (first.read, first.stored, first.unchanged) == (2, 1, 1)
    assert (second.read, second.stored, second.unchanged) == (2, 0, 2)
    assert second.frog_requests == 0


def test_files_of_one_name_in_two_folders_are_two_documents_and_stay_so(frog, tmp_path):
    """Layouts by outlet or date repeat file names: no document may replace another."""
    for outlet, text in (("a", " date 2023-05 Rusland heeft gisteren drones op Kyiv "
                                "afgevuurd."),
                         ("b", " date 2023-06 Duitsland gaat Oekraïne extra "
                               "Patriot-systemen leveren.")):
        (tmp_path / "in" / outlet).mkdir(parents=True)
        (tmp_path / "in" / outlet / "x.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    with Pipeline(store, frog=frog) as p:
        first = p.run([str(tmp_path / "in")])
        with store.connect() as con:
            ids = sorted(r[0] for r in con.execute("SELECT id FROM documents").fetchall())
        again = p.run([str(tmp_path / "in" / "b"), str(tmp_path / "in" / "a")])
    assert (first.read, first.stored) == (2, 2) and len(ids) == 2
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids[1]) == 10
    assert (again.stored, again.unchanged) == (0, 2)
    assert store.stats()["documents"] == 2 and store.stats()["events"] == 2


class FailsWhenBatched:
    """The real Frog, except that any request for several documents fails."""

    def __init__(self, frog):
        self.frog, self.failed = frog, 0

    def analyze(self, paragraphs, timeout=None):
        if SENTINEL in paragraphs:
            self.failed += 1
            raise FrogError("simulated failure of a batched request")
        return self.frog.analyze(paragraphs, timeout)


def test_a_failed_batch_request_falls_back_to_single_documents(frog, plain_dev, tmp_path):
    store = Store(tmp_path / "s.duckdb")
    proxy = FailsWhenBatched(frog)
    with Pipeline(store, frog=proxy) as p:
        s = p.run([str(x) for x in DEV])
    assert proxy.failed == 1 and s.fallbacks == 4 and not s.quarantined
    assert _export(store) == plain_dev


def test_a_split_that_is_not_frogs_falls_back_to_the_whole_document(frog, plain_dev,
                                                                  tmp_path, monkeypatch):
    split = Splitter.split

    def wrong(self, docs):  # the first two sentences of every document glued together
        out = []
        for ref in split(self, docs):
            a, b = ref[0], ref[1]
            out.append([RefSentence(a.start, b.end, a.paragraph, a.tokens + b.tokens)]
                       + ref[2:])
        return out
    monkeypatch.setattr(Splitter, "split", wrong)
    store = Store(tmp_path / "s.duckdb")
    with Pipeline(store, frog=frog) as p:
        s = p.run([str(x) for x in DEV])
    assert s.fallbacks == 4 and s.stored == 4
    assert _export(store) == plain_dev


def test_batched_requests_give_the_plain_results(frog, plain_dev, tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with Pipeline(store, frog=frog, gating=False) as p:
        s = p.run([str(x) for x in DEV])
    assert s.frog_requests == 1 and s.fallbacks == 0
    assert _export(store) == plain_dev
