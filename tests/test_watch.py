"""Watchlists (kroniek/watch.py, `kroniek watch`, /feeds/*.atom) on stores built by hand:
documents with their events saved, then resolved into clusters (no Frog)."""
from __future__ import annotations

import json

import duckdb
import feedparser
import httpx
import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.models import Document, EntityRef, EquipmentRef, EventReport
from kroniek.resolve import resolve
from kroniek.store import DocResult, Store
from kroniek.web import create_app
from kroniek.web.server import serve_in_thread

COUNTRY = {"DEU": "Duitsland", "UKR": "Oekraïne", "USA": "Verenigde Staten",
           "RUS": "Rusland", "FRA": "Frankrijk"}
TOKEN = "w4tch-t0ken"
HOSTILE = "Duitsland levert Taurus <script>alert(1)</script> ]]> \x1b[2J\x07 &amp; aan Oekraïne."


def ent(code: str) -> EntityRef:
    return EntityRef(COUNTRY[code], COUNTRY[code], code)


def doc(doc_id: str, date: str, text: str, event: str, actor: str, recipient: str,
        status: str, equipment: str | None = None) -> DocResult:
    d = Document(doc_id, date, text, f"https://{doc_id}.example.nl/a")
    ev = EventReport(doc_id=d.id, doc_date=date, sentence_index=0, char_start=0,
                     char_end=len(text), sentence_text=text, event=event, mode=[],
                     actor=[ent(actor)], recipient=[ent(recipient)],
                     equipment=[EquipmentRef(equipment, equipment, "missile")]
                     if equipment else [],
                     status=status, attribution=[], date=date, trigger="levert")
    return DocResult(d, [ev], [])


def save(path: str, *results: DocResult) -> None:
    store = Store(path)
    store.save(list(results))
    resolve(Store(path))


def cli(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})


def new_items(path: str, name: str) -> list[dict]:
    out = cli("watch", "show", name, "--db", path, "--new", "--json")
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.output.splitlines() if line.strip()]


@pytest.fixture
def store_path(tmp_path) -> str:
    path = str(tmp_path / "w.duckdb")
    save(path,
         doc("nos", "2024-03", "Duitsland is van plan Taurus-raketten aan Oekraïne te "
             "leveren, zegt de regering.", "AID", "DEU", "UKR", "planned", "Taurus"),
         doc("nrc", "2024-03", "Russische troepen vielen Charkiv opnieuw aan met "
             "artillerie.", "ASSAULT", "RUS", "UKR", "asserted"))
    out = cli("watch", "add", "ukr-aid", "--db", path, "--type", "aid", "--recipient", "UKR")
    assert out.exit_code == 0 and "1 events seen" in out.output, out.output
    return path


def test_a_new_batch_lists_exactly_the_new_matching_events(store_path):
    assert new_items(store_path, "ukr-aid") == []
    save(store_path,
         doc("vk", "2024-06", "De Verenigde Staten leverden Oekraïne nieuwe "
             "luchtverdediging.", "AID", "USA", "UKR", "asserted"),
         doc("ad", "2024-06", "Rusland beschoot Odesa met drones, meldt de "
             "luchtmacht.", "ASSAULT", "RUS", "UKR", "asserted"),
         doc("tr", "2024-06", "Frankrijk leverde munitie aan Duitsland voor een "
             "oefening.", "AID", "FRA", "DEU", "asserted"))
    found = new_items(store_path, "ukr-aid")
    assert [(i["kinds"], i["event"]["actor"][0]["country_code"]) for i in found] == \
        [(["new"], "USA")]
    listed = cli("watch", "list", "--db", store_path)
    assert listed.exit_code == 0 and "ukr-aid" in listed.output, listed.output
    out = cli("watch", "show", "ukr-aid", "--db", store_path, "--new", "--mark-seen")
    assert out.exit_code == 0 and "new" in out.output and "USA" in out.output, out.output
    assert new_items(store_path, "ukr-aid") == []
    out = cli("watch", "show", "ukr-aid", "--db", store_path)  # all it matches, none new
    assert out.exit_code == 0 and "0 new of 2" in out.output, out.output


