"""Gazetteer: finds states, adjectives, demonyms, capitals, organisations, people,
weapon systems and places (cities and regions, ref = their state) in raw Dutch text,
with character offsets.

Rules (why in short):
- Search is case- and accent-insensitive (Aho-Corasick over folded text), then each hit is
  checked against the original: proper names must match case-exactly (accents may be
  missing: "Oekraine"); a lower-case alias may be capitalised at a sentence start.
  So "AP", "DR", "Tor" only match as written.
- A hit starts at a word boundary (a hyphen counts: "Russisch-Iraanse" gives two hits) and
  ends at one; a hyphen continuing a compound ends it too ("S-300-batterij"). Systems,
  people, organisations and capitals may carry a plural/genitive "s", "'s" ("F-16's",
  "Leopards"). A system followed by "-" and a variant suffix ("Iskander-K", "Shahed-149")
  is not that system.
- Leftmost-longest wins ("Soechoj Su-35" over "Soechoj", "Noord-Koreaanse" over parts);
  blockers ("Zuid-Amerikaanse", "Tor-netwerk") take their span and are dropped.
- Ambiguous aliases ("Tor", "Buk", "Grad", "Hawk", "Kub", "Pion", "Apache") count only
  next to a military word (a non-weak class word or "type", "systeem", "batterij" ...) or
  another system, within a few words in the same sentence; the head of a hyphen compound
  counts ("Buk-raketten", "het luchtafweersysteem Tor", "van het type Grad"), so
  "Apache-indianen" or "Challenger-toestel" do not.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ahocorasick

from .catalog import Catalog, Surface

KINDS = ("country", "adjective", "demonym", "capital", "org", "person", "system", "place")
SUFFIX_KINDS = {"system", "person", "org", "capital"}
KIND_ORDER = {"block": 0, "adjective": 1, "demonym": 2, "capital": 3, "country": 4, "org": 5,
              "person": 6, "system": 7, "place": 8}
CUE_WORDS = {"type", "systeem", "systemen", "batterij", "batterijen", "wapen", "wapens",
             "wapensysteem", "wapensystemen", "installatie", "installaties", "variant"}
CONTEXT_WORDS = 6        # words on either side searched for a military cue
NAME_PARTICLES = {"van", "der", "den", "von", "bin", "ibn", "al", "de", "le", "la"}
SENTENCE_END = ".!?\n"
OPENERS = " \t\"'“‘«([-—–"
_VARIANT = re.compile(r"\d\w*|[A-Z][A-Z0-9]{0,3}|[a-z]\d\w*")
_WORD = re.compile(r"[\w][\w'’-]*")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    kind: str   # country adjective demonym capital org person system place
    ref: object  # Entity (a place points at its state) or System


@dataclass(frozen=True)
class _Entry:
    plain: str       # accent-free alias, case kept
    lower_initial: bool
    surface: Surface


def _fold_char(c: str, lower: bool) -> str:
    if c in "’‘`´":
        return "'"
    base = unicodedata.normalize("NFKD", c)[0]
    out = base.lower() if lower else base
    return out if len(out) == 1 else c


def fold(text: str, lower: bool = True) -> str:
    """Accent-free (and lower-cased) text of the same length, so offsets carry over."""
    if text.isascii():
        return text.lower() if lower else text
    table = {ord(c): _fold_char(c, lower) for c in set(text) if ord(c) > 127}
    out = text.translate(table)
    return out.lower() if lower and len(out.lower()) == len(out) else out


class Gazetteer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        groups: dict[str, list[_Entry]] = {}
        for s in catalog.surfaces:
            key = fold(s.text)
            if len(key) != len(s.text) or not key.strip():
                continue
            groups.setdefault(key, []).append(_Entry(fold(s.text, lower=False), s.text[0].islower(), s))
        self._auto = ahocorasick.Automaton()
        for key, entries in groups.items():
            entries.sort(key=lambda e: (e.surface.rank, KIND_ORDER[e.surface.kind]))
            self._auto.add_word(key, (len(key), tuple(entries)))
        self._auto.make_automaton()

    def find(self, text: str) -> list[Match]:
        folded, plain = fold(text), fold(text, lower=False)
        cands = []  # (start, end, surface)
        for last, (length, entries) in self._auto.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            for e in entries:
                stop = self._end(text, folded, end, e.surface.kind)
                if stop is not None and self._case_ok(text, plain, start, end, e):
                    cands.append((start, stop, e.surface))
                    break
        cands = [c for c in cands if not c[2].ambiguous or self._context_ok(text, folded, c, cands)]
        cands.sort(key=lambda c: (c[0], c[0] - c[1], c[2].rank))
        out, reach = [], -1
        for start, end, s in cands:
            if start < reach:
                continue
            reach = end
            if s.kind != "block":
                out.append(Match(start, end, text[start:end], s.kind, s.ref))
        return self._short_names(text, out)

    @staticmethod
    def _short_names(text: str, found: list[Match]) -> list[Match]:
        """After 'Kim Jong-un' or 'Antony Blinken', the article says 'Kim', 'Blinken': a
        single word of a person's name as the article wrote it refers to that person
        further on (unless two people named share it)."""
        owners: dict[str, set] = {}
        first: dict[str, int] = {}
        for m in found:
            if m.kind != "person" or " " not in m.text.strip():
                continue
            for word in m.text.split():
                if len(word) >= 3 and word[0].isupper() and word.lower() not in NAME_PARTICLES:
                    owners.setdefault(word, set()).add(m.ref.key)
                    first.setdefault(word, m.end)
        if not owners:
            return found
        refs = {m.ref.key: m.ref for m in found if m.kind == "person"}
        taken = [(m.start, m.end) for m in found]
        extra = []
        for word, keys in owners.items():
            if len(keys) != 1:
                continue
            for hit in re.finditer(rf"(?<![\w-]){re.escape(word)}(?!['’]?\w|-\w)", text):
                a, b = hit.span()
                if a >= first[word] and not any(a < e and s < b for s, e in taken):
                    extra.append(Match(a, b, word, "person", refs[next(iter(keys))]))
                    taken.append((a, b))
        return sorted(found + extra, key=lambda m: m.start)

    @staticmethod
    def _end(text: str, folded: str, end: int, kind: str) -> int | None:
        """Where the match ends (after an inflection suffix), or None if mid-word."""
        n = len(folded)

        def boundary(i: int) -> bool:
            return i >= n or not folded[i].isalnum()

        if kind in SUFFIX_KINDS:
            if folded.startswith("'s", end) and boundary(end + 2):
                return end + 2
            if end < n and folded[end] == "s" and boundary(end + 1):
                return end + 1
        if not boundary(end):
            return None
        if kind == "system" and end < n and folded[end] == "-":
            m = _WORD.match(text, end + 1)
            nxt = m.group(0).split("-")[0] if m else ""
            if _VARIANT.fullmatch(nxt):
                return None  # Iskander-K, Shahed-149: another variant
        return end

    @staticmethod
    def _case_ok(text: str, plain: str, start: int, end: int, e: _Entry) -> bool:
        seg = plain[start:end]
        if seg == e.plain:
            return True
        if e.lower_initial and seg[:1].isupper() and seg[1:] == e.plain[1:] \
                and seg[0].lower() == e.plain[0]:
            i = start - 1
            while i >= 0 and text[i] in OPENERS:
                i -= 1
            return i < 0 or text[i] in SENTENCE_END or text[i] in ":;"
        return False

    def _context_ok(self, text: str, folded: str, cand, cands) -> bool:
        start, end, _ = cand
        lo = max(0, start - 120)
        hi = min(len(text), end + 120)
        for ch in SENTENCE_END:
            k = text.rfind(ch, lo, start)
            if k >= 0:
                lo = max(lo, k + 1)
            k = text.find(ch, end, hi)
            if k >= 0:
                hi = min(hi, k)
        before = _WORD.findall(text[lo:start])[-CONTEXT_WORDS:]
        after = _WORD.findall(text[end:hi])[:CONTEXT_WORDS]
        for w in before + after:
            if w.lower() in CUE_WORDS:
                return True
            hit = self.catalog.class_of(w)
            if hit and not hit[1]:
                return True
        return any(s.kind == "system" and not s.ambiguous and lo <= a and b <= hi
                   for a, b, s in cands)
