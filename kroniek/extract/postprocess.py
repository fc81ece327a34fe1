"""Document-level steps on the finished events: background too old to be news, denials
that mark the claim they answer, recipients a careful reader supplies, and duplicate
reports. Each step is a registered rule, run in the order of `STEPS`.

The sentence-level context rules live in referents.py ('dat verzoek'), context_rules.py
(what a clause leaves to context) and discourse.py ('Het gaat om ...', 'Dat meldt
Reuters'); their entry points are importable from here too."""
from __future__ import annotations

from collections import Counter

from ..lexicon import table
from ..models import AnalyzedDocument, EventReport
from . import rules
from .context_rules import addressees, asks, blames, complete, permits
from .discourse import (_state_ref, attribute_previous, elaboration, mark,  # noqa: F401
                        quote_tag_covers_quote)
from .memory import Memory
from .referents import REFERENT_NOUNS, resolve_reference

__all__ = ["REFERENT_NOUNS", "addressees", "asks", "attribute_previous", "blames", "permits",  # not Dutch
           "complete", "elaboration", "resolve_reference", "run"]

HISTORY_YEARS = 20  # events this much older than the article are background, not news


@rules.rule("postprocess.history-background", "postprocess",
            f"events dated more than {HISTORY_YEARS} years before the article are background, "
            "not news",
            rules.example("In 1991 leverde Rusland tanks aan Irak.", "no AID"))
def drop_history(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                 trace) -> bool:
    year = int(analyzed.doc.date[:4])
    old = [e for e in events if int((e.enddate or e.date or analyzed.doc.date)[:4])
           < year - HISTORY_YEARS]
    for e in old:
        trace.doc_notes.append(f"sentence {e.sentence_index}: {e.event} dated {e.date} is "
                               f"historical background; not recorded")
    events[:] = [e for e in events if e not in old]
    return bool(old)


DENIED_KINDS = table("denied_kinds")
rules.define("postprocess.denial-names-kind", "postprocess",
             "the object of a denial names the kind of act denied ('ontkent de aanval'); "
             "without one, attacks are not denied (their toll is)",
             rules.example("Iran viel Israël aan. Teheran ontkent de aanval.",
                           "ASSAULT IRN -> ISR denied"))


@rules.rule("postprocess.denial-marks-claim", "postprocess",
            "a denial ('ontkent', 'spreekt tegen') marks the claim it answers as denied: the "
            "kind of act its object names, by the denier, in the sentences just before",
            rules.example("Iran heeft drones aan Rusland geleverd. Teheran ontkent de "
                          "wapenleveringen.", "AID IRN -> RUS denied"))
def mark_denials(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                 trace) -> bool:
    done = False
    for rej in events:
        if not _is_denial(rej) or rej.status == "negated":  # 'ontkent niet'
            continue
        words = set(rej.sentence_text.lower().replace(".", " ").split())
        named = next((v for k, v in DENIED_KINDS.items() if k in words), None)
        kinds = named if rules.applies("postprocess.denial-names-kind", named) else \
            ("AID", "REQUEST", "MOBILIZE", "COOPERATE")  # not attacks: their toll is denied
        deniers = {a.country_code for a in rej.actor}
        for e in events:
            if e is rej or e.sentence_index > rej.sentence_index or \
                    e.sentence_index < rej.sentence_index - 3:
                continue
            side = {a.country_code for a in e.actor} | (
                {r.country_code for r in e.recipient} if e.event == "AID" else set())
            if e.event in kinds and e.frame not in ("train", "help") and deniers & side and \
                    e.status in ("asserted", "reported"):
                e.status = "denied"
                e.why.append(f"denied by sentence {rej.sentence_index}")
                mark(e, "postprocess.denial-marks-claim")
                done = True
    return done


# 'Ook Denemarken heeft toestellen toegezegd': an additive particle says the actor does
# what the previous one did, so the previous supply's recipient is meant
ADDITIVE = {"ook", "eveneens", "tevens", "evenzo", "evenals"}


