"""Every registered rule's examples, on kept analyses (no Frog): the outcome holds with
every rule on, and no longer holds with the rule switched off."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.extract import examples, extract, rules

FIXTURES = Path(__file__).parent / "rules" / "analyses"
CASES = [(r.id, e) for r in rules.all_rules() for e in r.examples]


def _events(e: rules.Example):
    f = FIXTURES / f"{examples.file_key(e.text, e.date)}.json"
    if not f.exists():
        pytest.fail(f"no kept analysis for {e.text!r}: run `make rule-fixtures` (needs Frog)")
    events, _ = extract(examples.load(json.loads(f.read_text(encoding="utf-8"))))
    return events


@pytest.fixture
def switched_off():
    def switch(*ids):
        rules.configure(ids)
    yield switch
    rules.configure(())


@pytest.mark.parametrize("rule_id,ex", CASES, ids=[f"{i}:{k}" for k, (i, _) in
                                                  enumerate(CASES)])
def test_example_holds(rule_id, ex):
    events = _events(ex)
    assert examples.holds(ex.expect, events), \
        f"{rule_id}: expected {ex.expect!r} from {ex.text!r}, got " \
        f"{[examples.describe(e) for e in events]}"


@pytest.mark.parametrize("rule_id,ex", CASES, ids=[f"{i}:{k}" for k, (i, _) in
                                                  enumerate(CASES)])
def test_example_needs_its_rule(rule_id, ex, switched_off):
    switched_off(rule_id)
    events = _events(ex)
    assert not examples.holds(ex.expect, events), \
        f"{rule_id}: {ex.expect!r} still holds with the rule off: the example does not " \
        f"show what the rule does"


def test_every_rule_has_an_example_and_a_stage():
    for r in rules.all_rules():
        assert r.examples and r.stage in rules.STAGES and r.description


def test_unknown_rule_ids_are_refused():
    with pytest.raises(rules.UnknownRule, match="no.such.rule"):
        rules.configure(["no.such.rule"])
    assert rules.switched_off() == frozenset()


def test_expectations_parse():
    e = examples.parse_expect("AID DEU,FRA -> UKR [Taurus, tank] requested source=Reuters "
                              "date=2024-05")
    assert e.actor == {"DEU", "FRA"} and e.recipient == {"UKR"}
    assert e.equipment == ("Taurus", "tank") and e.status == "requested"
    assert examples.parse_expect("no events").event is None
    with pytest.raises(ValueError):
        examples.parse_expect("AID DEU UKR")


def test_a_sentence_built_by_hand():
    s = examples.sentence(
        ["Rusland", "viel", "Oekraïne", "aan", "."], heads=[2, 0, 2, 2, 2],
        deps=["su", "ROOT", "obj1", "svp", "punct"],
        lemmas=["Rusland", "vallen", "Oekraïne", "aan", "."],
        tags=["SPEC(deeleigen)", "WW(pv,verl,ev)", "SPEC(deeleigen)", "VZ(fin)",
              "LET()"])
    events, _ = extract(examples.document([s]))
    assert [examples.describe(e).split(" date")[0] for e in events] == \
        ["ASSAULT RUS -> UKR asserted"]


def test_cli_lists_every_rule_with_where_it_is(monkeypatch):
    from typer.testing import CliRunner

    from kroniek.cli import app
    monkeypatch.delenv(rules.ENV, raising=False)
    out = CliRunner().invoke(app, ["rules", "--json"])
    assert out.exit_code == 0, out.output
    listed = [json.loads(line) for line in out.output.splitlines()]
    assert [r["id"] for r in listed] == [r.id for r in rules.all_rules()]
    for r in listed:
        assert r["examples"] and r["description"]
        path, _, rest = r["where"].partition(":")
        assert (Path(__file__).parent.parent / path).exists() and rest[:1].isdigit()


def test_cli_refuses_an_unknown_rule_to_switch_off(monkeypatch):
    from typer.testing import CliRunner

    from kroniek.cli import app
    monkeypatch.setenv(rules.ENV, "frame.nonsense")
    out = CliRunner().invoke(app, ["rules"])
    assert out.exit_code == 2 and "frame.nonsense" in out.output
    rules.configure(())


def test_pipeline_switches_rules_off():
    from kroniek.pipeline import Pipeline
    first = rules.all_rules()[0].id
    try:
        Pipeline(None, rules_off=[first])
        assert not rules.on(first)
    finally:
        rules.configure(())
    assert rules.on(first)
