"""Discourse-level steps: what 'dat verzoek' or 'dit' points back at, denials that
mark the claim they answer, sources that a later sentence gives ('Dat meldt
Reuters'), recipients a careful reader supplies, and duplicate reports."""
from __future__ import annotations

from collections import Counter

from ..knowledge import load_catalog
from ..models import AnalyzedDocument, EntityRef, EventReport, Sentence
from .frames import Candidate, Slots
from .memory import Memory
from .phrases import Participant
from .status import ACCUSING, PERMISSION, UNMOVED

# What a demonstrative noun phrase refers back to: the event types that can be its antecedent.
REFERENT_NOUNS = {
    "verzoek": ("REQUEST",), "vraag": ("REQUEST",), "eis": ("REQUEST",),
    "argument": ("ACCUSE", "REJECT", "THREATEN"), "beschuldiging": ("ACCUSE",),
    "bewering": None, "bericht": None, "claim": None, "besluit": ("AID", "AGREE", "SANCTION"),
    "beslissing": ("AID", "AGREE", "SANCTION"), "levering": ("AID",), "overdracht": ("AID",),
    "dat": None, "dit": None, "maatregel": ("SANCTION",), "sanctie": ("SANCTION",),
    "strafmaatregel": ("SANCTION",),
}
# Nouns that name the article's main act: their antecedent is the most talked-about one.
SALIENT = {"levering", "overdracht", "besluit", "beslissing", "deal", "verkoop"
}


def _participant(ref: EntityRef, via: str = "coref") -> Participant:
    return Participant(key=f"ref:{ref.country_code or ref.entity_name}", name=ref.entity_name,
                       code=ref.country_code, raw=ref.raw_text, start=ref.start or -1,
                       end=ref.end or -1, via=via, sector=ref.sector_code,
                       wikidata=ref.wikidata_id)


def _state_ref(code: str | None) -> EntityRef | None:
    """A state named by the context, not by the text (no raw text)."""
    state = load_catalog().country(code) if code else None
    return None if state is None else EntityRef(
        raw_text="", entity_name=state.name, country_code=code, wikidata_id=state.wikidata)


def _object_noun(cand: Candidate, s: Slots, toks) -> str | None:
    for ph in s.objects + s.pp("met", "op"):
        lemma = toks[ph.head].lemma.lower()
        first = toks[ph.start].lemma.lower()
        if lemma in ("dat", "dit", "het") and toks[ph.head].pos == "VNW":
            return "dat" if lemma == "het" else lemma
        if lemma in REFERENT_NOUNS and first in ("dat", "dit", "die", "deze", "de", "het"):
            return lemma
    return None


def resolve_reference(cand: Candidate, memory: Memory, sent: Sentence, toks, s: Slots) -> None:
    """REJECT/AGREE/ACCUSE of 'dat verzoek', 'dit', 'het besluit': find whose it was."""
    if cand.event not in ("REJECT", "AGREE", "ACCUSE", "SUPPORT") or cand.recipient:
        return
    noun = _object_noun(cand, s, toks)
    if noun is None:
        return
    types = REFERENT_NOUNS.get(noun)
    actor_ids = {a.id for a in cand.actor}
    # "het besluit" after "het Duitse besluit": the same noun said before, with its owner
    owner = memory.owners.get(noun)
    if owner and owner.code not in actor_ids:
        cand.recipient = [owner]
        cand.why.append(f"'{noun}' was named before as {owner.name}'s")
        return
    if noun in SALIENT:
        # the opposition may attack its own government's act
        own_side_ok = any(a.sector == "OPP" for a in cand.actor)
        counts = Counter(a.country_code for e in memory.events if e.event in (types or ())
                         for a in e.actor if own_side_ok or a.country_code not in actor_ids)
        if counts:
            code = counts.most_common(1)[0][0]
            ref = next(a for e in memory.events for a in e.actor if a.country_code == code)
            cand.recipient = [_participant(ref)]
            cand.why.append(f"'{noun}' is the article's main {types[0]} event, by {code}")
        return
    for e in reversed(memory.events):
        if types is not None and e.event not in types:
            continue
        if e.sentence_index < sent.index - 3:
            break
        side = (e.actor + e.recipient) if e.event in ("COOPERATE", "CONSULT") else e.actor
        # denying one's own reported act answers whoever reported it
        owners = [a for a in side if (a.country_code or a.entity_name) not in actor_ids] or \
            [a for a in e.attribution if a.country_code and a.country_code not in actor_ids]
        if owners:
            cand.recipient = [_participant(a) for a in owners]
            cand.why.append(f"'{noun}' refers to the {e.event} event of sentence "
                            f"{e.sentence_index}")
            if noun == "verzoek" and cand.event == "AGREE" and e.event == "REQUEST":
                # granting a request for weapons is a supply of what was asked
                cand.event = "AID"
                cand.equipment = list(e.equipment)
                cand.status = cand.status or "planned"
            return
        if actor_ids & {a.country_code for a in side}:
            break  # its own act, reported by no one we can name: not an older event
    # a bare 'dit'/'dat' answers the claim of the previous sentence's source
    if noun in ("dat", "dit"):
        prev = memory.sources.get(sent.index - 1) or []
        owners = [r for r in prev if r.country_code and r.country_code not in actor_ids]
        if owners:
            cand.recipient = [_participant(r) for r in owners[:1]]
            cand.why.append(f"'{noun}' answers what the previous sentence's source said")


