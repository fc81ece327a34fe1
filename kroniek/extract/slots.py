"""A clause's participant phrases by syntactic slot: subject, bare objects and PPs.

Frog's subject relation is one cue among several: Dutch word order, agreement, the
clause kind (coordinated, 'om te', relative) and asides ("..., aldus het Pentagon")
decide too. Each such decision is a named rule (stage `slot`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon import words
from ..models import Token
from . import rules
from .phrases import Phrase

if TYPE_CHECKING:
    from .clauses import Clause

TIME_NOUNS = words("frames_time_nouns")
AUX_INVERSION = words("aux_inversion")
CAUSES = {"vanwege", "wegens", "na"}  # the act cited as cause or occasion


@dataclass
class Slots:
    """The participant phrases of one clause, by syntactic slot."""
    subject: list[Phrase] = field(default_factory=list)
    objects: list[Phrase] = field(default_factory=list)  # bare non-subject phrases
    pps: dict[str, list[Phrase]] = field(default_factory=dict)  # by preposition

    def pp(self, *preps: str) -> list[Phrase]:
        return [p for prep in preps for p in self.pps.get(prep, [])]


def relevant(ph: Phrase) -> bool:
    return bool(ph.parts or ph.assoc or ph.places or ph.equipment or ph.pronoun)


def _aside(toks: list[Token], start: int) -> bool:
    """Does the phrase at START follow 'aldus' or a comparing 'net als', 'evenals', 'zoals'?"""
    before = [t.lemma.lower() for t in toks[max(0, start - 2):start]]
    return bool(before) and (before[-1] in ("aldus", "evenals", "zoals") or
                             before[-2:] in (["net", "als"], ["zo", "als"]))


def _under(p: Phrase, phrases: list[Phrase], preps: set[str]) -> bool:
    """Does P sit, at any depth, inside a PP with one of these prepositions?"""
    seen = 0
    while p.attach is not None and seen < 10:
        p, seen = phrases[p.attach], seen + 1
        if p.prep in preps:
            return True
    return False


def _plural_with_single_state(toks: list[Token], finite: int | None,
                              actors: list[Phrase]) -> bool:
    """A plural finite verb while the first actor is one (uncoordinated) named state."""
    first = actors[0]
    return finite is not None and "mv" in toks[finite].feats and \
        toks[first.head].pos == "SPEC" and "mv" not in toks[first.head].feats and \
        not any(p.group == first.group and p is not first for p in actors)


rules.define("slot.aldus-aside", "slot",
             "a phrase after 'aldus' (the source) or a comparing 'net als', 'evenals', "
             "'zoals' is no participant of the clause",
             rules.example("Net als Rusland levert Iran wapens aan Syrië.",
                           "AID IRN -> SYR"))
rules.define("slot.cause-pps-belong-to-cause", "slot",
             "a PP inside a 'vanwege/wegens/na' cause or an 'als' phrase belongs to the act "
             "cited there, not to the clause's verb",
             rules.example("De VS leggen Iran sancties op vanwege de levering van drones "
                           "aan Rusland.", "SANCTION USA -> IRN"))
rules.define("slot.coord-left-out-subject", "slot",
             "a coordinated clause opening with its finite verb has left its subject out "
             "(it shares the first clause's)",
             rules.example("Het Russische leger trok zich terug en bombardeerde daarna "
                           "Kiev.", "ASSAULT RUS -> UKR"))
rules.define("slot.coord-inverted-subject", "slot",
             "in a coordinated clause opening with an auxiliary, an actor after the verb is "
             "its subject ('maar zou Teheran ... hebben uitgesteld')",
             rules.example("Rusland kreeg drones, maar zou Iran de levering van raketten "
                           "hebben uitgesteld.", "AID IRN -> RUS negated"))
rules.define("slot.inf-no-subject", "slot",
             "an 'om ... te' clause never spells out its subject",
             rules.example("Duitsland besloot om Oekraïne tanks te leveren.",
                           "AID DEU -> UKR"))
rules.define("slot.rel-pronoun-object", "slot",
             "in a relative clause another actor is the subject and the pronoun the object "
             "('drones die Rusland inzet')",
             rules.example("Het zijn drones die Iran aan Rusland levert.", "AID IRN -> RUS"))
rules.define("slot.rel-plural-agreement", "slot",
             "a plural verb with a single named state in a relative clause agrees with the "
             "pronoun: the pronoun is the subject ('banken die Rusland helpen')",
             rules.example("De VS straffen Chinese banken die Rusland helpen.",
                           "no AID RUS -> -"))
rules.define("slot.two-actors-word-order", "slot",
             "with two actors Frog's subject is unreliable: in a main clause the one before "
             "the finite verb, else the first, is the subject",
             rules.example("Volgens de krant zou Moskou Noord-Korea raketten hebben "
                           "geleverd.", "AID RUS -> PRK"))
rules.define("slot.su-without-actor", "slot",
             "Frog's subject names no actor while an actor stands in the clause: the actor "
             "before the verb, or in an active clause the first actor, is the subject",
             rules.example("Daarna weigerden de VS F-35's aan Turkije te leveren.",
                           "REJECT USA -> TUR"))
rules.define("slot.weapon-subject-agrees", "slot",
             "a side's weapons as Frog's subject of a plural verb stay the subject; a single "
             "named state after the verb is the object ('Iraanse drones vielen Kiev aan')",
             rules.example("Russische drones vielen gisteren Kiev aan.", "ASSAULT RUS -> UKR"))
rules.define("slot.fronted-dat-object", "slot",
             "a fronted 'dat/dit' is the object and the actor after the verb the subject "
             "('Dat meldt Reuters')",
             rules.example("Rusland krijgt raketten van Iran. Dat heeft de NAVO bevestigd.",
                           "AID IRN -> RUS source=NATO"))


rules.define("slot.outlet-no-party", "slot",
             "news media in a sentence's header (a dateline's agency, an outlet's byline "
             "before a dash or bullet) are no participant: an outlet reports, it does not act",
             rules.example("MOSKOU (Reuters) - Rusland heeft drones aan Syrië geleverd.",
                           "AID RUS -> SYR"),
             rules.example("BERLIJN (ANP) - De Duitse regering levert Oekraïne tanks.",
                           "AID DEU -> UKR"))


HEADER_MARKS = {"-", "–", "—", "•", "|"}  # not Dutch: punctuation


def _outlet(p: Phrase, toks: list[Token]) -> bool:
    """News media named in a sentence's header: before a dash or bullet among its first
    tokens ('MOSKOU (Reuters) -', 'NOS Nieuws • vandaag')."""
    if not p.parts or p.equipment or not all(x.sector == "MED" for x in p.parts):
        return False
    return any(t.text in HEADER_MARKS for t in toks[p.end:min(len(toks), 8)])


def slots(clause: Clause, phrases: list[Phrase], toks: list[Token]) -> Slots:
    """Sort the clause's phrases into subject, objects and PPs."""
    out = Slots()
    mine = [p for p in phrases if clause.has(p.head)]
    finite = clause.finite
    # "..., aldus het Pentagon": the source, not a participant (a verbless tag stays in
    # the clause it follows); "Net als Rusland levert Iran ...": a comparison
    bare = [p for p in mine if p.prep is None and p.attach is None
            and toks[p.head].lemma.lower() not in TIME_NOUNS
            and not rules.applies("slot.aldus-aside", _aside(toks, p.start))
            and not rules.applies("slot.outlet-no-party", _outlet(p, toks))]
    out.pps = {}
    # PPs inside a cause ("sancties tegen Iran vanwege de levering van drones aan
    # Rusland") belong to the act cited, not to the clause's verb
    for p in mine:
        if p.prep and not rules.applies("slot.cause-pps-belong-to-cause",
                                        _under(p, phrases, CAUSES | {"als"})):
            out.pps.setdefault(p.prep, []).append(p)
    first = clause.tokens[1] if clause.kind == "coord" and len(clause.tokens) > 1 else None
    if rules.applies("slot.coord-left-out-subject", first is not None and
                     toks[clause.tokens[0]].pos == "VG" and first == finite):
        # "... en zouden ook hebben geprobeerd ...": the subject is left out, unless an
        # actor follows the verb ("maar zou Teheran de levering hebben uitgesteld")
        after = [p for p in bare if p.parts and p.start > finite and
                 toks[finite].lemma.lower() in AUX_INVERSION]
        after = after if rules.applies("slot.coord-inverted-subject", after) else []
        out.subject = [p for p in bare if after and p.group == after[0].group]
        out.objects = [p for p in bare if p not in out.subject]
        return out
    if rules.applies("slot.inf-no-subject", clause.kind == "inf"):
        out.objects = bare  # "om ... te leveren"
        return out
    rel = [p for p in bare if toks[p.head].pos == "VNW" and "betr" in toks[p.head].feats]
    actors = [p for p in bare if p.parts and p not in rel]
    subj_group = _relative_subject(clause, rel, actors, toks, finite)
    distinct = {p.group for p in actors}
    if rules.applies("slot.two-actors-word-order", subj_group is None and len(distinct) >= 2):
        # Two actors: Frog's subject is unreliable; Dutch order decides ("dat Iran Rusland
        # zou voorzien", "zou Moskou Noord-Korea ... hebben geleverd")
        if clause.kind in ("main", "coord") and finite is not None:
            before = [p for p in actors if p.end <= finite]
            subj_group = (before or actors)[0].group
        else:
            subj_group = actors[0].group
    if subj_group is None:
        subj_group = _frog_subject(clause, bare, actors, toks, finite)
    if subj_group is None:
        cands = [p for p in bare if relevant(p) and p.pronoun not in ("dat", "dit")]
        if cands:
            if clause.kind in ("main", "coord") and finite is not None:
                before = [p for p in cands if p.end <= finite]
                after = [p for p in cands if p.start > finite]
                subj_group = (before or after or cands)[0].group  # a phrase around the verb
            else:
                subj_group = cands[0].group
    for p in bare:
        (out.subject if p.group == subj_group else out.objects).append(p)
    return out


