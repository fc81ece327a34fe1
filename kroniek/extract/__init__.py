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
from . import rules
from .attribution import find_sources, quote_begun, speech_act_speaker
from .clauses import Clause, segment
from .dates import DateContext
from ..lexicon import load_lexicon
from ..lexicon import words as words_of
from .coreference import coreference
from .memory import Memory
from .parse import Parse
from .phrases import Phrase, build_phrases
from .report import report
from .retag import retag
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
    rejected: list[tuple] = field(default_factory=list)  # (trigger, reason, rule ids)
    rules: list[str] = field(default_factory=list)  # every rule fired in the sentence


@dataclass
class Trace:
    doc_notes: list[str] = field(default_factory=list)
    sentences: list[SentenceTrace] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # document-level rules fired


def extract(analyzed: AnalyzedDocument, trace: Trace | None = None
            ) -> tuple[list[EventReport], list[tuple]]:
    doc = analyzed.doc
    matches = gazetteer().find(doc.text)
    mentions = [(s.index, m.start, m.end, m.text, m.kind, _ref_key(m), _ref_code(m))
                for s in analyzed.sentences for m in matches
                if s.start <= m.start and m.end <= s.end]
    trace = trace if trace is not None else Trace()
    with rules.collecting() as fired:
        reason = offtopic(analyzed)
    trace.rules += fired
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
        p = Parse(sent, doc, memory, dates)
        with rules.collecting() as fired:
            new = extract_sentence(p, sent_matches, st)
        st.rules = rules.unique(fired)
        events.extend(new)
    with rules.collecting() as fired:
        events = postprocess.run(events, memory, analyzed, trace)
    trace.rules += fired
    return events, mentions


def _ref_key(m) -> str:
    return getattr(m.ref, "key", None) or getattr(m.ref, "name", "")


def _ref_code(m) -> str | None:
    return getattr(m.ref, "code", None) or getattr(m.ref, "country", None) or \
        getattr(m.ref, "cls", None)


@rules.rule("document.sports", "document",
            "a sports report names states and weapons ('raketten') without military events",
            rules.example("Het Iraanse elftal won de wedstrijd tegen Rusland. De bondscoach "
                          "prees de spelers na het toernooi, waar de scheidsrechter twee "
                          "doelpunten afkeurde. Iran heeft Rusland drones geleverd.",
                          "no events"),
            rules.example("De Sloveense renner won de etappe na een lange klim. In de tijdrit "
                          "verdedigde hij de leiderstrui tegen de Belgische sprinter. Slovenië "
                          "viel België aan.", "no events"),
            rules.example("Italië won de interland tegen Polen na een kopbal in de slotfase. "
                          "De invaller scoorde de treffer. Italië viel Polen na rust "
                          "voortdurend aan.", "no events"))
def offtopic(analyzed: AnalyzedDocument) -> str | None:
    lex = load_lexicon()
    words = [t.lemma.lower() for s in analyzed.sentences for t in s.tokens]
    hits = [w for w in words if w in lex.sports]
    if len(hits) >= 3 and len(hits) / max(1, len(words)) > 0.01:
        return f"sports report ({', '.join(sorted(set(hits))[:5])}): no events"
    return None


