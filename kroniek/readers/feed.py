"""A news feed (RSS or Atom; feedparser): every item is an article with its link (as
url and id), its date (published, else updated) and the feed's text of it: the title as
first paragraph, then the content (or else the summary) with the HTML taken out."""
from __future__ import annotations

import html as html_lib
import re
from typing import Iterator

from . import Article, Skip, paragraphs

BLOCK = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    """XML (or an <rss>/<feed> first) that holds an RSS, Atom or RDF root near its top."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(data: bytes, source: str) -> Iterator[Article | Skip]:
    import feedparser
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield Skip(f"feed holds no items{why}; skipped")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        if link and not link.startswith(("http://", "https://")):
            link = None  # feedparser takes an id such as 'urn:...' for the link
        doc_id = link or entry.get("id") or f"{source}#{number}"
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None
        if date is None:
            yield Skip(f"item {number} ({doc_id}) has no date (published or updated); "
                       "item skipped", number)
            continue
        body = ""
        if entry.get("content"):
            body = "\n".join(c.get("value", "") for c in entry.content)
        body = body or entry.get("summary") or ""
        title = strip_html(entry.get("title") or "")
        yield Article(doc_id, date, paragraphs(title, strip_html(body)), link, outlet, number)


def strip_html(text: str) -> str:
    """Text without tags; block elements end a paragraph (a line)."""
    text = BLOCK.sub("\n", text)
    return html_lib.unescape(TAG.sub("", text))