VIOLENCE = {"geweld", "aanval", "repressie", "onderdrukking", "optreden", "bombardement",
            "beschieting", "arrestatie", "vervolging", "moord"}


def _names_any(clause, toks, lemmas: set[str]) -> bool:
    return any(toks[i].lemma.lower() in lemmas for i in clause.tokens)


def asks(clause, toks) -> bool:
    """Is the clause's verb a request ('vragen', 'oproepen', 'aandringen') for someone
    else to act? ('vroeg Washington om toestemming om F-16's te leveren' asks to act
    oneself.)"""
    from ..lexicon import load_lexicon
    trig = load_lexicon().verbs.get(clause.lemma or "")
    return trig is not None and trig.frame == "request" and \
        not _names_any(clause, toks, PERMISSION)


def blames(clause) -> bool:
    """Is the clause's verb an accusation ('beschuldigen', 'verwijten')?"""
    return clause.lemma in ACCUSING


def addressees(s: Slots) -> list:
    """Whom a request clause asks: its object, 'aan X', 'bij X' ('drong er bij Berlijn
    op aan')."""
    return [p for p in s.objects + s.pp("aan", "bij") if p.parts and not p.equipment]


def complete(cand: Candidate, memory: Memory, clauses, phrases, toks,
             index: int) -> None:
    """Fill what the clause (of sentence INDEX) leaves to context."""
    from .frames import equipment_of, slots, who
    # "vroeg Duitsland om Taurus-raketten te leveren": the supply goes to who asks
    parent = clauses[cand.clause.parent] if cand.clause.parent is not None else None
    if cand.event == "AID" and cand.trigger.frame == "give" and not cand.recipient and \
            cand.clause.kind == "inf" and parent is not None and asks(parent, toks):
        cand.recipient = [p for p in who(slots(parent, phrases, toks).subject)
                          if p.id not in {a.id for a in cand.actor}]
        if cand.recipient:
            cand.why.append("recipient: who asks for the supply")
    # "veroordeelde het geweld": the violence reported just before, by whoever used it
    if cand.event == "ACCUSE" and not cand.recipient:
        words = {toks[i].lemma.lower() for i in cand.clause.tokens}
        if words & VIOLENCE:
            accusers = {a.id for a in cand.actor}
            for e in reversed(memory.events[-8:]):
                if e.event in ("COERCE", "ASSAULT") and e.actor and \
                        not accusers & {a.country_code for a in e.actor}:
                    cand.recipient = [_participant(a) for a in e.actor]
                    cand.why.append(f"the violence condemned is that of sentence "
                                    f"{e.sentence_index}")
                    break
    # "Kiev vroeg Berlijn om Taurus-raketten, maar Berlijn weigerde": a refusal answers
    # the request just made to the one refusing; "laat zich niet intimideren", the
    # threat just made
    if cand.event == "REJECT" and not cand.recipient and cand.actor:
        me = {a.id for a in cand.actor}
        asked = next((e for e in reversed(memory.events[-4:]) if e.event == "REQUEST"
                      and e.sentence_index >= index - 1
                      and me & {r.country_code for r in e.recipient}), None)
        if asked is not None:
            cand.recipient = [_participant(a) for a in asked.actor if a.country_code not in me]
            cand.why.append(f"refuses the request of sentence {asked.sentence_index}")
        elif toks[cand.token].lemma.lower() in UNMOVED:
            threat = next((e for e in reversed(memory.events[-4:]) if e.event in
                           ("THREATEN", "COERCE") and e.sentence_index >= index - 2
                           and not me & {a.country_code for a in e.actor}), None)
            if threat is not None:
                cand.recipient = [_participant(a) for a in threat.actor]
                cand.why.append(f"does not give in to the threat of sentence "
                                f"{threat.sentence_index}")
    # "Polen vroeg om die toestemming ... Leopard 2-tanks": permission for weapons is asked
    # of the state that made them (it licenses their export)
    if cand.event == "REQUEST" and not cand.recipient and cand.actor and \
            _names_any(cand.clause, toks, PERMISSION):
        me = {a.id for a in cand.actor}
        made = [e.origin for p in phrases for e in p.equipment if e.origin] + \
            [e.origin for _, e, _ in reversed(memory.equipment) if e.origin]
        state = next((c for c in made if c not in me), None)
        ref = _state_ref(state)
        if ref is not None:
            cand.recipient = [_participant(ref)]
            cand.why.append(f"permission for {state}-made weapons is asked of {state}")
    # the opposition or citizens ask their own government
    if cand.event == "REQUEST" and not cand.recipient and cand.actor and \
            cand.actor[0].sector in ("OPP", "CVL"):
        cand.recipient = list(cand.actor[:1])
        cand.why.append("a request of the opposition goes to its own government")
    # equipment of a purpose clause: "in gesprek om een fabriek voor de drones op te zetten"
    if not cand.equipment:
        conj = ("om", "dat") if cand.event == "THREATEN" else ("om",)
        kids = [c for c in clauses if c.parent == cand.clause.index and c.conj in conj]
        cand.equipment = equipment_of([p for p in phrases if any(k.has(p.head) for k in kids)])
    # "adviseurs gestuurd om de Russen te helpen": the purpose clause names who gains
    if cand.event == "AID" and cand.trigger.frame == "give" and not cand.recipient:
        kids = [c for c in clauses if c.parent == cand.clause.index and c.conj == "om"]
        gain = [p for k in kids for ph in phrases if k.has(ph.head) and ph.prep is None
                for p in ph.parts if p.id not in {a.id for a in cand.actor}]
        if gain:
            cand.recipient = gain[:1]
            cand.why.append("recipient from the purpose clause ('om ... te helpen')")
    # "zulke vliegtuigen zijn nog niet geleverd": the supply that was asked for before
    if cand.event == "AID" and cand.trigger.frame == "give" and not cand.actor and \
            not cand.recipient and cand.equipment:
        names = {e.name for e in cand.equipment if e.name}
        for e in reversed(memory.events[-6:]):
            if names & {q.name for q in e.equipment} and e.event in ("REQUEST", "AID"):
                giver, taker = (e.recipient, e.actor) if e.event == "REQUEST" else \
                    (e.actor, e.recipient)
                cand.recipient = [_participant(r) for r in taker]
                if cand.clause.kind in ("main", "coord"):  # not "om ze door te leveren"
                    cand.actor = [_participant(a) for a in giver]
                cand.why.append(f"the supply asked for or made in sentence {e.sentence_index}")
                break
    # "de levering" with nothing said: the supply talked about just before
    if cand.trigger.nominal and cand.event == "AID" and not cand.recipient:
        mine = {a.id for a in cand.actor}
        for e in reversed(memory.events[-6:]):
            if e.event == "AID" and mine and not mine & {a.country_code for a in e.actor}:
                continue  # another supplier's supply is not this one
            if e.event == "AID" and e.recipient:
                cand.recipient = [_participant(r) for r in e.recipient]
                cand.equipment = cand.equipment or list(e.equipment)
                cand.why.append(f"'{toks[cand.token].text}' = the supply of sentence "
                                f"{e.sentence_index}")
                break
            if e.event == "REQUEST" and e.actor and e.frame == "buy":
                cand.recipient = [_participant(r) for r in e.actor]
                cand.equipment = cand.equipment or list(e.equipment)
                cand.why.append(f"'{toks[cand.token].text}' = the purchase of sentence "
                                f"{e.sentence_index}")
                break
    # "Rusland vuurde 30 drones af op Kiev. 28 van de drones werden onderschept": with no
    # shooter said, the weapons are those of the attack just reported, shot down by its
    # target
    if cand.needs_opponent and not cand.actor and not cand.recipient:
        kinds = _kinds(cand.equipment)
        attack = next((e for e in reversed(memory.events[-4:]) if e.event == "ASSAULT"
                       and e.sentence_index >= index - 1 and e.actor and e.recipient
                       and kinds & _kinds(e.equipment)), None)
        if attack is not None:
            cand.actor = [_participant(r) for r in attack.recipient]
            cand.recipient = [_participant(a) for a in attack.actor]
            cand.why.append(f"the weapons of the attack of sentence {attack.sentence_index}, "
                            f"shot down by its target")
    # a weapon shot down belongs to whoever has been attacking the shooter
    if cand.needs_opponent:
        shooters = {a.id for a in cand.actor}
        foes = Counter(a.country_code for e in memory.events if e.event == "ASSAULT"
                       for a in e.actor if shooters & {r.country_code for r in e.recipient})
        if foes and shooters:
            code = foes.most_common(1)[0][0]
            ref = next(a for e in memory.events for a in e.actor if a.country_code == code)
            cand.recipient = [_participant(ref)]
            cand.why.append("the weapon shot down belongs to the side attacking the shooter")
        elif not cand.recipient:
            # the side the article said got these systems ('Iran leverde Shahed-drones
            # aan Rusland'), else the systems' country of origin
            names = {e.name for e in cand.equipment if e.name}
            supplied = next((e for e in reversed(memory.events) if e.event == "AID"
                             and e.recipient and names & {q.name for q in e.equipment}), None)
            if supplied is not None:
                cand.recipient = [_participant(r) for r in supplied.recipient
                                  if r.country_code not in shooters]
                cand.why.append(f"the weapon shot down is the one supplied to "
                                f"{', '.join(r.country_code or '' for r in supplied.recipient)}"
                                f" (sentence {supplied.sentence_index})")
            if not cand.recipient:
                from .frames import _catalogue_origin
                cand.recipient = _catalogue_origin(
                    [p for p in phrases if p.equipment and
                     any(e in cand.equipment for e in p.equipment)], cand.actor)