def _relative_subject(clause: Clause, rel: list[Phrase], actors: list[Phrase],
                      toks: list[Token], finite: int | None) -> int | None:
    """"drones die Rusland inzet": another actor makes the pronoun the object -- unless
    the verb agrees with the pronoun only ("banken die Rusland helpen": plural)."""
    if clause.kind != "rel" or not rel:
        return None
    if not actors:
        return rel[0].group
    if rules.applies("slot.rel-plural-agreement",
                     _plural_with_single_state(toks, finite, actors)):
        return rel[0].group
    if rules.applies("slot.rel-pronoun-object", True):
        return actors[0].group
    return rel[0].group

def _frog_subject(clause: Clause, bare: list[Phrase], actors: list[Phrase],
                  toks: list[Token], finite: int | None) -> int | None:
    """The group of Frog's subject, corrected where it names no actor."""
    subj_group = None
    for p in bare:
        if any(toks[k].deprel == "su" for k in range(p.start, p.end)) and relevant(p):
            subj_group = p.group
            break
    if subj_group is None or finite is None:
        return subj_group
    # Frog's subject without any actor, while an actor stands in the clause: in an
    # active clause the actor does it ("Daarna weigerden de VS F-35's ... te leveren")
    chosen = [p for p in bare if p.group == subj_group]
    weapons = [p for p in chosen if p.equipment and p.assoc]
    if not any(p.parts or p.pronoun for p in chosen) and not rules.applies(
            "slot.weapon-subject-agrees", bool(weapons) and bool(actors) and
            not clause.passive and toks[finite].lemma.lower() != "zijn" and
            not any(p.end <= finite for p in actors) and
            _plural_with_single_state(toks, finite, actors)):
        front = [p for p in actors if p.end <= finite]
        if rules.applies("slot.su-without-actor", front or (actors and not clause.passive)):
            subj_group = (front or actors)[0].group
    # "Dat meldt Reuters": a fronted 'dat/dit' is the object, the subject follows
    if any(p.pronoun in ("dat", "dit") for p in chosen):
        after = [p for p in actors if p.start > finite]
        if rules.applies("slot.fronted-dat-object", after):
            subj_group = after[0].group
    return subj_group
