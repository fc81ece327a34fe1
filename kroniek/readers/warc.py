"""A web archive (WARC, plain or gzipped; warcio): every HTML response record is an
article. The URL is the record's WARC-Target-URI, the date the page's, else the record's
WARC-Date. Other records (images, scripts, requests, metadata, redirects and
error pages) are passed over silently;
a truncated or corrupt archive ends with one Skip naming the record it stopped at, and
what came before is kept."""
from __future__ import annotations

import logging
from typing import BinaryIO, Iterator

from . import Article, Skip
from .web_page import read_page

log = logging.getLogger(__name__)
MAX_PAGE_BYTES = 5 * 1024 * 1024  # a page larger than this is no article


def read_warc(handle: BinaryIO, source: str) -> Iterator[Article | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    done = other = 0  # records read whole; of them, not HTML pages
    try:
        for record in ArchiveIterator(handle):
            got = _record(record, done + 1, source)
            done += 1
            if got is None:
                other += 1
            else:
                yield got
    except Exception as err:  # noqa: BLE001 - warcio/zlib/EOF errors of a broken archive
        yield Skip(f"WARC is truncated or corrupt at record {done + 1} "
                   f"({type(err).__name__}: {str(err)[:120]}); the {done} record(s) before "
                   "it were read, the rest skipped", done + 1)
    if other:
        log.info("%s: %d non-HTML record(s) passed over", source, other)


def _record(record, number: int, source: str) -> Article | Skip | None:
    """The record's article, a Skip for an HTML page that holds none, None for others."""
    html = record.rec_type == "response" and _is_html(record)
    data = record.content_stream().read(MAX_PAGE_BYTES + 1) if html else b""
    if _cut_short(record):
        raise EOFError("the record ends before its Content-Length")
    if not html:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if len(data) > MAX_PAGE_BYTES:
        return Skip(f"record {number} ({url}): page over {MAX_PAGE_BYTES // 2**20} MB; "
                    "record skipped", number)
    warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    got = read_page(data, url or f"{source}#{number}", url, warc_date, number)
    if isinstance(got, Skip):
        got = Skip(f"record {number} ({url}): {got.message.removesuffix('skipped')}"
                   "record skipped", number)
    return got


def _cut_short(record) -> bool:
    """Read the rest of the record; True when the file ended before its declared length
    (warcio stops quietly at the end of a truncated archive)."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


def _is_html(record) -> bool:
    """An HTML page that was fetched (2xx): redirects and error pages are no articles."""
    http = record.http_headers
    if http is not None and not (http.get_statuscode() or "").startswith("2"):
        return False
    kind = (http.get_header("Content-Type") if http else None) or ""
    return "html" in kind.lower()
