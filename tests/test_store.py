"""The store under faults: SIGKILL during commits and checkpoints, during creation of a
new store, a second writer, readers and a writer at the same time, a bad document in a
batch. Real DuckDB files and real processes; no Frog needed."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from kroniek.models import Document
from kroniek.store import DocResult, Store, StoreBusy, run_lock

ROOT = Path(__file__).resolve().parent.parent
DOCS_PER_BATCH = 10
MENTIONS_PER_DOC = 40

# Writes batch after batch (each 10 documents of 0.1-0.5 MB and 40 mentions each, one
# transaction; the connection is closed after each, which checkpoints the WAL into the
# file) and prints each batch number once save() has returned.
WRITER = textwrap.dedent(f"""
    import random, sys
    sys.path.insert(0, {str(ROOT)!r})
    from kroniek.models import Document
    from kroniek.store import DocResult, Store
    path, k = sys.argv[1], int(sys.argv[2])
    store, rng = Store(path), random.Random(k)
    while True:
        store.save([DocResult(Document(f"b{{k}}-d{{i}}", "2024-01",
                                       f"tekst {{k}} {{i}} " * rng.randint(8000, 40000)),
                              [], [(0, 0, 3, "Rus", "country", "RUS", "RUS")] *
                              {MENTIONS_PER_DOC})
                    for i in range({DOCS_PER_BATCH})])
        print(k, flush=True)
        k += 1
""")


def batches_in(path: str) -> dict[int, tuple[int, int]]:
    """batch -> (documents, mentions), read through a read-only connection."""
    with Store(path, read_only=True).connect() as con:
        docs = con.execute("SELECT split_part(id, '-', 1), count(*) FROM documents "
                           "GROUP BY 1").fetchall()
        ments = dict(con.execute("SELECT split_part(doc_id, '-', 1), count(*) FROM mentions "
                                 "GROUP BY 1").fetchall())
    return {int(b[1:]): (n, ments.get(b, 0)) for b, n in docs}


def test_sigkill_during_commits_and_checkpoints_loses_and_breaks_nothing(tmp_path):
    path = str(tmp_path / "hammer.duckdb")
    rng = random.Random(20261122)
    confirmed, wal_left = -1, 0
    for _ in range(14):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, path, str(confirmed + 1)],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.5, 1.8))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported = [int(x) for x in out.split()]
        if Path(path + ".wal").exists() and os.path.getsize(path + ".wal") > 0:
            wal_left += 1  # the kill came after a commit, before its checkpoint finished
        found = batches_in(path)  # the store opens, replaying the WAL
        assert all(v == (DOCS_PER_BATCH, DOCS_PER_BATCH * MENTIONS_PER_DOC)
                   for v in found.values()), f"a batch was stored in part: {found}"
        last = max(reported, default=confirmed)
        assert all(b in found for b in range(last + 1)), "a committed batch was lost"
        assert sorted(found) == list(range(len(found))), "batches out of order"
        confirmed = max(found, default=-1)
    assert confirmed >= 8, "the writer hardly got anything done between kills"
    assert wal_left >= 2, "no kill landed between a commit and its checkpoint"
    # a writer opens it again (replays and checkpoints what is left) and goes on
    Store(path).save([DocResult(Document("after", "2024-01", "tekst"), [], [])])
    assert Store(path, read_only=True).stats()["documents"] == 10 * (confirmed + 1) + 1


CREATOR = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(ROOT)!r})
    from kroniek.store import Store
    print("ready", flush=True)
    sys.stdin.readline()
    Store(sys.argv[1])
""")


