"""From a candidate to an EventReport: the checks that make it an event, then
factuality, date and the record itself."""
from __future__ import annotations

from ..knowledge import load_catalog
from ..models import EntityRef, EventReport, Sentence
from .dates import DateContext
from .frames import Candidate
from ..lexicon import Trigger, load_lexicon
from .memory import Memory
from .phrases import Participant
from .status import status

MODES = {"AID": "military", "ASSAULT": "military", "MOBILIZE": "military",
         "SANCTION": "economic", "REQUEST": "diplomatic", "CONSULT": "diplomatic"}


def report(cand: Candidate, sent: Sentence, doc, clauses, toks, refs, dates: DateContext,
           exprs, rejected: list[tuple[str, str]], memory: Memory | None = None
           ) -> EventReport | None:
    """The EventReport for a candidate, or None with the reason added to `rejected`."""
    reason = _unfit(cand, toks)
    label = f"{toks[cand.token].text} ({cand.event})"
    if reason:
        rejected.append((label, reason))
        if memory is not None and reason == NO_EQUIPMENT and cand.actor and cand.recipient:
            # "Iran levert steeds meer aan Rusland." -- the next sentence may say what
            memory.pending.append(_build(cand, sent, doc, clauses, toks, refs, dates, exprs))
        return None
    return _build(cand, sent, doc, clauses, toks, refs, dates, exprs)


NO_EQUIPMENT = "no military equipment or personnel in the clause"
NOT_THE_STATE = {"MED", "NGO", "CVL", "OPP", "BUS", "REB", "JUD"}  # sectors that report on it


def _unfit(cand: Candidate, toks) -> str | None:
    """Why a candidate is not an event, or None."""
    lex = load_lexicon()
    trig = cand.trigger
    if not cand.actor and not cand.recipient:
        return "no participant found"
    if not cand.actor and not cand.implicit_actor and trig.frame not in ("buy", "use"):
        return "no actor and the text does not leave it implicit"
    needs = trig.needs
    clause_toks = [toks[i] for i in cand.clause.tokens]
    if needs == "equipment" and not cand.equipment and not _military_goods(clause_toks):
        return NO_EQUIPMENT
    if needs == "military" and not cand.equipment and not _military_words(clause_toks):
        return "no military context"
    if needs == "sanction" and not any(
            (lex.noun(t.lemma) or lex.noun(t.text)) and (lex.noun(t.lemma) or
                                                         lex.noun(t.text)).event == "SANCTION"
            for t in clause_toks):
        return "no sanction word in the clause"
    if cand.event == "SUPPORT" and not cand.recipient:
        return "support for no one named ('om de economie te steunen')"
    if needs == "target" and not cand.recipient:
        return "needs whom it is against ('maatregelen tegen Iran')"
    if needs == "pact" and not any((lex.noun(t.lemma) or Trigger("", "", "")).event == "AGREE"
                                   for t in clause_toks):
        return "needs an agreement word ('verdrag', 'akkoord') in the clause"
    # "Washington en Seoel spraken over ...": talks between a coordinated subject
    together = needs == "met" and cand.actor and cand.recipient and any(
        t.lemma.lower() in ("en", "tussen") for t in clause_toks)
    if needs in ("met", "samen", "hard") and not together and not any(
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
    # a state's own statement about its own act is not hearsay ("gaf toe dat zijn land
    # ..."); its media, experts or opposition reporting on it are ("melden Japanse media")
    actors = {a.code for a in cand.actor}
    attributed = any(r.country_code not in actors or not r.country_code
                     or r.sector_code in NOT_THE_STATE for r in refs)
    st_status, why = status(cand.clause, clauses, toks, cand.status,
                            bool(expr and expr.future), attributed, cand.token)
    if st_status == "negated" and _party_denies(cand, clauses, toks, refs):
        st_status, why = "denied", ["denied: a party to it says it did not happen"]
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


def _party_denies(cand: Candidate, clauses, toks, refs) -> bool:
    """'China heeft geen wapens aan Rusland geleverd, zei een Chinese woordvoerder': a
    party says a past act did not happen. ('We sturen geen troepen', says the French
    president: a stance, not a denial.)"""
    side = {a.code for a in cand.actor} | (
        {r.code for r in cand.recipient} if cand.event == "AID" else set())
    voices = {r.country_code for r in refs if r.sector_code != "MED"}
    verbs = [toks[i] for i in cand.clause.verbs]
    # 'zou' is a future in the past ('dat hij die niet zou sturen'), not a past act
    past = any(("verl" in t.feats and t.lemma.lower() != "zullen") or "vd" in t.feats
               for t in verbs)
    return past and bool(side & voices - {None})


def _entity(p: Participant) -> EntityRef:
    return EntityRef(raw_text=p.raw, entity_name=p.name, country_code=p.code,
                     wikidata_id=p.wikidata, sector_code=p.sector, start=p.start, end=p.end)


MILITARY = {"wapen", "militair", "leger", "troep", "soldaat", "munitie", "oorlog", "front",
            "aanval", "luchtmacht", "marine", "defensie", "raket", "drone", "bom", "granaat"}


GOODS = ("wapen", "munitie", "materieel", "uitrusting", "bewapening", "goederen")


# what is supplied when it is called military ('geavanceerde militaire technologie')
MILITARY_KIND = ("technologie", "apparatuur", "onderdeel", "onderdelen", "component")


def _military_goods(tokens) -> bool:
    """Something that can be supplied: weapons, ammunition, materiel (not 'Defensie'),
    military technology or parts."""
    lemmas = [t.lemma.lower() for t in tokens]
    return any(w.endswith(GOODS) for w in lemmas) or (
        any(w.startswith("militair") for w in lemmas) and
        any(w.endswith(MILITARY_KIND) for w in lemmas))


def _military_words(tokens) -> bool:
    cat = load_catalog()
    for t in tokens:
        lemma = t.lemma.lower()
        if any(lemma.endswith(w) for w in MILITARY) or cat.class_of(t.text):
            return True
    return False
