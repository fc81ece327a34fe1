"""Frog's sentence split of whole documents without Frog: `ucto` (Frog's own tokenizer and
rules file) fed exactly as Frog is fed, so the sentence numbers of skipped text are Frog's."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from ..analysis.frog import UTT, escape_line
from ..analysis.tsv import RawToken, paragraphs, to_sentences
from ..models import Document

SENTINEL = "KRONIEKDOCUMENTGRENS"  # a paragraph between documents in one Frog request


@dataclass(frozen=True)
class RefSentence:
    """A sentence as Frog would split the whole document: offsets, paragraph, tokens."""
    start: int
    end: int
    paragraph: int
    tokens: int


def frog_texts(doc: Document, spans: list[tuple[int, int]]) -> list[str]:
    """The paragraph strings Frog is sent for these spans (as analyze_paragraphs does)."""
    return [" ".join(doc.text[s:e].split()) for s, e in spans]


def _frog_line(texts: list[str]) -> str:
    """One document as Frog's server reads it: paragraphs joined by the utterance marker
    on one line (Frog reads the request's line breaks as spaces; this matters for a
    closing quote before a marker, which then becomes a sentence of its own)."""
    payload = f"\n{UTT}\n".join(t.replace(UTT, " " * len(UTT)) for t in texts)
    payload = "\n".join(escape_line(line) for line in payload.split("\n"))
    return " ".join(payload.split("\n"))


class SplitError(RuntimeError):
    pass


class Splitter:
    """Frog's sentence split of whole documents, from `ucto` (Frog's tokenizer)."""

    def __init__(self, binary: str | None = None, timeout: float = 60.0):
        self.binary = binary or shutil.which("ucto")
        self.timeout = timeout

    @property
    def available(self) -> bool:
        return self.binary is not None

    def split(self, docs: list[Document]) -> list[list[RefSentence]]:
        if not docs:
            return []
        if not self.binary:
            raise SplitError("ucto is not installed (Debian package ucto, recommended by frog)")
        spans = [paragraphs(d.text) for d in docs]
        # Documents are separated by blank lines, which ucto treats like the end of
        # the input (as Frog treats the end of a request).
        parts = []
        for d, sp in zip(docs, spans):
            parts.append(_frog_line(frog_texts(d, sp)) if sp else "")
            parts.append(SENTINEL)
        payload = "\n\n".join(parts) + "\n"
        try:
            proc = subprocess.run([self.binary, "-L", "nld", "-n"], input=payload.encode(),
                                  capture_output=True, timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise SplitError(f"ucto failed: {err}") from err
        if proc.returncode != 0:
            raise SplitError(f"ucto exited with code {proc.returncode}: "
                             f"{proc.stderr.decode(errors='replace')[-300:]}")
        groups: list[list[list[RawToken]]] = [[]]
        for line in proc.stdout.decode("utf-8", errors="replace").splitlines():
            words = line.split()
            if not words:
                continue
            if words == [SENTINEL]:
                groups.append([])
                continue
            groups[-1].append([RawToken(w, "", "", "O", 0, "") for w in words])
        groups = groups[:-1]  # after the last sentinel: nothing
        if len(groups) != len(docs):
            raise SplitError(f"ucto gave {len(groups)} documents for {len(docs)}")
        out = []
        for d, sp, raw in zip(docs, spans, groups):
            if not sp:
                out.append([])
                continue
            sents = to_sentences(d.text, sp, raw)
            out.append([RefSentence(s.start, s.end, s.paragraph, len(s.tokens)) for s in sents])
        return out
