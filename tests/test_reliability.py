"""Reliability under faults, end to end: bad input, SIGKILL at any moment, Frog dying or
hanging, two runs on one store, readers during a run. Real Frog, real DuckDB, real
processes and signals. `kroniek run` subprocesses share the session Frog server through
KRONIEK_FROG; the tests that kill or stop Frog start their own server."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import psutil

from kroniek.ingest import Problem, read_sources
from kroniek.models import Document
from kroniek.store import Store

ROOT = Path(__file__).resolve().parent.parent

ACTORS = ["Rusland", "Iran", "Noord-Korea", "Duitsland", "Nederland", "Frankrijk", "Polen",
          "de Verenigde Staten"]
RECIPIENTS = ["Oekraïne", "Rusland", "Iran", "Israël"]
SYSTEMS = ["drones", "F-16's", "Patriot-systemen", "artilleriegranaten", "tanks", "raketten"]


def article(rng: random.Random, number: int) -> str:
    """A small Dutch article with events; the number makes every text distinct."""
    a, r, e = rng.choice(ACTORS), rng.choice(RECIPIENTS), rng.choice(SYSTEMS)
    first = rng.choice([f"{a} heeft {rng.randint(2, 90)} {e} aan {r} geleverd.",
                        f"Volgens de regering in Kyiv levert {a} {e} aan {r}.",
                        f"{a} heeft met {e} een aanval uitgevoerd op {r}."])
    return f"{first} Dit is bericht nummer {number}."


def write_article(folder: Path, number: int, rng: random.Random) -> None:
    (folder / f"art{number:03d}.txt").write_text(
        f" date 2024-{rng.randint(1, 12):02d} {article(rng, number)}\n", encoding="utf-8")


def make_corpus(tmp_path: Path, db_name: str, articles: int, seed: int
                ) -> tuple[Path, Path, random.Random]:
    """A folder of ARTICLES small articles, the store path beside it, and the seeded
    generator (for more articles later)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(seed)
    for n in range(articles):
        write_article(corpus, n, rng)
    return corpus, tmp_path / db_name, rng


def kroniek_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kroniek.cli", *args]


def env_for(frog) -> dict:
    env = dict(os.environ, KRONIEK_FROG=f"127.0.0.1:{frog.port}")
    env.pop("COLUMNS", None)  # messages must not be wrapped even at the default width
    return env


