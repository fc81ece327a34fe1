"""A candidate event and the helpers that read roles off phrases: who a phrase names,
the side a weapon belongs to, the equipment of a theme, a system's maker country."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon import Trigger
from ..models import EquipmentRef, Token
from . import rules
from .phrases import Participant, Phrase
from .slots import Slots

if TYPE_CHECKING:
    from .clauses import Clause

ex = rules.example


@dataclass
class Candidate:
    event: str
    trigger: Trigger
    token: int  # trigger token index
    clause: Clause
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    equipment: list[EquipmentRef] = field(default_factory=list)
    status: str | None = None
    why: list[str] = field(default_factory=list)
    implicit_actor: bool = False  # the text leaves the actor out (passive, nominal)
    needs_opponent: bool = False  # a shot-down weapon's side is the shooter's opponent
    extra_equipment: list[EquipmentRef] = field(default_factory=list)  # training = personnel
    theme: list[Phrase] = field(default_factory=list)
    places: list[Participant] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)  # rules that decided it (for explain)


def attached(ph: Phrase, phrases: list[Phrase], prep: str | None = None) -> list[Phrase]:
    """PP phrases that modify `ph` (recursively), optionally with one preposition."""
    idx = phrases.index(ph)
    out = []
    for k, p in enumerate(phrases):
        if p.attach == idx or (p.attach is not None and phrases[p.attach].group == ph.group
                               and phrases[p.attach] is ph):
            if prep is None or p.prep == prep:
                out.append(p)
            out.extend(attached(p, phrases, prep))
    return out


def who(phrases: list[Phrase], use_assoc: bool = False, use_places: bool = False
        ) -> list[Participant]:
    out: list[Participant] = []
    for p in phrases:
        items = list(p.parts)
        if not items and use_assoc:
            items = list(p.assoc)
        if not items and use_places:
            items = list(p.places)
        for x in items:
            if not any(y.id == x.id for y in out):
                out.append(x)
    return out


def weapon_users(phrases: list[Phrase]) -> list[Participant]:
    """The side a weapon belongs to: 'Russische drones' -> Russia (not the maker)."""
    out = []
    for p in phrases:
        if p.equipment and p.assoc:
            out.extend(x for x in p.assoc if x.id not in {o.code for o in p.origin})
    return out


def equipment_of(phrases: list[Phrase], extra: list[EquipmentRef] = ()) -> list[EquipmentRef]:
    out: list[EquipmentRef] = []
    for e in [e for p in phrases for e in p.equipment] + list(extra):
        if not any((e.name or e.cls) == (o.name or o.cls) for o in out):
            out.append(e)
    return out


def uniq(items: list[Participant]) -> list[Participant]:
    out = []
    for x in items:
        if x.id and not any(y.id == x.id for y in out):
            out.append(x)
    return out


def _catalogue_origin(theme: list[Phrase], exclude: list[Participant]) -> list[Participant]:
    """The maker country of the systems named in the text (F-16 -> USA), as a last resort;
    not of a system only guessed from an earlier sentence."""
    from ..knowledge import load_catalog
    cat = load_catalog()
    skip = {x.id for x in exclude}
    out = []
    for p in theme:
        for e in p.equipment:
            named_here = e.name and (e.name.lower()[:3] in e.raw_text.lower() or
                                     e.raw_text.lower() in ("exemplaren",))
            if named_here and e.origin and e.origin not in skip:
                ent = cat.country(e.origin)
                if ent:
                    out.append(Participant(key=ent.key, name=ent.name, code=ent.code,
                                           raw=e.raw_text, start=-1, end=-1, via="origin",
                                           wikidata=ent.wikidata))
    return uniq(out)


@dataclass
class Scene:
    """What a frame rule reads: the candidate it fills, the clause's slots and the
    slots' roles once the passive is undone."""
    c: Candidate
    s: Slots
    phrases: list[Phrase]
    toks: list[Token]
    token: int
    passive: bool
    agent: list[Phrase]
    doer: list[Phrase]
    patient: list[Phrase]
    finish: bool = True  # False: the candidate stays as it is (no one is hit)

    @property
    def subj(self) -> list[Phrase]:
        return self.s.subject

    @property
    def objs(self) -> list[Phrase]:
        return self.s.objects

    def unsaid_actor(self) -> None:
        """A passive without 'door': the text leaves the doer out."""
        if rules.applies("frame.passive-unsaid-actor", self.passive and not self.agent):
            self.c.implicit_actor = True  # "zulke vliegtuigen zijn nog niet geleverd"


@rules.rule("frame.catalogue-origin", "frame",
            "as a last resort, the maker country of a system named in the clause "
            "(F-16 -> USA) is its supplier, trainer or addressee",
            ex("Oekraïense piloten worden getraind op de F-16.", "AID USA -> UKR"), off=[])
def catalogue_origin(theme: list[Phrase], exclude: list[Participant]) -> list[Participant]:
    return _catalogue_origin(theme, exclude)


def _users(*groups: list[Phrase]) -> list[Participant]:
    """The side the weapons of the first group that has one belong to."""
    for g in groups:
        found = weapon_users(g)
        if found:
            break
    return found if rules.applies("frame.weapon-user", found) else []


rules.define("frame.weapon-user", "frame",
             "without a named doer, the side a weapon belongs to attacks or fires "
             "('Russische drones troffen Kiev' -> Russia)",
             ex("Russische drones vielen Odesa aan.", "ASSAULT RUS -> UKR"))
rules.define("frame.passive-agent", "frame",
             "in a passive clause the subject is the patient and the 'door' PP the doer",
             ex("Kiev werd door Rusland aangevallen.", "ASSAULT RUS -> UKR"))
rules.define("frame.passive-unsaid-actor", "frame",
             "a passive without 'door' leaves its doer unsaid: an event without actor",
             ex("Er werden tanks aan Oekraïne geleverd.", "AID - -> UKR"))
