"""What the command line prints and how it fails: on a store built by hand (no Frog)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.models import Document, EntityRef, EventReport
from kroniek.store import DocResult, Store

HOSTILE = "Rusland viel aan.\x1b[2J\x1b]8;;https://evil.example\x07klik\x1b]8;;\x07\x9b31m [bold]x[/bold]"


@pytest.fixture
def store_path(tmp_path):
    path = str(tmp_path / "k.duckdb")
    doc = Document("d\x1b[31m1", "2024-05", HOSTILE)
    ev = EventReport(doc_id=doc.id, doc_date="2024-05", sentence_index=0, char_start=0,
                     char_end=len(HOSTILE), sentence_text=HOSTILE, event="ASSAULT",
                     mode=["military"], actor=[EntityRef("Rusland", "Russia", "RUS")],
                     recipient=[EntityRef("Oekra\x1bne", "Ukr\x07aine", None)], equipment=[],
                     status="asserted", attribution=[EntityRef("Bron\x1b[5m", "Bron\x1b[5m")],
                     date="2024-05", trigger="viel")
    store = Store(path)
    store.save([DocResult(doc, [ev], [])])
    return path


@pytest.mark.parametrize("verb", [["events"], ["timeline"], ["clusters"]])
def test_article_text_cannot_reach_the_terminal_as_control_codes(store_path, verb):
    out = CliRunner().invoke(app, verb + ["--db", store_path], env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    assert not any(ord(c) < 32 and c not in "\n" or 0x7f <= ord(c) <= 0x9f
                   for c in out.output), repr(out.output)
    if verb != ["clusters"]:
        assert "Rusland viel aan" in out.output and "[bold]x[/bold]" in out.output


@pytest.mark.parametrize("args,says", [
    (["--type", "FOO"], "ASSAULT"), (["--status", "foo"], "asserted"),
    (["--since", "2024-13"], "since"), (["--since", "garbage"], "since"),
    (["--limit", "-1"], "limit"), (["--actor", "no such thing!"], "actor"),
])
def test_a_filter_that_cannot_match_says_so(store_path, args, says):
    out = CliRunner().invoke(app, ["events", "--db", store_path] + args)
    assert out.exit_code == 2 and says in out.output and "Traceback" not in out.output


def test_filters_take_any_case_and_system_aliases(store_path):
    for args in (["--type", "assault"], ["--status", "ASSERTED"]):
        out = CliRunner().invoke(app, ["events", "--db", store_path, "--json"] + args)
        assert out.exit_code == 0 and out.output.count("\n") == 1, (args, out.output)
    from kroniek.cli_support import _equipment_name
    assert _equipment_name("shahed") == _equipment_name("Geran-2") == "Shahed-136"


@pytest.mark.parametrize("verb", [["stats"], ["events"], ["timeline"], ["clusters"],
                                  ["export", "--format", "plover"], ["resolve"]])
def test_a_store_that_does_not_exist_is_one_message(tmp_path, verb):
    out = CliRunner().invoke(app, verb + ["--db", str(tmp_path / "nope.duckdb")])
    assert out.exit_code == 2 and "no store at" in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)


@pytest.mark.parametrize("make_args,says", [
    (lambda t, s: ["stats", "--db", str(t)], "is a folder"),
    (lambda t, s: ["run", str(t), "--db", str(t / "no" / "k.duckdb")], "does not exist"),
    (lambda t, s: ["run", str(t), "--db", str(t)], "is a folder"),
    (lambda t, s: ["export", "--db", s, "--out", str(t / "no" / "x.jsonl")],
     "does not exist"),
    (lambda t, s: ["export", "--db", s, "--out", str(t)], "is a folder"),
    (lambda t, s: ["explain", str(t)], "is a folder"),
])
def test_paths_a_user_gets_wrong_are_one_message(tmp_path, store_path, make_args, says):
    out = CliRunner().invoke(app, make_args(tmp_path, store_path))
    assert out.exit_code == 2 and says in out.output, out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)


@pytest.mark.parametrize("gold,says", [
    ('{"doc": "a", "gid": "1", "event": "AID"}\n{not json\n', ":2: not JSON"),
    ('{"doc": "a"}\n', "has no gid, event"),
])
def test_a_broken_gold_file_is_one_message_before_any_run(tmp_path, gold, says):
    (tmp_path / "gold.jsonl").write_text(gold)
    (tmp_path / "docs").mkdir()
    out = CliRunner().invoke(app, ["eval", str(tmp_path / "gold.jsonl"), "--docs",
                                   str(tmp_path / "docs")])
    assert out.exit_code == 2 and says in out.output, out.output


def _same_article(tmp_path) -> str:
    """The article the store_path fixture holds, as a file."""
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "d\x1b[31m1.txt").write_text(" date 2024-05 " + HOSTILE,
                                                     encoding="utf-8")
    return str(tmp_path / "in")


def test_a_run_resolves_a_store_a_killed_run_left_unresolved(tmp_path, store_path):
    """The store holds an event but no clusters (killed before resolving): a run that
    stores nothing new still resolves it."""
    assert Store(store_path, read_only=True).unresolved()
    out = CliRunner().invoke(app, ["run", _same_article(tmp_path), "--db", store_path,
                                   "--quiet"])
    assert out.exit_code == 0, out.output
    assert "0 stored, 1 already in the store" in out.output and "1 events" in out.output
    assert not Store(store_path, read_only=True).unresolved()
    assert Store(store_path, read_only=True).stats()["clusters"] == 1


def test_resolve_on_a_busy_store_exits_3(store_path):
    from kroniek.store import run_lock
    with run_lock(store_path):
        out = CliRunner().invoke(app, ["resolve", "--db", store_path])
    assert out.exit_code == 3 and "busy" in out.output.lower()


def test_events_at_80_columns_take_two_lines_each(store_path):
    out = CliRunner().invoke(app, ["events", "--db", store_path], env={"COLUMNS": "80"})
    lines = [x for x in out.output.splitlines() if x.strip()]
    assert out.exit_code == 0 and len(lines) == 3, out.output  # title, event, evidence
    assert lines[1].startswith("2024-05 ASSAULT RUS → ") and "asserted" in lines[1]
    assert "Rusland viel aan" in lines[2] and all(len(x) <= 80 for x in lines)
    wide = CliRunner().invoke(app, ["events", "--db", store_path], env={"COLUMNS": "200"})
    assert "┃ date" in wide.output


def test_export_filters_like_events(store_path, tmp_path):
    for args, n in ((["--status", "asserted"], 1), (["--status", "negated"], 0),
                    (["--recipient", "UKR"], 0), (["--equipment", "shahed"], 0),
                    (["--since", "2024"], 1), (["--until", "2023"], 0)):
        out = tmp_path / "x.jsonl"
        res = CliRunner().invoke(app, ["export", "--db", store_path, "--format", "plover",
                                       "--out", str(out)] + args)
        assert res.exit_code == 0, res.output
        assert len(out.read_text().splitlines()) == n, args
