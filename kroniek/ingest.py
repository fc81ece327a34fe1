"""Read sources into Documents; report bad input as Problems instead of raising.

Formats:
- news-corpus text: optional leading whitespace, ` date YYYY-MM `, then the text.
  The id is the file name without extension; offsets count from the first
  character after the header.
- JSON Lines: one object per line with `id`, `date`, `text` and optional `url`.
- a saved web page (.html, .htm, or any file holding a full HTML document: a doctype
  or <html> first), a web archive (.warc, .warc.gz) and a news feed (.xml, .rss, .atom,
  or a file beginning as RSS/Atom): see kroniek/readers. Text that merely holds some
  tags (a .txt with <body> near its top) is still turned away as HTML.
- a folder (read recursively; hidden files and DuckDB stores with their .wal, .lock
  and .gate files skipped) or `-` for standard input.

Bad input never raises: every file (or JSON line) that cannot be read yields one
Problem saying where, what is wrong and what was done ("skipped", "line skipped").
Nothing is read whole that could be large: a text file over MAX_TEXT_BYTES is refused
from its size alone, JSON Lines are streamed line by line with a cap per line.
"""
from __future__ import annotations

import dataclasses

import datetime as dt
import functools
import hashlib
import io
import json
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .models import Document
from .readers import Article, Skip
from .readers.feed import looks_like_feed, read_feed
from .readers.warc import read_warc
from .readers.web_page import is_html_document, read_page

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s|\Z)")
LOOSE_HEADER = re.compile(r"\A\s*date\b[\s:=]*(\S{0,40})", re.IGNORECASE)
DATE = re.compile(r"\A(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_FEED_BYTES = 10 * MAX_TEXT_BYTES  # a feed holds many articles
MAX_LINE_BYTES = 2 * MAX_TEXT_BYTES  # a JSON line: the text plus escapes and fields
MAX_ID_CHARS = 300
STORE_FILE = re.compile(r"\.duckdb(?:\.wal|\.lock|\.gate)?\Z")  # a store kept among the news
GIVE_UP_LINES = 10  # a .jsonl whose first lines are all not JSON is not JSON Lines
# Frequent Dutch function words; a long text with almost none of them is not Dutch.
# The languages a news feed mixes with Dutch: the identifier chooses among these, so a
# short Dutch text is not taken for Afrikaans or Frisian.
LANGUAGES = ("nl", "de", "en", "fr", "es", "it", "pt", "pl", "ru", "uk", "tr", "ar", "sv",
             "da", "no", "fi", "cs", "hu", "ro", "el")
LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish",
                  "it": "Italian", "pt": "Portuguese", "pl": "Polish", "ru": "Russian",
                  "uk": "Ukrainian", "tr": "Turkish", "ar": "Arabic", "sv": "Swedish",
                  "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech",
                  "hu": "Hungarian", "ro": "Romanian", "el": "Greek"}
MIN_WORDS = 3        # below this a text is too short to judge
MIN_CONFIDENCE = 0.9  # another language must be this sure to turn a text away


@dataclass(frozen=True)
class Problem:
    source: str
    message: str
    line: int | None = None
    skipped: bool = True  # False: a warning, the document was still read

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def read_sources(paths: Iterable[str], today: dt.date | None = None) -> Iterator[Document | Problem]:
    """Yield Documents and Problems from files, folders, or '-' (stdin)."""
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(today)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as err:
            yield Problem(str(path), f"cannot read: {err.strerror}; skipped")
            continue
        if is_dir:
            try:
                files = sorted(p for p in path.rglob("*") if p.is_file() and not any(
                    part.startswith(".") for part in p.relative_to(path).parts)
                    and not STORE_FILE.search(p.name))
            except OSError as err:
                yield Problem(str(path), f"cannot list folder: {err.strerror}; skipped")
                continue
            if not files:
                yield Problem(str(path), "folder holds no files; nothing read from it")
            for file in files:
                yield from _shown_as(read_file(file, today),
                                     str(Path(path.resolve().name) / file.relative_to(path)))
        elif path.exists():
            yield from _shown_as(read_file(path, today), path.name)
        else:
            yield Problem(str(path), "no such file or folder; skipped")


def _shown_as(items: Iterable[Document | Problem], label: str) -> Iterator[Document | Problem]:
    """A stored document names its file relative to what the user passed to `run` (the
    folder's own name, then the path inside it), never by the machine's absolute path;
    messages to the user keep the path as given."""
    for item in items:
        if isinstance(item, Document) and item.source and item.source != "-":
            item = dataclasses.replace(item, label=label)
        yield item


