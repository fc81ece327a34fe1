"""What 'dat verzoek', 'dit' or 'het besluit' points back at: a REJECT, AGREE, ACCUSE or
SUPPORT of an earlier act is aimed at whoever did (or reported) that act."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..lexicon import table, words
from . import rules
from .discourse import _participant

if TYPE_CHECKING:
    from .frames import Candidate, Slots
    from .parse import Parse

# What a demonstrative noun phrase refers back to: the event types that can be its
# antecedent (None: any).
REFERENT_NOUNS = table("referent_nouns")
# Nouns that name the article's main act: their antecedent is the most talked-about one.
SALIENT = words("salient_nouns")
DETERMINERS = words("referent_determiners")


def _object_noun(cand: "Candidate", s: "Slots", toks) -> str | None:
    for ph in s.objects + s.pp("met", "op"):
        lemma = toks[ph.head].lemma.lower()
        first = toks[ph.start].lemma.lower()
        if lemma in ("dat", "dit", "het") and toks[ph.head].pos == "VNW":
            return "dat" if lemma == "het" else lemma
        if lemma in REFERENT_NOUNS and first in DETERMINERS:
            return lemma
    return None


@rules.rule("coreference.owner-named-before", "coreference",
            "'het besluit' after 'het Duitse besluit': the noun said before with its owner "
            "is that owner's",
            rules.example("Oekraïne is blij met het Duitse besluit over de Taurus. Rusland "
                          "veroordeelt het besluit.", "ACCUSE RUS -> DEU"))
def _owner_named_before(cand: "Candidate", p: "Parse", noun: str, actor_ids: set) -> bool:
    owner = p.memory.owners.get(noun)
    if owner and owner.code not in actor_ids:
        cand.recipient = [owner]
        cand.why.append(f"'{noun}' was named before as {owner.name}'s")
        return True
    return False


rules.define("coreference.opposition-own-government-act", "coreference",
             "the opposition's 'de levering' may be its own government's act",
             rules.example("Duitsland levert Taurus-raketten aan Oekraïne. De Duitse oppositie "
                           "veroordeelt de levering.", "ACCUSE DEU -> DEU"))


@rules.rule("coreference.salient-act", "coreference",
            "'de levering', 'het besluit' refers to the article's main act of that kind, "
            "by the state that did it most often",
            rules.example("Duitsland levert Leopard-tanks aan Oekraïne. Duitsland stuurt ook "
                          "munitie naar Oekraïne. Rusland sprak met China. Moskou "
                          "veroordeelt de levering.",
                          "ACCUSE RUS -> DEU"))
def _salient_act(cand: "Candidate", p: "Parse", noun: str, types, actor_ids: set) -> bool:
    memory = p.memory
    own_side_ok = rules.applies("coreference.opposition-own-government-act",
                                any(a.sector == "OPP" for a in cand.actor))
    counts = Counter(a.country_code for e in memory.events if e.event in (types or ())
                     for a in e.actor if own_side_ok or a.country_code not in actor_ids)
    if not counts:
        return False
    code = counts.most_common(1)[0][0]
    ref = next(a for e in memory.events for a in e.actor if a.country_code == code)
    cand.recipient = [_participant(ref)]
    cand.why.append(f"'{noun}' is the article's main {types[0]} event, by {code}")
    return True


rules.define("coreference.granted-request-is-supply", "coreference",
             "granting 'dat verzoek' for weapons is a planned supply of what was asked",
             rules.example("Oekraïne vroeg Duitsland om Taurus-raketten. Berlijn willigde dat "
                           "verzoek in.", "AID DEU -> UKR [Taurus]"))


@rules.rule("coreference.earlier-event", "coreference",
            "'dat verzoek', 'die beschuldiging' refers to the latest event of its kind in "
            "the three sentences before, aimed at its actor (or at who reported it)",
            rules.example("Rusland eiste dat Oekraïne zich terugtrekt. Oekraïne sprak met "
                          "Polen. Kiev wees dat verzoek af.", "REJECT UKR -> RUS"))
def _earlier_event(cand: "Candidate", p: "Parse", noun: str, types, actor_ids: set) -> bool:
    for e in reversed(p.memory.events):
        if types is not None and e.event not in types:
            continue
        if e.sentence_index < p.index - 3:
            break
        side = (e.actor + e.recipient) if e.event in ("COOPERATE", "CONSULT") else e.actor
        # denying one's own reported act answers whoever reported it
        owners = [a for a in side if (a.country_code or a.entity_name) not in actor_ids] or \
            [a for a in e.attribution if a.country_code and a.country_code not in actor_ids]
        if owners:
            cand.recipient = [_participant(a) for a in owners]
            cand.why.append(f"'{noun}' refers to the {e.event} event of sentence "
                            f"{e.sentence_index}")
            if rules.applies("coreference.granted-request-is-supply",
                             noun == "verzoek" and cand.event == "AGREE" and
                             e.event == "REQUEST"):
                cand.event = "AID"
                cand.equipment = list(e.equipment)
                cand.status = cand.status or "planned"
            return True
        if actor_ids & {a.country_code for a in side}:
            break  # its own act, reported by no one we can name: not an older event
    return False


@rules.rule("coreference.dat-answers-source", "coreference",
            "a bare 'dit'/'dat' rejected or denied answers the claim of the previous "
            "sentence's source",
            rules.example("Volgens Oekraïne is Iran betrokken bij de oorlog. Teheran ontkent "
                          "dat.", "REJECT IRN -> UKR"))
def _answers_source(cand: "Candidate", p: "Parse", noun: str, actor_ids: set) -> bool:
    prev = p.memory.sources.get(p.index - 1) or []
    owners = [r for r in prev if r.country_code and r.country_code not in actor_ids]
    if not owners:
        return False
    cand.recipient = [_participant(r) for r in owners[:1]]
    cand.why.append(f"'{noun}' answers what the previous sentence's source said")
    return True


def resolve_reference(cand: "Candidate", p: "Parse", s: "Slots") -> None:
    """REJECT/AGREE/ACCUSE of 'dat verzoek', 'dit', 'het besluit': find whose it was."""
    if cand.event not in ("REJECT", "AGREE", "ACCUSE", "SUPPORT") or cand.recipient:
        return
    noun = _object_noun(cand, s, p.toks)
    if noun is None:
        return
    types = REFERENT_NOUNS.get(noun)
    actor_ids = {a.id for a in cand.actor}
    if _owner_named_before(cand, p, noun, actor_ids):
        return
    if noun in SALIENT:
        _salient_act(cand, p, noun, types, actor_ids)
        return
    if _earlier_event(cand, p, noun, types, actor_ids):
        return
    if noun in ("dat", "dit"):
        _answers_source(cand, p, noun, actor_ids)
