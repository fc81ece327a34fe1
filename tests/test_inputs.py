"""Reading what users have: saved web pages, web archives (WARC) and news feeds."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import shutil
from pathlib import Path

import pytest

from kroniek.ingest import Problem, read_sources
from kroniek.models import Document

TODAY = dt.date(2026, 1, 1)
HERE = Path(__file__).parent / "inputs"
ARTICLE = (HERE / "artikel.html").read_text(encoding="utf-8")

PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>{title}</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/buitenland">Buitenland</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paras}</article>
<footer>Alle rechten voorbehouden.</footer></body></html>"""

DRONES = ["Rusland heeft in de nacht van dinsdag op woensdag opnieuw tientallen drones op "
          "Oekraïense steden afgevuurd. Volgens de Oekraïense luchtmacht werden er achttien "
          "onderschept boven de regio's Kyiv en Charkiv.",
          "In Charkiv raakte een drone een energiecentrale, waardoor duizenden huishoudens "
          "zonder stroom kwamen te zitten. Er vielen volgens de gouverneur twee gewonden."]
TANKS = ["Duitsland stuurt dit jaar nog een extra bataljon met Leopard-tanks naar Litouwen. "
         "Dat heeft de Duitse minister van Defensie maandag in Vilnius gezegd.",
         "De tanks moeten de oostflank van de NAVO versterken. Litouwen vraagt al langer om "
         "een permanente Duitse brigade op zijn grondgebied."]
INDEX = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Buitenland</title>
<meta property="article:published_time" content="2024-03-14"></head><body><h1>Buitenland</h1>
<ul><li><a href="/1">Nederland levert extra luchtverdediging aan Oekraïne</a></li>
<li><a href="/2">Russische drones treffen energiecentrale bij Charkiv</a></li>
<li><a href="/3">Duitsland stuurt extra tanks naar Litouwen</a></li></ul></body></html>"""
COOKIES = """<!DOCTYPE html><html lang="nl"><head><title>Dagblad Noord</title></head><body>
<div class="cookiewall"><h1>Cookies op Dagblad Noord</h1><p>Om deze website te bezoeken
moet je toestemming geven voor cookies.</p><button>Akkoord</button></div></body></html>"""
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dagblad Noord - Buitenland</title>
<link>https://www.dagbladnoord.nl/buitenland</link><description>Nieuws</description>
<item><title>Russische drones treffen Charkiv</title>
<link>https://www.dagbladnoord.nl/buitenland/drones-charkiv</link>
<pubDate>Wed, 13 Mar 2024 07:15:00 +0100</pubDate>
<description>&lt;p&gt;{d0}&lt;/p&gt;&lt;p&gt;{d1}&lt;/p&gt;</description></item>
<item><title>Duitse tanks naar Litouwen</title>
<link>https://www.dagbladnoord.nl/buitenland/tanks-litouwen</link>
<pubDate>Mon, 11 Mar 2024 16:00:00 +0100</pubDate>
<description>{t0} {t1}</description></item>
</channel></rss>""".format(d0=DRONES[0], d1=DRONES[1], t0=TANKS[0], t1=TANKS[1])


def page(title: str, paras: list[str], date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return PAGE.format(title=title, meta=meta, paras="".join(f"<p>{p}</p>" for p in paras))


def write_warc(path: Path, truncate: bool = False) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)

    def response(url: str, body: bytes, kind: str, date: str) -> None:
        http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": date}))

    response("https://www.dagbladnoord.nl/drones", page(
        "Russische drones treffen Charkiv", DRONES, "2024-03-13").encode(),
        "text/html; charset=utf-8", "2024-03-20T10:00:00Z")
    response("https://www.dagbladnoord.nl/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200),
             "image/png", "2024-03-20T10:00:01Z")
    response("https://www.dagbladnoord.nl/tanks", page(  # no date on the page
        "Duitse tanks naar Litouwen", TANKS).encode(), "text/html", "2024-03-20T10:00:02Z")
    data = buf.getvalue()
    if truncate:  # the first record whole, the second cut off halfway
        data = data[:len(data) - 700]
    path.write_bytes(data)