def _parallel_supply(e: EventReport, earlier: list[EventReport]) -> EventReport | None:
    """The supply just before (the same or previous sentence) that this one adds to,
    when an additive particle says so. Supplies there to different recipients
    ('S-300s to Ukraine after Patriots went to Slovakia') leave it open. (The same
    class of equipment needs no rule: 'zes gevechtsvliegtuigen' after F-16s is read as
    those F-16s, and the same system's recipient is taken.)"""
    words = set(e.sentence_text.lower().replace(",", " ").replace(".", " ").split())
    if not words & ADDITIVE:
        return None
    near = [p for p in earlier if p.sentence_index >= e.sentence_index - 1
            and p.event == "AID" and p.recipient and p.frame == "give"]
    if len({tuple(sorted(r.country_code or "" for r in p.recipient)) for p in near}) != 1:
        return None
    return near[-1]


def _actor_codes(e: EventReport) -> set:
    return {a.country_code for a in e.actor}


@rules.rule("postprocess.recipient-of-same-system", "postprocess",
            "a supply without a stated recipient goes where the same system went before",
            rules.example("De Duitse regering en de Duitse minister zeggen dat Duitsland "
                          "Patriot-systemen aan Oekraïne levert. Nederland levert een "
                          "Patriot-systeem.", "AID NLD -> UKR [Patriot]"))
def same_system_recipient(e: EventReport, earlier: list[EventReport]) -> bool:
    names = {q.name for q in e.equipment if q.name}
    actor = _actor_codes(e)
    for prev in reversed(earlier):
        if prev.event == "AID" and prev.recipient and names & {q.name for q in prev.equipment}:
            e.recipient = [r for r in prev.recipient if r.country_code not in actor]
            e.why.append(f"recipient from the earlier supply of the same system "
                         f"(sentence {prev.sentence_index})")
            break
    if e.recipient:
        mark(e, "postprocess.recipient-of-same-system")
    return bool(e.recipient)


@rules.rule("postprocess.recipient-of-parallel-supply", "postprocess",
            "'Ook Denemarken heeft toestellen toegezegd': an additive particle takes the "
            "recipient of the supply just before",
            rules.example("De Nederlandse premier en de Nederlandse minister zeggen dat "
                          "Nederland F-16's aan Oekraïne levert. Ook Denemarken heeft tanks "
                          "toegezegd.", "AID DNK -> UKR"))
def parallel_supply_recipient(e: EventReport, earlier: list[EventReport]) -> bool:
    prev = _parallel_supply(e, earlier)
    if prev is None:
        return False
    e.recipient = [r for r in prev.recipient if r.country_code not in _actor_codes(e)]
    if not e.recipient:
        return False
    e.why.append(f"recipient from the supply it adds to (sentence {prev.sentence_index})")
    mark(e, "postprocess.recipient-of-parallel-supply")
    return True


@rules.rule("postprocess.recipient-article-focus", "postprocess",
            "else a supply without a recipient goes to the state the article is about (the "
            "most often named, supplies counting double)",
            rules.example("Oekraïne wacht op hulp. Oekraïne heeft dringend munitie nodig. "
                          "Zweden levert gevechtsvliegtuigen.", "AID SWE -> UKR"))
def focus_recipient(e: EventReport, focus: Counter) -> bool:
    actor = _actor_codes(e)
    code = next((c for c, _ in focus.most_common() if c and c not in actor), None)
    state = _state_ref(code)
    if state is None:
        return False
    e.recipient = [state]
    e.why.append(f"recipient implicit: the article's main recipient {code}")
    mark(e, "postprocess.recipient-article-focus")
    return True


