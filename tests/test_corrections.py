"""The analyst's corrections (issue 15): applied in lists, exports, web and API; kept
through re-runs, rule changes and resolves; gold from them. Real Frog, real DuckDB, and
Chromium for the form. One Frog-analysed store is shared; each test works on a copy."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kroniek import corrections as C
from kroniek.cli import app
from kroniek.extract import rules
from kroniek.ingest import read_file
from kroniek.pipeline import extract_document
from kroniek.resolve import resolve
from kroniek.store import Store
from test_web import browser  # noqa: F401  (the module's Chromium)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
TOKEN = "c0rrect-t0ken"


@pytest.fixture(scope="module")
def analysed(frog):
    """The two sample articles analysed by Frog once (re-extraction needs no Frog)."""
    from kroniek.analysis import analyze
    return [analyze(d, frog) for p in sorted(SAMPLE.iterdir()) for d in read_file(p)]


@pytest.fixture(scope="module")
def built(analysed, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corr") / "base.duckdb"
    store = Store(path)
    store.save([extract_document(a) for a in analysed])
    resolve(store)
    return path


@pytest.fixture
def store(built, tmp_path) -> Store:
    path = tmp_path / "c.duckdb"
    shutil.copy(built, path)
    return Store(path)


def cli(*args: str, db: Store):
    res = CliRunner().invoke(app, [*args, "--db", db.path])
    return res


def events(store: Store) -> dict[str, dict]:
    return {r["id"]: r for r in Store(store.path, read_only=True).events()}


def reextract(store: Store, analysed, off=()) -> None:
    """A re-run that processes the articles again (with rules OFF switched off)."""
    try:
        rules.configure(list(off))
        store.save([extract_document(a) for a in analysed])
    finally:
        rules.configure([])


def changed_by(analysed, rule: str) -> tuple[str, str]:
    """(a report id rule RULE's switching off removes, the id of the same event then)."""
    before = {e.id: e for a in analysed for e in extract_document(a).events}
    try:
        rules.configure([rule])
        after = {e.id: e for a in analysed for e in extract_document(a).events}
    finally:
        rules.configure([])
    gone = [i for i in before if i not in after]
    assert len(gone) == 1, (rule, gone)
    old = before[gone[0]]
    new = [e.id for e in after.values() if e.doc_id == old.doc_id and e.event == old.event
           and e.char_start <= old.char_start and e.char_end >= old.char_end
           and e.id not in before]
    return gone[0], (new[0] if new else None)


def first(store: Store, **want) -> dict:
    return next(r for r in events(store).values()
                if all(r.get(k) == v for k, v in want.items()))


# -- applied everywhere -----------------------------------------------------------
def test_a_correction_shows_in_lists_timeline_clusters_and_exports(store, tmp_path):
    rec = first(store, event="AID", status="planned")
    n = C.correct(store, rec["id"], {"status": "asserted", "actor": "RUS,BLR",
                                     "date": "2023-01"}, "delivered, says the text", "ann")
    C.resolve_now(store)
    got = events(store)[rec["id"]]
    assert got["status"] == "asserted" and got["date"] == "2023-01"
    assert [a["country_code"] for a in got["actor"]] == ["RUS", "BLR"]
    assert got["analyst"]["fields"] == ["actor", "date", "status"]
    assert got["analyst"]["set"]["status"] == {"n": n, "by": "ann", "why":
                                               "delivered, says the text",
                                               "at": got["analyst"]["set"]["status"]["at"],
                                               "extracted": "planned"}
    listed = cli("events", "--json", "--actor", "BLR", db=store)
    assert listed.exit_code == 0 and rec["id"] in listed.output
    assert "asserted, corrected by ann" in cli("timeline", db=store).output
    cl = json.loads(next(line for line in cli("clusters", "--json", "--actor", "BLR",
                                                db=store).output.splitlines()))
    assert rec["id"] in cl["report_ids"] and cl["status"] == "asserted"
    assert cl["analyst"][0]["report"] == rec["id"]
    for fmt in ("plover", "csv"):
        out = tmp_path / f"x.{fmt}"
        assert cli("export", "--format", fmt, "--out", str(out), db=store).exit_code == 0
        text = out.read_text()
        assert "BLR" in text and "delivered, says the text" in text
    # a rejected report is gone from lists and exports, but listed with its reason
    other = first(store, event="ASSAULT")
    C.reject(store, other["id"], "a metaphor, no attack", "bob")
    assert other["id"] not in events(store)
    assert other["id"] not in cli("export", db=store).output
    listing = [json.loads(x) for x in cli("corrections", "--json", db=store).output.splitlines()]
    assert [(c["action"], c["state"], c["by"]) for c in listing] == [
        ("correct", "applies", "ann"), ("reject", "applies", "bob")]


def test_undo_and_added_events(store):
    rec = first(store, event="AID")
    n = C.correct(store, rec["id"], {"status": "negated"}, "wrong", None)
    C.undo(store, n)
    assert events(store)[rec["id"]]["status"] == rec["status"]
    doc = rec["cite_info"]["doc_id"]
    _, added = C.add(store, doc, 0, 40, {"event": "AID", "actor": "USA", "recipient": "UKR",
                                         "status": "planned"}, "missed by the rules")
    got = events(store)[added]
    with Store(store.path, read_only=True).connect() as con:
        text = con.execute("SELECT text FROM documents WHERE id = ?", [doc]).fetchone()[0]
    assert got["analyst"]["verdict"] == "added" and got["event_text"][0] == text[:40]
    assert got["actor"][0]["country_code"] == "USA" and got["status"] == "planned"
    states = {c["n"]: c["state"] for c in C.listing(store)}
    assert states[n] == "undone" and list(states.values()).count("applies") == 1


def test_bad_input_is_one_message_exit_2_and_nothing_changes(store):
    rec = first(store, event="AID")
    doc = rec["cite_info"]["doc_id"]
    for args, said in (
            (["correct", "no-such-id", "--status", "planned", "--why", "x"], "unknown event id"),
            (["correct", rec["id"], "--actor", "XYZ", "--why", "x"], "unknown country"),
            (["correct", rec["id"], "--type", "HUG", "--why", "x"], "unknown event type"),
            (["correct", rec["id"], "--date", "2023-02-30", "--why", "x"], "malformed date"),
            (["add", doc, "--start", "10", "--end", "999999", "--type", "AID", "--why", "x"],
             "outside document"),
            (["correct", "--undo", "5"], "no correction 5")):
        res = cli(*args, db=store)
        assert res.exit_code == 2, (args, res.output)
        assert said in res.output and "Traceback" not in res.output
    assert C.listing(store) == []


# -- surviving re-runs, rule changes, resolves -------------------------------------
def test_corrections_survive_a_rerun_and_a_resolve(store, analysed):
    rec = first(store, event="AID")
    C.correct(store, rec["id"], {"equipment": "Shahed-136"}, "the drones are Shaheds")
    reextract(store, analysed)
    resolve(store)
    got = events(store)[rec["id"]]
    assert [e["name"] for e in got["equipment"]] == ["Shahed-136"]
    assert C.listing(store)[0]["state"] == "applies"


@pytest.mark.parametrize("rule", ["frame.catalogue-origin", "clause.krijgen-passive"])
def test_a_correction_reattaches_when_a_rule_change_changes_the_report_id(
        store, analysed, rule):
    old, new = changed_by(analysed, rule)
    assert new and new != old
    C.correct(store, old, {"status": "hypothetical"}, "only a possibility")
    reextract(store, analysed, off=[rule])
    resolve(store)
    shown = events(store)
    assert old not in shown and shown[new]["status"] == "hypothetical"
    [c] = C.listing(store)
    assert c["state"] == "re-attached" and c["event_id"] == new


def test_a_correction_that_finds_nothing_is_orphaned_and_listed(store, analysed):
    old, new = changed_by(analysed, "clause.om-te-infinitive")
    assert new is None
    C.reject(store, old, "not military")
    reextract(store, analysed, off=["clause.om-te-infinitive"])
    [c] = C.listing(store)
    assert c["state"] == "orphaned" and c["why"] == "not military"
    out = cli("corrections", db=store).output
    assert "orphaned" in out
    reextract(store, analysed)  # the rule back on: it applies again
    assert C.listing(store)[0]["state"] == "applies" and old not in events(store)


def test_a_merge_and_a_split_are_kept_across_resolves_and_reruns(store, analysed):
    ro = Store(store.path, read_only=True)
    clusters = ro.clusters()
    a, b = [c for c in clusters if c["event"] == "AID"][:2]
    C.merge(store, a["link"], b["link"], "one delivery")
    for step in range(2):
        C.resolve_now(store)
        merged = [c for c in ro.clusters() if set(a["report_ids"]) <= set(c["report_ids"])]
        assert len(merged) == 1 and set(b["report_ids"]) <= set(merged[0]["report_ids"])
        reextract(store, analysed)
    link = merged[0]["link"]
    C.split(store, link, b["report_ids"][0], "another one after all")
    resolve(store)
    resolve(store)
    home = [c for c in ro.clusters() if b["report_ids"][0] in c["report_ids"]]
    assert home[0]["report_ids"] == [b["report_ids"][0]]


# -- corrections while a run is going --------------------------------------------
def test_corrections_written_during_a_run_are_not_lost(store, frog, tmp_path):
    from test_reliability import env_for, kroniek, make_corpus
    corpus, _, _ = make_corpus(tmp_path, "unused.duckdb", 24, seed=7)
    env = env_for(frog)
    rec = first(store, event="AID")
    run = subprocess.Popen([sys.executable, "-m", "kroniek.cli", "run", str(corpus), "--db",
                            store.path, "-q"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lock = Path(f"{store.path}.lock")
    deadline = time.monotonic() + 30
    while not (lock.exists() and f"pid {run.pid}" in lock.read_text()):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.05)
    made = kroniek("correct", rec["id"], "--status", "requested", "--why", "during the run",
                   "--db", store.path, env=env)
    rejected = kroniek("reject", first(store, event="ACCUSE")["id"], "--why", "no",
                       "--db", store.path, env=env)
    still_running = run.poll() is None
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert made.returncode == 0 and rejected.returncode == 0, made.stderr + rejected.stderr
    assert still_running, "the run ended before the corrections were made"
    assert "a run is writing" in made.stderr
    assert [c["state"] for c in C.listing(store)] == ["applies", "applies"]
    assert events(store)[rec["id"]]["status"] == "requested"
    # the run's own resolution took the corrections in
    assert not Store(store.path, read_only=True).unresolved()
    [cl] = [c for c in Store(store.path, read_only=True).clusters()
            if rec["id"] in c["report_ids"]]
    assert cl["status"] == "requested"


# -- gold ---------------------------------------------------------------------------
def test_gold_from_a_fully_judged_store_scores_f1_1_against_its_own_export(store, tmp_path):
    shown = list(events(store).values())
    for i, rec in enumerate(shown):
        if i % 3 == 0:
            C.correct(store, rec["id"], {"status": "reported", "attribution": "Reuters"},
                      "Reuters says so")
        else:
            C.confirm(store, rec["id"])
    doc = shown[0]["cite_info"]["doc_id"]
    C.add(store, doc, 0, 30, {"event": "SUPPORT", "actor": "NATO", "recipient": "UKR"},
          "missed")
    C.resolve_now(store)
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    assert cli("export", "--format", "gold", "--out", str(gold), db=store).exit_code == 0
    assert cli("export", "--out", str(pred), db=store).exit_code == 0
    lines = [json.loads(x) for x in gold.read_text().splitlines()]
    assert len(lines) == len(shown) + 1 and {x["judged"] for x in lines} == {
        "confirmed", "corrected", "added"}
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--strict",
                          "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(res.stdout)
    assert figures["strict"]["f1"] == 1.0 and figures["strict"]["record_f1"] == 1.0
    # and the rules as they stand score below 1 on these judgements
    raw = tmp_path / "raw.jsonl"
    with Store(store.path, read_only=True).connect(raw=True) as con:
        raw.write_text("".join(r[0] + "\n" for r in con.execute("SELECT record FROM events")
                               .fetchall()))
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(raw), "--strict",
                          "--json"], capture_output=True, text=True, check=True)
    assert json.loads(res.stdout)["strict"]["record_f1"] < 1.0


