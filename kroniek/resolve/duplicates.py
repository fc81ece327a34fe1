"""Syndicated copies: the same agency text (ANP, Reuters, Belga) published by several outlets.

Two documents are copies when most word 5-grams of the shorter one occur in the longer
one (containment, so an outlet's own headline, intro or closing line does not hide the
copy). Candidates come from bottom-k sketches (the K smallest 5-gram hashes of each
text): copies share most of their sketch, unrelated texts almost none, so only
candidate pairs are compared in full. Copies form a group, named after its earliest
document; a group counts once as a source.
"""
from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, Iterable
from urllib.parse import urlsplit

WORD = re.compile(r"\w+")
SHINGLE = 5          # words per shingle
SKETCH = 32          # hashes kept per document
MIN_SHARED = 4       # sketch hashes two candidates share at least
MIN_SHINGLES = 12    # shorter texts are too short to call copies (a headline, a quote)
THRESHOLD = 0.8      # share of the shorter text's shingles found in the other
COMMON = 200         # a hash in more sketches than this is boilerplate, not evidence


def shingles(text: str) -> set[int]:
    words = WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
            for i in range(len(words) - SHINGLE + 1)}


def sketch(hashes: set[int]) -> list[int]:
    return heapq.nsmallest(SKETCH, hashes)


def containment(a: set[int], b: set[int]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def outlet_of(url: str | None) -> str | None:
    """The publishing outlet as the URL's host without 'www.' (None without a URL)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


@dataclass
class DocGroup:
    doc_id: str
    group_id: str       # the earliest document of its group of copies (itself if none)
    outlet: str | None
    similarity: float   # containment with the group's first document (1.0 for it)


def document_groups(docs: Iterable[tuple[str, str, str | None, str]],
                    texts: Callable[[list[str]], dict[str, str]]) -> list[DocGroup]:
    """Group DOCS (id, date, url, text), read in order of date and id, into copies.

    Only sketches are kept while reading; TEXTS(ids) returns the texts of the
    candidate documents again, so memory does not hold the corpus.
    """
    order: list[tuple[str, str, str | None]] = []
    posting: dict[int, list[int]] = defaultdict(list)
    for k, (doc_id, date, url, text) in enumerate(docs):
        order.append((doc_id, date, outlet_of(url)))
        hashes = shingles(text)
        if len(hashes) >= MIN_SHINGLES:
            for h in sketch(hashes):
                posting[h].append(k)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ks in posting.values():
        if len(ks) <= COMMON:
            for pair in combinations(ks, 2):
                shared[pair] += 1
    candidates = sorted(pair for pair, n in shared.items() if n >= MIN_SHARED)
    parent = list(range(len(order)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    similar: dict[tuple[int, int], float] = {}
    best: dict[int, float] = {}  # the highest containment a document has with another
    if candidates:
        ids = sorted({order[k][0] for pair in candidates for k in pair})
        sets = {i: shingles(t) for i, t in texts(ids).items()}
        for a, b in candidates:
            sa, sb = sets.get(order[a][0]), sets.get(order[b][0])
            if sa is None or sb is None:
                continue
            c = containment(sa, sb)
            if c >= THRESHOLD:
                similar[a, b] = c
                best[a], best[b] = max(best.get(a, 0.0), c), max(best.get(b, 0.0), c)
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)  # the earlier document names it
    out = []
    for k, (doc_id, _, outlet) in enumerate(order):
        root = find(k)
        sim = 1.0 if root == k else similar.get((root, k), best.get(k, THRESHOLD))
        out.append(DocGroup(doc_id, order[root][0], outlet, round(sim, 3)))
    return out