def read_file(path: Path, today: dt.date | None = None) -> Iterator[Document | Problem]:
    name = str(path)
    try:
        info = path.stat()
    except OSError as err:
        yield Problem(name, f"cannot read: {err.strerror}; skipped")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Problem(name, "not a regular file (a device, pipe or socket); skipped")
        return
    try:
        with path.open("rb") as handle:
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(handle, name, today)
                return
            if suffix == ".warc" or path.name.lower().endswith(".warc.gz"):
                yield from _articles(read_warc(handle, name), name, "warc", today)
                return
            limit = MAX_FEED_BYTES if suffix in FEED_SUFFIXES else MAX_TEXT_BYTES
            if info.st_size > limit:
                yield Problem(name, f"file is {info.st_size / 1e6:.1f} MB, more than the "
                                    f"{limit / 1e6:.0f} MB an input may have; "
                                    "skipped unread")
                return
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as err:
        yield Problem(name, f"cannot read: {err.strerror}; skipped")
        return
    if len(data) > limit:
        yield Problem(name, f"file is more than the {limit / 1e6:.0f} MB an input "
                            "may have; skipped")
        return
    yield from _by_content(data, path.stem, name, today, suffix)


def _by_content(data: bytes, stem: str, source: str, today: dt.date | None,
                suffix: str = "") -> Iterator[Document | Problem]:
    """A feed or a web page by suffix or by what the data begins with; else news text."""
    if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(data)):
        yield from _articles(read_feed(data, source), source, "feed", today)
    elif suffix in HTML_SUFFIXES or is_html_document(data):
        yield from _articles([read_page(data, stem)], source, "html", today)
    else:
        yield from parse_news(data, stem, source, today)


def _articles(items: Iterable[Article | Skip], source: str, fmt: str,
              today: dt.date | None) -> Iterator[Document | Problem]:
    """Documents and Problems from a reader's output, with the checks of every input."""
    unit = {"warc": "record", "feed": "item"}.get(fmt)
    for item in items:
        if isinstance(item, Skip):
            yield Problem(source, item.message)
            continue
        at = f"{unit} {item.record} ({item.url or item.id}): " if unit else ""
        doc_id = item.id if len(item.id) <= MAX_ID_CHARS else \
            item.id[:MAX_ID_CHARS - 9] + "~" + hashlib.sha1(item.id.encode()).hexdigest()[:8]
        yield from _make(doc_id, item.date or "", item.text, item.url, source, None, today,
                         fmt=fmt, outlet=item.outlet, at=at,
                         done=f"{unit} skipped" if unit else None)


def parse_news(data: bytes, doc_id: str, source: str,
               today: dt.date | None = None) -> Iterator[Document | Problem]:
    text = _decode(data, source)
    if isinstance(text, Problem):
        yield text
        return
    match = HEADER.match(text)
    if not match:
        head = text.lstrip()[:200].lower()
        loose = LOOSE_HEADER.match(text)
        if head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head:
            yield Problem(source, "looks like an HTML/XML page, not a news article "
                                  "(expected ' date YYYY-MM ' then the text); skipped")
        elif not text.strip():
            yield Problem(source, "file is empty; skipped")
        elif loose:
            yield Problem(source, f"malformed date header: {loose.group(1)!r} is not YYYY-MM "
                                  "or YYYY-MM-DD (expected ' date YYYY-MM ' then the text); "
                                  "skipped")
        else:
            yield Problem(source, "no date header: the file must begin with "
                                  "' date YYYY-MM ' followed by the text; skipped")
        return
    yield from _make(doc_id, match.group(1), text[match.end():], None, source, None, today)


