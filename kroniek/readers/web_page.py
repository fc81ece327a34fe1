"""A saved web page: its article's main text, title, date, URL and outlet (trafilatura,
with htmldate for the date)."""
from __future__ import annotations

import re

from . import Article, Skip, paragraphs

MIN_CHARS = 200  # less article text than this: an index, a cookie wall, a stub
DATE = re.compile(r"\A\d{4}-\d{2}(?:-\d{2})?\Z")
FULL_DOCUMENT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)",
                           re.IGNORECASE | re.DOTALL)


def is_html_document(data: bytes) -> bool:
    """A full HTML document (a doctype or <html> first), not text that holds some tags."""
    return bool(FULL_DOCUMENT.match(data[:4096]))


def read_page(html: bytes | str, doc_id: str, url: str | None = None,
              fallback_date: str | None = None, record: int | None = None
              ) -> Article | Skip:
    """The page's article, or a Skip saying why there is none. URL: where the page was
    fetched (a WARC record's target); FALLBACK_DATE: the date to use when the page has none."""
    import trafilatura
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d"})
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot parse is skipped
        return Skip(f"HTML page could not be parsed ({type(err).__name__}); skipped", record)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(body.strip()) < MIN_CHARS:
        return Skip(f"HTML page holds no article (an index, a cookie wall or under "
                    f"{MIN_CHARS} characters of text); skipped", record)
    date = getattr(doc, "date", None)
    date = date if date and DATE.match(date) else fallback_date
    if not date:
        return Skip("HTML page gives no publication date (kroniek needs one); skipped", record)
    page_url = url or getattr(doc, "url", None) or None
    outlet = getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None
    return Article(doc_id, date, paragraphs(getattr(doc, "title", None), body), page_url,
                   outlet, record)