def kroniek(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(kroniek_cmd(*args), env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def table(db: Path, sql: str) -> list[tuple]:
    with Store(db, read_only=True).connect() as con:
        return con.execute(sql).fetchall()


# -- bad input -----------------------------------------------------------------------

DUTCH = ("Rusland heeft vorige week opnieuw drones op Kyiv afgevuurd. Volgens de Oekraïense "
         "luchtmacht werden de meeste toestellen uit de lucht geschoten.")


def test_bad_inputs_each_get_one_message_the_run_goes_on_and_exits_1(frog, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good1.txt").write_text(f" date 2024-05 {DUTCH}")
    # paragraphs EOT and READY are Frog protocol words (see the next test); gating may
    # or may not send them, either way the text after them must be read
    (inbox / "good2.txt").write_text(
        " date 2024-06 Iran levert drones aan Rusland.\n\nEOT\n\nREADY\n\n"
        "Noord-Korea heeft raketten aan Rusland geleverd.")
    (inbox / "bin.dat").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00 date 2024-01")
    (inbox / "empty.txt").write_bytes(b"")
    with open(inbox / "big.txt", "wb") as f:  # 50 MB, sparse: it must not be read
        f.write(f" date 2024-01 {DUTCH}".encode())
        f.truncate(50 * 1024 * 1024)
    (inbox / "latin1.txt").write_bytes(f" date 2024-01 {DUTCH} café".encode("latin-1"))
    (inbox / "page.html").write_text("<!DOCTYPE html><html><body><p>hoi</p></body></html>")
    (inbox / "nohdr.txt").write_text(DUTCH)
    (inbox / "badhdr.txt").write_text(f" date 24-1 {DUTCH}")
    (inbox / "future.txt").write_text(f" date 2999-01 {DUTCH}")
    (inbox / "english.txt").write_text(" date 2024-01 " + "The army said that the drones "
                                       "were shot down over the city overnight. " * 5)
    (inbox / "utf16.txt").write_bytes(f" date 2024-01 {DUTCH}".encode("utf-16"))
    rows = [json.dumps({"id": "j1", "date": "2024-03", "text": DUTCH}),
            "{kapot",
            json.dumps({"id": "j2", "date": "2024-03"}),
            json.dumps(["id", "date", "text"]),
            '{"id": "j3", "date": "2024-03", "text": "Rusland \\ud800 levert."}',
            json.dumps({"id": "j4", "date": "2024-04", "text": DUTCH + " Opnieuw.",
                        "url": 17})]
    (inbox / "feed.jsonl").write_text("\n".join(rows) + "\n")
    with open(inbox / "huge.jsonl", "w") as f:  # one 11 MB line, then a good one
        f.write(json.dumps({"id": "h1", "date": "2024-02", "text": "x" * 11_000_000}) + "\n")
        f.write(json.dumps({"id": "h2", "date": "2024-02", "text": DUTCH + " Nog eens."}) + "\n")
    db = tmp_path / "k.duckdb"

    res = kroniek("run", str(inbox), "--db", str(db), env=env_for(frog))

    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    expect = {"bin.dat": "binary", "empty.txt": "empty", "big.txt": "skipped unread",
              "latin1.txt": "not valid UTF-8", "page.html": "HTML", "nohdr.txt": "no date header",
              "badhdr.txt": "malformed date header", "future.txt": "future",
              "english.txt": "Dutch", "utf16.txt": "UTF-16", "feed.jsonl:2": "not JSON",
              "feed.jsonl:3": "missing field(s) text", "feed.jsonl:4": "not an object",
              "feed.jsonl:5": "lone surrogate", "huge.jsonl:1": "line skipped unread"}
    for where, what in expect.items():
        hits = [ln for ln in lines if f"{where}: " in ln and what in ln]
        # one message as it happens, and the same line again in the summary
        assert len(hits) == 2, (where, what, res.stderr)
        assert hits[0].rstrip().endswith("skipped") or "skipped unread" in hits[0], hits[0]
    assert any("feed.jsonl:6: " in ln and "url left out" in ln for ln in lines)
    assert "15 input(s) failed:" in res.stderr
    stored = dict(table(db, "SELECT id, status FROM documents"))
    assert stored == {"good1": "done", "good2": "done", "j1": "done", "j4": "done",
                      "h2": "done"}
    mentions = {t for (t,) in table(db, "SELECT text FROM mentions WHERE doc_id = 'good2'")}
    assert "Noord-Korea" in mentions, mentions  # read past the EOT and READY paragraphs
    assert table(db, "SELECT url FROM documents WHERE id = 'j4'") == [(None,)]
    assert table(db, "SELECT count(*) FROM problems")[0][0] == 16  # 15 and one warning


def test_text_cannot_end_a_frog_request_early(frog):
    """Frog's protocol ends a request at a line `EOT`; article text is not protocol."""
    from kroniek.analysis.tsv import parse_tsv
    tsv = frog.analyze(["Iran levert drones aan Rusland .", "EOT", "READY",
                        "Noord-Korea heeft raketten geleverd ."])
    words = [t.word for sentence in parse_tsv(tsv) for t in sentence]
    assert words[-5:] == ["Noord-Korea", "heeft", "raketten", "geleverd", "."], words
    assert "EOT" in words and "READY" in words


def test_special_files_and_the_store_itself_are_not_read_as_news(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "k.duckdb").write_bytes(b"\0" * 64)
    (tmp_path / "k.duckdb.wal").write_bytes(b"\0" * 64)
    (tmp_path / "k.duckdb.lock").write_text("pid 1")
    (tmp_path / "a.txt").write_text(f" date 2024-01 {DUTCH}")
    items = list(read_sources([str(tmp_path), str(tmp_path / "pipe.txt")]))
    assert [d.id for d in items if isinstance(d, Document)] == ["a"]
    (problem,) = [p for p in items if isinstance(p, Problem)]
    assert problem.source.endswith("pipe.txt") and "not a regular file" in problem.message


def test_jsonl_is_streamed_line_by_line(tmp_path):
    """40 MB of JSON Lines (and one 12 MB line) are read with a few MB of memory."""
    path = tmp_path / "feed.jsonl"
    pad = "p" * 1_000_000
    with open(path, "w") as f:
        f.write(json.dumps({"id": "first", "date": "2024-01", "text": DUTCH}) + "\n")
        for i in range(40):
            f.write(json.dumps({"id": f"n{i}", "date": "2024-01", "pad": pad}) + "\n")
        f.write("[" * 12_000_000 + "\n")
        f.write(json.dumps({"id": "last", "date": "2024-01", "text": DUTCH}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_sources([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.id for d in items if isinstance(d, Document)] == ["first", "last"]
    problems = [p for p in items if isinstance(p, Problem)]
    assert len(problems) == 41 and problems[-1].line == 42
    assert "longer than" in problems[-1].message
    assert peak < 24_000_000, f"peak {peak / 1e6:.0f} MB: the file was not streamed"


def test_stdin_jsonl_yields_documents_before_the_input_ends(monkeypatch):
    read_fd, write_fd = os.pipe()
    monkeypatch.setattr(sys, "stdin", open(read_fd, "r"))
    writer = open(write_fd, "w")
    writer.write(json.dumps({"id": "s1", "date": "2024-01", "text": DUTCH}) + "\n")
    writer.flush()
    items = read_sources(["-"])
    got = []
    reader = threading.Thread(target=lambda: got.append(next(items)), daemon=True)
    reader.start()
    reader.join(5)
    assert got and got[0].id == "s1", "stdin was read whole before the first document"
    writer.write("{broken\n")
    writer.close()
    rest = list(items)
    assert len(rest) == 1 and rest[0].line == 2 and "not JSON" in rest[0].message


def test_a_file_that_is_not_json_lines_gets_one_message(tmp_path):
    path = tmp_path / "table.jsonl"
    path.write_text("\n".join(f"a,b,{i}" for i in range(1000)))
    (problem,) = list(read_sources([str(path)]))
    assert "not JSON Lines" in problem.message and problem.message.endswith("file skipped")


# -- SIGKILL at any moment -----------------------------------------------------------

def check_consistent(db: Path) -> None:
    """The store opens; every event and mention belongs to a stored document."""
    assert Store(db, read_only=True).stats()["documents"] >= 0
    orphans = table(db, "SELECT count(*) FROM events WHERE doc_id NOT IN "
                        "(SELECT id FROM documents)")[0][0] + \
        table(db, "SELECT count(*) FROM mentions WHERE doc_id NOT IN "
                  "(SELECT id FROM documents)")[0][0]
    assert orphans == 0


def test_sigkill_at_20_moments_then_rerun_stores_every_document_exactly_once(frog, tmp_path):
    corpus, db, rng = make_corpus(tmp_path, "crash.duckdb", 10, seed=20261122)
    env = env_for(frog)
    kills = {"random": 0, "commit": 0}
    finished = 0
    number = 10
    for round_ in range(40):
        if sum(kills.values()) == 20:
            break
        write_article(corpus, number, rng)  # the news keeps coming
        number += 1
        if round_ % 4 == 3:  # and a corrected version of an article already read
            write_article(corpus, rng.randrange(number), rng)
        proc = subprocess.Popen(kroniek_cmd("run", str(corpus), "--db", str(db), "-q"),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=ROOT)
        wal = Path(f"{db}.wal")
        if rng.random() < 0.3:  # aim at a commit: kill as soon as a new WAL appears
            mode, deadline = "commit", time.monotonic() + 15
            fresh = not wal.exists()  # a WAL left by the last kill goes first
            while proc.poll() is None and time.monotonic() < deadline:
                if wal.exists() and fresh:
                    break
                fresh = fresh or not wal.exists()
                time.sleep(0.001)
        else:
            mode = "random"
            try:
                proc.wait(rng.uniform(0.2, 2.5))
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            proc.kill()
            kills[mode] += 1
        else:
            finished += 1
        proc.wait()
        if db.exists():
            check_consistent(db)
    assert sum(kills.values()) == 20 and kills["commit"] >= 3, kills

    res = kroniek("run", str(corpus), "--db", str(db), env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    check_consistent(db)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus.iterdir()}
    rows = table(db, "SELECT id, text, status, count(*) OVER (PARTITION BY id) FROM documents")
    assert sorted(r[0] for r in rows) == sorted(texts), "documents lost or duplicated"
    assert all(r[3] == 1 and r[2] == "done" for r in rows)
    assert all(texts[i].endswith(t + "\n") or texts[i].endswith(t) for i, t, *_ in rows), \
        "an old version of a corrected article was kept"
    # the events are exactly those of one clean run over the same corpus
    from kroniek.pipeline import Pipeline
    ref = tmp_path / "reference.duckdb"
    with Pipeline(Store(ref), frog=frog) as pipeline:
        pipeline.run([str(corpus)])
    query = "SELECT id, record FROM events ORDER BY id"
    got, want = table(db, query), table(ref, query)
    assert len(got) == len({i for i, _ in got}) and len(want) > 20
    assert got == want, "events lost or duplicated"
    stats = kroniek("stats", "--db", str(db), env=env)
    assert stats.returncode == 0 and f"documents  {len(texts)}" in stats.stdout


# -- two runs, readers during a run --------------------------------------------------

def test_second_run_is_told_busy_while_readers_keep_working(frog, tmp_path):
    # enough articles that the run outlasts two rounds of readers on a fast machine
    corpus, db, _ = make_corpus(tmp_path, "shared.duckdb", 40, seed=3)
    env = env_for(frog)
    first = subprocess.Popen(kroniek_cmd("run", str(corpus), "--db", str(db), "-q"), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lock = Path(f"{db}.lock")
    deadline = time.monotonic() + 30
    while not (lock.exists() and f"pid {first.pid}" in lock.read_text() and db.exists()):
        assert time.monotonic() < deadline and first.poll() is None, "the run did not start"
        time.sleep(0.05)
    second = kroniek("run", str(corpus), "--db", str(db), env=env)
    assert second.returncode == 3, second.stderr
    assert "is busy" in second.stderr and f"pid {first.pid}" in second.stderr
    reads = 0
    while first.poll() is None:
        events = kroniek("events", "--db", str(db), "--json", env=env)
        stats = kroniek("stats", "--db", str(db), env=env)
        assert events.returncode == 0, events.stderr
        assert stats.returncode == 0 and "documents" in stats.stdout, stats.stderr
        reads += 1
    _, err = first.communicate()
    assert first.returncode == 0, err
    assert reads >= 2, "the run ended before the readers could be tried"
    assert table(db, "SELECT count(*), count(DISTINCT id) FROM documents") == [(40, 40)]
    events = kroniek("events", "--db", str(db), "--json", env=env)
    assert events.returncode == 0 and len(events.stdout.splitlines()) > 5


# -- Frog faults ---------------------------------------------------------------------

def gone(pid: int, wait: float = 10.0) -> bool:
    """True once PID has exited (a zombie waiting to be reaped counts as gone)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


MEDIUM = " ".join(f"Volgens de minister heeft Rusland in maand {i} ongeveer {i * 7} drones en "
                  "raketten aan Iran geleverd, terwijl Oekraïne om meer luchtverdediging "
                  "vroeg." for i in range(1, 26))


def test_frog_killed_or_stopped_is_restarted_and_a_failing_document_quarantined(tmp_path,
                                                                                caplog):
    """A private Frog server (the session one is shared): killed during a request,
    stopped with SIGSTOP, and too slow for the timeout. The faults are real signals; the
    subclass only picks the moment (a marker in the document) and that request's timeout."""
    from kroniek.analysis import FrogServer
    from kroniek.pipeline import Pipeline
    stopped: list[int] = []

    class Faulty(FrogServer):
        def analyze(self, paragraphs, timeout=None):
            text = " ".join(paragraphs)
            if "Bericht m1." in text and not self.restarts:  # kill it while it works
                threading.Timer(0.3, os.killpg, (self.proc.pid, signal.SIGKILL)).start()
            elif "Bericht a3." in text and not stopped:  # freeze it: no answer comes
                stopped.append(self.proc.pid)
                os.kill(self.proc.pid, signal.SIGSTOP)
                timeout = 3
            elif "Bericht slow." in text and not self.slow_ok:
                timeout = 0.3  # it needs a second or more: fails twice
            return super().analyze(paragraphs, timeout)

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["a0", "a1", "m1", "a2", "a3", "slow", "a4"]
    rng = random.Random(11)
    for i, name in enumerate(names):
        body = MEDIUM if name in ("m1", "slow") else article(rng, i)
        (inbox / f"{i}_{name}.txt").write_text(f" date 2024-0{i + 1} {body} Bericht {name}.")
    db = tmp_path / "faults.duckdb"
    caplog.set_level("WARNING", logger="kroniek.analysis.frog")
    frog = Faulty().start()
    frog.slow_ok = False
    first_pid = frog.proc.pid
    # one request per document, so each fault hits one known document
    pipeline = Pipeline(Store(db), frog=frog, timeout=30, gating=False, frog_batch=1)
    seen: list[tuple[str, str]] = []
    try:
        summary = pipeline.run([str(inbox)], on_document=lambda d, r: seen.append(
            (d.id, r.status)))
        assert seen == [(f"{i}_{n}", "quarantined" if n == "slow" else "done")
                        for i, n in enumerate(names)]
        assert frog.restarts == 2  # killed, stopped; "slow" left a healthy server alone
        # each fault was met by a request in flight, which was then tried again
        failed = [r.getMessage() for r in caplog.records if "request failed" in r.getMessage()]
        assert len(failed) == 4 and "no answer" not in failed[0], failed
        assert failed[1] == "frog request failed (no answer within 3 s); retrying once"
        assert failed[2:] == ["frog request failed (no answer within 0.3 s); retrying once",
                              "frog request failed (no answer within 0.3 s)"]
        assert gone(first_pid) and gone(stopped[0])
        assert summary.quarantined == [(str(inbox / "5_slow.txt"),
                                        "frog failed twice on this document: no answer "
                                        "within 0.3 s")]
        assert table(db, "SELECT status, note FROM documents WHERE id = '5_slow'") == \
            [("quarantined", summary.quarantined[0][1])]
        assert table(db, "SELECT count(*) FROM events WHERE doc_id = '2_m1'")[0][0] > 3
        # a later run tries the quarantined document again and leaves the others alone
        frog.slow_ok = True
        again = pipeline.run([str(inbox)])
        assert (again.stored, again.unchanged, again.quarantined) == (1, 6, [])
        assert table(db, "SELECT status FROM documents WHERE id = '5_slow'") == [("done",)]
        assert frog.restarts == 2
    finally:
        pids = frog.pids
        frog.close()
    assert pids and all(gone(p) for p in pids)


def test_cli_timeout_quarantines_then_a_later_run_stores_it(frog, tmp_path):
    (tmp_path / "slow.txt").write_text(f" date 2024-02 {MEDIUM} {MEDIUM}")
    (tmp_path / "quick.txt").write_text(f" date 2024-02 {DUTCH}")
    db, env = tmp_path / "q.duckdb", env_for(frog)
    res = kroniek("run", str(tmp_path / "slow.txt"), str(tmp_path / "quick.txt"), "--db",
                  str(db), "--timeout", "1", env=env)
    assert res.returncode == 1, res.stderr
    assert "slow.txt: quarantined (frog failed twice on this document: no answer within " \
           "1 s); kept with the reason, the next run tries it again" in res.stderr
    assert "1 input(s) failed:" in res.stderr
    assert table(db, "SELECT id, status FROM documents ORDER BY id") == \
        [("quick", "done"), ("slow", "quarantined")]
    # the folder now also holds the store and its .wal/.lock/.gate: they are not news
    res = kroniek("run", str(tmp_path), "--db", str(db), env=env)
    assert res.returncode == 0, res.stderr
    assert "1 stored, 1 already in the store" in res.stderr
    assert table(db, "SELECT status FROM documents WHERE id = 'slow'") == [("done",)]


def test_frog_dies_with_a_killed_run_and_a_missing_frog_stops_the_run(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 2024-02 {DUTCH}")
    env = dict(os.environ)
    env.pop("KRONIEK_FROG", None)
    proc = subprocess.Popen(kroniek_cmd("run", str(tmp_path / "a.txt"), "--db",
                                        str(tmp_path / "a.duckdb"), "-q", "--workers", "2"),
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    # two Frogs: the second is started by a pool thread, and must die with the run too
    deadline, frog_pids = time.monotonic() + 60, []
    while len(frog_pids) < 2:
        assert time.monotonic() < deadline and proc.poll() is None, "no Frogs were started"
        frog_pids = [c.pid for c in psutil.Process(proc.pid).children() if c.name() == "frog"]
        time.sleep(0.05)
    time.sleep(0.5)
    proc.kill()  # SIGKILL: kroniek cannot clean up; the kernel's death signal must
    proc.wait()
    assert all(gone(pid) for pid in frog_pids), "a Frog outlived the killed run (0.9 GB left)"
    # a Frog address nobody answers at: exit code 4 and a clear message, nothing stored
    env["KRONIEK_FROG"] = "127.0.0.1:9"
    res = kroniek("run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "b.duckdb"),
                  env=env)
    assert res.returncode == 4 and "Frog is not available" in res.stderr, res.stderr
    assert Store(tmp_path / "b.duckdb", read_only=True).stats()["documents"] == 0