def supply_recipients(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                      trace) -> None:
    """A supply without a stated recipient goes where the same equipment went before,
    else where the supply just before it went when it says it adds to that one ('Ook
    Denemarken heeft toestellen toegezegd'), else to the state the article is about
    (the most often named, supplies counting double)."""
    focus = Counter(memory.mentions)
    for e in events:
        if e.event == "AID":
            for r in e.recipient:
                focus[r.country_code] += 2
    for k, e in enumerate(events):
        if e.event != "AID" or e.recipient or not e.actor or e.frame != "give":
            continue
        same_system_recipient(e, events[:k])
        if not e.recipient:
            parallel_supply_recipient(e, events[:k])
        if not e.recipient and focus:
            focus_recipient(e, focus)


def _key(e: EventReport) -> tuple:
    return (e.sentence_index, e.event, e.status,
            tuple(sorted(a.country_code or a.entity_name for a in e.actor)),
            tuple(sorted(r.country_code or r.entity_name for r in e.recipient)))


@rules.rule("postprocess.merge-duplicates", "postprocess",
            "the same event twice in a sentence is one event with the equipment of both",
            rules.example("Duitsland levert tanks aan Oekraïne en stuurt Patriot-systemen "
                          "naar Oekraïne.", "AID DEU -> UKR [tank, Patriot]"))
def merge_duplicates(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                     trace) -> bool:
    seen: dict[tuple, EventReport] = {}
    for e in events:
        key = _key(e)
        if key in seen:
            first = seen[key]
            for q in e.equipment:
                if not any((q.name or q.cls) == (x.name or x.cls) for x in first.equipment):
                    first.equipment.append(q)
            mark(first, "postprocess.merge-duplicates")
            continue
        seen[key] = e
    done = len(seen) != len(events)
    events[:] = list(seen.values())
    return done


@rules.rule("postprocess.verb-and-noun-one-event", "postprocess",
            "'legde Iran sancties op': the verb and its noun give one event; a sanction, "
            "accusation or support without a recipient adds nothing to the one with it",
            rules.example("De Verenigde Staten legden Iran sancties op.",
                          "no SANCTION USA -> -"))
def verb_and_noun_one_event(events: list[EventReport], memory: Memory,
                            analyzed: AnalyzedDocument, trace) -> bool:
    keys = [_key(e) for e in events]
    with_recipient = {k[:4] for k in keys if k[4]}
    keep = [bool(k[4] or k[:4] not in with_recipient
                 or e.event not in ("SANCTION", "ACCUSE", "SUPPORT"))
            for k, e in zip(keys, events)]
    if all(keep):
        return False
    dropped = {k[:4] for k, ok in zip(keys, keep) if not ok}
    for k, e in zip(keys, events):
        if k[4] and k[:4] in dropped:
            mark(e, "postprocess.verb-and-noun-one-event")
    kept = [e for e, ok in zip(events, keep) if ok]
    events[:] = kept
    return True


FOCUS_MIN = 2  # a state named once is a detail of the sentence, not the article's focus

rules.define("postprocess.attack-target-the-attacker", "postprocess",
             "else it hits the side that attacked the attacker in the article",
             rules.example("Rusland bestookte Oekraïne met raketten. Oekraïne slaat terug "
                           "met drones.", "ASSAULT UKR -> RUS"))
rules.define("postprocess.attack-target-article-focus", "postprocess",
             "else it hits the state the article names most (at least twice)",
             rules.example("Rusland en Oekraïne praten niet. Rusland eist de Donbas. De "
                           "Russische troepen voeren hun offensief op.", "ASSAULT RUS -> UKR"))


@rules.rule("postprocess.attack-target-from-context", "postprocess",
            "an attack whose sentence names no target hits the target of the nearest attack "
            "by the same side in the article ('Iran valt Israël aan ... Iran vuurde ook "
            "raketten af')",
            rules.example("Iran heeft zaterdag Israël aangevallen met drones. Iran vuurde "
                          "ook tientallen ballistische raketten af.",
                          "ASSAULT IRN -> ISR [ballistic missile]"))
