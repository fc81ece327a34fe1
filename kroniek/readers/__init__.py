"""Readers for what users have besides news-corpus text: saved web pages (HTML), web
archives (WARC) and news feeds (RSS/Atom).

They know nothing of Documents or Problems (kroniek/ingest.py turns their output into
those, with the same date, text and language checks as every other input): a reader
yields `Article`s and, for what it cannot read, `Skip`s.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    id: str
    date: str | None  # YYYY-MM-DD or YYYY-MM; None: the page gave none
    text: str         # the title as first paragraph, a blank line between paragraphs
    url: str | None = None
    outlet: str | None = None
    record: int | None = None  # a WARC record's or feed item's number (1-based)


@dataclass(frozen=True)
class Skip:
    message: str      # what is wrong and what was done, e.g. "...; skipped"
    record: int | None = None
    counted: bool = False  # True: skipped silently (a non-HTML WARC record), only counted


def paragraphs(title: str | None, body: str) -> str:
    """The title, then the body's non-empty lines, as paragraphs separated by a blank line."""
    parts = [p.strip() for p in ([title or ""] + body.splitlines())]
    out: list[str] = []
    for p in parts:
        if p and not (out and p == out[-1]):  # a title repeated as the page's heading
            out.append(" ".join(p.split()))
    return "\n\n".join(out)
