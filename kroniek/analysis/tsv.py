"""Turn Frog's tab-separated output into Sentences whose tokens carry character offsets."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Sentence, Token

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
TAG = re.compile(r"([A-Z]+)(?:\((.*)\))?")


@dataclass
class RawToken:
    word: str
    lemma: str
    pos: str
    ner: str
    head: int  # 1-based, 0 = root
    deprel: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-empty paragraphs, split on blank lines."""
    spans, start = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def parse_tsv(tsv: str) -> list[list[RawToken]]:
    sentences, units = [], []
    for line in tsv.splitlines():
        if not line.strip():
            if units:
                sentences.append(_expand(units))
                units = []
            continue
        if line.strip() == "READY":
            break
        cols = line.split("\t")
        if len(cols) >= 6:
            units.append(cols)
    if units:
        sentences.append(_expand(units))
    return sentences


def _expand(units: list[list[str]]) -> list[RawToken]:
    """Frog joins multi-word units with '_'; give every part its own token.

    The last part carries the unit's head and relation; the other parts attach to
    it as 'mwp'. Heads are renumbered from Frog's units to token positions.
    """
    # Unit 0 is the root; a unit's head position becomes its last part's index (1-based).
    last_token_of_unit, parts = {0: 0}, []
    for number, cols in enumerate(units, 1):
        words = cols[1].split("_") if cols[1] != "_" else [cols[1]]
        n = len(words)

        def split(values: str) -> list[str]:
            items = values.split("_")
            return items if len(items) == n else [values] * n

        parts.append((cols, words, split(cols[2]), split(cols[4]), split(cols[6])))
        last_token_of_unit[number] = last_token_of_unit[number - 1] + n
    out: list[RawToken] = []
    for number, (cols, words, lemmas, tags, ners) in enumerate(parts, 1):
        try:
            head = last_token_of_unit.get(int(cols[-2]), 0)
        except ValueError:
            head = 0
        last = last_token_of_unit[number]
        for k in range(len(words) - 1):
            out.append(RawToken(words[k], lemmas[k], tags[k], ners[k], last, "mwp"))
        out.append(RawToken(words[-1], lemmas[-1], tags[-1], ners[-1], head, cols[-1]))
    return out


def to_sentences(text: str, spans: list[tuple[int, int]], frog_sentences: list[list[RawToken]],
                 numbers: list[int] | None = None) -> list[Sentence]:
    """Align tokens to `text` and build Sentences with document-wide offsets.

    `spans` are the paragraphs that were sent to Frog, in order; sentences never
    cross them, so each sentence is searched for inside the current span.
    `numbers` gives each span's paragraph number in the document (default 0..n-1).
    """
    numbers = numbers or list(range(len(spans)))
    out: list[Sentence] = []
    para = 0
    cursor = spans[0][0] if spans else 0
    for raw in frog_sentences:
        while para + 1 < len(spans) and not text[cursor:spans[para][1]].strip():
            para += 1
            cursor = spans[para][0]
        tokens: list[Token] = []
        for i, rt in enumerate(raw):
            start, end = locate(text, rt.word, cursor)
            cursor = end
            pos, feats = split_tag(rt.pos)
            tokens.append(Token(i=i, text=text[start:end], lemma=rt.lemma, pos=pos, feats=feats,
                                ner=rt.ner, head=rt.head - 1, deprel=rt.deprel,
                                start=start, end=end))
        if not tokens:
            continue
        start, end = tokens[0].start, tokens[-1].end
        out.append(Sentence(index=len(out), paragraph=numbers[para], start=start, end=end,
                            text=text[start:end], tokens=tokens))
    return out


def split_tag(tag: str) -> tuple[str, tuple[str, ...]]:
    """'WW(pv,tgw,ev)' -> ('WW', ('pv', 'tgw', 'ev'))."""
    m = TAG.match(tag)
    if not m:
        return tag, ()
    feats = tuple(f for f in (m.group(2) or "").split(",") if f)
    return m.group(1), feats


QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).translate(QUOTES).casefold()


def locate(text: str, word: str, cursor: int, window: int = 200) -> tuple[int, int]:
    """Find `word` at or after `cursor`; tolerate the tokenizer's normalisations."""
    p = cursor
    while p < len(text) and text[p].isspace():
        p += 1
    if text.startswith(word, p):
        return p, p + len(word)
    hit = text.find(word, p, p + window)
    if hit >= 0 and not text[p:hit].strip():
        return hit, hit + len(word)
    # Normalised comparison, character by character (quotes, ligatures, case).
    target = _norm(word)
    seg = _norm(text[p:p + len(word) + 8])
    if seg.startswith(target) and len(_norm(text[p:p + len(word)])) == len(target):
        return p, p + len(word)
    if hit >= 0:
        return hit, hit + len(word)
    # Last resort: the next run of non-space characters, as long as the token.
    q = p
    while q < len(text) and not text[q].isspace() and q - p < len(word):
        q += 1
    return p, max(q, p)
