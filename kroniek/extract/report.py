"""From a candidate to an EventReport: the checks that make it an event, then
factuality, date and the record itself."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import Trigger, load_lexicon, ordered, words
from ..models import EntityRef, EventReport
from . import not_events, rules
from .frames import Candidate
from .military import military_words as _military_words
from .phrases import Participant
from .status import status

if TYPE_CHECKING:
    from .parse import Parse

MODES = {"AID": "military", "ASSAULT": "military", "MOBILIZE": "military",
         "SANCTION": "economic", "REQUEST": "diplomatic", "CONSULT": "diplomatic"}


rules.define("report.hold-back-for-next-sentence", "report",
             "a supply with both parties but no equipment is held back: the next sentence "
             "may say what it was ('Het gaat om ...')",
             rules.example("Iran levert steeds meer aan Rusland. Het gaat om Shahed-drones.",
                           "AID IRN -> RUS [Shahed-136]"))
rules.define("report.sector-reports-not-acts", "report",
             "a state's media, experts or opposition reporting on its act are hearsay, "
             "unlike the state's own statement",
             rules.example("Japanse media melden dat Japan raketten aan de Verenigde Staten "
                           "levert.", "AID JPN -> USA reported"))
MUTUAL = {"CONSULT", "COOPERATE", "AGREE"}  # not Dutch; acts of both sides
rules.define("report.own-statement-either-side", "report",
             "talks, cooperation and agreements are acts of both sides: either side's own "
             "statement about them is not hearsay",
             rules.example("Orbán zei dat Zweden dinsdag met Hongarije heeft overlegd.",
                           "CONSULT SWE -> HUN asserted"))
rules.define("report.attempted-purchase-is-request", "report",
             "an attempted purchase is a request to the seller",
             rules.example("Rusland probeert in Noord-Korea granaten te kopen.",
                           "REQUEST RUS -> PRK"))


def report(cand: Candidate, p: "Parse", refs: list[EntityRef], rejected: list[tuple[str, str]]
           ) -> EventReport | None:
    """The EventReport for a candidate (with the sentence's sources REFS that apply to its
    clause), or None with the reason added to `rejected`."""
    toks = p.toks
    reason = _unfit(cand, toks) or not_events.sentence_reason(cand, toks) or \
        not_events.spaceflight_rocket(cand, [toks[i] for i in cand.clause.tokens], p.doc.text)
    label = f"{toks[cand.token].text} ({cand.event})"
    if reason:
        rejected.append((label, reason))
        if rules.applies(
                "report.hold-back-for-next-sentence",
                reason == NO_EQUIPMENT and cand.actor and cand.recipient):
            # "Iran levert steeds meer aan Rusland." -- the next sentence may say what
            p.memory.pending.append(_build(cand, p, refs))
        return None
    return _build(cand, p, refs)


NO_EQUIPMENT = "no military equipment or personnel in the clause"
NOT_THE_STATE = {"MED", "NGO", "CVL", "OPP", "BUS", "REB", "JUD"}  # sectors that report on it


# Why a candidate is not an event: each check is a rule that returns its reason (None:
# no objection), tried in the order of UNFIT.
@rules.rule("report.no-participant", "report", "an event needs an actor or a recipient",
            rules.example("Er zijn wapens geleverd.", "no AID"))
def _no_participant(cand: Candidate, clause_toks) -> str | None:
    return "no participant found" if not cand.actor and not cand.recipient else None


@rules.rule("report.no-actor", "report",
            "an event needs an actor unless the text leaves it implicit (a passive, a noun) "
            "or it is a purchase or use",
            rules.example("Oekraïne krijgt tanks.", "no AID"))
def _no_actor(cand: Candidate, clause_toks) -> str | None:
    if not cand.actor and not cand.implicit_actor and cand.trigger.frame not in ("buy", "use"):
        return "no actor and the text does not leave it implicit"
    return None


rules.define("report.military-technology", "report",
             "military technology, apparatus or parts ('geavanceerde militaire technologie') "
             "are goods that can be supplied",
             rules.example("China levert militaire technologie aan Rusland.", "AID CHN -> RUS"))


rules.define("report.goods-shipment", "report",
             "a shipment of goods ('een wapenlevering', 'een munitiezending') is military "
             "goods that can be supplied",
             rules.example("Iran heeft een wapenzending naar Rusland gestuurd.",
                           "AID IRN -> RUS"))


@rules.rule("report.no-military-equipment", "report",
            "a supply verb ('leveren', 'sturen') needs military equipment, personnel or goods "
            "in its clause",
            rules.example("Duitsland levert graan aan Oekraïne.", "no AID"))
def _no_equipment(cand: Candidate, clause_toks) -> str | None:
    if cand.trigger.needs == "equipment" and not cand.equipment and \
            not _military_goods(clause_toks):
        return NO_EQUIPMENT
    return None


@rules.rule("report.no-military-context", "report",
            "an attack verb ('treffen', 'onderscheppen') or an aid package needs a military word "
            "in its clause",
            rules.example("Spanje wordt getroffen door een hittegolf.", "no ASSAULT"),
            rules.example("De Griekse douane onderschepte een lading sigaretten.",
                          "no ASSAULT"))
def _no_military_context(cand: Candidate, clause_toks) -> str | None:
    if cand.trigger.needs == "military" and not cand.equipment and \
            not _military_words(clause_toks):
        return "no military context"
    return None


@rules.rule("report.sanction-needs-sanction-word", "report",
            "'opleggen', 'uitbreiden' are sanctions only with a sanction word in the clause",
            rules.example("Frankrijk legt Marokko een boete op.", "no SANCTION"))
def _no_sanction_word(cand: Candidate, clause_toks) -> str | None:
    lex = load_lexicon()
    if cand.trigger.needs == "sanction" and not any(
            (lex.noun(t.lemma) or lex.noun(t.text)) and (lex.noun(t.lemma) or
                                                         lex.noun(t.text)).event == "SANCTION"
            for t in clause_toks):
        return "no sanction word in the clause"
    return None


@rules.rule("report.support-needs-recipient", "report",
            "support for no one named ('om de economie te steunen') is no event",
            rules.example("Duitsland steunt de plannen.", "no SUPPORT"))
def _support_for_no_one(cand: Candidate, clause_toks) -> str | None:
    if cand.event == "SUPPORT" and not cand.recipient:
        return "support for no one named ('om de economie te steunen')"
    return None


@rules.rule("report.concern-needs-party", "report",
            "concern ('bezorgd over de incidenten') about no one named is no accusation",
            rules.example("Het Kremlin is erg bezorgd over de onrust in de regio.",
                          "no events"))
def _accuse_no_one(cand: Candidate, clause_toks) -> str | None:
    if cand.event == "ACCUSE" and not cand.recipient and cand.trigger.lemma == "bezorgd":
        return "concern about no one named"
    return None


@rules.rule("report.needs-target", "report",
            "measures need whom they are against ('maatregelen tegen Iran')",
            rules.example("De Europese Unie neemt maatregelen.", "no events"))
def _no_target(cand: Candidate, clause_toks) -> str | None:
    if cand.trigger.needs == "target" and not cand.recipient:
        return "needs whom it is against ('maatregelen tegen Iran')"
    return None


@rules.rule("report.pact-needs-agreement", "report",
            "'sluiten' is an agreement only with an agreement word ('verdrag', 'akkoord') in "
            "the clause",
            rules.example("Rusland sluit de grens met Georgië.", "no AGREE"))
def _no_pact(cand: Candidate, clause_toks) -> str | None:
    lex = load_lexicon()
    if cand.trigger.needs == "pact" and not any(
            (lex.noun(t.lemma) or Trigger("", "", "")).event == "AGREE" for t in clause_toks):
        return "needs an agreement word ('verdrag', 'akkoord') in the clause"
    return None


rules.define("report.talks-between-coordinated", "report",
             "'Washington en Seoel spraken over ...': talks between a coordinated subject "
             "need no 'met'",
             rules.example("Washington en Seoel spraken over Noord-Korea.", "CONSULT USA -> KOR"))


@rules.rule("report.needs-word", "report",
            "'spreken' needs 'met', 'opzetten' needs 'samen', 'optreden' needs 'hard' in the "
            "clause",
            rules.example("De Amerikaanse president sprak over de Iraanse raketten.",
                          "no CONSULT"))
def _no_needed_word(cand: Candidate, clause_toks) -> str | None:
    needs = cand.trigger.needs
    if needs not in ("met", "samen", "hard"):
        return None
    together = rules.applies("report.talks-between-coordinated",
                             needs == "met" and cand.actor and cand.recipient and any(
                                 t.lemma.lower() in ("en", "tussen") for t in clause_toks))
    if not together and needs == "met" and rules.applies(
            "report.talks-party-object", cand.actor and cand.recipient and
            not cand.clause.passive and OBJECT_PARTNER in cand.why):
        return None
    if not together and not any(t.lemma.lower().startswith(needs[:5]) for t in clause_toks):
        return f"needs '{needs}' in the clause"
    return None


OBJECT_PARTNER = "partner from the object"
rules.define("report.talks-party-object", "report",
             "'spreken', 'bellen' with a state or a person as direct object ('sprak Macron') "
             "is a talk without 'met'",
             rules.example("De Duitse kanselier sprak de Franse president vorige week.",
                           "CONSULT DEU -> FRA"))


@rules.rule("report.use-own-maker", "report",
            "equipment used ('inzetten') by its own maker implies no supply",
            rules.example("Rusland zet Iskander-raketten in.", "no AID"))
def _own_use(cand: Candidate, clause_toks) -> str | None:
    if cand.trigger.frame == "use" and (not cand.actor or not cand.recipient):
        return "equipment used by its own maker: no supply implied"
    return None


@rules.rule("report.purchase-needs-party", "report",
            "a purchase needs a seller or a beneficiary",
            rules.example("Er werden Patriot-systemen gekocht voor Oekraïne.", "no AID"))
def _purchase_without_party(cand: Candidate, clause_toks) -> str | None:
    if cand.trigger.frame == "buy" and not cand.actor:
        return "a purchase without a seller or beneficiary"
    return None


UNFIT = (_no_participant, _no_actor, _no_equipment, _no_military_context, _no_sanction_word,
         _support_for_no_one, _accuse_no_one, _no_target, _no_pact, _no_needed_word, _own_use,
         _purchase_without_party) + not_events.CLAUSE_CHECKS


def _unfit(cand: Candidate, toks) -> str | None:
    """Why a candidate is not an event, or None."""
    clause_toks = [toks[i] for i in cand.clause.tokens]
    for check in UNFIT:
        reason = check(cand, clause_toks)
        if reason:
            return reason
    return None


def _build(cand: Candidate, p: "Parse", refs: list[EntityRef]) -> EventReport:
    sent, doc, clauses, toks, dates = p.sent, p.doc, p.clauses, p.toks, p.dates
    trig = cand.trigger
    expr = dates.for_event(sent, cand.token, p.exprs)
    # a state's own statement about its own act is not hearsay ("gaf toe dat zijn land
    # ..."); its media, experts or opposition reporting on it are ("melden Japanse media")
    actors = {a.code for a in cand.actor}
    if rules.applies("report.own-statement-either-side", cand.event in MUTUAL):
        actors |= {r.code for r in cand.recipient}  # "Orbán zei dat de samenwerking ..."
    attributed = any(r.country_code not in actors or not r.country_code
                     or rules.applies("report.sector-reports-not-acts",
                                      r.sector_code in NOT_THE_STATE) for r in refs)
    st_status, why = status(cand.clause, clauses, toks, cand.status,
                            bool(expr and expr.future), attributed, cand.token,
                            negatable=not _presupposed(cand, p))
    if st_status == "asserted" and not refs and _quoted_claim(cand, toks):
        st_status, why = "reported", ["reported: a quoted claim without a speaker"]
    if st_status == "negated" and _party_denies(cand, clauses, toks, refs):
        st_status, why = "denied", ["denied: a party to it says it did not happen"]
    event = cand.event
    if rules.applies("report.attempted-purchase-is-request",
                     trig.frame == "buy" and st_status in ("attempted", "requested") and
                     cand.why and "beneficiary" not in cand.why[-1]):
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


@rules.rule("report.presupposed-nominal", "report",
            "a noun event in a 'na/bij/tijdens/sinds/vanwege' phrase is presupposed: a "
            "negation elsewhere in its clause ('na de raketaanval, geen gewonden') does not "
            "negate it",
            rules.example("Israël telt geen doden na de Iraanse raketaanval op Tel Aviv.",
                          "ASSAULT IRN -> ISR asserted"), off=False)
def _presupposed(cand: Candidate, p: "Parse") -> bool:
    toks = p.toks
    ph = next((q for q in p.phrases if q.head == cand.token), None)
    if ph is None or not ph.prep or ph.prep.split()[-1] not in words("presupposing_preps"):
        return False
    if getattr(load_lexicon().noun(toks[cand.token].lemma), "event", None) != cand.event:
        return False
    # 'na geen enkele aanval': its own negation still counts
    return not any(t.text.lower() in load_lexicon().negation for t in toks[ph.start:ph.end])


@rules.rule("report.quoted-claim-reported", "report",
            "an act told inside quotes that close the sentence, with no speaker named "
            "(a headline \"'VS geeft Oekraïne toestemming ...'\"), is someone's claim: reported",
            rules.example("'Iran levert honderden drones aan Rusland'", "AID IRN -> RUS reported"),
            off=False)
def _quoted_claim(cand: Candidate, toks) -> bool:
    quotes = words("quote_chars")
    last = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text not in (".", "!")),
                None)
    if last is None or toks[last].text not in quotes or last <= cand.token:
        return False
    opened = [k for k in range(cand.token) if toks[k].text in quotes]
    return len(opened) == 1 and not any(toks[k].text in quotes
                                        for k in range(cand.token + 1, last))


@rules.rule("report.party-denies-past-act", "report",
            "a negated past act said not to have happened by one of its parties is denied, "
            "not merely negated",
            rules.example("China heeft geen wapens aan Rusland geleverd, zei een Chinese "
                          "woordvoerder.", "AID CHN -> RUS denied"), off=False)
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


GOODS = ordered("goods_nouns")
# what is supplied when it is called military ('geavanceerde militaire technologie')
SHIPMENTS = ordered("shipment_nouns")
MILITARY_KIND = ("technologie", "apparatuur", "onderdeel", "onderdelen", "component")


def _military_goods(tokens) -> bool:
    """Something that can be supplied: weapons, ammunition, materiel (not 'Defensie'),
    military technology or parts."""
    lemmas = [t.lemma.lower() for t in tokens]
    if rules.applies("report.goods-shipment", any(
            w.startswith(GOODS) and w.endswith(SHIPMENTS) for w in lemmas)):
        return True
    return any(w.endswith(GOODS) for w in lemmas) or rules.applies(
        "report.military-technology",
        any(w.startswith("militair") for w in lemmas) and
        any(w.endswith(MILITARY_KIND) for w in lemmas))
