"""The general-news controls (tests/data/general): ordinary Dutch news with no event in it,
on kept analyses (no Frog). Every event written on them is a false positive."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.extract import examples, extract, rules

GENERAL = Path(__file__).parent / "data" / "general"
# the events kroniek writes on the 48 controls today (a SUPPORT with no actor in g36); lower it when a rule removes one
MOST = 1


def _kept() -> list[dict]:
    return [json.loads(line) for line in
            (GENERAL / "analyses.jsonl").read_text(encoding="utf-8").splitlines()]


def _events(rows) -> list[str]:
    out = []
    for r in rows:
        events, _ = extract(examples.load(r, r["id"]))
        out += [f"{r['id']}: {examples.describe(e)}" for e in events]
    return out


def test_kept_analyses_are_of_the_articles_as_they_are():
    rows = {r["id"]: r for r in _kept()}
    files = sorted((GENERAL / "docs").glob("*.txt"))
    assert sorted(rows) == [f.stem for f in files], \
        "run tools/general_analyses.py (needs Frog) after changing tests/data/general/docs"
    for f in files:
        body = f.read_text(encoding="utf-8")
        # the kept text is the article without its header line
        assert rows[f.stem]["text"].strip() in body, f"{f.name}: re-run tools/general_analyses.py"


def test_at_most_so_many_events_on_general_news():
    found = _events(_kept())
    assert len(found) <= MOST, "events on general news:\n" + "\n".join(found)


@pytest.fixture
def rules_off():
    ids = ("report.political-attack", "report.legislative-vote", "report.border-control",
           "postprocess.accusation-of-no-one", "report.request-to-own-government",
           "report.spaceflight-rocket", "report.meeting-needs-counterpart",
           "clause.phrasal-particle-no-preposition")
    rules.configure(ids)
    yield ids
    rules.configure(())


def test_the_general_news_rules_are_what_keeps_them_at_zero(rules_off):
    # without the rules written for ordinary news the same articles give events again:
    # the test above measures what they do
    assert len(_events(_kept())) > MOST
