"""Event extraction: triggers -> roles -> factuality -> attribution -> dates -> EventReport.

`extract(analyzed)` returns the EventReports and entity mentions of one document;
`extract(analyzed, trace)` also records, per sentence, what was recognised and why
an event was or was not produced (used by `kroniek explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import functools

from ..knowledge import load_catalog
from ..knowledge.matcher import Gazetteer
from ..models import AnalyzedDocument, EntityRef, EventReport, Sentence
from . import postprocess
from .attribution import find_sources, quoted_span
from .clauses import Clause, retag, segment
from .dates import DateContext
from .frames import Candidate, Slots, assign, slots
from .lexicon import Trigger, load_lexicon
from .memory import Memory, resolve
from .phrases import Participant, Phrase, build_phrases
from .status import status

@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(load_catalog())


MODES = {"AID": "military", "ASSAULT": "military", "MOBILIZE": "military",
         "SANCTION": "economic", "REQUEST": "diplomatic", "CONSULT": "diplomatic"}


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
        for cand in candidates(clause, clauses, phrases, toks, slots_of(clause), lex, st,
                               nominal_only=speech):
            postprocess.resolve_reference(cand, memory, sent, toks, slots_of(clause))
            postprocess.complete(cand, memory, clauses, phrases, toks)
            rep = _report(cand, sent, doc, clauses, toks, clause_refs, dates, exprs, st, memory)
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


def _inherit_subjects(clauses, phrases, toks, slots_of) -> None:
    """A coordinated or 'om te' clause without its own subject shares its parent's."""
    for c in clauses:
        if c.kind in ("coord", "inf") and c.conj != "parenthetical" and c.parent is not None \
                and not slots_of(c).subject:
            parent = slots_of(clauses[c.parent])
            slots_of(c).subject.extend(parent.subject)


