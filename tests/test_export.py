"""Store, exports and the scorer on a store built by the real pipeline from the seed articles."""
import csv
import json
import subprocess
import sys

import duckdb
import networkx as nx
import pytest

from conftest import SAMPLE, SHARED_EVAL
from kroniek.evaluate import read_jsonl, score
from kroniek.export import export
from kroniek.pipeline import Pipeline
from kroniek.store import EventFilter, Store


@pytest.fixture(scope="module")
def store(seed_db):
    return Store(seed_db, read_only=True)


def test_every_event_cites_exactly_its_sentence(store):
    records = store.events()
    assert len(records) >= 15
    with store.connect() as con:
        texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
    for r in records:
        cite = r["cite_info"]
        assert texts[cite["doc_id"]][cite["char_start"]:cite["char_end"]] == r["event_text"][0]


def test_running_the_same_input_again_stores_nothing_twice(seed_db, frog):
    before = Store(seed_db).stats()
    with Pipeline(Store(seed_db), frog=frog) as pipeline:
        summary = pipeline.run([str(SAMPLE)])
    assert summary.unchanged == 2 and summary.stored == 0
    assert Store(seed_db).stats() == before


def test_filters(store):
    rus = store.events(EventFilter(actor="RUS"))
    assert rus and all(any(a["country_code"] == "RUS" for a in r["actor"]) for r in rus)
    aid = store.events(EventFilter(type="AID", equipment="Su-35"))
    assert aid and all(r["event"] == "AID" for r in aid)
    assert all(any(q["name"] == "Su-35" for q in r["equipment"]) for r in aid)
    assert store.events(EventFilter(since="2022-11", until="2022-12"))
    assert not store.events(EventFilter(until="2021-12"))


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="needs ../shared/eval")
def test_plover_export_is_read_unchanged_by_the_shared_scorer(store, tmp_path):
    out = tmp_path / "events.jsonl"
    n = export(store, "plover", str(out))
    assert n == len(out.read_text().splitlines())
    gold = SHARED_EVAL / "seeds.gold.jsonl"
    shared = subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(out),
                             "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(shared.stdout)
    ours, _, _ = score(read_jsonl(gold), read_jsonl(out), {g["doc"] for g in read_jsonl(gold)})
    assert ours == theirs
    assert theirs["f1"] >= 0.6


def test_csv_parquet_and_graphml(store, tmp_path):
    total = len(store.events())
    export(store, "csv", str(tmp_path / "e.csv"))
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(rows) == total and rows[0]["event_text"]
    export(store, "parquet", str(tmp_path / "e.parquet"))
    n = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)",
                                 [str(tmp_path / "e.parquet")]).fetchone()[0]
    assert n == total
    export(store, "graphml", str(tmp_path / "e.graphml"))
    graph = nx.read_graphml(tmp_path / "e.graphml")
    assert graph.has_edge("RUS", "IRN") and graph.has_edge("IRN", "RUS")
    assert "AID" in json.loads(graph.edges["RUS", "IRN"]["counts"])


def test_explain_says_what_was_found_and_what_was_not(analyze_text):
    from rich.console import Console
    from kroniek.explain import render
    console = Console(record=True, width=200)
    render(analyze_text("Rusland levert straaljagers aan Iran. Het weer was mooi. Iran "
                        "leverde zijn aanvallers perfecte ballen."), console)
    text = console.export_text()
    assert "EVENT AID RUS -> IRN" in text
    assert "no event from leverde (AID): no military equipment" in text
