"""Roles for a trigger: actor, recipient and equipment from the clause's phrases.

Each frame (the `frame:` of a trigger in lang/nl/triggers.yaml) names one registered
rule function below (`frame.give`, `frame.attack`, ...) that maps syntactic slots --
subject, object, and PPs with aan/door/van/naar/op/tegen/met/bij/voor -- to roles.
Passives swap subject and 'door'-agent. A weapon in the agent slot gives its user as
the actor ("uitgeschakeld door Russische drones" -> Russia).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicon import Trigger
from ..models import Token
from . import rules
from .frame_conflict import CONFLICT, SYMMETRIC
from .frame_supply import arrive, buy, give, help_, receive, request, train, use
from .phrases import Phrase
from .roles import (Candidate, Scene, _catalogue_origin, attached, equipment_of, uniq,
                    weapon_users, who)
from .slots import CAUSES, Slots, _under, relevant, slots

if TYPE_CHECKING:
    from .clauses import Clause

__all__ = ["Candidate", "Slots", "slots", "relevant", "CAUSES", "_under", "assign",  # not Dutch
           "attached", "who", "weapon_users", "equipment_of", "uniq", "_catalogue_origin",
           "FRAMES"]
ex = rules.example

# a trigger's `frame:` names the rule function that fills its roles
FRAMES: dict[str, Callable[[Scene], object]] = {  # not Dutch
    "give": give, "arrive": arrive, "receive": receive, "buy": buy, "use": use,
    "train": train, "help": help_, "request": request, **CONFLICT}

rules.define("frame.elkaar-each-other", "frame",
             "with 'elkaar' and two actors but no recipient, one side does it to the other",
             ex("Israël en Iran beschieten elkaar.", "ASSAULT ISR -> IRN"))
rules.define("frame.no-self-recipient", "frame",
             "a state seldom acts on itself: the actor is no recipient (but in coercion or "
             "for the opposition)",
             ex("Rusland bombardeerde Russische dorpen.", "ASSAULT RUS -> -"))


rules.define("frame.theme-coordination", "frame",
             "weapons coordinated with the theme are theme too ('met gevechtsvliegtuigen, "
             "raketten en drones')",
             ex("De separatisten zeggen dat het Russische leger het gebied aanvalt met "
                "gevechtsvliegtuigen, raketten en drones.",
                "ASSAULT RUS -> - [fighter aircraft,missile,drone]"))


def assign(trig: Trigger, token: int, clause: Clause, s: Slots, phrases: list[Phrase],
           toks: list[Token]) -> Candidate:
    c = Candidate(event=trig.event, trigger=trig, token=token, clause=clause,
                  status=trig.status)
    # the passive belongs to the clause's participle, not to another verb in it
    # ("Iran ontkent betrokken te zijn": 'ontkent' is active)
    passive = clause.passive and not trig.nominal and token == clause.main
    agent = s.pp("door")
    if rules.applies("frame.passive-agent", passive):
        c.why.append("passive: subject is the patient, 'door' gives the agent")
        doer, patient = agent, s.subject + s.objects
    else:
        doer, patient = s.subject, s.objects
    frame = trig.frame
    c.places = who(s.pp("in", "bij", "op"), use_places=True)
    f = Scene(c, s, phrases, toks, token, passive, agent, doer, patient)
    act = FRAMES.get(frame)
    if act is not None:
        act(f)
    if not f.finish:
        return c
    c.actor, c.recipient = uniq(c.actor), uniq(c.recipient)
    # "Israël en Hezbollah beschieten elkaar": each side does it to the other
    if rules.applies("frame.elkaar-each-other",
                     len(c.actor) >= 2 and not c.recipient and frame not in SYMMETRIC and
                     any(toks[k].lemma.lower() == "elkaar" for k in clause.tokens)):
        c.actor, c.recipient = c.actor[:1], c.actor[1:]
        c.why.append("'elkaar': the sides do it to each other")
    opposition = any(a.sector == "OPP" for a in c.actor)
    mine = {a.id for a in c.actor}
    if rules.applies("frame.no-self-recipient", frame != "coerce" and not opposition and
                     any(r.id in mine for r in c.recipient)):
        c.recipient = [r for r in c.recipient if r.id not in mine]
    # "met gevechtsvliegtuigen, raketten en drones": Frog's clause may end at the comma
    more = [q for q in phrases if q.equipment and q not in c.theme and
            any(q.group == p.group for p in c.theme)]
    if rules.applies("frame.theme-coordination", more):
        c.theme = c.theme + more
    c.equipment = equipment_of(c.theme, c.extra_equipment)
    return c

