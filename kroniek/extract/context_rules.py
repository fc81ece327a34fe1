"""What a clause leaves to context: the recipient of a supply someone asked for, the
side a refusal answers, the weapons an interception shot down... One registered rule per
case, tried in the order of `COMPLETIONS`."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..lexicon import load_lexicon, words
from . import rules
from .discourse import _kinds, _participant, _state_ref
from .status import ACCUSING, PERMISSION, UNMOVED

if TYPE_CHECKING:
    from .frames import Candidate, Slots
    from .parse import Parse

VIOLENCE = words("violence_nouns")


def _names_any(clause, toks, lemmas) -> bool:
    return any(toks[i].lemma.lower() in lemmas for i in clause.tokens)


rules.define("slot.permission-to-act-oneself", "slot",
             "asking permission ('vroeg Washington om toestemming om F-16's te leveren') is "
             "asking to act oneself, not asking the other to act",
             rules.example("Nederland vroeg Washington om toestemming om F-16's aan Oekraïne "
                           "te leveren.", "AID NLD -> UKR"))


def asks(clause, toks) -> bool:
    """Is the clause's verb a request ('vragen', 'oproepen', 'aandringen') for someone
    else to act? ('vroeg Washington om toestemming om F-16's te leveren' asks to act
    oneself.)"""
    trig = load_lexicon().verbs.get(clause.lemma or "")
    return trig is not None and trig.frame == "request" and not rules.applies(
        "slot.permission-to-act-oneself", _names_any(clause, toks, PERMISSION))


def permits(clause, toks) -> bool:
    """Is the clause a permission given ('gaf Oekraïne toestemming om ... te')?"""
    trig = load_lexicon().verbs.get(clause.lemma or "")
    return trig is not None and trig.frame == "agree" and _names_any(clause, toks, PERMISSION)


def blames(clause) -> bool:
    """Is the clause's verb an accusation ('beschuldigen', 'verwijten')?"""
    return clause.lemma in ACCUSING


def addressees(s: "Slots") -> list:
    """Whom a request clause asks: its object, 'aan X', 'bij X' ('drong er bij Berlijn
    op aan')."""
    return [p for p in s.objects + s.pp("aan", "bij") if p.parts and not p.equipment]


def _gives(cand: "Candidate") -> bool:
    return cand.event == "AID" and cand.trigger.frame == "give"


@rules.rule("postprocess.asker-receives-supply", "postprocess",
            "'vroeg Duitsland om Taurus-raketten te leveren': the supply goes to who asks",
            rules.example("Duitsland en Frankrijk steunen Oekraïne al lang. Litouwen vroeg "
                          "Duitsland om Taurus-raketten te leveren.",
                          "AID DEU -> LTU [Taurus] requested"))
def asker_receives_supply(cand: "Candidate", p: "Parse") -> bool:
    from .frames import who
    parent = p.clauses[cand.clause.parent] if cand.clause.parent is not None else None
    if not (_gives(cand) and not cand.recipient and cand.clause.kind == "inf" and
            parent is not None and asks(parent, p.toks)):
        return False
    cand.recipient = [x for x in who(p.slots(parent).subject)
                      if x.id not in {a.id for a in cand.actor}]
    if cand.recipient:
        cand.why.append("recipient: who asks for the supply")
    return bool(cand.recipient)


@rules.rule("postprocess.condemned-violence", "postprocess",
            "'veroordeelde het geweld': the violence reported just before, by whoever used it",
            rules.example("De Iraanse politie sloeg demonstranten in Teheran neer. Frankrijk "
                          "en Duitsland overlegden. Frankrijk veroordeelde het geweld.",
                          "ACCUSE FRA -> IRN"))
def condemned_violence(cand: "Candidate", p: "Parse") -> bool:
    if cand.event != "ACCUSE" or cand.recipient or \
            not {p.toks[i].lemma.lower() for i in cand.clause.tokens} & VIOLENCE:
        return False
    accusers = {a.id for a in cand.actor}
    for e in reversed(p.memory.events[-8:]):
        if e.event in ("COERCE", "ASSAULT") and e.actor and \
                not accusers & {a.country_code for a in e.actor}:
            cand.recipient = [_participant(a) for a in e.actor]
            cand.why.append(f"the violence condemned is that of sentence {e.sentence_index}")
            return True
    return False


