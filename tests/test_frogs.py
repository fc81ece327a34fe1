"""Several Frogs in one local run: the store is exactly that of a run with one Frog."""
from __future__ import annotations

import itertools
import shutil
import threading
from types import SimpleNamespace

import duckdb
import pytest

from conftest import SHARED_EVAL
from kroniek import pipeline as pipeline_module
from kroniek.analysis import pool
from kroniek.pipeline import Pipeline
from kroniek.store import Store

DEV = sorted((SHARED_EVAL / "dev" / "docs").glob("*.txt"))


def dump(path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that hold the time of storing."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables "
                                    "ORDER BY table_name").fetchall():
            cols = [c for c, t in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE "
                "table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                if not t.startswith("TIMESTAMP")]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def corpus(folder) -> list[str]:
    """The dev set, and in a second folder files of the same names: three the same
    (repeated texts), two with other content (other documents: ids STEM~HASH8)."""
    assert len(DEV) >= 10, f"the dev set is not at {SHARED_EVAL}"
    again = folder / "again"
    again.mkdir(parents=True)
    for p in DEV[:3]:
        shutil.copy(p, again / p.name)
    for p in DEV[3:5]:
        text = p.read_text(encoding="utf-8")
        (again / p.name).write_text(text + "\nDe minister zei dat er meer wapens komen.\n",
                                    encoding="utf-8")
    return [str(p) for p in DEV] + [str(again)]


def test_two_frogs_store_exactly_what_one_frog_stores(frog, tmp_path, monkeypatch):
    from kroniek.resolve import resolve
    monkeypatch.setattr(pipeline_module, "BATCH", 3)  # many batches, several open at once
    paths = corpus(tmp_path / "in")
    served: dict[int, set[int]] = {}
    analyze = Pipeline._analyze_unit

    def counted(self, frog_, unit):
        served.setdefault(self.frogs, set()).add(id(frog_))
        return analyze(self, frog_, unit)

    monkeypatch.setattr(Pipeline, "_analyze_unit", counted)
    summaries = {}
    for n in (1, 2):
        store = Store(tmp_path / f"{n}.duckdb")
        with Pipeline(store, frog=frog, frogs=n) as p:
            summaries[n] = p.run(paths)
        resolve(store)
    one, two = summaries[1], summaries[2]
    assert one.read == two.read == len(DEV) + 5
    assert one.unchanged == two.unchanged == 3
    assert (one.stored, one.events, one.quarantined) == (two.stored, two.events,
                                                         two.quarantined)
    assert len(served[1]) == 1 and len(served[2]) == 2  # both Frogs did work
    a, b = dump(tmp_path / "1.duckdb"), dump(tmp_path / "2.duckdb")
    assert a["events"]
    assert any("~" in row[0] for row in a["documents"])  # the renamed documents
    assert a == b


@pytest.mark.parametrize("path", ["fallback", "plain"])
def test_every_path_uses_the_pool(frog, tmp_path, monkeypatch, path):
    """Documents analysed again whole (gated analysis did not fit) and the plain path
    (no gating, a request per document) are served by both Frogs in the pool's threads,
    not by the first Frog in the main thread, and store what one Frog stores."""
    monkeypatch.setattr(pipeline_module, "BATCH", 3)
    paths = [str(p) for p in DEV[:8]]
    if path == "fallback":  # every other planned document does not fit: redone whole
        assemble = pipeline_module.assemble
        calls = itertools.count()
        monkeypatch.setattr(pipeline_module, "assemble",
                            lambda plan, s: None if next(calls) % 2 else assemble(plan, s))
    whole: dict[int, list[tuple[int, str]]] = {}
    analyze_whole = Pipeline._analyze_whole

    def counted(self, frog_, doc, again=False):
        whole.setdefault(self.frogs, []).append((id(frog_), threading.current_thread().name))
        return analyze_whole(self, frog_, doc, again)

    monkeypatch.setattr(Pipeline, "_analyze_whole", counted)
    summaries = {}
    for n in (1, 2):
        store = Store(tmp_path / f"{n}.duckdb")
        with Pipeline(store, frog=frog, frogs=n, gating=path == "fallback",
                      frog_batch=3 if path == "fallback" else 1) as p:
            summaries[n] = p.run(paths)
    if path == "fallback":
        assert summaries[1].fallbacks == summaries[2].fallbacks >= 2
    assert len(whole[2]) >= 2
    assert len({f for f, _ in whole[2]}) == 2  # both Frogs
    assert all(t.startswith("kroniek-frog") for _, t in whole[1] + whole[2])
    a, b = dump(tmp_path / "1.duckdb"), dump(tmp_path / "2.duckdb")
    assert a["events"] and a == b


def test_frog_count_is_one_per_core_within_memory(monkeypatch, capsys):
    monkeypatch.delenv("KRONIEK_FROG", raising=False)
    monkeypatch.setattr(pool, "cores", lambda: 4)
    import psutil
    free = {"available": 10 * pool.FROG_MEMORY}
    monkeypatch.setattr(psutil, "virtual_memory", lambda: SimpleNamespace(**free))
    assert pool.frog_count() == (4, None)
    free["available"] = int(2.5 * pool.FROG_MEMORY)
    n, note = pool.frog_count()
    assert n == 2 and "memory" in note and "\n" not in note
    free["available"] = 0
    assert pool.frog_count()[0] == 1
    assert pool.frog_count(3) == (3, None)  # --workers N is kept as given
    monkeypatch.setenv("KRONIEK_FROG", "127.0.0.1:1")
    assert pool.frog_count() == (1, None)  # a shared running Frog
    assert pool.frog_count(3) == (1, None)
    assert pool.frog_count(3, shared=False) == (3, None)  # Ray: a Frog per worker
    assert Pipeline(None, frogs=3).frogs == 1