def read(*paths) -> list:
    return list(read_sources([str(p) for p in paths], today=TODAY))


def split(items):
    return ([x for x in items if isinstance(x, Document)],
            [x for x in items if isinstance(x, Problem)])


def test_saved_page_gives_the_article_without_nav_cookies_or_footer(tmp_path):
    shutil.copy(HERE / "artikel.html", tmp_path / "luchtverdediging.html")
    (doc,), problems = split(read(tmp_path / "luchtverdediging.html"))
    assert problems == []
    assert doc.id == "luchtverdediging" and doc.format == "html"
    assert doc.date == "2024-03-14"
    assert doc.url == "https://www.dagbladnoord.nl/buitenland/luchtverdediging-oekraine"
    assert doc.outlet == "Dagblad Noord"
    paras = doc.text.split("\n\n")
    assert paras[0] == "Nederland levert extra luchtverdediging aan Oekraïne"
    assert paras[1].startswith("Nederland stuurt nog dit voorjaar twee extra Patriot")
    assert len(paras) == 4
    for junk in ("cookies", "Meest gelezen", "Alle rechten", "Binnenland"):
        assert junk not in doc.text
    # offsets count in the stored text
    i = doc.text.index("Patriot")
    assert doc.text[i:i + 7] == "Patriot"