def _asked(cand: "Candidate", p: "Parse"):
    """The request just made to the one refusing."""
    me = {a.id for a in cand.actor}
    return next((e for e in reversed(p.memory.events[-4:]) if e.event == "REQUEST"
                 and e.sentence_index >= p.index - 1
                 and me & {r.country_code for r in e.recipient}), None)


@rules.rule("postprocess.refusal-answers-request", "postprocess",
            "'Kiev vroeg Berlijn om Taurus-raketten, maar Berlijn weigerde': a refusal "
            "answers the request just made to the one refusing",
            rules.example("Oekraïne vroeg Duitsland om Taurus-raketten. Nadat Rusland "
                          "Duitsland had gewaarschuwd, weigerde Berlijn.",
                          "REJECT DEU -> UKR"))
def refusal_answers_request(cand: "Candidate", p: "Parse") -> bool:
    if cand.event != "REJECT" or cand.recipient or not cand.actor:
        return False
    me = {a.id for a in cand.actor}
    asked = _asked(cand, p)
    if asked is None:
        return False
    cand.recipient = [_participant(a) for a in asked.actor if a.country_code not in me]
    cand.why.append(f"refuses the request of sentence {asked.sentence_index}")
    return True


@rules.rule("postprocess.unmoved-by-threat", "postprocess",
            "'laat zich niet intimideren': the refusal answers the threat just made",
            rules.example("Rusland dreigde Polen met raketaanvallen. Polen sprak met de "
                          "Verenigde Staten. Polen laat zich niet intimideren.",
                          "REJECT POL -> RUS"))
def unmoved_by_threat(cand: "Candidate", p: "Parse") -> bool:
    if cand.event != "REJECT" or cand.recipient or not cand.actor or \
            p.toks[cand.token].lemma.lower() not in UNMOVED:
        return False
    if rules.on("postprocess.refusal-answers-request") and _asked(cand, p) is not None:
        return False  # it answers the request
    me = {a.id for a in cand.actor}
    threat = next((e for e in reversed(p.memory.events[-4:]) if e.event in
                   ("THREATEN", "COERCE") and e.sentence_index >= p.index - 2
                   and not me & {a.country_code for a in e.actor}), None)
    if threat is None:
        return False
    cand.recipient = [_participant(a) for a in threat.actor]
    cand.why.append(f"does not give in to the threat of sentence {threat.sentence_index}")
    return True


@rules.rule("postprocess.permission-asked-of-maker", "postprocess",
            "permission for weapons is asked of the state that made them (it licenses "
            "their export)",
            rules.example("Polen wil Leopard 2-tanks aan Oekraïne geven en vraagt daarvoor "
                          "toestemming.", "REQUEST POL -> DEU"))
def permission_asked_of_maker(cand: "Candidate", p: "Parse") -> bool:
    if cand.event != "REQUEST" or cand.recipient or not cand.actor or \
            not _names_any(cand.clause, p.toks, PERMISSION):
        return False
    me = {a.id for a in cand.actor}
    made = [e.origin for x in p.phrases for e in x.equipment if e.origin] + \
        [e.origin for _, e, _ in reversed(p.memory.equipment) if e.origin]
    state = next((c for c in made if c not in me), None)
    ref = _state_ref(state)
    if ref is None:
        return False
    cand.recipient = [_participant(ref)]
    cand.why.append(f"permission for {state}-made weapons is asked of {state}")
    return True


@rules.rule("postprocess.opposition-asks-own-government", "postprocess",
            "the opposition or citizens ask their own government",
            rules.example("De Duitse oppositie eist de levering van Taurus-raketten.",
                          "REQUEST DEU -> DEU"))
def opposition_asks_own_government(cand: "Candidate", p: "Parse") -> bool:
    if cand.event != "REQUEST" or cand.recipient or not cand.actor or \
            cand.actor[0].sector not in ("OPP", "CVL"):
        return False
    cand.recipient = list(cand.actor[:1])
    cand.why.append("a request of the opposition goes to its own government")
    return True


@rules.rule("postprocess.purpose-clause-equipment", "postprocess",
            "the equipment of a purpose clause ('in gesprek om een fabriek voor de drones "
            "op te zetten') is the event's",
            rules.example("Rusland en Iran overleggen om samen Shahed-drones te bouwen.",
                          "CONSULT RUS -> IRN [Shahed-136]"))
