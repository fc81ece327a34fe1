"""Read sources into Documents; report bad input as Problems instead of raising.

Formats:
- news-corpus text: optional leading whitespace, ` date YYYY-MM `, then the text.
  The id is the file name without extension; offsets count from the first
  character after the header.
- JSON Lines: one object per line with `id`, `date`, `text` and optional `url`.
- a folder (read recursively, hidden files skipped) or `-` for standard input.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .models import Document

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s|\Z)")
DATE = re.compile(r"\A(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_TEXT_BYTES = 5 * 1024 * 1024
# Frequent Dutch function words; a long text with almost none of them is not Dutch.
DUTCH_WORDS = frozenset("de het een en van in is dat op te zijn met voor niet aan er "
                        "door om ook als bij maar naar uit heeft werd wordt worden "
                        "zou over nog dan dit die deze al".split())


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
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Problem(str(path), "folder holds no files")
            for file in files:
                yield from read_file(file, today)
        elif path.exists():
            yield from read_file(path, today)
        else:
            yield Problem(str(path), "no such file or folder")


def read_file(path: Path, today: dt.date | None = None) -> Iterator[Document | Problem]:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield Problem(name, f"cannot read: {err.strerror}")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, name, today)
        except OSError as err:
            yield Problem(name, f"cannot read: {err.strerror}")
        return
    if size > MAX_TEXT_BYTES:
        yield Problem(name, f"file is {size / 1e6:.1f} MB, more than the "
                            f"{MAX_TEXT_BYTES / 1e6:.0f} MB an article may have; skipped")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Problem(name, f"cannot read: {err.strerror}")
        return
    yield from parse_news(data, path.stem, name, today)


def parse_news(data: bytes, doc_id: str, source: str,
               today: dt.date | None = None) -> Iterator[Document | Problem]:
    text = _decode(data, source)
    if isinstance(text, Problem):
        yield text
        return
    match = HEADER.match(text)
    if not match:
        head = text.lstrip()[:200].lower()
        if head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head:
            yield Problem(source, "looks like an HTML/XML page, not a news article "
                                  "(expected ' date YYYY-MM ' then the text); skipped")
        elif not text.strip():
            yield Problem(source, "file is empty; skipped")
        else:
            yield Problem(source, "no date header: the file must begin with "
                                  "' date YYYY-MM ' followed by the text; skipped")
        return
    yield from _make(doc_id, match.group(1), text[match.end():], None, source, None, today)


def _decode(data: bytes, source: str, line: int | None = None) -> str | Problem:
    if b"\x00" in data[:8192]:
        return Problem(source, "binary file, not text; skipped", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Problem(source, f"not valid UTF-8 (byte {err.start}); skipped", line)


def _make(doc_id: str, date: str, text: str, url: str | None, source: str,
          line: int | None, today: dt.date | None) -> Iterator[Document | Problem]:
    problem = check_date(date, today)
    if problem:
        yield Problem(source, problem + "; skipped", line)
        return
    if not text.strip():
        yield Problem(source, "article has a header but no text; skipped", line)
        return
    if not looks_dutch(text):
        yield Problem(source, "text does not look like Dutch (kroniek reads Dutch news); skipped",
                      line)
        return
    yield Document(id=doc_id, date=date, text=text, url=url, source=source)


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


def looks_dutch(text: str) -> bool:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    if len(words) < 30:
        return True  # too short to judge
    return sum(w in DUTCH_WORDS for w in words) / len(words) >= 0.08


def _read_jsonl(handle, source: str, today: dt.date | None) -> Iterator[Document | Problem]:
    for number, raw in enumerate(handle, 1):
        if not raw.strip():
            continue
        text = _decode(raw, source, number)
        if isinstance(text, Problem):
            yield text
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as err:
            yield Problem(source, f"not JSON ({err.msg}); line skipped", number)
            continue
        if not isinstance(row, dict):
            yield Problem(source, "not a JSON object; line skipped", number)
            continue
        missing = [k for k in ("id", "date", "text") if not row.get(k)]
        if missing:
            yield Problem(source, f"missing field(s) {', '.join(missing)}; line skipped", number)
            continue
        if not all(isinstance(row[k], str) for k in ("id", "date", "text")):
            yield Problem(source, "fields id, date and text must be strings; line skipped", number)
            continue
        if len(row["text"]) > MAX_TEXT_BYTES:
            yield Problem(source, "text longer than an article may be; line skipped", number)
            continue
        yield from _make(row["id"], row["date"], row["text"], row.get("url"), source, number, today)


def _read_stdin(today: dt.date | None) -> Iterator[Document | Problem]:
    data = sys.stdin.buffer.read()
    if data.lstrip().startswith(b"{"):
        yield from _read_jsonl(data.splitlines(keepends=True), "<stdin>", today)
    else:
        import hashlib
        doc_id = "stdin-" + hashlib.sha1(data).hexdigest()[:12]
        yield from parse_news(data, doc_id, "<stdin>", today)
