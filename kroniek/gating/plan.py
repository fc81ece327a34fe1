"""The gate's plans: per document, what Frog analyses (see the package docstring)."""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field

from ..analysis.tsv import paragraphs
from ..lexicon import load_lexicon
from ..models import AnalyzedDocument, Document, Sentence, Token
from .forms import fold
from .split import RefSentence, Splitter, SplitError, frog_texts
from .vocabulary import (ANAPHORIC_TIME, BACKWARD, REFERRING_EVENTS, REFERRING_WORDS,
                         REL_WORDS, SOURCE_BACK3, SOURCE_CHAIN, SUBJECT_CHAIN, WORD, cues,
                         gazetteer)

log = logging.getLogger("kroniek.gating")

QUOTE_CHARS = '"“”„«»'
TAIL_QUOTES = "\"'“”„«»‘’"


@dataclass
class Plan:
    doc: Document
    mode: str                                   # skip | mentions | partial | full
    spans: list[tuple[int, int]] = field(default_factory=list)   # sent to Frog
    numbers: list[int] = field(default_factory=list)             # their paragraph numbers
    expect: list[RefSentence] | None = None     # Frog's sentences of the spans, planned
    index: list[int] | None = None              # their sentence numbers in the document
    total: int | None = None                    # sentences in the document (None: unknown)
    reference: list[RefSentence] | None = None  # all sentences (for the off-topic check)
    check_offtopic: bool = False
    reason: str = ""
    matches: list | None = None                 # gazetteer matches
    mention_only: list[int] = field(default_factory=list)  # not sent; mentions computed

    @property
    def sentences(self) -> int:
        return len(self.expect) if self.expect is not None else 0

    @property
    def tail_quote(self) -> bool:
        """The last span ends in a quote: Frog splits that quote off when more text
        follows in the request, so this document must end its request."""
        if not self.spans:
            return False
        s, e = self.spans[-1]
        return self.doc.text[s:e].rstrip()[-1:] in TAIL_QUOTES

    def texts(self) -> list[str]:
        return frog_texts(self.doc, self.spans)


def full_plan(doc: Document, reference: list[RefSentence] | None = None,
              reason: str = "") -> Plan:
    spans = paragraphs(doc.text)
    return Plan(doc, "full" if spans else "skip", spans, list(range(len(spans))),
                expect=list(reference) if reference is not None else None,
                index=list(range(len(reference))) if reference is not None else None,
                total=len(reference) if reference is not None else None,
                reference=reference, reason=reason or "whole document")


@dataclass
class SentenceCues:
    gaz: bool = False
    trig: bool = False
    cls: bool = False
    mil: bool = False
    hit: bool = False      # a trigger form, whether or not what it needs is there
    refers: bool = False   # a trigger whose event may point back ('ontkende dat')
    sports: int = 0
    temporal: bool = False
    rel: bool = False
    words: frozenset = frozenset()
    quotes: int = 0