def _kinds(equipment) -> set[str]:
    """Names and classes of equipment, to tell whether two events use the same kind."""
    return {e.name or e.cls for e in equipment} | {e.cls for e in equipment}


PACKAGES = ("pakket", "levering", "zending", "hulp", "steun")  # what a supply consists of


def _reported_in(memory: Memory, index: int) -> list:
    """The supplies, attacks and requests sentence INDEX reported or held back."""
    kinds = ("AID", "ASSAULT", "REQUEST")
    return [e for e in memory.events if e.sentence_index == index and e.event in kinds] or \
        [e for e in memory.pending if e.sentence_index == index and e.event in kinds]


def elaboration(sent: Sentence, clauses, phrases, toks, memory: Memory, refs, dates, exprs,
                slots_of) -> list[EventReport]:
    """'Het gaat (volgens X) om Mohajer-6-drones', 'Het pakket bevat ...': the sentence
    names what the event just reported was about; it becomes a report of that event with
    this equipment."""
    import copy
    from .frames import equipment_of
    out = []
    for c in clauses:
        s = slots_of(c)
        if c.lemma == "gaan" and any(toks[i].lemma.lower() == "het" for i in c.tokens[:4]):
            about = [p for p in s.pp("om", "naast") if p.equipment or p.personnel]
        elif c.lemma in ("bevatten", "omvatten") and c.finite is not None and any(
                toks[i].lemma.lower().endswith(PACKAGES) for i in c.tokens if i < c.finite):
            # "Het pakket bevat onder meer munitie voor HIMARS-raketwerpers"
            about = [p for p in phrases if c.has(p.head) and (p.equipment or p.personnel)]
        else:
            continue
        if not about:
            continue
        # the event just reported: in the previous sentence (also one held back there for
        # want of equipment), or in the one before when the previous one reports nothing
        # ('... Dat zegt Blinken. Het gaat om ...')
        prev = _reported_in(memory, sent.index - 1)
        if not prev and not any(e.sentence_index == sent.index - 1 for e in memory.events):
            prev = _reported_in(memory, sent.index - 2)
        prev = prev or memory.pending[-1:]
        for e in prev[:1]:
            new = copy.copy(e)
            new.equipment = equipment_of(about)
            new.sentence_index, new.char_start, new.char_end = sent.index, sent.start, sent.end
            new.sentence_text = sent.text
            new.attribution = list(refs) or list(e.attribution)
            if refs and new.status == "asserted":
                new.status = "reported"
            new.why = list(e.why) + [f"sentence {sent.index} says what it was about"]
            out.append(new)
    return out


