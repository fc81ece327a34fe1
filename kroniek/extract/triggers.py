"""Trigger words in a clause: verbs by frame, the hand-made triggers of
`special_triggers` (lang/nl/triggers.yaml) each decided by a rule, and nouns
("de levering van ... aan ...") whose roles come from their own phrases or, under a
light verb, from the clause (nominal.py)."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from . import rules
from .frames import assign
from .nominal import nominal
from .roles import Candidate, attached, who
from .slots import Slots
from .status import UNMOVED

if TYPE_CHECKING:
    from .clauses import Clause

ex = rules.example


@rules.rule("trigger.waarschuwen-dat", "trigger",
            "'waarschuwen dat ...' warns that something will happen: THREATEN",
            ex("Rusland waarschuwt dat het Moldavië zal aanvallen.", "THREATEN RUS -> -"),
            off=False)
def _warns_that(verb: str, clause: Clause, clauses) -> bool:
    return verb == "waarschuwen" and any(c.parent == clause.index and c.conj == "dat"
                                         for c in clauses)


@rules.rule("trigger.noemen-negative-label", "trigger",
            "'X noemt Y een provocatie' (a negative label or a quoted word): ACCUSE",
            ex("China noemt de Amerikaanse steun aan Taiwan een provocatie.",
               "ACCUSE CHN -> TWN,USA"), off=False)
def _calls_it_bad(verb: str, clause: Clause, toks, lex) -> bool:
    return verb == "noemen" and _negative_label(clause, toks, lex)


rules.define("trigger.bezorgd-over", "trigger", "'bezorgd over' is an accusation",
             ex("Japan is bezorgd over de Russische steun aan Noord-Korea.",
                "ACCUSE JPN -> PRK,RUS"))
rules.define("trigger.graag-wish", "trigger",
             "'graag' with 'zou/wil' is a wish addressed to whoever can grant it: REQUEST",
             ex("Servië zou graag Russische gevechtsvliegtuigen hebben.",
                "REQUEST SRB -> RUS requested"))
rules.define("trigger.unmoved-reject", "trigger",
             "'laat zich niet intimideren' refuses to give in: REJECT",
             ex("Nederland laat zich niet intimideren door Rusland.", "REJECT NLD -> -"))
rules.define("trigger.light-verb-one-event", "trigger",
             "a noun under a light verb is the one event ('stemde in met de levering'): not "
             "also the verb's AGREE",
             ex("Duitsland stemde in met de levering van tanks aan Oekraïne.", "no AGREE"))


def candidates(clause: Clause, clauses, phrases, toks, s: Slots, lex,
               nominal_only: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    special = lex.special
    for index, verb in ([] if nominal_only else clause.content):
        with rules.collecting() as ids:
            trig = lex.verbs.get(verb)
            if _warns_that(verb, clause, clauses):
                trig = special["waarschuwen"]  # warns that ... will happen
            if _calls_it_bad(verb, clause, toks, lex):
                trig = special["noemen"]
            if trig is not None:
                cand = assign(trig, index, clause, s, phrases, toks)
                cand.why.insert(0, f"verb '{verb}' -> {trig.event} ({trig.frame})")
        if trig is not None:
            out.append(_kept(cand, ids))
            if trig.frame == "use":
                with rules.collecting() as ids:
                    hit = _used_against(cand, s, phrases)
                if hit is not None:
                    out.append(_kept(hit, ids))
    # "bezorgd over" -> ACCUSE
    for i in clause.tokens:
        with rules.collecting() as ids:
            if rules.applies("trigger.bezorgd-over",
                             toks[i].lemma.lower() == "bezorgd" and s.pp("over")):
                cand = assign(special["bezorgd"], i, clause, s, phrases, toks)
                cand.why.insert(0, "'bezorgd over' -> ACCUSE")
                out.append(_kept(cand, ids))
    # "zijn land zou graag terugkeren in het programma": a wish is a request
    words = {toks[i].lemma.lower() for i in clause.tokens}
    with rules.collecting() as ids:
        if rules.applies("trigger.graag-wish", "graag" in words and words & {"zullen", "willen"}
                         and not out and clause.main is not None):
            cand = assign(special["graag"], clause.main, clause, s, phrases, toks)
            cand.why.insert(0, "'graag' + 'zou/wil': a wish addressed to whoever can grant it")
            cand.status = "requested"
            out.append(_kept(cand, ids))
    # "Nederland laat zich niet intimideren": refusing to give in to a threat
    with rules.collecting() as ids:
        if rules.applies("trigger.unmoved-reject",
                         words & UNMOVED and {"zich", "laten"} <= words and
                         words & lex.negation and not out and clause.main is not None):
            word = sorted(words & UNMOVED)[0]
            cand = assign(special["intimideren"], clause.main, clause, s, phrases, toks)
            cand.why.insert(0, f"'laat zich niet {word}' -> REJECT (refuses to give in)")
            out.append(_kept(cand, ids))
    # nominal triggers: "de levering van ... aan ...", "Amerikaanse sancties tegen ..."
    for ph in phrases:
        if not clause.has(ph.head):
            continue
        trig = lex.noun(toks[ph.head].lemma)
        if trig is None:
            continue
        with rules.collecting() as ids:
            cand = nominal(trig, ph, clause, s, phrases, toks, lex)
            if cand is not None:
                content = dict(clause.content)
                # "stemde in met de levering": one event, the supply; not also an AGREE
                if rules.applies("trigger.light-verb-one-event",
                                 cand.why[-1].startswith("actor from the subject of light verb")
                                 and any(c.token in content and c.event == "AGREE"
                                         for c in out)):
                    out = [c for c in out if not (c.token in content and c.event == "AGREE")]
        if cand is not None:
            out.append(_kept(cand, ids))
    return out


WAR_NOUNS = ("oorlog", "strijd", "conflict", "gevecht", "offensief")  # not a table: 5


@rules.rule("trigger.use-against-attack", "trigger",
            "weapons or troops put to use against a side ('tegen X', 'in de oorlog in/tegen "
            "X') are also the user's attack on it",
            ex("Rusland zet Iraanse drones in tegen Oekraïne.", "ASSAULT RUS -> UKR [drone]"),
            off=None)
def _used_against(cand: Candidate, s: Slots, phrases) -> Candidate | None:
    user = cand.recipient
    targets = s.pp("tegen") + [q for p in s.pp("in", "bij") if p.head_lemma in WAR_NOUNS
                               for q in attached(p, phrases) if q.prep in ("in", "tegen")]
    victims = [x for x in who(targets, use_assoc=True, use_places=True)
               if x.id not in {u.id for u in user}]
    if not (user and victims and cand.theme):
        return None
    new = Candidate(event="ASSAULT", trigger=dataclasses.replace(
        cand.trigger, event="ASSAULT", frame="attack", needs=None), token=cand.token,
        clause=cand.clause, actor=list(user), recipient=victims,
        equipment=list(cand.equipment), status=cand.status, theme=list(cand.theme))
    new.why = [f"weapons used against {', '.join(v.id for v in victims)}: an attack"]
    return new


def _kept(cand: Candidate, ids: list[str]) -> Candidate:
    """The candidate with the rules that fired while it was built."""
    cand.fired.extend(ids)
    return cand


def _negative_label(clause: Clause, toks, lex) -> bool:
    words = {toks[i].lemma.lower() for i in clause.tokens}
    if words & lex.negative_labels:
        return True
    return any(toks[i].text in ("'", "‘", '"', "“") for i in clause.tokens)