def candidates(clause: Clause, clauses, phrases, toks, s: Slots, lex, st: SentenceTrace,
               nominal_only: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    for index, verb in ([] if nominal_only else clause.content):
        trig = lex.verbs.get(verb)
        if verb == "waarschuwen" and any(c.parent == clause.index and c.conj == "dat"
                                         for c in clauses):
            trig = Trigger("waarschuwen", "THREATEN", "accuse")  # warns that ... will happen
        if verb == "noemen" and _negative_label(clause, toks, lex):
            trig = Trigger("noemen", "ACCUSE", "accuse")
        if trig is not None:
            cand = assign(trig, index, clause, s, phrases, toks)
            cand.why.insert(0, f"verb '{verb}' -> {trig.event} ({trig.frame})")
            out.append(cand)
    # "bezorgd over" -> ACCUSE
    for i in clause.tokens:
        if toks[i].lemma.lower() == "bezorgd" and s.pp("over"):
            trig = Trigger("bezorgd", "ACCUSE", "accuse")
            cand = assign(trig, i, clause, s, phrases, toks)
            cand.why.insert(0, "'bezorgd over' -> ACCUSE")
            out.append(cand)
    # "zijn land zou graag terugkeren in het programma": a wish is a request
    words = {toks[i].lemma.lower() for i in clause.tokens}
    if "graag" in words and words & {"zullen", "willen"} and not out and clause.main is not None:
        trig = Trigger("graag", "REQUEST", "request")
        cand = assign(trig, clause.main, clause, s, phrases, toks)
        cand.why.insert(0, "'graag' + 'zou/wil': a wish addressed to whoever can grant it")
        cand.status = "requested"
        out.append(cand)
    # nominal triggers: "de levering van ... aan ...", "Amerikaanse sancties tegen ..."
    for ph in phrases:
        if not clause.has(ph.head):
            continue
        trig = lex.noun(toks[ph.head].lemma)
        if trig is None:
            continue
        cand = nominal(trig, ph, clause, s, phrases, toks, lex)
        if cand is not None:
            if cand.why[-1].startswith("actor from the subject of light verb"):
                # "stemde in met de levering": one event, the supply; not also an AGREE
                out = [c for c in out if not (c.token in dict(clause.content) and
                                              c.event == "AGREE")]
            out.append(cand)
    return out


def _negative_label(clause: Clause, toks, lex) -> bool:
    words = {toks[i].lemma.lower() for i in clause.tokens}
    if words & lex.negative_labels:
        return True
    return any(toks[i].text in ("'", "‘", '"', "“") for i in clause.tokens)


def nominal(trig: Trigger, ph: Phrase, clause: Clause, s: Slots, phrases, toks, lex
            ) -> Candidate | None:
    """A noun trigger: its own modifiers and PPs give the roles; a light verb
    ("stemde in met de levering", "legden sancties op") gives its subject as actor."""
    from .frames import attached, equipment_of, uniq, who
    # its own arguments: PPs on the noun, and those on its 'van' phrase ("de levering van
    # tanks aan Polen"), not PPs of nouns further down ("overleg over de samenwerking
    # tussen A en B" is not talks between A and B)
    idx = phrases.index(ph)
    direct = [p for p in phrases if p.attach == idx]
    att = direct + [q for p in direct if p.prep == "van" for q in attached(p, phrases)]
    words = {t.lemma.lower() for t in toks[ph.start:ph.end]}
    event = trig.military_event if trig.military_event and "militair" in words else trig.event
    c = Candidate(event=event, trigger=trig, token=ph.head, clause=clause)
    c.why.append(f"noun '{toks[ph.head].lemma}' -> {event} ({trig.frame})")
    own = list(ph.parts) or list(ph.assoc)  # "Irans steun", "Amerikaanse sancties"
    by = {prep: [p for p in att if p.prep == prep] for prep in
          ("van", "aan", "tegen", "met", "tussen", "door", "voor", "naar", "op")}
    light = lex.light_verbs.get(clause.lemma or "")
    if light is not None and trig.frame not in light.get("frames", []):
        light = None
    verb_trigger = any(v in lex.verbs for _, v in clause.content)
    if light is None and verb_trigger and ph.attach is None and (
            ph in s.objects or any(ph in v for v in s.pps.values())):
        return None  # "schortte het partnerschap op": the noun is the verb's theme
    governed = ph in s.objects or ph in s.subject or any(ph in v for v in s.pps.values())
    clause_subject = who(s.subject) if ph not in s.subject and governed else []
    frame = trig.frame
    if frame in ("meet", "join"):
        members = uniq(own + who(by["tussen"] + by["met"], use_assoc=True))
        # "na overleg met zijn Britse ambtgenoot": the subject took part
        direct = ph.attach is None and (ph.prep in ("na", "voor", "tijdens", "bij", "in", None))
        if (light is not None or direct) and len(members) < 2:
            members = uniq(clause_subject + members + who(s.pp("met"), use_assoc=True))
        if len(members) < 2:
            return None  # talks or an alliance need two sides
        c.actor, c.recipient = members[:1], members[1:]
    else:
        c.actor = own or who(by["door"])
        van = by["van"]
        theme = [p for p in van if p.equipment] + ([ph] if ph.equipment else [])
        if not c.actor and van and not theme and frame != "attack":
            c.actor = who(van)
        c.recipient = who(by["aan"] + by["tegen"] + by["voor"] + by["naar"], use_assoc=True)
        if frame == "attack":
            c.recipient = who(by["op"] + by["tegen"] + van, use_assoc=True, use_places=True)
        if not c.recipient and light is not None:  # "legde sancties op aan X", "steun ... voor X"
            preps = ("op", "tegen") if frame == "attack" else ("aan", "tegen", "voor")
            targets = s.pp(*preps)
            targets += [q for p in targets for q in attached(p, phrases) if q.prep == "in"]
            c.recipient = who(targets, use_assoc=True, use_places=frame == "attack")
        c.theme = theme
        if not c.actor and clause_subject and light is not None:
            if clause.passive:  # "krijgt sancties opgelegd": the subject undergoes it
                c.recipient = c.recipient or clause_subject
            else:
                c.actor = clause_subject
                c.why.append(f"actor from the subject of light verb '{clause.lemma}'")
    if not c.actor:
        return None  # a nominal event whose doer the text does not give is not recorded
    if light is not None:
        c.status = light.get("status")
    c.actor, c.recipient = uniq(c.actor), [r for r in uniq(c.recipient)
                                           if r.id not in {a.id for a in c.actor}]
    c.equipment = equipment_of(c.theme)
    return c


def _report(cand: Candidate, sent: Sentence, doc, clauses, toks, refs, dates: DateContext,
            exprs, st: SentenceTrace, memory: Memory | None = None) -> EventReport | None:
    reason = _unfit(cand, toks)
    label = f"{toks[cand.token].text} ({cand.event})"
    if reason:
        st.rejected.append((label, reason))
        if memory is not None and reason == NO_EQUIPMENT and cand.actor and cand.recipient:
            # "Iran levert steeds meer aan Rusland." -- the next sentence may say what
            memory.pending.append(_build(cand, sent, doc, clauses, toks, refs, dates, exprs))
        return None
    return _build(cand, sent, doc, clauses, toks, refs, dates, exprs)


NO_EQUIPMENT = "no military equipment or personnel in the clause"


def _unfit(cand: Candidate, toks) -> str | None:
    """Why a candidate is not an event, or None."""
    lex = load_lexicon()
    trig = cand.trigger
    if not cand.actor and not cand.recipient:
        return "no participant found"
    if not cand.actor and not cand.implicit_actor and trig.frame not in ("give", "buy", "use"):
        return "no actor and the text does not leave it implicit"
    needs = trig.needs
    clause_toks = [toks[i] for i in cand.clause.tokens]
    if needs == "equipment" and not cand.equipment and not _military_words(clause_toks):
        return NO_EQUIPMENT
    if needs == "military" and not cand.equipment and not _military_words(clause_toks):
        return "no military context"
    if needs == "sanction" and not any(
            (lex.noun(t.lemma) or lex.noun(t.text)) and (lex.noun(t.lemma) or
                                                         lex.noun(t.text)).event == "SANCTION"
            for t in clause_toks):
        return "no sanction word in the clause"
    if needs == "pact" and not any((lex.noun(t.lemma) or Trigger("", "", "")).event == "AGREE"
                                   for t in clause_toks):
        return "needs an agreement word ('verdrag', 'akkoord') in the clause"
    if needs in ("met", "samen", "hard") and not any(
            t.lemma.lower().startswith(needs[:5]) for t in clause_toks):
        return f"needs '{needs}' in the clause"
    if trig.frame == "use" and (not cand.actor or not cand.recipient):
        return "equipment used by its own maker: no supply implied"
    if trig.frame == "buy" and not cand.actor:
        return "a purchase without a seller or beneficiary"
    return None


def _build(cand: Candidate, sent: Sentence, doc, clauses, toks, refs, dates: DateContext,
           exprs) -> EventReport:
    trig = cand.trigger
    expr = dates.for_event(sent, cand.token, exprs)
    # a state's own statement about its own act is not hearsay ("gaf toe dat zijn land ...")
    actors = {a.code for a in cand.actor}
    attributed = any(r.country_code not in actors or not r.country_code for r in refs)
    st_status, why = status(cand.clause, clauses, toks, cand.status,
                            bool(expr and expr.future), attributed, cand.token)
    event = cand.event
    if trig.frame == "buy" and st_status in ("attempted", "requested") and \
            cand.why and "beneficiary" not in cand.why[-1]:
        # an attempted purchase is a request to the seller
        event = "REQUEST"
        cand.actor, cand.recipient = cand.recipient, cand.actor
    date = expr.date if expr and expr.date else dates.default()
    enddate = expr.enddate if expr and expr.date else None  # no interval without its start
    cand.why += why
    if expr:
        cand.why.append(f"date {date}: {expr.why}")
    return EventReport(
        doc_id=doc.id, doc_date=doc.date, sentence_index=sent.index,
        char_start=sent.start, char_end=sent.end, sentence_text=sent.text, event=event,
        mode=[MODES.get(event, "military" if cand.equipment else "diplomatic")],
        actor=[_entity(p) for p in cand.actor], recipient=[_entity(p) for p in cand.recipient],
        equipment=cand.equipment, status=st_status, attribution=list(refs), date=date,
        enddate=enddate, trigger=toks[cand.token].text, frame=trig.frame,
        trigger_start=toks[cand.token].start,
        trigger_end=toks[cand.token].end, why=cand.why,
        location=cand.places[0].name if cand.places else None)


def _entity(p: Participant) -> EntityRef:
    return EntityRef(raw_text=p.raw, entity_name=p.name, country_code=p.code,
                     wikidata_id=p.wikidata, sector_code=p.sector, start=p.start, end=p.end)


MILITARY = {"wapen", "militair", "leger", "troep", "soldaat", "munitie", "oorlog", "front",
            "aanval", "luchtmacht", "marine", "defensie", "raket", "drone", "bom", "granaat"}


def _military_words(tokens) -> bool:
    cat = load_catalog()
    for t in tokens:
        lemma = t.lemma.lower()
        if any(lemma.endswith(w) for w in MILITARY) or cat.class_of(t.text):
            return True
    return False