def attribute_previous(memory: Memory, sent: Sentence, refs: list[EntityRef], st) -> None:
    """'Dat meldt Reuters op basis van ...': the previous sentence's events get the sources."""
    for e in memory.events:
        if e.sentence_index == sent.index - 1:
            e.attribution = list(refs) + [r for r in e.attribution if r not in refs]
            if e.status == "asserted":
                e.status = "reported"
                e.why.append("reported: the next sentence names the source")
    st.notes.append("sources apply to the previous sentence")


HISTORY_YEARS = 20  # events this much older than the article are background, not news


def run(events: list[EventReport], memory: Memory, analyzed: AnalyzedDocument, trace
        ) -> list[EventReport]:
    year = int(analyzed.doc.date[:4])
    old = [e for e in events if int((e.enddate or e.date or analyzed.doc.date)[:4])
           < year - HISTORY_YEARS]
    for e in old:
        trace.doc_notes.append(f"sentence {e.sentence_index}: {e.event} dated {e.date} is "
                               f"historical background; not recorded")
    events = [e for e in events if e not in old]
    _mark_denials(events)
    _supply_recipients(events, memory)
    return _dedupe(events)


DENIED_KINDS = {"wapenhandel": ("AID",), "levering": ("AID",), "handel": ("AID",),
                "verkoop": ("AID",), "aanval": ("ASSAULT",), "aanvallen": ("ASSAULT",)}


