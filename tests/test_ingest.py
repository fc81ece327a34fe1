"""Reading sources: the news-corpus format, JSON Lines, folders, stdin, and bad input."""
import datetime as dt
import io
import json
import sys

import pytest

from kroniek.ingest import Problem, read_sources
from kroniek.models import Document

TODAY = dt.date(2026, 11, 22)
ARTICLE = ("Rusland heeft vorige week opnieuw drones op Kyiv afgevuurd. Volgens de Oekraïense "
           "luchtmacht werden de meeste toestellen uit de lucht geschoten.")


def read(*paths):
    return list(read_sources([str(p) for p in paths], today=TODAY))


def test_news_format_offsets_start_after_header(tmp_path):
    (tmp_path / "a1.txt").write_text(f" date 2024-05 {ARTICLE}", encoding="utf-8")
    (doc,) = read(tmp_path / "a1.txt")
    assert isinstance(doc, Document)
    assert (doc.id, doc.date) == ("a1", "2024-05")
    assert doc.text == ARTICLE
    assert doc.text[0:7] == "Rusland"


def test_leading_whitespace_and_newlines_before_header(tmp_path):
    (tmp_path / "b.txt").write_text(f"\n\n  date 2023-01 {ARTICLE}", encoding="utf-8")
    (doc,) = read(tmp_path / "b.txt")
    assert doc.date == "2023-01" and doc.text.startswith("Rusland")


def test_folder_is_read_recursively_and_hidden_files_skipped(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text(f" date 2024-01 {ARTICLE}")
    (tmp_path / "y.txt").write_text(f" date 2024-02 {ARTICLE}")
    (tmp_path / ".hidden.txt").write_text("garbage")
    ids = sorted(d.id for d in read(tmp_path) if isinstance(d, Document))
    assert ids == ["x", "y"]


def test_jsonl_with_broken_lines_goes_on(tmp_path):
    lines = [json.dumps({"id": "j1", "date": "2024-03", "text": ARTICLE, "url": "https://x/1"}),
             "{not json",
             json.dumps({"id": "j2", "date": "2024-03"}),
             json.dumps({"id": "j3", "date": "2024-04", "text": ARTICLE})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    items = read(tmp_path / "feed.jsonl")
    docs = [d for d in items if isinstance(d, Document)]
    problems = [p for p in items if isinstance(p, Problem)]
    assert [d.id for d in docs] == ["j1", "j3"]
    assert docs[0].url == "https://x/1"
    assert [(p.line, "not JSON" in p.message or "missing" in p.message) for p in problems] == \
        [(2, True), (3, True)]
    assert "text" in problems[1].message


def test_bad_files_give_one_clear_message_each(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02 date 2024-01 x")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "nohdr.txt").write_text(ARTICLE)
    (tmp_path / "latin1.txt").write_bytes(f" date 2024-01 {ARTICLE} café".encode("latin-1"))
    (tmp_path / "page.html").write_text("<!DOCTYPE html><html><body>hoi</body></html>")
    (tmp_path / "future.txt").write_text(f" date 2031-01 {ARTICLE}")
    (tmp_path / "badmonth.txt").write_text(f" date 2024-13 {ARTICLE}")
    (tmp_path / "english.txt").write_text(" date 2024-01 " + "The army said that the drones "
                                          "were shot down over the city and that the attack "
                                          "was repelled by air defence units overnight. " * 3)
    (tmp_path / "ok.txt").write_text(f" date 2024-01 {ARTICLE}")
    items = read(tmp_path)
    docs = [d.id for d in items if isinstance(d, Document)]
    problems = {p.source.split("/")[-1]: p.message for p in items if isinstance(p, Problem)}
    assert docs == ["ok"]
    assert "binary" in problems["bin.txt"]
    assert "empty" in problems["empty.txt"]
    assert "no date header" in problems["nohdr.txt"]
    assert "UTF-8" in problems["latin1.txt"]
    assert "HTML" in problems["page.html"]
    assert "future" in problems["future.txt"]
    assert "not a valid" in problems["badmonth.txt"]
    assert "Dutch" in problems["english.txt"]
    assert all(m.endswith("skipped") for m in problems.values())


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    (p,) = read(tmp_path / "nope")
    assert isinstance(p, Problem) and "no such file" in p.message


def test_stdin_news_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        f" date 2024-06 {ARTICLE}".encode())))
    (doc,) = list(read_sources(["-"], today=TODAY))
    assert doc.id.startswith("stdin-") and doc.date == "2024-06"
    row = json.dumps({"id": "s1", "date": "2024-06", "text": ARTICLE})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(row.encode())))
    (doc,) = list(read_sources(["-"], today=TODAY))
    assert doc.id == "s1"


def test_content_hash_recognises_same_text():
    a = Document("a", "2024-01", ARTICLE)
    b = Document("b", "2024-01", ARTICLE)
    c = Document("a", "2024-01", ARTICLE + " Extra.")
    assert a.content_hash == b.content_hash != c.content_hash


def test_stored_paths_are_relative_to_what_the_user_passed(tmp_path):
    """The machine's absolute paths must not reach the store, the API or the pages."""
    (tmp_path / "news" / "nos").mkdir(parents=True)
    text = " date 2024-05 Rusland heeft vannacht opnieuw drones op Kyiv afgevuurd."
    (tmp_path / "news" / "nos" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    docs = [d for d in read_sources([str(tmp_path / "news"), str(tmp_path / "b.txt")])
            if not isinstance(d, Problem)]
    assert [d.label for d in docs] == ["news/nos/a.txt", "b.txt"]
    assert docs[0].source == str(tmp_path / "news" / "nos" / "a.txt")  # messages: as given
    from kroniek.store import DocResult, Store
    store = Store(tmp_path / "s.duckdb")
    store.save([DocResult(d, [], []) for d in docs])
    with store.connect() as con:
        stored = sorted(r[0] for r in con.execute("SELECT source FROM documents").fetchall())
    assert stored == ["b.txt", "news/nos/a.txt"]


@pytest.mark.parametrize("text,language", [
    ("Die Bundesregierung liefert der Ukraine weitere Panzer, sagte der Kanzler am Montag "
     "in Berlin. Die Lieferung soll im Sommer beginnen.", "German"),
    ("Die russische Armee hat in der Nacht Kiew mit Drohnen angegriffen.", "German"),
    ("Russia attacked Kyiv overnight with drones and cruise missiles.", "English"),
    ("L'armée russe a attaqué Kiev cette nuit avec des drones.", "French"),
])
def test_non_dutch_documents_are_skipped_with_their_language(tmp_path, text, language):
    """German shares 'die' and 'in' with Dutch, and a short text is a text too."""
    (tmp_path / "x.txt").write_text(" date 2024-01 " + text, encoding="utf-8")
    (p,) = read(tmp_path / "x.txt")
    assert isinstance(p, Problem) and f"in {language}, not Dutch" in p.message


@pytest.mark.parametrize("text", [
    "Rusland viel aan.", "Duitsland levert Oekraïne extra tanks.",
    "Die Russische drones vielen in de nacht Kyiv aan.",
])
def test_short_dutch_texts_are_read(tmp_path, text):
    (tmp_path / "x.txt").write_text(" date 2024-01 " + text, encoding="utf-8")
    (d,) = read(tmp_path / "x.txt")
    assert isinstance(d, Document)