def test_a_denial_of_a_watched_event_is_a_change(store_path):
    save(store_path, doc("tel", "2024-03", "Berlijn ontkent dat het Taurus-raketten aan "
                         "Kiev zal leveren.", "AID", "DEU", "UKR", "denied", "Taurus"))
    found = new_items(store_path, "ukr-aid")
    assert len(found) == 1 and "denied" in found[0]["kinds"], found
    assert found[0]["event"]["equipment"][0]["name"] == "Taurus"
    assert found[0]["latest_report"]["cite_info"]["doc_id"] == "tel"  # the denial is cited


def test_a_plan_reported_as_done_is_a_change(store_path):
    save(store_path, doc("fd", "2024-04", "De eerste Taurus-raketten zijn aan Oekraïne "
                         "geleverd, bevestigt Berlijn.", "AID", "DEU", "UKR", "asserted",
                         "Taurus"))
    found = new_items(store_path, "ukr-aid")
    assert len(found) == 1, found
    assert {"confirmed", "source"} <= set(found[0]["kinds"]), found
    assert found[0]["event"]["status"] == "asserted"


@pytest.mark.parametrize("args,says", [
    (["add", "x", "--type", "FOO"], "ASSAULT"), (["add", "x", "--status", "foo"], "asserted"),
    (["add", "ukr-aid"], "exists already"), (["add", "bad name!"], "bad watch name"),
    (["add", "all"], "bad watch name"),
    (["remove", "nope"], "no watch named"), (["show", "nope"], "no watch named"),
    (["show", "ukr-aid", "--format", "rss"], "unknown format"),
])
def test_bad_input_is_one_message(store_path, args, says):
    out = cli("watch", *args, "--db", store_path)
    assert out.exit_code == 2 and says in out.output and "Traceback" not in out.output, \
        out.output


def test_remove(store_path):
    assert cli("watch", "remove", "ukr-aid", "--db", store_path).exit_code == 0
    assert "no watches" in cli("watch", "list", "--db", store_path).output


def test_an_older_store_gains_the_table(tmp_path):
    path = str(tmp_path / "old.duckdb")
    save(path, doc("nos", "2024-03", "Duitsland levert Oekraïne hulp.", "AID", "DEU",
                   "UKR", "asserted"))
    con = duckdb.connect(path)
    con.execute("DROP TABLE watches")
    con.close()
    assert "no watches" in cli("watch", "list", "--db", path).output  # read-only: none
    assert cli("watch", "add", "w", "--db", path).exit_code == 0


def hostile_store(store_path) -> str:
    save(store_path, doc("evil", "2024-07", HOSTILE, "AID", "DEU", "UKR", "asserted"),
         doc("vk", "2024-06", "De Verenigde Staten leverden Oekraïne nieuwe "
             "luchtverdediging.", "AID", "USA", "UKR", "asserted"))
    return store_path


def check_feed(data: bytes, base: str) -> None:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    entries = parsed.entries
    assert len(entries) == 2 and len({e.id for e in entries}) == 2
    evil = next(e for e in entries if "alert" in e.summary)
    assert "<script>" in evil.summary  # as text: feedparser unescaped it from &lt;script&gt;
    assert "\x1b" not in evil.summary and "\x07" not in evil.summary
    assert evil.link.startswith(base + "/event/")
    assert {t.term for t in evil.tags} == {"AID", "new"}
    assert "Status: asserted" in evil.summary and "Parties: DEU -> UKR" in evil.summary
    raw = data.decode("utf-8")
    assert "<script>" not in raw and "]]>" not in raw and "\x1b" not in raw


def test_the_atom_file_parses_and_text_is_inert(store_path, tmp_path):
    hostile_store(store_path)
    out_file = tmp_path / "w.atom"
    out = cli("watch", "show", "ukr-aid", "--db", store_path, "--format", "atom",
              "--out", str(out_file), "--base-url", "http://kroniek.test")
    assert out.exit_code == 0, out.output
    data = out_file.read_bytes()
    check_feed(data, "http://kroniek.test")
    again = cli("watch", "show", "ukr-aid", "--db", store_path, "--format", "atom",
                "--out", str(out_file), "--base-url", "http://kroniek.test")
    assert again.exit_code == 0
    assert [e.id for e in feedparser.parse(out_file.read_bytes()).entries] == \
        [e.id for e in feedparser.parse(data).entries]  # ids are stable