# -- web ----------------------------------------------------------------------------
def test_api_and_pages_show_corrections_and_the_form_needs_write_and_token(store, browser):
    from kroniek.web import create_app
    from kroniek.web.server import serve_in_thread
    rec = first(store, event="AID")
    C.correct(store, rec["id"], {"status": "attempted"}, "they tried")
    C.resolve_now(store)
    url = f"/event/{rec['id']}"
    with serve_in_thread(create_app(store.path)) as base:  # read-only, no token
        api = httpx.get(f"{base}/api/events/{rec['id']}").json()
        assert api["event"]["status"] == "attempted"
        assert api["event"]["analyst"]["fields"] == ["status"]
        page = httpx.get(base + url).text
        assert "they tried" in page and 'name="csrf"' not in page
        assert httpx.post(f"{base}/correct/{rec['id']}", data={"why": "x"}).status_code == 405
    with pytest.raises(ValueError):
        create_app(store.path, write=True)  # write access needs a token
    with serve_in_thread(create_app(store.path, token=TOKEN, write=True)) as base:
        target = first(store, event="ACCUSE")
        page = httpx.get(f"{base}/event/{target['id']}",
                         headers={"Authorization": f"Bearer {TOKEN}"}).text
        csrf = re.search(r'name="csrf" value="(\w+)"', page).group(1)
        no_token = httpx.post(f"{base}/correct/{target['id']}",
                              data={"csrf": csrf, "why": "x", "action": "reject"})
        assert no_token.status_code == 401
        forged = httpx.post(f"{base}/correct/{target['id']}",
                            headers={"Authorization": f"Bearer {TOKEN}"},
                            data={"csrf": "0" * 64, "why": "x", "action": "reject"})
        assert forged.status_code == 403
        cross = httpx.post(f"{base}/correct/{target['id']}",
                           headers={"Authorization": f"Bearer {TOKEN}",
                                    "Origin": "http://evil.example"},
                           data={"csrf": csrf, "why": "x", "action": "reject"})
        assert cross.status_code == 403
        # a sandboxed or data: page on another site posts with 'Origin: null'
        opaque = httpx.post(f"{base}/correct/{target['id']}",
                            headers={"Authorization": f"Bearer {TOKEN}", "Origin": "null",
                                     "Sec-Fetch-Site": "cross-site"},
                            data={"csrf": csrf, "why": "x", "action": "reject"})
        assert opaque.status_code == 403
        assert target["id"] in events(store)  # nothing was changed
        ctx = browser.new_context()
        pg = ctx.new_page()
        pg.goto(f"{base}/?token={TOKEN}")
        pg.goto(f"{base}/event/{target['id']}")
        pg.select_option("form.correct select[name=status]", "denied")
        pg.fill("form.correct input[name=why]", "Iran denies it")
        pg.fill("form.correct input[name=by]", "carol")
        with pg.expect_navigation(url=f"**/event/{target['id']}"):
            pg.click("form.correct button[value=correct]")
        assert "Iran denies it" in pg.inner_text(".analyst")
        assert pg.locator("script").count() == pg.locator("script[src]").count()
        ctx.close()
        api = httpx.get(f"{base}/api/events/{target['id']}",
                        headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert api["event"]["status"] == "denied"
        assert api["event"]["analyst"]["set"]["status"]["by"] == "carol"




# -- the command line end to end: a real re-run, a rule off, the eval loop ----------
def test_a_real_rerun_with_a_rule_off_keeps_the_correction_and_eval_measures_it(
        analysed, frog, tmp_path):
    """`kroniek run` again on an edited article with KRONIEK_RULES_OFF: the report gets a
    new id, the correction follows it; then gold from the analyst's judgements, and
    `kroniek eval` scores the rules on them."""
    rule = "clause.krijgen-passive"
    old, new = changed_by(analysed, rule)
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLE, docs)
    env = {"KRONIEK_FROG": f"127.0.0.1:{frog.port}"}
    off = {**env, "KRONIEK_RULES_OFF": rule}
    store = Store(tmp_path / "k.duckdb")

    def ok(*args, env=env, db=True):
        try:
            res = CliRunner().invoke(app, [*args, *(["--db", store.path] if db else [])],
                                     env=env)
        finally:
            rules.configure([])  # the CLI switched off what KRONIEK_RULES_OFF names
        assert res.exit_code == 0, (args, res.output)
        return res.stdout

    def lines(*args):
        return [json.loads(x) for x in ok(*args).splitlines()]

    ok("run", str(docs), "-q")
    ok("correct", old, "--status", "hypothetical", "--why", "only a possibility",
       "--by", "dana")
    article = docs / f"{old.rsplit('-', 1)[0]}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nDe oorlog duurt voort.\n",
                       encoding="utf-8")
    ok("run", str(docs), "-q", env=off)  # re-extracted (the text changed), the rule off
    shown = {r["id"]: r for r in lines("events", "--json", "--limit", "1000")}
    assert old not in shown and shown[new]["status"] == "hypothetical"
    assert shown[new]["analyst"]["set"]["status"]["by"] == "dana"
    [c] = lines("corrections", "--json")
    assert (c["state"], c["event_id"], c["why"]) == ("re-attached", new, "only a possibility")
    [cl] = [x for x in lines("clusters", "--json", "--limit", "1000")
            if new in x["report_ids"]]
    assert cl["status"] == "hypothetical"
    # the analyst judges every other event right; gold from that, measured by eval
    for rid in shown:
        if rid != new:
            C.confirm(store, rid, None, "dana")
    gold = tmp_path / "mine.jsonl"
    ok("export", "--format", "gold", "--out", str(gold))
    assert len(gold.read_text().splitlines()) == len(shown)
    figures = json.loads(ok("eval", str(gold), "--docs", str(docs), "--json", env=off,
                            db=False))
    assert figures["f1"] == 1.0 and figures["core_gold"] == len(shown)
    status = figures["attribute_counts"]["status"]
    assert status == [len(shown) - 1, len(shown)]  # the rules miss the analyst's status
    # a web server that writes needs a token
    res = CliRunner().invoke(app, ["serve", "--write", "--db", store.path])
    assert res.exit_code == 2 and "--write needs --token" in res.output