def attack_targets(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                   trace) -> bool:
    done = False
    for e in events:
        if e.event != "ASSAULT" or e.recipient or not e.actor or \
                e.frame not in ("attack", "fire"):
            continue
        mine = _sides(e.actor)
        known = [(o, o.recipient) for o in events if o is not e and o.event == "ASSAULT"
                 and o.recipient and mine & _sides(o.actor) and not mine & _sides(o.recipient)]
        rule = "postprocess.attack-target-from-context"
        if not known and rules.on("postprocess.attack-target-the-attacker"):
            known = [(o, o.actor) for o in events if o is not e and o.event == "ASSAULT"
                     and o.actor and mine & _sides(o.recipient) and not mine & _sides(o.actor)]
            rule = "postprocess.attack-target-the-attacker"
        if not known:
            code, state = _focus_state(memory, mine, e.sentence_index)
            if state is not None and rules.on("postprocess.attack-target-article-focus"):
                e.recipient = [state]
                e.why.append(f"target implicit: the article's most named state {code}")
                mark(e, "postprocess.attack-target-article-focus")
                done = True
            continue
        o, target = _nearest(known, e)
        e.recipient = list(target)
        e.why.append(f"target from the attack of sentence {o.sentence_index}")
        mark(e, rule)
        done = True
    return done


@rules.rule("postprocess.restated-attack-equipment", "postprocess",
            "an attack with no weapon named, by the same side on the same target as an "
            "attack with weapons up to three sentences away, retells that attack: its weapons",
            rules.example("Volgens Oekraïne heeft Rusland vannacht Kiev aangevallen met "
                          "drones. De aanval van Rusland op Oekraïne duurde uren.",
                          "ASSAULT RUS -> UKR [drone] asserted"))
def restated_attacks(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                     trace) -> bool:
    done = False
    for e in events:
        if e.event != "ASSAULT" or e.equipment or not e.actor or not e.recipient or \
                not e.why or not e.why[0].startswith(("noun ", "verb ")):
            continue
        armed = [o for o in events if o is not e and o.event == "ASSAULT" and o.equipment
                 and _sides(o.actor) == _sides(e.actor)
                 and _sides(o.recipient) == _sides(e.recipient)
                 and abs(o.sentence_index - e.sentence_index) <= 3]
        if not armed:
            continue
        o, _ = _nearest([(o, None) for o in armed], e)
        e.equipment = list(o.equipment)
        e.why.append(f"the attack of sentence {o.sentence_index} told again: its weapons")
        mark(e, "postprocess.restated-attack-equipment")
        done = True
    return done


# types whose other side a reader takes from the exchange the article tells, when the
# sentence leaves it out ('Maar hij eist garanties'; 'Turkije ging alsnog akkoord')
# (not coercion or sanctions, which are as often domestic or passive with an unnamed
# imposer; not denials, whose other side is the accuser, not the party of the act denied)
DYADIC = ("AGREE", "REJECT", "REQUEST", "CONSULT", "ACCUSE", "THREATEN", "SUPPORT",  # not Dutch
          "COOPERATE", "CONCEDE", "RETREAT", "YIELD")
COUNTERPART_REACH = 3  # sentences


rules.define("postprocess.counterpart-article-focus", "postprocess",
             "else the other side of such an exchange is the state the article names most",
             rules.example("Rusland zet de oorlog in Oekraïne voort. Rusland wil de "
                           "hele Donbas. Oekraïne weigert gebied af te staan.",
                           "REJECT UKR -> RUS"))


@rules.rule("postprocess.counterpart-from-context", "postprocess",
            "an exchange whose sentence names one side only has, as its other side, the "
            "party that side dealt with in the nearest event of the article (earlier first)",
            rules.example("De Verenigde Staten leverden Patriots aan Oekraïne. Kyiv vraagt "
                          "om meer luchtafweer.", "REQUEST UKR -> USA"))
