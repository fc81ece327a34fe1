"""Roles for a trigger: actor, recipient and equipment from the clause's phrases.

Each frame (see data/lexicon.yaml) maps syntactic slots -- subject, object, and
prepositional phrases with aan/door/van/naar/op/tegen/met/bij/voor -- to roles.
Passives swap subject and 'door'-agent. A weapon in the agent slot gives its
user as the actor ("uitgeschakeld door Russische drones" -> Russia).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import EquipmentRef, Token
from .clauses import Clause
from ..lexicon import Trigger
from .phrases import Participant, Phrase

TIME_NOUNS = {"week", "maand", "jaar", "dag", "weekend", "zomer", "winter", "herfst",
              "najaar", "voorjaar", "lente", "maandag", "dinsdag", "woensdag", "donderdag",
              "vrijdag", "zaterdag", "zondag", "ochtend", "avond", "nacht", "tijd", "moment",
              "keer", "periode", "eeuw", "decennium"}
SYMMETRIC = {"meet", "join"}
AUX_INVERSION = {"zullen", "hebben", "zijn", "kunnen", "moeten", "willen", "mogen", "worden"}


@dataclass
class Slots:
    """The participant phrases of one clause, by syntactic slot."""
    subject: list[Phrase] = field(default_factory=list)
    objects: list[Phrase] = field(default_factory=list)  # bare non-subject phrases
    pps: dict[str, list[Phrase]] = field(default_factory=dict)  # by preposition

    def pp(self, *preps: str) -> list[Phrase]:
        return [p for prep in preps for p in self.pps.get(prep, [])]


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


def relevant(ph: Phrase) -> bool:
    return bool(ph.parts or ph.assoc or ph.places or ph.equipment or ph.pronoun)


CAUSES = {"vanwege", "wegens", "na"}  # the act cited as cause or occasion


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


def slots(clause: Clause, phrases: list[Phrase], toks: list[Token]) -> Slots:
    """Sort the clause's phrases into subject, objects and PPs."""
    out = Slots()
    mine = [p for p in phrases if clause.has(p.head)]
    finite = clause.finite
    # "..., aldus het Pentagon": the source, not a participant (a verbless tag stays in
    # the clause it follows); "Net als Rusland levert Iran ...": a comparison
    bare = [p for p in mine if p.prep is None and p.attach is None
            and toks[p.head].lemma.lower() not in TIME_NOUNS
            and not _aside(toks, p.start)]
    out.pps = {}
    # PPs inside a cause ("sancties tegen Iran vanwege de levering van drones aan
    # Rusland") belong to the act cited, not to the clause's verb
    for p in mine:
        if p.prep and not _under(p, phrases, CAUSES | {"als"}):
            out.pps.setdefault(p.prep, []).append(p)
    first = clause.tokens[1] if clause.kind == "coord" and len(clause.tokens) > 1 else None
    if first is not None and toks[clause.tokens[0]].pos == "VG" and first == finite:
        # "... en zouden ook hebben geprobeerd ...": the subject is left out, unless an
        # actor follows the verb ("maar zou Teheran de levering hebben uitgesteld")
        after = [p for p in bare if p.parts and p.start > finite and
                 toks[finite].lemma.lower() in AUX_INVERSION]
        out.subject = [p for p in bare if after and p.group == after[0].group]
        out.objects = [p for p in bare if p not in out.subject]
        return out
    if clause.kind == "inf":  # "om ... te leveren": the subject is never spelled out
        out.objects = bare
        return out
    rel = [p for p in bare if toks[p.head].pos == "VNW" and "betr" in toks[p.head].feats]
    actors = [p for p in bare if p.parts and p not in rel]
    subj_group = None
    if clause.kind == "rel" and rel:
        # "drones die Rusland inzet": another actor makes the pronoun the object -- unless
        # the verb agrees with the pronoun only ("banken die Rusland helpen": plural)
        subj_group = actors[0].group if actors else rel[0].group
        if actors and _plural_with_single_state(toks, finite, actors):
            subj_group = rel[0].group
    distinct = {p.group for p in actors}
    if subj_group is None and len(distinct) >= 2:
        # Two actors: Frog's subject is unreliable; Dutch order decides ("dat Iran Rusland
        # zou voorzien", "zou Moskou Noord-Korea ... hebben geleverd")
        if clause.kind in ("main", "coord") and finite is not None:
            before = [p for p in actors if p.end <= finite]
            subj_group = (before or actors)[0].group
        else:
            subj_group = actors[0].group
    if subj_group is None:
        for p in bare:
            if any(toks[k].deprel == "su" for k in range(p.start, p.end)) and relevant(p):
                subj_group = p.group
                break
        # Frog's subject without any actor, while an actor stands in the clause: in an
        # active clause the actor does it ("Daarna weigerden de VS F-35's ... te leveren")
        if subj_group is not None and finite is not None:
            chosen = [p for p in bare if p.group == subj_group]
            if not any(p.parts or p.pronoun for p in chosen):
                front = [p for p in actors if p.end <= finite]
                if front:
                    subj_group = front[0].group
                elif actors and not clause.passive:
                    subj_group = actors[0].group
            # "Dat meldt Reuters": a fronted 'dat/dit' is the object, the subject follows
            if any(p.pronoun in ("dat", "dit") for p in chosen):
                after = [p for p in actors if p.start > finite]
                if after:
                    subj_group = after[0].group
    if subj_group is None:
        cands = [p for p in bare if relevant(p) and p.pronoun not in ("dat", "dit")]
        if cands:
            if clause.kind in ("main", "coord") and finite is not None:
                before = [p for p in cands if p.end <= finite]
                after = [p for p in cands if p.start > finite]
                subj_group = (before or after)[0].group
            else:
                subj_group = cands[0].group
    for p in bare:
        (out.subject if p.group == subj_group else out.objects).append(p)
    return out


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