def test_html_content_in_any_file_is_read_as_a_page_but_tags_in_text_are_not(tmp_path):
    (tmp_path / "saved.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "tags.txt").write_text("Hallo <body> daar, dit is geen pagina.")
    docs, problems = split(read(tmp_path))
    assert [d.id for d in docs] == ["saved"] and docs[0].format == "html"
    (p,) = problems
    assert p.source.endswith("tags.txt") and "HTML" in p.message


def test_pages_without_an_article_or_date_give_one_message_each(tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "cookies.htm").write_text(COOKIES)
    (tmp_path / "undated.html").write_text(page("Duitse tanks naar Litouwen", TANKS))
    shutil.copy(HERE / "artikel.html", tmp_path / "ok.html")
    docs, problems = split(read(tmp_path))
    assert [d.id for d in docs] == ["ok"]
    by = {p.source.split("/")[-1]: p.message for p in problems}
    assert set(by) == {"index.html", "cookies.htm", "undated.html"}
    assert "no article" in by["index.html"] and "no article" in by["cookies.htm"]
    assert "no publication date" in by["undated.html"]
    assert all(m.endswith("skipped") for m in by.values())


def test_warc_html_records_are_articles_other_records_pass_silently(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    docs, problems = split(read(tmp_path / "crawl.warc.gz"))
    assert problems == []
    assert [(d.id, d.url, d.date, d.format) for d in docs] == [
        ("https://www.dagbladnoord.nl/drones", "https://www.dagbladnoord.nl/drones",
         "2024-03-13", "warc"),  # the page's date
        ("https://www.dagbladnoord.nl/tanks", "https://www.dagbladnoord.nl/tanks",
         "2024-03-20", "warc")]  # no date on the page: the record's WARC-Date
    assert docs[0].text.split("\n\n") == ["Russische drones treffen Charkiv"] + DRONES
    # uncompressed works too
    (tmp_path / "crawl.warc").write_bytes(gzip.decompress((tmp_path / "crawl.warc.gz")
                                                          .read_bytes()))
    assert [d.id for d in split(read(tmp_path / "crawl.warc"))[0]] == [d.id for d in docs]


def test_truncated_warc_keeps_what_it_read_and_says_where_it_stopped(tmp_path):
    write_warc(tmp_path / "cut.warc.gz", truncate=True)
    docs, problems = split(read(tmp_path / "cut.warc.gz"))
    assert [d.id for d in docs] == ["https://www.dagbladnoord.nl/drones"]
    (p,) = problems
    assert "truncated or corrupt at record 2" in p.message  # the image, cut off
    assert "the 1 record(s) before it were read" in p.message


def test_corrupt_warc_says_which_record_it_stopped_at(tmp_path):
    write_warc(tmp_path / "ok.warc.gz")
    data = (tmp_path / "ok.warc.gz").read_bytes()
    cut = data.index(b"\x1f\x8b", 10)  # the second record's gzip member
    (tmp_path / "bad.warc.gz").write_bytes(data[:cut] + b"not a WARC record at all" * 20)
    docs, problems = split(read(tmp_path / "bad.warc.gz"))
    assert [d.id for d in docs] == ["https://www.dagbladnoord.nl/drones"]
    (p,) = problems
    assert "at record 2" in p.message and "the 1 record(s) before it were read" in p.message


def test_atom_feed_content_has_its_html_taken_out(tmp_path):
    (tmp_path / "f.atom").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Noord</title><id>urn:noord</id>
<updated>2024-03-13T08:00:00Z</updated>
<entry><title>Drones op Charkiv</title><id>urn:noord:1</id>
<updated>2024-03-13T08:00:00Z</updated>
<content type="html">&lt;p&gt;{DRONES[0]}&lt;/p&gt;&lt;p&gt;{DRONES[1]} &amp;amp; meer.&lt;/p&gt;</content>
</entry></feed>""", encoding="utf-8")
    (doc,), problems = split(read(tmp_path / "f.atom"))
    assert problems == [] and doc.id == "urn:noord:1" and doc.url is None
    assert doc.date == "2024-03-13"
    assert doc.text.split("\n\n") == ["Drones op Charkiv", DRONES[0], DRONES[1] + " & meer."]


def test_rss_items_are_articles(tmp_path):
    (tmp_path / "buitenland.rss").write_text(RSS, encoding="utf-8")
    docs, problems = split(read(tmp_path / "buitenland.rss"))
    assert problems == []
    assert [(d.id, d.date, d.format, d.outlet) for d in docs] == [
        ("https://www.dagbladnoord.nl/buitenland/drones-charkiv", "2024-03-13", "feed",
         "Dagblad Noord - Buitenland"),
        ("https://www.dagbladnoord.nl/buitenland/tanks-litouwen", "2024-03-11", "feed",
         "Dagblad Noord - Buitenland")]
    assert docs[0].url == docs[0].id
    assert docs[0].text.split("\n\n") == ["Russische drones treffen Charkiv"] + DRONES
    assert docs[1].text == "Duitse tanks naar Litouwen\n\n" + " ".join(TANKS)


def test_a_mixed_folder_reads_every_format_and_goes_on_after_bad_inputs(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(" date 2024-02 " + " ".join(TANKS), encoding="utf-8")
    shutil.copy(HERE / "artikel.html", news / "artikel.html")
    (news / "index.html").write_text(INDEX)
    write_warc(news / "crawl.warc.gz")
    write_warc(news / "cut.warc.gz", truncate=True)
    (news / "feed.xml").write_text(RSS, encoding="utf-8")
    docs, problems = split(read(news))
    from collections import Counter
    assert Counter(d.format for d in docs) == {"text": 1, "html": 1, "warc": 3, "feed": 2}
    assert sorted(p.source.split("/")[-1] for p in problems) == ["cut.warc.gz", "index.html"]
    assert next(d for d in docs if d.format == "html").label == "news/artikel.html"


@pytest.mark.frog
def test_run_on_a_mixed_folder_says_how_many_of_each_format(tmp_path):
    from typer.testing import CliRunner

    from kroniek.cli import app
    if not shutil.which("frog"):
        pytest.skip("frog not installed")
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(" date 2024-02 " + " ".join(TANKS), encoding="utf-8")
    shutil.copy(HERE / "artikel.html", news / "artikel.html")
    write_warc(news / "crawl.warc.gz")
    (news / "feed.rss").write_text(RSS, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(news), "--db", str(tmp_path / "k.duckdb"),
                                      "-q"])
    assert result.exit_code == 0, result.output
    assert "read: 1 text, 1 html, 2 warc, 2 feed" in result.output
    # the crawl's drone page and the feed's drone item are the same text on the same date:
    # stored once
    assert "6 documents read, 5 stored, 1 already in the store" in result.output