def counterparts(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument,
                 trace) -> bool:
    done = False
    for e in events:
        if e.event not in DYADIC or bool(e.actor) == bool(e.recipient) or \
                _is_denial(e):
            continue
        known = e.actor or e.recipient
        mine = _sides(known)
        near = []
        for o in events:
            if o is e or abs(o.sentence_index - e.sentence_index) > COUNTERPART_REACH:
                continue
            for a, b in ((o.actor, o.recipient), (o.recipient, o.actor)):
                other = [x for x in b if _sides([x]) - mine]
                if mine & _sides(a) and other:
                    near.append((o, other))
        if not near:
            code, state = _focus_state(memory, mine)
            if state is not None and rules.applies("postprocess.counterpart-article-focus", True):
                if e.actor:
                    e.recipient = [state]
                else:
                    e.actor = [state]
                e.why.append(f"other side implicit: the article's most named state {code}")
                mark(e, "postprocess.counterpart-article-focus")
                done = True
            continue
        o, other = _nearest(near, e)
        if e.actor:
            e.recipient = other[:1]
        else:
            e.actor = other[:1]
        e.why.append(f"other side from the exchange of sentence {o.sentence_index}")
        mark(e, "postprocess.counterpart-from-context")
        done = True
    return done


def _nearest(found: list[tuple], e: EventReport) -> tuple:
    """The (event, what it gives) whose event is nearest to E, an earlier one before a
    later one at the same distance."""
    return min(found, key=lambda t: (abs(t[0].sentence_index - e.sentence_index),
                                     t[0].sentence_index > e.sentence_index))


def _focus_state(memory: Memory, mine: set, sentence: int | None = None):
    """The state the article names most (at least FOCUS_MIN times), not one of `mine`
    and, given a sentence, not one that sentence names: the target of an attack named
    there would be the frame's ('vechten aan de zijde van de Russen' names an ally).
    (Not for exchanges: on the kept-aside articles that cost more than it gained.)"""
    here = {p.code for i, _, p in memory.states if i == sentence}
    code = next((c for c, n in memory.mentions.most_common()
                 if c and c not in mine | here and n >= FOCUS_MIN), None)
    return code, _state_ref(code)


def _is_denial(e: EventReport) -> bool:
    return e.event == "REJECT" and e.trigger.lower()[:5] in ("ontke", "spree", "tegen")


def _sides(parties) -> set:
    return {x.country_code or x.entity_name for x in parties}


@rules.rule("postprocess.accusation-of-no-one", "postprocess",
            "an accusation ('beschuldigen', 'verwijten', 'verdenken') that accuses no party even after the article's context is searched, "
            "with no weapon, military word or negative label in its sentence ('verweet de "
            "supermarkten ...'), is domestic news: no event",
            rules.example("De Belgische premier beschuldigde de vakbonden ervan het land te "
                          "verlammen.", "no ACCUSE"),
            rules.example("De Spaanse minister verweet de supermarkten dat zij de prijzen te "
                          "hoog houden.", "no ACCUSE"))
def accusations_of_no_one(events: list[EventReport], memory: Memory,
                          analyzed: AnalyzedDocument, trace) -> bool:
    from ..lexicon import load_lexicon
    from .military import military_words
    from ..lexicon import words
    accusing = words("blame_verbs")
    labels = load_lexicon().negative_labels

    def idle(e: EventReport) -> bool:
        if e.event != "ACCUSE" or e.recipient or e.equipment:
            return False
        # a gated analysis keeps only some sentences: find it by its index
        toks = next((s.tokens for s in analyzed.sentences if s.index == e.sentence_index), [])
        verb = [t for t in toks if t.text == e.trigger and t.lemma.lower() in accusing]
        return bool(verb) and not military_words(toks) and not any(t.lemma.lower() in labels for t in toks)
    kept = [e for e in events if not idle(e)]
    if len(kept) == len(events):
        return False
    events[:] = kept
    return True


STEPS = (drop_history, mark_denials, supply_recipients, attack_targets, restated_attacks,
         counterparts, accusations_of_no_one,
         merge_duplicates,
         verb_and_noun_one_event)


def run(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument, trace
        ) -> list[EventReport]:
    events = list(events)
    for step in STEPS:
        step(events, memory, analyzed, trace)
    return events