def assign(trig: Trigger, token: int, clause: Clause, s: Slots, phrases: list[Phrase],
           toks: list[Token]) -> Candidate:
    c = Candidate(event=trig.event, trigger=trig, token=token, clause=clause,
                  status=trig.status)
    # the passive belongs to the clause's participle, not to another verb in it
    # ("Iran ontkent betrokken te zijn": 'ontkent' is active)
    passive = clause.passive and not trig.nominal and token == clause.main
    subj, objs = s.subject, s.objects
    agent = s.pp("door")
    if passive:
        c.why.append("passive: subject is the patient, 'door' gives the agent")
        doer, patient = agent, subj + objs
    else:
        doer, patient = subj, objs
    frame = trig.frame
    c.places = who(s.pp("in", "bij", "op"), use_places=True)

    if frame in ("give", "arrive"):
        c.actor = who(doer)
        ents = [p for p in patient if p.parts and not p.equipment]
        c.recipient = who(s.pp("aan") + ents) or who([p for p in s.pp("naar", "voor")
                                                       if not p.places])
        c.theme = [p for p in patient + s.pp("van", "met") if p.equipment]
        # "onderdelen voor drones", "een pakket met Stinger-raketten"
        c.theme += [q for p in patient + s.pp("met") for q in attached(p, phrases)
                    if q.equipment and q.prep in ("voor", "met", "van")]
        if not c.theme:  # "levert op grote schaal onderdelen voor drones" (Frog: 'op ...')
            c.theme = [p for p in s.pp("voor") if p.equipment and not p.parts]
        if passive and not agent:
            c.implicit_actor = True  # "zulke vliegtuigen zijn nog niet geleverd"
        goal = [p for p in s.pp("naar") if not p.parts and (p.places or p.head_lemma in
                                                            ("grens", "front", "regio"))]
        if frame == "give" and not c.recipient and goal and any(p.personnel for p in c.theme):
            c.event = "MOBILIZE"  # troops sent to a border or front, not to another state
            c.why.append("troops sent to a place, not to a state: MOBILIZE")
        if frame == "arrive":  # "de F-16's komen in Oekraïne aan": in/naar gives the recipient
            c.theme = [p for p in subj if p.equipment]
            c.recipient = who(s.pp("in", "naar"))
            c.actor = [o for p in c.theme for o in p.assoc + p.origin] or \
                who(s.pp("uit", "van"))
    elif frame == "receive":
        c.recipient = who(subj)
        c.actor = who(s.pp("van", "uit", "bij"))
        c.theme = [p for p in objs if p.equipment]
        if not c.actor:
            c.actor = uniq([x for p in c.theme for x in p.assoc + p.origin
                            if x.id not in {r.id for r in c.recipient}]) or \
                _catalogue_origin(c.theme, c.recipient)
            if c.actor:
                c.why.append("supplier from the equipment's country or maker")
    elif frame == "buy":
        buyer = who(doer)
        seller = who(s.pp("van", "bij", "uit", "in"))
        c.theme = [p for p in patient if p.equipment]
        if not seller:
            seller = uniq([x for p in c.theme for x in p.assoc + p.origin
                           if x.id not in {b.id for b in buyer}])
            if not seller:
                seller = _catalogue_origin(c.theme, buyer)
        beneficiary = who(s.pp("voor"))
        if beneficiary:
            c.actor, c.recipient = buyer, beneficiary
            c.why.append("bought for a third party: AID buyer -> beneficiary")
        else:
            c.actor, c.recipient = seller, buyer
            c.why.append("purchase: AID seller -> buyer (REQUEST if only attempted)")
    elif frame == "use":
        c.actor = who(doer)
        c.theme = [p for p in patient if p.equipment]
        # foreign weapons or foreign troops ("Noord-Koreaanse soldaten") put to use
        makers = uniq([x for p in c.theme for x in p.assoc + p.origin +
                       (p.parts if p.personnel else [])
                       if x.id not in {a.id for a in c.actor}])
        c.recipient = list(c.actor)
        c.actor = makers
        c.why.append("foreign-made equipment in use implies its supply: AID maker -> user")
    elif frame == "attack":
        if toks[token].lemma.lower() in ("raken", "treffen") and not patient:
            return c  # "raakt betrokken bij de oorlog": no one is hit
        c.actor = who(doer) or weapon_users(doer) or weapon_users(s.pp("met"))
        targets = patient + s.pp("op", "tegen")
        targets += [q for p in targets for q in attached(p, phrases) if q.prep in ("van", "in")]
        c.recipient = who(targets, use_assoc=True, use_places=True)
        c.theme = [p for p in doer + s.pp("met", "door") if p.equipment]
        if not c.recipient and c.places:
            c.recipient = list(c.places)
            c.why.append("target from the place of the attack")
        if not c.actor and (passive or any(p.equipment for p in doer)):
            # "vernietigd door een HIMARS-raket", "een drone trof ...": the user is unsaid
            c.implicit_actor = True
    elif frame == "fire":
        c.actor = who(doer) or weapon_users(doer) or weapon_users(objs)
        c.theme = [p for p in objs + s.pp("met") if p.equipment]
        # "vuurde een raket af richting Japan" (Frog may read 'richting' as a noun)
        toward = [p for p in objs if toks[p.start].lemma.lower() == "richting"]
        c.recipient = who(s.pp("op", "naar", "tegen", "richting") + toward, use_assoc=True,
                          use_places=True)
    elif frame == "shootdown":
        c.actor = who(doer)
        c.theme = [p for p in patient if p.equipment]
        c.theme += [q for p in patient for q in attached(p, phrases, "van")  # "28 van de
                    if q.equipment and q not in c.theme]                      # 30 drones"
        makers = {o.code for p in c.theme for o in p.origin} | \
            {e.origin for p in c.theme for e in p.equipment if e.origin}
        c.recipient = [x for x in weapon_users(c.theme) if x.id not in makers]
        c.needs_opponent = True  # the shooter's enemy, when the article says who that is
        if passive and not agent:
            c.implicit_actor = True
    elif frame == "train":
        c.actor = who(doer)
        trainees = patient
        c.extra_equipment.append(EquipmentRef(raw_text=toks[token].text, name=None,
                                              cls="personnel"))
        c.recipient = who(trainees)
        c.theme = [p for p in s.pp("op", "in", "met") + trainees if p.equipment]
        c.theme += [q for p in s.pp("in", "op") for q in attached(p, phrases) if q.equipment]
        if not c.actor:
            c.implicit_actor = True
            host = [x for x in who(s.pp("in"), use_places=True)
                    if x.id not in {r.id for r in c.recipient}]
            if host:
                c.actor = host[:1]
                c.why.append("trainer implicit: the country where the training happens")
            else:
                made = _catalogue_origin(c.theme, c.recipient)
                if made:
                    c.actor = made
                    c.why.append("trainer implicit: the maker of the equipment trained on")
    elif frame == "help":
        c.actor = who(doer)
        c.recipient = who(patient + s.pp("bij")) or uniq(
            [x for p in s.pp("bij") for q in [p] + attached(p, phrases) for x in q.assoc])
        c.theme = [p for p in doer + s.pp("bij") if p.equipment]
        c.theme += [q for p in s.pp("bij") for q in attached(p, phrases) if q.equipment]
    elif frame == "request":
        c.actor = who(doer)
        c.recipient = [r for r in who([p for p in objs if p.parts] + s.pp("aan", "bij"))
                       if r.id not in {a.id for a in c.actor}]
        c.theme = [p for p in s.pp("om") + objs if p.equipment]
        c.theme += [q for p in s.pp("om") for q in attached(p, phrases) if q.equipment]
        if not c.theme:
            c.theme = [p for ps in s.pps.values() for p in ps if p.equipment]
        if not c.recipient:
            c.recipient = who(s.pp("van"))
        if not c.recipient:  # asking for Iranian missiles is asking Iran
            asker = {a.id for a in c.actor}
            c.recipient = uniq([x for p in c.theme for x in p.assoc + p.origin
                                if x.id not in asker]) or _catalogue_origin(c.theme, c.actor)
            if c.recipient:
                c.why.append("addressee from the requested equipment's country")
    elif frame in ("accuse", "sanction", "support", "coerce"):
        c.actor = who(doer)
        targets = patient + s.pp("aan", "tegen", "voor", "over", "van", "op")
        if frame == "support":
            targets = patient + s.pp("voor", "aan")
        # not what it is called: "veroordeelde de aanvallen als een schending van Jemens
        # soevereiniteit"
        deep = targets + [q for p in targets for q in attached(p, phrases)
                          if q.prep != "als" and not _under(q, phrases, {"als"})]
        c.recipient = who(deep, use_assoc=True)
        if frame == "coerce" and not c.recipient:
            c.recipient = who(s.pp("in", "bij"), use_places=True) or list(c.places)
        if passive and not agent:
            c.implicit_actor = True
        c.theme = [p for p in deep if p.equipment]
        if frame == "sanction":  # "uit het F-35-programma gezet"
            c.theme += [p for ps in s.pps.values() for p in ps if p.equipment and p not in deep]
    elif frame in SYMMETRIC:
        partners = s.pp("met", "tussen") + objs
        if frame == "meet":
            # "bracht een bezoek aan Teheran"; not the topic's "over steun aan Oekraïne"
            partners += [p for p in s.pp("aan") if not _under(p, phrases, {"over"})]
        partners += [q for p in objs + s.pp("voor") for q in attached(p, phrases, "met")]
        members = uniq(who(doer if passive else subj) + who(partners, use_assoc=True))
        c.actor, c.recipient = members[:1], members[1:]
    elif frame == "agree":
        c.actor = who(doer)
        partners = s.pp("met") + objs
        c.recipient = who(partners + [q for p in partners for q in attached(p, phrases)],
                          use_assoc=True)
    elif frame == "reject":
        c.actor = who(doer)
        c.theme = [p for p in objs if p.equipment]
        c.recipient = who(s.pp("aan"))  # "weigerde F-35's aan Turkije te leveren"
    elif frame == "protest":
        c.actor = who(subj)
        c.recipient = who(s.pp("tegen"), use_assoc=True)
        if not c.actor:
            c.actor = who(s.pp("in", "bij", "op"), use_places=True) or list(c.places)
            if c.actor:
                c.why.append("protesters' country from the place of the protest")
    elif frame == "mobilize":
        c.actor = who(doer)
        c.theme = [p for p in patient if p.equipment]
    c.actor, c.recipient = uniq(c.actor), uniq(c.recipient)
    # "Israël en Hezbollah beschieten elkaar": each side does it to the other
    if len(c.actor) >= 2 and not c.recipient and frame not in SYMMETRIC and any(
            toks[k].lemma.lower() == "elkaar" for k in clause.tokens):
        c.actor, c.recipient = c.actor[:1], c.actor[1:]
        c.why.append("'elkaar': the sides do it to each other")
    opposition = any(a.sector == "OPP" for a in c.actor)
    if frame != "coerce" and not opposition:  # states seldom act on themselves
        c.recipient = [r for r in c.recipient if r.id not in {a.id for a in c.actor}]
    c.equipment = equipment_of(c.theme, c.extra_equipment)
    return c


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