def test_the_server_feeds_and_guards_them(store_path):
    hostile_store(store_path)
    with serve_in_thread(create_app(store_path, token=TOKEN)) as base:
        assert httpx.get(base + "/feeds/ukr-aid.atom").status_code == 401
        assert httpx.get(base + "/feeds/all.atom").status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = httpx.get(base + "/feeds/ukr-aid.atom", headers=auth)
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            "application/atom+xml"), r.text
        check_feed(r.content, base)
        assert len(feedparser.parse(httpx.get(base + "/feeds/all.atom",
                                              headers=auth).content).entries) == 2
        assert httpx.get(base + "/feeds/nope.atom", headers=auth).status_code == 404
        home = httpx.get(base + "/", headers=auth)
        assert home.status_code == 200 and 'data-watch="ukr-aid"' in home.text
        assert "2 new" in home.text
        # reading the feed marks nothing seen
        assert len(feedparser.parse(httpx.get(base + "/feeds/ukr-aid.atom",
                                              headers=auth).content).entries) == 2


def test_after_a_run_one_line_per_watch(store_path, capsys):
    from kroniek.cli_watch import report_watches
    save(store_path, doc("vk", "2024-06", "De Verenigde Staten leverden Oekraïne nieuwe "
                         "luchtverdediging.", "AID", "USA", "UKR", "asserted"))
    assert cli("watch", "add", "rus", "--db", store_path, "--actor", "RUS").exit_code == 0
    report_watches(store_path)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "watch rus: 0 new"
    assert lines[1].startswith("watch ukr-aid: 1 new; 2024-06 AID USA -> UKR (asserted)")


def test_aliases_and_a_plan_that_leaves_its_filter(store_path):
    out = cli("watch", "add", "geran", "--db", store_path, "--equipment", "Geran-2")
    assert out.exit_code == 0 and "--equipment shahed-136" in out.output.lower(), out.output
    assert cli("watch", "add", "plans", "--db", store_path, "--status", "PLANNED").exit_code == 0
    save(store_path, doc("fd", "2024-04", "De eerste Taurus-raketten zijn aan Oekraïne "
                         "geleverd, bevestigt Berlijn.", "AID", "DEU", "UKR", "asserted",
                         "Taurus"))
    found = new_items(store_path, "plans")  # no longer planned, but what it watched changed
    assert len(found) == 1 and "confirmed" in found[0]["kinds"], found


def test_a_real_run_tells_each_watch_what_is_new(frog, tmp_path, monkeypatch):
    """Frog-backed: `kroniek run` on matching and non-matching articles, then the watch."""
    monkeypatch.setenv("KRONIEK_FROG", f"127.0.0.1:{frog.port}")
    db = str(tmp_path / "w.duckdb")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x1.txt").write_text(
        " date 2024-05 Iran heeft vorige week drones aan Rusland geleverd.", encoding="utf-8")
    (tmp_path / "b" / "x2.txt").write_text(
        " date 2024-09 Noord-Korea stuurde artilleriegranaten naar Rusland.\n\n"
        "Duitsland levert tanks aan Oekraïne.", encoding="utf-8")
    run = CliRunner().invoke(app, ["run", str(tmp_path / "a"), "--db", db, "-q"])
    assert run.exit_code == 0, run.output
    assert CliRunner().invoke(app, ["watch", "add", "russia", "--recipient", "RUS",
                                    "--db", db]).exit_code == 0
    run = CliRunner().invoke(app, ["run", str(tmp_path / "b"), "--db", db, "-q"])
    assert run.exit_code == 0 and "watch russia: 1 new" in run.output, run.output
    shown = CliRunner().invoke(app, ["watch", "show", "russia", "--new", "--json",
                                     "--db", db])
    items = [json.loads(x) for x in shown.output.splitlines() if x.strip()]
    assert [(i["event"]["event"], i["event"]["actor"][0]["country_code"], i["kinds"])
            for i in items] == [("AID", "PRK", ["new"])], shown.output
