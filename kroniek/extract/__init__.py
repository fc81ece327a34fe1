"""Event extraction: triggers -> roles -> factuality -> attribution -> dates -> EventReport.

`extract(analyzed)` returns the EventReports and entity mentions of one document;
`extract(analyzed, trace)` also records, per sentence, what was recognised and why
an event was or was not produced (used by `kroniek explain`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..knowledge import load_catalog
from ..knowledge.matcher import Gazetteer
from ..models import AnalyzedDocument, EntityRef, EventReport, Sentence
from . import postprocess
from .attribution import find_sources
from .clauses import Clause, retag, segment
from .dates import DateContext
from .frames import Slots, slots
from .lexicon import load_lexicon
from .memory import Memory, resolve
from .phrases import Participant, Phrase, build_phrases
from .report import report
from .triggers import candidates

@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(load_catalog())


@dataclass
class SentenceTrace:
    sentence: Sentence
    phrases: list[Phrase] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (trigger, reason)


@dataclass
class Trace:
    doc_notes: list[str] = field(default_factory=list)
    sentences: list[SentenceTrace] = field(default_factory=list)


def extract(analyzed: AnalyzedDocument, trace: Trace | None = None
            ) -> tuple[list[EventReport], list[tuple]]:
    doc = analyzed.doc
    matches = gazetteer().find(doc.text)
    mentions = [(s.index, m.start, m.end, m.text, m.kind, _ref_key(m), _ref_code(m))
                for s in analyzed.sentences for m in matches
                if s.start <= m.start and m.end <= s.end]
    trace = trace if trace is not None else Trace()
    reason = offtopic(analyzed)
    if reason:
        trace.doc_notes.append(reason)
        return [], mentions
    memory = Memory()
    for m in matches:  # how often each state is named: the article's focus
        code = getattr(m.ref, "code", None) or getattr(m.ref, "country", None)
        if m.kind in ("country", "adjective", "capital", "demonym", "place") and code:
            memory.mentions[code] += 1
    dates = DateContext(doc.date)
    events: list[EventReport] = []
    for sent in analyzed.sentences:
        st = SentenceTrace(sent)
        trace.sentences.append(st)
        sent_matches = [m for m in matches if sent.start <= m.start and m.end <= sent.end]
        new = extract_sentence(sent, sent_matches, doc, memory, dates, st)
        events.extend(new)
    events = postprocess.run(events, memory, analyzed, trace)
    return events, mentions


def _ref_key(m) -> str:
    return getattr(m.ref, "key", None) or getattr(m.ref, "name", "")


def _ref_code(m) -> str | None:
    return getattr(m.ref, "code", None) or getattr(m.ref, "country", None) or \
        getattr(m.ref, "cls", None)


def offtopic(analyzed: AnalyzedDocument) -> str | None:
    """Sports reports mention states and weapons ('raketten') without military events."""
    lex = load_lexicon()
    words = [t.lemma.lower() for s in analyzed.sentences for t in s.tokens]
    hits = [w for w in words if w in lex.sports]
    if len(hits) >= 3 and len(hits) / max(1, len(words)) > 0.01:
        return f"sports report ({', '.join(sorted(set(hits))[:5])}): no events"
    return None


def extract_sentence(sent: Sentence, matches, doc, memory: Memory, dates: DateContext,
                     st: SentenceTrace) -> list[EventReport]:
    toks = sent.tokens
    retag(sent)
    phrases = build_phrases(sent, matches)
    clauses = segment(sent)
    _free_openers(clauses, phrases, toks)
    st.phrases, st.clauses = phrases, clauses
    slot_cache: dict[int, Slots] = {}

    def slots_of(c: Clause) -> Slots:
        if c.index not in slot_cache:
            slot_cache[c.index] = slots(c, phrases, toks)
        return slot_cache[c.index]

    def subjects_of(c: Clause) -> list[Participant]:
        return [p for ph in slots_of(c).subject for p in ph.parts]

    def refresh() -> None:
        """Coreference may have filled phrases: sort the slots again."""
        slot_cache.clear()
        _inherit_subjects(clauses, phrases, toks, slots_of)

    st.notes += resolve(sent, phrases, clauses, memory, subjects_of)
    refresh()
    sources = find_sources(sent, clauses, phrases, {c.index: slots_of(c) for c in clauses})
    memory.speakers[sent.index] = sources.speaker
    # wij/we inside a quote refer to the speaker, known only now
    if sources.speaker:
        st.notes += resolve(sent, phrases, clauses, memory, subjects_of)
        refresh()
    st.notes += sources.why
    refs = [_anaphoric_source(r, memory, sent) for r in sources.refs]
    if sources.backward:
        postprocess.attribute_previous(memory, sent, refs, st)
        memory.sources[sent.index] = refs
        refs = []
    elif not refs and _reportative(sent) and memory.paragraph.get(sent.index - 1) == \
            sent.paragraph:
        refs = list(memory.sources.get(sent.index - 1, []))
        if refs:
            st.notes.append("sources carried over from the previous sentence (reportative)")
    exprs = dates.find(sent)
    out: list[EventReport] = []
    lex = load_lexicon()
    for clause in clauses:
        speech = clause.index in sources.speech_clauses
        # the speaker of "kondigde sancties aan" is the actor there, not a source
        own = sources.by_clause.get(clause.index, [])
        clause_refs = [r for r in refs if not any(r is o for o in own)] if speech else refs
        if refs and not sources.backward and sources.scopes:
            scoped = {id(r) for r in sources.for_clause(clause.index)}
            clause_refs = [r for r, o in zip(refs, sources.refs) if id(o) in scoped
                           and (not speech or not any(o is x for x in own))]
        for cand in candidates(clause, clauses, phrases, toks, slots_of(clause), lex,
                               nominal_only=speech):
            postprocess.resolve_reference(cand, memory, sent, toks, slots_of(clause))
            postprocess.complete(cand, memory, clauses, phrases, toks, sent.index)
            rep = report(cand, sent, doc, clauses, toks, clause_refs, dates, exprs, st.rejected,
                         memory)
            if rep is not None:
                out.append(rep)
                memory.events.append(rep)  # later clauses of this sentence may refer to it
    out += postprocess.elaboration(sent, clauses, phrases, toks, memory, refs, dates, exprs,
                                   slots_of)
    if not sources.backward:
        # the speaker of a warning or accusation is the source of what follows it
        memory.sources[sent.index] = refs or [a for e in out if e.event in SPEECH_EVENTS
                                              for a in e.actor]
    memory.subjects[sent.index] = [p for c in clauses[:1] for p in subjects_of(c)]
    memory.remember(sent, phrases)
    st.events = out
    return out


def _reportative(sent: Sentence) -> bool:
    return any(t.lemma.lower() == "zullen" and "verl" in t.feats for t in sent.tokens)


SPEECH_EVENTS = {"ACCUSE", "THREATEN", "REJECT"}


def _anaphoric_source(ref: EntityRef, memory: Memory, sent: Sentence) -> EntityRef:
    """'een van deze diplomaten': the group named as a source before, with its country."""
    words = ref.raw_text.lower().split()
    if ref.country_code or not words or not {"deze", "die", "diezelfde", "dezelfde"} & set(words):
        return ref
    for k in range(sent.index - 1, max(-1, sent.index - 4), -1):
        for prev in memory.sources.get(k, []):
            if prev.country_code and prev.sector_code != "MED":
                return EntityRef(raw_text=ref.raw_text, entity_name=ref.entity_name,
                                 country_code=prev.country_code, sector_code=prev.sector_code)
    return ref


def _free_openers(clauses, phrases, toks) -> None:
    """'als Duitsland kruisraketten levert': Frog may read the 'als' that opens the clause
    as a preposition of the subject; the phrase is a bare one of that clause."""
    for c in clauses:
        if c.kind != "sub" or not c.tokens:
            continue
        opener = c.tokens[0]
        for p in phrases:
            if p.prep == toks[opener].lemma.lower() and opener in (p.start, p.start - 1):
                p.prep, p.attach = None, None


def _inherit_subjects(clauses, phrases, toks, slots_of) -> None:
    """A coordinated or 'om te' clause without its own subject shares its parent's --
    except under a request or an accusation, where the one asked or accused does it
    ('riep Duitsland op om Taurus-raketten te leveren', 'beschuldigde Kiev ervan ... te
    hebben neergeschoten'; no one named: no subject)."""
    for c in clauses:
        if c.kind in ("coord", "inf") and c.conj != "parenthetical" and c.parent is not None \
                and not slots_of(c).subject:
            parent = slots_of(clauses[c.parent])
            if c.kind == "inf" and (postprocess.asks(clauses[c.parent], toks)
                                    or postprocess.blames(clauses[c.parent])):
                slots_of(c).subject.extend(postprocess.addressees(parent))
            else:
                slots_of(c).subject.extend(parent.subject)