def purpose_clause_equipment(cand: "Candidate", p: "Parse") -> bool:
    from .frames import equipment_of
    if cand.equipment:
        return False
    conj = ("om", "dat") if cand.event == "THREATEN" else ("om",)
    kids = [c for c in p.clauses if c.parent == cand.clause.index and c.conj in conj]
    cand.equipment = equipment_of([x for x in p.phrases if any(k.has(x.head) for k in kids)])
    return bool(cand.equipment)


@rules.rule("postprocess.purpose-clause-recipient", "postprocess",
            "'adviseurs gestuurd om de Russen te helpen': the purpose clause names who gains",
            rules.example("Noord-Korea heeft soldaten gestuurd om Rusland te versterken, "
                          "zeggen Zuid-Korea en de Zuid-Koreaanse geheime dienst.",
                          "AID PRK -> RUS [personnel]"))
def purpose_clause_recipient(cand: "Candidate", p: "Parse") -> bool:
    if not _gives(cand) or cand.recipient:
        return False
    kids = [c for c in p.clauses if c.parent == cand.clause.index and c.conj == "om"]
    gain = [x for k in kids for ph in p.phrases if k.has(ph.head) and ph.prep is None
            for x in ph.parts if x.id not in {a.id for a in cand.actor}]
    if not gain:
        return False
    cand.recipient = gain[:1]
    cand.why.append("recipient from the purpose clause ('om ... te helpen')")
    return True


@rules.rule("postprocess.supply-asked-before", "postprocess",
            "'zulke vliegtuigen zijn nog niet geleverd': the supply of that equipment asked "
            "for or made before",
            rules.example("Oekraïne vraagt de Verenigde Staten om F-16's. Die F-16's zijn nog "
                          "niet geleverd.", "AID USA -> UKR [F-16] negated"))
def supply_asked_before(cand: "Candidate", p: "Parse") -> bool:
    if not _gives(cand) or cand.actor or cand.recipient or not cand.equipment:
        return False
    names = {e.name for e in cand.equipment if e.name}
    for e in reversed(p.memory.events[-6:]):
        if names & {q.name for q in e.equipment} and e.event in ("REQUEST", "AID"):
            giver, taker = (e.recipient, e.actor) if e.event == "REQUEST" else \
                (e.actor, e.recipient)
            cand.recipient = [_participant(r) for r in taker]
            if cand.clause.kind in ("main", "coord"):  # not "om ze door te leveren"
                cand.actor = [_participant(a) for a in giver]
            cand.why.append(f"the supply asked for or made in sentence {e.sentence_index}")
            return True
    return False


@rules.rule("postprocess.nominal-supply-of-earlier", "postprocess",
            "'de levering' with nothing said is the supply (or purchase) talked about just "
            "before",
            rules.example("Rusland probeert raketten in Iran te kopen. Teheran heeft de "
                          "levering uitgesteld.", "AID IRN -> RUS [missile] negated"))
def nominal_supply_of_earlier(cand: "Candidate", p: "Parse") -> bool:
    if not cand.trigger.nominal or cand.event != "AID" or cand.recipient:
        return False
    mine = {a.id for a in cand.actor}
    word = p.toks[cand.token].text
    for e in reversed(p.memory.events[-6:]):
        if e.event == "AID" and mine and not mine & {a.country_code for a in e.actor}:
            continue  # another supplier's supply is not this one
        if e.event == "AID" and e.recipient:
            cand.recipient = [_participant(r) for r in e.recipient]
            cand.equipment = cand.equipment or list(e.equipment)
            cand.why.append(f"'{word}' = the supply of sentence {e.sentence_index}")
            return True
        if e.event == "REQUEST" and e.actor and e.frame == "buy":
            cand.recipient = [_participant(r) for r in e.actor]
            cand.equipment = cand.equipment or list(e.equipment)
            cand.why.append(f"'{word}' = the purchase of sentence {e.sentence_index}")
            return True
    return False


@rules.rule("postprocess.intercepted-weapons-of-attack", "postprocess",
            "weapons intercepted with no shooter said are those of the attack just "
            "reported, shot down by its target",
            rules.example("Rusland vuurde dertig drones af op Oekraïne. 28 van de drones "
                          "werden onderschept.", "ASSAULT UKR -> RUS [drone]"))