def extract_sentence(p: Parse, matches, st: SentenceTrace) -> list[EventReport]:
    sent, memory, dates = p.sent, p.memory, p.dates
    toks = sent.tokens
    retag(sent)
    phrases = build_phrases(sent, matches)
    clauses = segment(sent)
    p.phrases, p.clauses = phrases, clauses
    _free_openers(clauses, phrases, toks)
    st.phrases, st.clauses = phrases, clauses
    slots_of, subjects_of = p.slots, p.subjects

    def refresh() -> None:
        """Coreference may have filled phrases: sort the slots again."""
        p.forget_slots()
        _inherit_subjects(clauses, phrases, toks, slots_of)

    st.notes += coreference(p)
    refresh()
    sources = find_sources(p)
    memory.speakers[sent.index] = sources.speaker
    # wij/we inside a quote refer to the speaker, known only now
    if sources.speaker:
        st.notes += coreference(p)
        refresh()
    st.notes += sources.why
    refs = [_anaphoric_source(r, memory, sent) or r for r in sources.refs]
    begun, closes = quote_begun(sent, memory)
    if begun is not None and begun < sent.index and closes and refs and not sources.backward:
        postprocess.quote_tag_covers_quote(p, refs, begun)
    if sources.backward:
        postprocess.attribute_previous(p, refs, st)
        memory.sources[sent.index] = refs
        refs = []
    elif rules.applies("attribution.reportative-carry-over",
                       not refs and _reportative(sent) and
                       memory.paragraph.get(sent.index - 1) == sent.paragraph and
                       memory.sources.get(sent.index - 1)):
        refs = list(memory.sources.get(sent.index - 1, []))
        st.notes.append("sources carried over from the previous sentence (reportative)")
    elif rules.applies("attribution.unnamed-quote-tag",
                       not refs and sources.unnamed_tag and _paragraph_sources(memory, sent)):
        refs = _paragraph_sources(memory, sent)
        st.notes.append("a quote tag without a speaker: the sources named before it")
    elif rules.applies("attribution.quote-continues",
                       not refs and begun is not None and _paragraph_sources(
                           memory, sent, begun if begun < sent.index else begun - 1)):
        refs = _paragraph_sources(memory, sent, begun if begun < sent.index else begun - 1)
        st.notes.append("inside a quotation: the sources of its speaker")
    p.refs = refs
    p.exprs = dates.find(sent, clauses)
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
            with rules.collecting() as fired:
                postprocess.resolve_reference(cand, p, slots_of(clause))
                postprocess.complete(cand, p)
                seen = len(st.rejected)
                rep = report(cand, p, clause_refs, st.rejected)
            ids = rules.unique(cand.fired + fired)
            st.rejected[seen:] = [tuple(r[:2]) + (ids,) for r in st.rejected[seen:]]
            if rep is not None:
                with rules.collecting() as spoke:
                    speech_act_speaker(rep, bool(refs))
                rep.rules = rules.unique(ids + spoke)
                out.append(rep)
                memory.events.append(rep)  # later clauses of this sentence may refer to it
    out += postprocess.elaboration(p)
    if not sources.backward:
        # the speaker of a warning or accusation is the source of what follows it
        memory.sources[sent.index] = refs or [a for e in out if e.event in SPEECH_EVENTS
                                              for a in e.actor]
    memory.subjects[sent.index] = [x for c in clauses[:1] for x in subjects_of(c)]
    memory.remember(sent, phrases)
    st.events = out
    return out


rules.define("attribution.reportative-carry-over", "attribution",
             "a sentence with reportative 'zou' and no source of its own keeps the sources "
             "of the sentence before it in the same paragraph",
             rules.example("Volgens de Washington Post heeft Iran drones aan Rusland "
                           "geleverd. Teheran zou ook raketten hebben gestuurd.",
                           "AID IRN -> RUS [missile] reported source=Washington_Post"))


rules.define("attribution.unnamed-quote-tag", "attribution",
             "a quote whose tag names no speaker ('..., klonk het') has the sources named "
             "last before it in its paragraph (up to three sentences back)",
             rules.example("“Wij hebben niets te verbergen”, zei Orbán. “Hongarije levert "
                           "Rusland geen munitie”, klonk het.",
                           "AID HUN -> RUS [ammunition] negated source=HUN"))


rules.define("attribution.quote-continues", "attribution",
             "a sentence inside a quotation that goes on over several sentences, or that opens "
             "one, has the sources of the quotation's speaker: those of the sentence it began "
             "in, or the paragraph's last speaker before it",
             rules.example("“Wij hebben niets te verbergen”, zei Orbán. “Hongarije levert "
                           "Rusland geen munitie. Wij blijven neutraal.”",
                           "AID HUN -> RUS [ammunition] negated source=HUN"))


def _paragraph_sources(memory: Memory, sent: Sentence, last: int | None = None
                       ) -> list[EntityRef]:
    last = sent.index - 1 if last is None else last
    for k in range(last, max(-1, last - 3), -1):
        if memory.paragraph.get(k) != sent.paragraph:
            break
        if memory.sources.get(k):
            return list(memory.sources[k])
    return []


def _reportative(sent: Sentence) -> bool:
    return any(t.lemma.lower() == "zullen" and "verl" in t.feats for t in sent.tokens)


SPEECH_EVENTS = {"ACCUSE", "THREATEN", "REJECT"}