class Gate:
    """Plans what of each document Frog analyses (see the module docstring)."""

    def __init__(self, enabled: bool = True, splitter: Splitter | None = None,
                 full_share: float = 0.9):
        self.enabled = enabled
        self.splitter = splitter or Splitter()
        self.full_share = full_share  # send whole documents when this share is needed

    def plan(self, docs: list[Document]) -> list[Plan]:
        if not docs:
            return []
        if not self.enabled:
            refs = self._split(docs)
            return [full_plan(d, r, "gating off") for d, r in zip(docs, refs)]
        matches = [gazetteer().find(d.text) for d in docs]
        named = [d for d, m in zip(docs, matches) if m]  # only these need a split
        refs = iter(self._split(named))
        return [self.plan_one(d, next(refs), m) if m else
                Plan(d, "skip", reason="no state, organisation, person, place or system named")
                for d, m in zip(docs, matches)]

    def _split(self, docs: list[Document]) -> list:
        try:
            return self.splitter.split(docs)
        except SplitError as err:
            log.warning("no sentence split (%s): documents are analysed whole", err)
            return [None] * len(docs)

    def sentence_cues(self, doc: Document, ref: list[RefSentence],
                      matches: list | None = None) -> list[SentenceCues]:
        cue = cues()
        text = doc.text
        folded = fold(text)
        starts = [s.start for s in ref]
        out = [SentenceCues() for _ in ref]
        conds: list[set] = [set() for _ in ref]

        def at(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        for m in (gazetteer().find(text) if matches is None else matches):
            for k in range(at(m.start), at(max(m.start, m.end - 1)) + 1):
                out[k].gaz = True
                if m.kind == "system":
                    out[k].mil = True
        for end, (kind, payload) in cue.substring_hits(folded):
            k = at(end)
            if kind == "t":
                conds[k].update(payload)
            elif kind == "c":
                out[k].cls = out[k].mil = True
            else:
                out[k].mil = True
        for k, s in enumerate(ref):
            seg = folded[s.start:s.end]
            words = WORD.findall(seg)
            c = out[k]
            c.words = frozenset(words)
            c.sports = cue.sports_count(words)
            c.temporal = any(ch.isdigit() for ch in seg) or bool(c.words & cue.dates)
            c.rel = bool(c.words & REL_WORDS) or bool(ANAPHORIC_TIME.search(seg))
            c.quotes = sum(text[s.start:s.end].count(q) for q in QUOTE_CHARS)
        for k, c in enumerate(out):
            nxt_mil = k + 1 < len(out) and out[k + 1].mil
            fit = [event for needs, words, event in conds[k]
                   if self._fits(needs, words, c, nxt_mil)]
            c.trig = bool(fit)
            c.hit = bool(conds[k])
            c.refers = any(e is None or e in REFERRING_EVENTS for e in fit)
        return out

    @staticmethod
    def _fits(needs: str | None, words: tuple[str, ...], c: "SentenceCues",
              next_military: bool) -> bool:
        """Whether a trigger form can make an event here: a separable verb's particle
        stands in the sentence, and what the trigger needs (extract/report.py) is there.
        'equipment' may come from the next sentence ('Iran levert steeds meer aan
        Rusland. Het gaat om drones.'); 'sanction' and 'pact' need a noun that is a
        trigger itself."""
        if any(w not in c.words for w in words):
            return False
        if needs in (None, "entity"):
            return True
        if needs == "equipment":
            return c.mil or next_military
        if needs == "military":
            return c.mil
        if needs in ("sanction", "pact"):
            return False
        if needs == "met" and c.words & {"en", "tussen"}:
            return True  # talks between a coordinated subject ('A en B spraken')
        if needs in ("met", "samen", "hard"):
            return any(w.startswith(needs[:5]) for w in c.words)
        return True  # a need this gate does not know: keep

    def plan_one(self, doc: Document, ref: list[RefSentence] | None,
                 matches: list | None = None) -> Plan:
        if matches is None:
            matches = gazetteer().find(doc.text)
        if not matches:
            return Plan(doc, "skip", total=len(ref) if ref is not None else None,
                        reason="no state, organisation, person, place or system named")
        if ref is None:
            return full_plan(doc, None, "no sentence split")
        if not ref:
            return Plan(doc, "skip", total=0, reason="no sentences")
        n = len(ref)
        cs = self.sentence_cues(doc, ref, matches)
        # participants come from gazetteer matches, directly or through coreference to
        # an earlier one: a trigger before the first match can make no event
        first = min(i for i in range(n) if cs[i].gaz) if any(c.gaz for c in cs) else n
        triggers = [i for i in range(first, n) if cs[i].trig]
        if not triggers:  # no event possible: the mentions need no Frog
            return Plan(doc, "mentions", total=n, reference=ref, matches=matches,
                        reason="names entities, but nothing can be an event")
        # sentences with equipment words feed the equipment memory; after a trigger
        # they may also name what an earlier event was about ('Het gaat om drones')
        events = sorted(set(triggers) | {i for i in range(triggers[0], n) if cs[i].cls})
        # kept: event-capable sentences; before the last of them also the sentences
        # naming entities or equipment (the extractor's memory); context (below).
        # Sentences after it that only name entities are not needed: their mentions
        # are computed from the split.
        last = events[-1]
        keep = set(events) | {i for i in range(last) if cs[i].gaz or cs[i].cls}
        check_offtopic = False
        if events:
            done: dict[int, bool] = {}

            def lean_back(i: int, event: bool) -> None:
                if i in done and (done[i] or not event):
                    return
                done[i] = event
                w = cs[i].words
                back = 0
                if w & (SUBJECT_CHAIN | SOURCE_CHAIN) or (event and cs[i].refers and
                                                           w & REFERRING_WORDS):
                    back = 1
                if w & SOURCE_BACK3:
                    back = 3
                for j in range(i - 1, max(-1, i - 1 - back), -1):
                    keep.add(j)
                    lean_back(j, False)

            for i in events:
                lean_back(i, True)
                nxt = i + 1
                if nxt < n and cs[nxt].words & BACKWARD:
                    keep.add(nxt)
                    lean_back(nxt, True)
                if cs[i].quotes % 2:  # a quotation goes on: keep it to its end
                    j = i + 1
                    while j < n:
                        keep.add(j)
                        if cs[j].quotes % 2:
                            break
                        j += 1
            dated = [i for i in events if cs[i].rel]
            if dated:
                keep.update(j for j in range(max(dated)) if cs[j].temporal)
            if any(c.sports for c in cs) and _may_be_offtopic(doc, ref, cs):
                keep.update(i for i in range(n) if cs[i].sports)
                check_offtopic = True
        mention_only = sorted(j for j in range(n) if cs[j].gaz and j not in keep)
        if not keep:
            return Plan(doc, "skip", total=n, reason="no sentence can hold an event")
        if len(keep) >= self.full_share * n:
            plan = full_plan(doc, ref, "most sentences needed")
            return plan
        kept = sorted(keep)
        spans, numbers = [], []
        for k in kept:
            r = ref[k]
            if spans and k - 1 in keep and ref[k - 1].paragraph == r.paragraph:
                spans[-1] = (spans[-1][0], r.end)
            else:
                spans.append((r.start, r.end))
                numbers.append(r.paragraph)
        return Plan(doc, "partial", spans, numbers, expect=[ref[k] for k in kept],
                    index=kept, total=n, reference=ref, check_offtopic=check_offtopic,
                    matches=matches, mention_only=mention_only,
                    reason=f"{len(kept)} of {n} sentences")


def _may_be_offtopic(doc: Document, ref: list[RefSentence], cs: list) -> bool:
    """Whether the extractor's off-topic test could say 'off-topic' if every word that
    may be a sports word were one (else the sports sentences need not be analysed)."""
    from ..extract import offtopic
    word = sorted(load_lexicon().sports)[0]
    sents = []
    for k, (r, c) in enumerate(zip(ref, cs)):
        n = max(r.tokens, c.sports)
        toks = [Token(i=i, text="", lemma=word if i < c.sports else "", pos="N", feats=(),
                      ner="O", head=-1, deprel="", start=r.start, end=r.start)
                for i in range(n)]
        sents.append(Sentence(index=k, paragraph=r.paragraph, start=r.start, end=r.end,
                              text="", tokens=toks))
    return offtopic(AnalyzedDocument(doc, sents)) is not None
