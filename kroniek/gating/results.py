"""After Frog: a plan's analysed sentences put back in their document, the mentions of
sentences not analysed, and counts for reports."""
from __future__ import annotations

from typing import Iterable

from ..models import AnalyzedDocument, Sentence, Token
from .plan import Plan
from .vocabulary import gazetteer


def assemble(plan: Plan, sentences: list[Sentence]) -> AnalyzedDocument | None:
    """Frog's sentences for a plan, with their document sentence numbers; None when they
    are not exactly the planned ones (the caller then analyses the document whole)."""
    if plan.expect is not None:
        got = [(s.start, s.end, s.paragraph, len(s.tokens)) for s in sentences]
        want = [(r.start, r.end, r.paragraph, r.tokens) for r in plan.expect]
        if got != want:
            return None
        for s, k in zip(sentences, plan.index):
            s.index = k
    analyzed = AnalyzedDocument(plan.doc, sentences)
    if plan.check_offtopic and not _offtopic_agrees(plan, analyzed):
        return None
    return analyzed


def _offtopic_agrees(plan: Plan, analyzed: AnalyzedDocument) -> bool:
    """The extractor's off-topic test on what was analysed must say what it would say
    on the whole document; the sentences not analysed hold no sports word, so padding
    them with as many empty tokens as they have gives the whole document's answer."""
    from ..extract import offtopic
    if plan.reference is None:
        return True
    done = set(plan.index or [])
    padded = list(analyzed.sentences)
    for k, r in enumerate(plan.reference):
        if k not in done:
            toks = [Token(i=i, text="", lemma="", pos="LET", feats=(), ner="O", head=-1,
                          deprel="", start=r.start, end=r.start) for i in range(r.tokens)]
            padded.append(Sentence(index=k, paragraph=r.paragraph, start=r.start,
                                   end=r.end, text="", tokens=toks))
    whole = offtopic(AnalyzedDocument(plan.doc, padded))
    part = offtopic(analyzed)
    return (whole is None) == (part is None)


def mentions(plan: Plan, only: Iterable[int] | None = None) -> list[tuple]:
    """The mentions rows extract() gives for sentences of a document analysed whole:
    gazetteer matches within a sentence, numbered by Frog's sentences (the reference
    split); for a document with no event (mode 'mentions'), or the sentences `only`."""
    from .. import extract as ex
    key = getattr(ex, "_ref_key", None) or (
        lambda m: getattr(m.ref, "key", None) or getattr(m.ref, "name", ""))
    code = getattr(ex, "_ref_code", None) or (
        lambda m: getattr(m.ref, "code", None) or getattr(m.ref, "country", None)
        or getattr(m.ref, "cls", None))
    matches = plan.matches if plan.matches is not None else gazetteer().find(plan.doc.text)
    ref = plan.reference or []
    ks = range(len(ref)) if only is None else only
    return [(k, m.start, m.end, m.text, m.kind, key(m), code(m))
            for k in ks for m in matches if ref[k].start <= m.start and m.end <= ref[k].end]


def describe(plans: Iterable[Plan]) -> dict:
    """Counts for reports: documents per mode, sentences total and sent."""
    # not Dutch: plan modes and counters
    out = {"skip": 0, "mentions": 0, "partial": 0, "full": 0, "sentences": 0, "sent": 0}
    for p in plans:
        out[p.mode] += 1
        out["sentences"] += p.total or 0
        out["sent"] += p.sentences if p.mode in ("partial", "full") else 0
    return out