rules.define("attribution.definite-source-named-before", "attribution",
             "a source 'de X' with no country is the fuller source 'Y X' named before it in "
             "the article ('de separatisten' after 'Armeense separatisten')",
             rules.example("Volgens Armeense separatisten vallen Azerbeidzjaanse troepen aan. "
                           "De separatisten zeggen dat Azerbeidzjan dorpen met drones "
                           "aanvalt.", "ASSAULT AZE -> - [drone] reported source=ARM"))


@rules.rule("attribution.anaphoric-source", "attribution",
            "'een van deze diplomaten' as a source is the group named as a source before, "
            "with its country",
            rules.example("Volgens Amerikaanse diplomaten levert Iran drones aan Rusland. "
                          "Volgens deze diplomaten zou Iran ook raketten leveren.",
                          "AID IRN -> RUS [missile] reported source=USA"))
def _anaphoric_source(ref: EntityRef, memory: Memory, sent: Sentence) -> EntityRef | None:
    words = ref.raw_text.lower().split()
    if rules.applies("attribution.definite-source-named-before", not ref.country_code and
                     len(words) == 2 and words[0] in ("de", "het")):
        # "de separatisten" after "volgens Armeense separatisten": that source again
        for k in range(sent.index - 1, max(-1, sent.index - 10), -1):
            for prev in memory.sources.get(k, []):
                name = prev.entity_name.lower().split()
                if len(name) > 1 and name[-1] == words[-1]:
                    return EntityRef(raw_text=ref.raw_text, entity_name=prev.entity_name,
                                     country_code=prev.country_code,
                                     sector_code=prev.sector_code)
    if ref.country_code or not words or not words_of("back_referring_dets") & set(words):
        return None
    for k in range(sent.index - 1, max(-1, sent.index - 4), -1):
        for prev in memory.sources.get(k, []):
            if prev.country_code and prev.sector_code != "MED":
                return EntityRef(raw_text=ref.raw_text, entity_name=ref.entity_name,
                                 country_code=prev.country_code, sector_code=prev.sector_code)
    return None


@rules.rule("clause.opener-not-preposition", "clause",
            "the 'als' that opens a clause is no preposition of the phrase after it",
            rules.example("Moskou dreigde met maatregelen als Duitsland kruisraketten aan "
                          "Kiev levert.", "AID DEU -> UKR hypothetical"))
def _free_openers(clauses, phrases, toks) -> bool:
    """Frog may read the 'als' that opens the clause as a preposition of the subject;
    the phrase is a bare one of that clause."""
    done = False
    for c in clauses:
        if c.kind != "sub" or not c.tokens:
            continue
        opener = c.tokens[0]
        for p in phrases:
            if p.prep == toks[opener].lemma.lower() and opener in (p.start, p.start - 1):
                p.prep, p.attach = None, None
                done = True
    return done


rules.define("slot.asked-does-it", "slot",
             "under a request or an accusation, the one asked or accused does the "
             "'om/ervan ... te' clause",
             rules.example("Oekraïne riep Duitsland op om Taurus-raketten te leveren.",
                           "AID DEU -> UKR [Taurus] requested"))


rules.define("slot.permitted-does-it", "slot",
             "under a permission given ('gaf Oekraïne toestemming om ... te'), the one "
             "permitted does the 'om te' clause",
             rules.example("Duitsland gaf Polen toestemming om Duitse tanks aan Oekraïne te "
                           "leveren.", "AID POL -> UKR [tank]"))


def _inherit_subjects(clauses, phrases, toks, slots_of) -> None:
    """A coordinated or 'om te' clause without its own subject shares its parent's --
    except under a request or an accusation, where the one asked or accused does it
    ('riep Duitsland op om Taurus-raketten te leveren', 'beschuldigde Kiev ervan ... te
    hebben neergeschoten'; no one named: no subject)."""
    for c in clauses:
        if c.kind in ("coord", "inf") and c.conj != "parenthetical" and c.parent is not None \
                and not slots_of(c).subject:
            parent = slots_of(clauses[c.parent])
            if rules.applies("slot.asked-does-it",
                             c.kind == "inf" and (postprocess.asks(clauses[c.parent], toks)
                                                  or postprocess.blames(clauses[c.parent]))) \
                    or rules.applies("slot.permitted-does-it", c.kind == "inf" and
                                     postprocess.permits(clauses[c.parent], toks)):
                slots_of(c).subject.extend(postprocess.addressees(parent))
            else:
                slots_of(c).subject.extend(parent.subject)