def test_kill_while_creating_a_store_never_leaves_a_file_that_will_not_open(tmp_path):
    rng = random.Random(7)
    created = 0
    for i in range(16):
        path = tmp_path / f"new{i}.duckdb"
        proc = subprocess.Popen([sys.executable, "-c", CREATOR, str(path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        time.sleep(rng.uniform(0, 0.08))
        proc.kill()
        proc.wait()
        if path.exists():
            created += 1
            assert Store(path, read_only=True).stats()["documents"] == 0
        Store(path).save([DocResult(Document("a", "2024-01", "tekst"), [], [])])
        assert Store(path, read_only=True).stats()["documents"] == 1
    assert 0 < created < 16, "the kills should land both before and after creation"


def test_an_empty_store_file_left_by_an_interrupted_creation_is_made_anew(tmp_path):
    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")  # what plain duckdb.connect leaves when killed while creating
    with pytest.raises(duckdb.IOException):
        duckdb.connect(str(path)).close()
    Store(path).save([DocResult(Document("a", "2024-01", "tekst"), [], [])])
    assert Store(path, read_only=True).stats()["documents"] == 1


HOLDER = textwrap.dedent(f"""
    import sys, time
    sys.path.insert(0, {str(ROOT)!r})
    from kroniek.store import run_lock
    with run_lock(sys.argv[1]):
        print("holding", flush=True)
        time.sleep(60)
""")


def test_second_writer_gets_store_busy_until_the_holder_dies(tmp_path):
    db = str(tmp_path / "k.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, db], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreBusy) as busy:
            with run_lock(db):
                pass
        assert "busy" in str(busy.value) and f"pid {holder.pid}" in str(busy.value)
    finally:
        holder.kill()  # SIGKILL: no cleanup in the holder, the OS drops the lock
        holder.wait()
    with run_lock(db):
        with pytest.raises(StoreBusy):  # and the lock also excludes this same process
            with run_lock(db):
                pass


READER = textwrap.dedent(f"""
    import sys, time
    sys.path.insert(0, {str(ROOT)!r})
    from kroniek.store import Store
    store, end = Store(sys.argv[1], read_only=True), time.monotonic() + float(sys.argv[2])
    worst, n = 0.0, 0
    while time.monotonic() < end:
        t = time.monotonic()
        with store.connect() as con:
            con.execute("SET threads = 1")
            con.execute("SELECT count(*) FROM documents").fetchone()
        worst, n = max(worst, time.monotonic() - t), n + 1
    print(n, worst)
""")


def test_many_readers_neither_fail_nor_starve_the_writer(tmp_path):
    """Without the gate, 8 readers in a loop kept a writer out for 20 s and more."""
    db = str(tmp_path / "busy.duckdb")
    writer = Store(db)
    readers = [subprocess.Popen([sys.executable, "-c", READER, db, "5"],
                                stdout=subprocess.PIPE, text=True) for _ in range(6)]
    time.sleep(1.0)
    waits = []
    for k in range(10):
        t = time.monotonic()
        writer.save([DocResult(Document(f"w{k}-{i}", "2024-01", "tekst " * 2000), [], [])
                     for i in range(5)])
        waits.append(time.monotonic() - t)
        time.sleep(0.1)
    results = [r.communicate()[0].split() for r in readers]
    assert all(r.returncode == 0 for r in readers), "a reader failed"
    assert max(waits) < 3.0, f"the writer waited too long: {waits}"
    assert all(int(n) > 3 and float(worst) < 5.0 for n, worst in results), results
    assert Store(db, read_only=True).stats()["documents"] == 50


def test_a_document_the_store_cannot_take_does_not_sink_its_batch(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    good = [DocResult(Document(f"g{i}", "2024-01", "tekst"), [], []) for i in range(3)]
    bad = DocResult(Document("bad", "2024-01", "tekst \ud800 kapot"), [], [])
    store.save(good[:2] + [bad] + good[2:])
    assert [r.status for r in good] == ["done"] * 3
    assert bad.status == "quarantined" and "could not be stored" in bad.note
    with store.connect() as con:
        rows = dict(con.execute("SELECT id, status FROM documents").fetchall())
    assert rows == {"g0": "done", "g1": "done", "g2": "done", "bad": "quarantined"}


def test_same_id_twice_in_one_batch_is_stored_once_the_later_version(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.save([DocResult(Document("a", "2024-01", "eerste"), [], [(0, 0, 3, "x", "k", None,
                                                                     None)]),
                DocResult(Document("a", "2024-01", "tweede"), [], [])])
    with store.connect() as con:
        assert con.execute("SELECT text FROM documents").fetchall() == [("tweede",)]
        assert con.execute("SELECT count(*) FROM mentions").fetchone() == (0,)