def intercepted_weapons_of_attack(cand: "Candidate", p: "Parse") -> bool:
    if not cand.needs_opponent or cand.actor or cand.recipient:
        return False
    kinds = _kinds(cand.equipment)
    attack = next((e for e in reversed(p.memory.events[-4:]) if e.event == "ASSAULT"
                   and e.sentence_index >= p.index - 1 and e.actor and e.recipient
                   and kinds & _kinds(e.equipment)), None)
    if attack is None:
        return False
    cand.actor = [_participant(r) for r in attack.recipient]
    cand.recipient = [_participant(a) for a in attack.actor]
    cand.why.append(f"the weapons of the attack of sentence {attack.sentence_index}, "
                    f"shot down by its target")
    return True


@rules.rule("postprocess.shot-down-weapon-of-attacker", "postprocess",
            "a weapon shot down belongs to whoever has been attacking the shooter",
            rules.example("Rusland viel Oekraïne opnieuw aan. Oekraïne schoot een "
                          "Shahed-drone neer.", "ASSAULT UKR -> RUS"))
def shot_down_weapon_of_attacker(cand: "Candidate", p: "Parse") -> bool:
    if not cand.needs_opponent:
        return False
    memory = p.memory
    shooters = {a.id for a in cand.actor}
    foes = Counter(a.country_code for e in memory.events if e.event == "ASSAULT"
                   for a in e.actor if shooters & {r.country_code for r in e.recipient})
    if not (foes and shooters):
        return False
    code = foes.most_common(1)[0][0]
    ref = next(a for e in memory.events for a in e.actor if a.country_code == code)
    cand.recipient = [_participant(ref)]
    cand.why.append("the weapon shot down belongs to the side attacking the shooter")
    return True


@rules.rule("postprocess.shot-down-weapon-supplied", "postprocess",
            "a weapon shot down belongs to the side the article said got these systems "
            "('Iran leverde Shahed-drones aan Rusland')",
            rules.example("Iran leverde Shahed-drones aan Rusland. Oekraïne schoot tien "
                          "Shahed-drones neer.", "ASSAULT UKR -> RUS [Shahed-136]"))
def shot_down_weapon_supplied(cand: "Candidate", p: "Parse") -> bool:
    if not cand.needs_opponent or cand.recipient:
        return False
    shooters = {a.id for a in cand.actor}
    names = {e.name for e in cand.equipment if e.name}
    supplied = next((e for e in reversed(p.memory.events) if e.event == "AID"
                     and e.recipient and names & {q.name for q in e.equipment}), None)
    if supplied is None:
        return False
    cand.recipient = [_participant(r) for r in supplied.recipient
                      if r.country_code not in shooters]
    cand.why.append(f"the weapon shot down is the one supplied to "
                    f"{', '.join(r.country_code or '' for r in supplied.recipient)}"
                    f" (sentence {supplied.sentence_index})")
    return bool(cand.recipient)


@rules.rule("postprocess.shot-down-weapon-maker", "postprocess",
            "else a weapon shot down belongs to the systems' country of origin",
            rules.example("Oekraïne schoot een Shahed-drone neer.",
                          "ASSAULT UKR -> IRN [Shahed-136]"))
def shot_down_weapon_maker(cand: "Candidate", p: "Parse") -> bool:
    from .frames import _catalogue_origin
    if not cand.needs_opponent or cand.recipient:
        return False
    cand.recipient = _catalogue_origin(
        [x for x in p.phrases if x.equipment and any(e in cand.equipment for e in x.equipment)],
        cand.actor)
    return bool(cand.recipient)


COMPLETIONS = (asker_receives_supply, condemned_violence, refusal_answers_request,
               unmoved_by_threat, permission_asked_of_maker, opposition_asks_own_government,
               purpose_clause_equipment, purpose_clause_recipient, supply_asked_before,
               nominal_supply_of_earlier, intercepted_weapons_of_attack,
               shot_down_weapon_of_attacker, shot_down_weapon_supplied, shot_down_weapon_maker)


def complete(cand: "Candidate", p: "Parse") -> None:
    """Fill what the clause leaves to context, trying each rule in turn."""
    for fill in COMPLETIONS:
        fill(cand, p)