def _decode(data: bytes, source: str, line: int | None = None) -> str | Problem:
    done = "line skipped" if line else "skipped"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(source, f"UTF-16 text; kroniek reads UTF-8; {done}", line)
    if b"\x00" in data[:8192]:
        return Problem(source, f"binary data, not text; {done}", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Problem(source, f"not valid UTF-8 (byte {err.start}); {done}", line)


def _make(doc_id: str, date: str, text: str, url: str | None, source: str,
          line: int | None, today: dt.date | None, fmt: str = "text",
          outlet: str | None = None, at: str = "", done: str | None = None
          ) -> Iterator[Document | Problem]:
    """AT: where in the file (a WARC record, a feed item), before the message."""
    done = done or ("line skipped" if line else "skipped")
    problem = check_date(date, today)
    if problem:
        yield Problem(source, f"{at}{problem}; {done}", line)
        return
    if not text.strip():
        yield Problem(source, f"{at}article has a header but no text; {done}", line)
        return
    bad = _unencodable(text)
    if bad is not None:
        yield Problem(source, f"{at}text holds an invalid character (lone surrogate at "
                              f"character {bad}); {done}", line)
        return
    lang = language(text)
    if lang is not None:
        yield Problem(source, f"{at}text is in {LANGUAGE_NAMES.get(lang, lang)}, not Dutch "
                              f"(kroniek reads Dutch news); {done}", line)
        return
    yield Document(id=doc_id, date=date, text=text, url=url, source=source, format=fmt,
                   outlet=outlet)


def _unencodable(text: str) -> int | None:
    """Index of a character UTF-8 cannot encode (a lone surrogate from JSON), or None."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as err:
        return err.start


def check_date(date: str, today: dt.date | None = None) -> str | None:
    match = DATE.match(date)
    if not match:
        return f"date {date!r} is not YYYY-MM or YYYY-MM-DD"
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        first = dt.date(year, month, int(day) if day else 1)
    except ValueError:
        return f"date {date!r} is not a valid calendar date"
    today = today or dt.date.today()
    if first > today:
        return f"date {date} lies in the future"
    return None


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid's bundled model (offline), normalised probabilities, our languages."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def language(text: str) -> str | None:
    """The text's language when it is clearly not Dutch (a code such as 'de'), else None."""
    if len(re.findall(r"\w+", text)) < MIN_WORDS:
        return None
    lang, prob = _identifier().classify(text[:5000])
    return lang if lang != "nl" and prob >= MIN_CONFIDENCE else None



def _lines(handle, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) from a binary stream, one at a time; None for a line over LIMIT
    bytes, whose rest is read past in pieces without keeping it."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (more := handle.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def _read_jsonl(handle, source: str, today: dt.date | None) -> Iterator[Document | Problem]:
    if not hasattr(handle, "peek"):
        handle = io.BufferedReader(handle)
    head = handle.peek(8192)[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        yield Problem(source, "binary data or UTF-16, not UTF-8 JSON Lines; skipped")
        return
    # Problems on the first lines wait until a good line shows that this is JSON Lines.
    held: list[Problem] | None = []
    for number, raw in _lines(handle):
        if raw is not None and not raw.strip():
            continue
        items = list(_jsonl_row(raw, source, number, today))
        if held is not None:
            if any(isinstance(x, Document) for x in items) or not all(
                    "not JSON" in x.message for x in items):
                yield from held
                held = None
            else:
                held.extend(items)
                if len(held) >= GIVE_UP_LINES:
                    yield Problem(source, f"not JSON Lines: the first {GIVE_UP_LINES} lines "
                                          f"are not JSON objects ({held[0].message}); "
                                          "file skipped")
                    return
                continue
        yield from items
    if held:
        yield from held


def _jsonl_row(raw: bytes | None, source: str, number: int,
               today: dt.date | None) -> Iterator[Document | Problem]:
    if raw is None:
        yield Problem(source, f"line is longer than {MAX_LINE_BYTES / 1e6:.0f} MB, more than "
                              "an article may have; line skipped unread", number)
        return
    text = _decode(raw, source, number)
    if isinstance(text, Problem):
        yield text
        return
    try:
        row = json.loads(text)
    except json.JSONDecodeError as err:
        yield Problem(source, f"not JSON ({err.msg}); line skipped", number)
        return
    except RecursionError:
        yield Problem(source, "not JSON (nested too deeply); line skipped", number)
        return
    if not isinstance(row, dict):
        yield Problem(source, "not JSON (an array or value, not an object); line skipped",
                      number)
        return
    missing = [k for k in ("id", "date", "text") if not row.get(k)]
    if missing:
        yield Problem(source, f"missing field(s) {', '.join(missing)}; line skipped", number)
        return
    if not all(isinstance(row[k], str) for k in ("id", "date", "text")):
        yield Problem(source, "fields id, date and text must be strings; line skipped", number)
        return
    doc_id = row["id"].strip()
    if not doc_id or len(doc_id) > MAX_ID_CHARS or _unencodable(doc_id) is not None \
            or any(ch < " " for ch in doc_id):
        yield Problem(source, f"id must be 1 to {MAX_ID_CHARS} printable characters; "
                              "line skipped", number)
        return
    if len(row["text"]) > MAX_TEXT_BYTES:
        yield Problem(source, "text longer than an article may be; line skipped", number)
        return
    url = row.get("url")
    if url is not None and (not isinstance(url, str) or _unencodable(url) is not None):
        yield Problem(source, "field url is not a valid string; url left out", number,
                      skipped=False)
        url = None
    yield from _make(doc_id, row["date"], row["text"], url or None, source, number, today,
                     fmt="jsonl")


def _read_stdin(today: dt.date | None) -> Iterator[Document | Problem]:
    stream = sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    first = stream.peek(1 << 16)[:1 << 16]
    if first.lstrip().startswith(b"{"):
        yield from _read_jsonl(stream, "<stdin>", today)
        return
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        yield Problem("<stdin>", f"input is more than the {MAX_TEXT_BYTES / 1e6:.0f} MB an "
                                 "article may have; skipped")
        return
    doc_id = "stdin-" + hashlib.sha1(data).hexdigest()[:12]
    yield from _by_content(data, doc_id, "<stdin>", today)