def _mark_denials(events: list[EventReport]) -> None:
    """A denial ('ontkent', 'spreekt tegen') marks the claim it answers as denied: the
    kind of act its object names, by the denier, in the sentences just before."""
    for rej in events:
        if rej.event != "REJECT" or rej.trigger.lower()[:5] not in ("ontke", "spree", "tegen"):
            continue
        words = set(rej.sentence_text.lower().replace(".", " ").split())
        kinds = next((v for k, v in DENIED_KINDS.items() if k in words),
                     ("AID", "REQUEST", "MOBILIZE", "COOPERATE"))  # not attacks: their toll is denied
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


def _supply_recipients(events: list[EventReport], memory: Memory) -> None:
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
        names = {q.name for q in e.equipment if q.name}
        actor = {a.country_code for a in e.actor}
        for prev in reversed(events[:k]):
            if prev.event == "AID" and prev.recipient and names & {q.name for q in prev.equipment}:
                e.recipient = [r for r in prev.recipient if r.country_code not in actor]
                e.why.append(f"recipient from the earlier supply of the same system "
                              f"(sentence {prev.sentence_index})")
                break
        prev = None if e.recipient else _parallel_supply(e, events[:k])
        if prev is not None:
            e.recipient = [r for r in prev.recipient if r.country_code not in actor]
            if e.recipient:
                e.why.append(f"recipient from the supply it adds to "
                             f"(sentence {prev.sentence_index})")
        if not e.recipient and focus:
            code = next((c for c, _ in focus.most_common() if c and c not in actor), None)
            state = _state_ref(code)
            if state is not None:
                e.recipient = [state]
                e.why.append(f"recipient implicit: the article's main recipient {code}")


def _dedupe(events: list[EventReport]) -> list[EventReport]:
    seen: dict[tuple, EventReport] = {}
    for e in events:
        key = (e.sentence_index, e.event, e.status, tuple(sorted(a.country_code or a.entity_name
                                                                 for a in e.actor)),
               tuple(sorted(r.country_code or r.entity_name for r in e.recipient)))
        if key in seen:
            first = seen[key]
            for q in e.equipment:
                if not any((q.name or q.cls) == (x.name or x.cls) for x in first.equipment):
                    first.equipment.append(q)
            continue
        seen[key] = e
    # "legde Iran sancties op": the verb and its noun give one event; the one without a
    # recipient adds nothing to the one with it
    with_recipient = {k[:4] for k in seen if k[4]}
    return [e for k, e in seen.items() if k[4] or k[:4] not in with_recipient
            or e.event not in ("SANCTION", "ACCUSE", "SUPPORT")]
