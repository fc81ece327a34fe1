"""Noun triggers ("de levering van ... aan ...", "Amerikaanse sancties tegen ..."):
roles from the noun's own phrases or, under a light verb ("stemde in met de levering",
"legden sancties op"), from the clause. Each sub-decision is a rule (stage `trigger`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import load_catalog
from ..lexicon import Trigger, words
from ..models import EquipmentRef
from . import rules
from .phrases import Phrase
from .roles import Candidate, attached, equipment_of, uniq, who
from .slots import CAUSES, Slots

if TYPE_CHECKING:
    from .clauses import Clause

ex = rules.example
BLAME = {"SANCTION", "ACCUSE", "PROTEST"}  # not Dutch
INCURSION = tuple(words("incursion_nouns"))
AGREED_ON = tuple(words("agreement_nouns"))
PLANNED_MODIFIERS = tuple(words("planned_event_words"))

rules.define("trigger.nominal-military-event", "trigger",
             "a noun qualified as 'militair' has its military event ('militaire steun' is "
             "AID, not SUPPORT)",
             ex("Duitsland kondigde militaire steun aan Oekraïne aan.",
                "AID DEU -> UKR planned"))
rules.define("trigger.light-verb-not-for-cause", "trigger",
             "a noun in a 'vanwege/wegens/na' cause is not what the light verb does "
             "('kondigde sancties aan vanwege de levering')",
             ex("De EU kondigde sancties aan vanwege de levering van drones aan Rusland.",
                "no AID EU -> RUS"))
rules.define("trigger.light-verb-not-for-topic", "trigger",
             "a noun in an 'over' phrase is the topic, not what the light verb does ('sprak "
             "zijn veto uit over de steun aan Oekraïne')",
             ex("Hongarije sprak zijn veto uit over de steun aan Oekraïne.", "no SUPPORT"))
rules.define("trigger.nominal-theme-of-verb", "trigger",
             "a noun that is a trigger verb's object or PP is its theme, no event of its own "
             "('schortte het partnerschap op')",
             ex("Rusland schortte het partnerschap met de NAVO op.", "no COOPERATE"))
rules.define("trigger.nominal-weapons-side", "trigger",
             "under a light verb whose subject is weapons, their side is the actor "
             "('Amerikaanse gevechtsvliegtuigen voerden luchtaanvallen uit')",
             ex("Amerikaanse gevechtsvliegtuigen voerden luchtaanvallen uit op Jemen.",
                "ASSAULT USA -> YEM"))
rules.define("trigger.nominal-buy", "trigger",
             "a purchase noun: AID from the seller ('van/door/bij/uit', or the goods' country) "
             "to the buyer (its own side or the clause's subject)",
             ex("Iran kondigde de aankoop van Russische Su-35's aan.", "AID RUS -> IRN"))
rules.define("trigger.nominal-meet-subject-takes-part", "trigger",
             "'na overleg met X' (or under a light verb): the clause's subject is the other "
             "side",
             ex("Na overleg met Frankrijk kondigde Duitsland nieuwe sancties tegen Rusland "
                "aan.", "CONSULT DEU -> FRA"))
rules.define("trigger.denied-act-noun", "trigger",
             "the object of a denial that names its own parties ('ontkent de aanval op Kiev') "
             "is an act of its own, denied",
             ex("Rusland ontkent de aanval op Kiev.", "ASSAULT RUS -> UKR denied"))
rules.define("trigger.denied-or-involved-actor", "trigger",
             "the subject of a denial of an act, or of 'betrokken bij' an act, is who is said "
             "to have done it",
             ex("Iran is betrokken bij de aanval op Israël.", "ASSAULT IRN -> ISR"))
rules.define("trigger.nominal-stuiten-op", "trigger",
             "'X stuitte op een veto/bezwaren van Y': Y rejects X (the clause's subject)",
             ex("Het Oekraïense verzoek stuitte op een veto van Hongarije.",
                "REJECT HUN -> UKR"))
rules.define("trigger.nominal-meet-tussen-owners", "trigger",
             "talks 'tussen' people: the states the phrases attached to them name are the "
             "sides ('overleg tussen de ministers van Rusland en Oekraïne')",
             ex("Er was overleg tussen de ministers van Buitenlandse Zaken van Rusland en "
                "Oekraïne.", "CONSULT RUS -> UKR"))
rules.define("trigger.nominal-meet-van-aan", "trigger",
             "a meeting noun's 'van' phrase is one side and, for a visit, its 'aan' phrase the "
             "other ('een bezoek van Macron aan China', 'het gesprek van Trump met Poetin')",
             ex("Het gesprek van Trump met Poetin duurde twee uur.", "CONSULT USA -> RUS"),
             ex("Het telefoongesprek van Macron met Erdogan ging over Syrië.",
                "CONSULT FRA -> TUR"))
rules.define("trigger.nominal-van-actor", "trigger",
             "the 'van' phrase of a noun without equipment in it is its doer "
             "('de steun van Iran aan Rusland')",
             ex("De steun van Iran aan Rusland groeit.", "SUPPORT IRN -> RUS"))
rules.define("trigger.nominal-light-verb-recipient", "trigger",
             "under a light verb the clause's 'aan/tegen/voor' PPs (or an entity object for "
             "giving and support) give the recipient",
             ex("Duitsland gaf Oekraïne militaire steun.", "AID DEU -> UKR"))
rules.define("trigger.nominal-light-verb-actor", "trigger",
             "under a light verb the clause's subject is the noun's doer "
             "('Duitsland kondigde nieuwe wapenleveringen aan')",
             ex("Duitsland kondigde nieuwe wapenleveringen aan Oekraïne aan.",
                "AID DEU -> UKR"))
rules.define("trigger.cause-blamed", "trigger",
             "an act cited as the cause of a sanction or accusation was done by the one "
             "sanctioned or accused",
             ex("De VS kondigden sancties aan tegen Iran vanwege de levering van drones aan "
                "Rusland.", "AID IRN -> RUS"))
rules.define("trigger.nominal-compound-equipment", "trigger",
             "a supply or attack noun compounded with a weapon names that weapon "
             "('raketaanvallen', 'raket- en droneaanvallen', 'munitielevering')",
             ex("De Russische raketaanval op Charkiv eiste vier doden.",
                "ASSAULT RUS -> UKR [missile]"),
             ex("Rusland heeft raket- en droneaanvallen uitgevoerd op Oekraïne.",
                "ASSAULT RUS -> UKR [missile, drone]"))
rules.define("trigger.nominal-visit", "trigger",
             "a visit goes from the visitor (its own side, 'van/door', or for 'zijn bezoek' and "
             "a visit the clause is about, the subject) to the host ('aan/bij', or the place "
             "the subject comes to)",
             ex("Scholz op bezoek in Peking", "CONSULT DEU -> CHN"))
rules.define("trigger.nominal-attack-van-actor", "trigger",
             "the 'van' phrase of an attack noun is its doer when a target is named or it is "
             "a force ('de aanval van Iran op Israël', 'een inval van het Russische leger'), "
             "else its target ('het bombardement van Kiev')",
             ex("Het was de zwaarste aanval van Rusland op Polen.", "ASSAULT RUS -> POL"),
             ex("Er was een inval van het Turkse leger in Irak.", "ASSAULT TUR -> IRQ"))
rules.define("trigger.nominal-incursion-into", "trigger",
             "an incursion noun ('inval', 'invasie') is aimed at the place it goes 'in'",
             ex("Er volgde een Turkse inval in Syrië.", "ASSAULT TUR -> SYR"))
rules.define("trigger.nominal-possessive-subject", "trigger",
             "'hun aanval op Israël': a possessive on a noun with no side of its own is the "
             "clause's subject",
             ex("De Russische troepen zetten hun aanval op Charkiv voort.",
                "ASSAULT RUS -> UKR"))
rules.define("trigger.nominal-agreed-on", "trigger",
             "a supply, sanction or support in the 'over' phrase of an agreement or decision "
             "the subject reached is the subject's act ('vonden een akkoord over sancties "
             "tegen Iran')",
             ex("De Europese Unie heeft een akkoord gevonden over nieuwe sancties tegen "
                "Wit-Rusland.", "SANCTION EU -> BLR"))
rules.define("trigger.nominal-planned-modifier", "trigger",
             "a noun event said to be still to come ('het geplande bezoek', 'de komende top', "
             "'aan de vooravond van een bezoek') is planned",
             ex("Het geplande bezoek van de Franse president aan China werd besproken.",
                "CONSULT FRA -> CHN planned"),
             ex("Dat gebeurde aan de vooravond van een bezoek van Scholz aan Peking.",
                "CONSULT DEU -> CHN planned"))
rules.define("trigger.light-verb-status", "trigger",
             "a light verb gives the noun's factuality ('stelde de levering uit': negated)",
             ex("Duitsland stelde de levering van tanks aan Oekraïne uit.",
                "AID DEU -> UKR negated"))


def _blamed(ph: Phrase, clause: Clause, s: Slots, phrases, toks, lex) -> list:
    """Who a sanction, accusation or protest in the clause is against: its 'tegen' PP
    (on the noun or on the clause), or the object of a blaming verb."""
    nouns = [q for q in phrases if q is not ph and clause.has(q.head)
             and getattr(lex.noun(toks[q.head].lemma), "event", None) in BLAME]
    verbs = [v for _, v in clause.content if v in lex.verbs and lex.verbs[v].event in BLAME]
    if not nouns and not verbs:
        return []
    targets = [q for q in s.pp("tegen") if q.attach is None or
               any(q.attach == phrases.index(n) for n in nouns)]
    if verbs:
        targets += [q for q in s.objects if q.parts]
    return who(targets, use_assoc=True)


def _buy(c: Candidate, ph: Phrase, clause: Clause, phrases, toks, lex, own, by, direct,
         clause_subject, s: Slots) -> Candidate | None:
    # "een akkoord met Rusland over de aankoop van Su-35's": Russia sells, Iran buys
    buyer = own or clause_subject
    theme = [p for p in by["van"] if p.equipment] + ([ph] if ph.equipment else [])
    seller = who([p for p in by["van"] + by["door"] if p.parts and not p.equipment] +
                 [p for p in direct if p.prep in ("bij", "uit")] +
                 (s.pp("met") if ph.attach is not None else []))
    seller = [x for x in seller if x.id not in {b.id for b in buyer}]
    if not seller:
        seller = [x for p in theme for x in p.assoc + p.origin
                  if x.id not in {b.id for b in buyer}]
    if not (buyer and seller and theme):
        return None
    c.event, c.actor, c.recipient, c.theme = "AID", seller, buyer, theme
    c.why.append("purchase: AID seller -> buyer")
    # agreed, talked about or announced: planned
    agreed = [toks[q.head].lemma for q in phrases if clause.has(q.head) and
              getattr(lex.noun(toks[q.head].lemma), "event", None) in ("AGREE", "CONSULT")]
    announced = lex.light_verbs.get(clause.lemma or "", {}).get("status")
    if agreed or announced == "planned":
        c.status = "planned"
        c.why.append(f"agreed or announced ('{agreed[0] if agreed else clause.lemma}')")
    c.actor, c.recipient = uniq(c.actor), uniq(c.recipient)
    c.equipment = equipment_of(c.theme)
    return c


def _compound_weapons(ph: Phrase, phrases, toks, lex) -> list[EquipmentRef]:
    """The weapon a compound event noun names by its first part ('raketaanval',
    'drone-aanval'), also a truncated conjunct before it ('raket- en droneaanvallen')."""
    cat = load_catalog()
    head = toks[ph.head]
    found = []
    for q in phrases:  # 'raket-' in 'raket- en droneaanvallen'
        text = toks[q.head].text.lower()
        if q is not ph and q.group == ph.group and text.endswith("-") and q.end == q.head + 1:
            found.append((toks[q.head].text, cat.class_of(text.rstrip("-"))))
    lemma = head.lemma.lower()
    for k in range(3, len(lemma) - 3):
        if lemma[k:].lstrip("-") in lex.nouns:
            found.append((head.text, cat.class_of(lemma[:k].rstrip("-"))))
            break
    return [EquipmentRef(raw_text=raw, name=None, cls=hit[0]) for raw, hit in found
            if hit and not hit[1]]


def nominal(trig: Trigger, ph: Phrase, clause: Clause, s: Slots, phrases, toks, lex
            ) -> Candidate | None:
    """A noun trigger: its own modifiers and PPs give the roles; a light verb
    ("stemde in met de levering", "legden sancties op") gives its subject as actor."""
    # its own arguments: PPs on the noun, and those on its 'van' phrase ("de levering van
    # tanks aan Polen"), not PPs of nouns further down ("overleg over de samenwerking
    # tussen A en B" is not talks between A and B)
    idx = phrases.index(ph)
    direct = [p for p in phrases if p.attach == idx]
    att = direct + [q for p in direct if p.prep == "van" for q in attached(p, phrases)]
    inside = {t.lemma.lower() for t in toks[ph.start:ph.end]}
    event = trig.military_event if rules.applies(
        "trigger.nominal-military-event", trig.military_event and "militair" in inside) \
        else trig.event
    c = Candidate(event=event, trigger=trig, token=ph.head, clause=clause)
    c.why.append(f"noun '{toks[ph.head].lemma}' -> {event} ({trig.frame})")
    own = list(ph.parts) or list(ph.assoc)  # "Irans steun", "Amerikaanse sancties"
    # "hun aanval op Israël": the subject's (not "zich verdedigen tegen hun aanvallen")
    possessive = toks[ph.start].lemma.lower() in ("zijn", "haar", "hun") and \
        ph.start < ph.head and ph.prep != "tegen" and ph not in s.subject
    if possessive and not own:
        # the nearest bare phrase before it, the subject of a clause Frog may have joined
        # to another ('omdat A tekorten heeft en B hun offensief opvoert')
        near = [q for q in phrases if clause.has(q.head) and q.end <= ph.start and q.parts]
        owner = who(near[-1:]) or who(s.subject)
        if rules.applies("trigger.nominal-possessive-subject", owner):
            own = owner
    by = {prep: [p for p in att if p.prep == prep] for prep in words("nominal_preps")}
    light = lex.light_verbs.get(clause.lemma or "")
    if light is not None and (trig.frame not in light.get("frames", []) or
                              rules.applies("trigger.light-verb-not-for-cause",
                                            ph.prep in CAUSES) or
                              rules.applies("trigger.light-verb-not-for-topic",
                                            ph.prep == "over")):
        light = None  # "kondigde sancties aan vanwege de levering": not announcing that
    verb_trigger = any(v in lex.verbs for _, v in clause.content)
    denial = [v for _, v in clause.content if v in lex.verbs and lex.verbs[v].denies]
    if rules.applies("trigger.nominal-theme-of-verb",
                     light is None and verb_trigger and ph.attach is None and
                     not rules.applies("trigger.denied-act-noun", denial and _denied_thing(ph, s)
                                       and trig.frame in ("give", "attack") and
                                       any(q.parts or q.places for q in att)) and
                     ph.prep not in CAUSES and
                     (ph in s.objects or any(ph in v for v in s.pps.values()))):
        return None  # "schortte het partnerschap op": the noun is the verb's theme
    governed = ph in s.objects or ph in s.subject or any(ph in v for v in s.pps.values())
    clause_subject = who(s.subject) if ph not in s.subject and governed else []
    # "vonden een akkoord over sancties tegen Iran": what the subject agreed on is its act
    # (or 'vonden donderdag een akkoord over ...', the PP the clause's)
    host = phrases[ph.attach] if ph.attach is not None else next(
        (q for q in s.objects if q.head_lemma.endswith(AGREED_ON)), None)
    agreed = host is not None and ph.prep == "over" and \
        host.head_lemma.endswith(AGREED_ON) and host not in s.subject and \
        (host in s.objects or any(host in v for v in s.pps.values()))
    if rules.applies("trigger.nominal-agreed-on",
                     agreed and light is None and not own and who(s.subject) and
                     trig.frame in ("sanction", "give", "support", "help")):
        clause_subject, light = who(s.subject), {}
    if not clause_subject and governed and ph not in s.subject and trig.frame == "attack":
        # "Amerikaanse en Britse gevechtsvliegtuigen voerden luchtaanvallen uit": the
        # weapons' side
        side = uniq([x for p in s.subject for x in p.assoc])
        if rules.applies("trigger.nominal-weapons-side",
                         side and any(p.equipment for p in s.subject)):
            clause_subject = side
    frame = trig.frame
    if frame == "buy" and rules.on("trigger.nominal-buy"):
        found = _buy(c, ph, clause, phrases, toks, lex, own, by, direct, clause_subject, s)
        if found is not None:
            rules.fired("trigger.nominal-buy")
        return found
    visit = frame == "meet" and toks[ph.head].lemma.lower().endswith("bezoek")
    if visit and rules.on("trigger.nominal-visit"):
        found = _visit(c, ph, clause, s, phrases, toks, own, by, light)
        if found is not None:
            rules.fired("trigger.nominal-visit")
            _ahead(found, ph, phrases, toks)
            return found
    if frame in ("meet", "join"):
        members = uniq(own + who(by["tussen"] + by["met"], use_assoc=True))
        # "overleg tussen de minister van Duitsland en die van de VS"
        between = [q for p in by["tussen"] for q in attached(p, phrases)]
        if rules.applies("trigger.nominal-meet-tussen-owners", len(members) < 2 and
                         len(uniq(members + who(between))) >= 2):
            members = uniq(members + who(between))
        # "een bezoek van Biden aan Israël", "het gesprek van Trump met Poetin"
        sides = [p for p in by["van"] if not p.equipment] + (by["aan"] if frame == "meet" else [])
        if rules.applies("trigger.nominal-meet-van-aan", len(members) < 2 and
                         len(uniq(members + who(sides))) >= 2):
            members = uniq(who([p for p in by["van"] if not p.equipment]) + members +
                           who(by["aan"] if frame == "meet" else []))
        # "na overleg met zijn Britse ambtgenoot": the subject took part
        alone = ph.attach is None and ph.prep in ("na", "voor", "tijdens", "bij", "in", None)
        if rules.applies("trigger.nominal-meet-subject-takes-part",
                         (light is not None or alone) and len(members) < 2):
            members = uniq(clause_subject + members + who(s.pp("met"), use_assoc=True))
        if len(members) < 2:
            return None  # talks or an alliance need two sides
        c.actor, c.recipient = members[:1], members[1:]
    else:
        _roles(c, ph, idx, frame, own, by, light, clause, s, phrases, clause_subject, toks, lex,
               incursion=toks[ph.head].lemma.lower().endswith(INCURSION))
    if not c.actor and ph.prep in CAUSES and frame in ("give", "attack"):
        # "sancties tegen Iran vanwege de levering van drones": the one punished did it
        blamed = [x for x in _blamed(ph, clause, s, phrases, toks, lex)
                  if x.id not in {r.id for r in c.recipient}]
        if rules.applies("trigger.cause-blamed", blamed):
            c.actor = blamed
            c.why.append("actor: the one sanctioned or accused for it")
    if not c.actor or (frame == "permit" and not c.recipient):
        return None  # a nominal event whose doer the text does not give is not recorded
    if rules.applies("trigger.light-verb-status", light is not None):
        c.status = light.get("status")
    _ahead(c, ph, phrases, toks)
    c.actor, c.recipient = uniq(c.actor), [r for r in uniq(c.recipient)
                                           if r.id not in {a.id for a in c.actor}]
    weapons = _compound_weapons(ph, phrases, toks, lex) if frame in ("give", "attack") else []
    if rules.applies("trigger.nominal-compound-equipment",
                     weapons and not equipment_of([ph])):
        c.equipment = equipment_of(c.theme, weapons)
    else:
        c.equipment = equipment_of(c.theme)
    return c


def _ahead(c: Candidate, ph: Phrase, phrases, toks) -> None:
    """'het geplande bezoek', 'aan de vooravond van een bezoek van Biden': to come."""
    host = phrases[ph.attach] if ph.attach is not None else None
    ahead = any(toks[k].text.lower().startswith(PLANNED_MODIFIERS)
                for k in range(ph.start, ph.head)) or \
        (host is not None and ph.prep == "van" and host.head_lemma in PLANNED_MODIFIERS)
    if rules.applies("trigger.nominal-planned-modifier", ahead and not c.status):
        c.status = "planned"


def _visit(c: Candidate, ph: Phrase, clause: Clause, s: Slots, phrases, toks, own, by,
           light) -> Candidate | None:
    """'het bezoek van Biden aan Israël', 'zijn bezoek aan Moskou', 'kwam aan in Moskou
    voor een bezoek': the visitor is the actor, the host the recipient."""
    visitor = own or who(by["van"] + by["door"])
    host = who(by["aan"] + by["bij"], use_assoc=True) or who(by["in"])  # 'bezoek in Peking'
    possessive = toks[ph.start].lemma.lower() in ("zijn", "haar", "hun") and ph.start < ph.head
    # (Frog may glue a place into the preposition: 'naar moskou voor')
    about = (ph.prep or "").split()[-1:] in [[w] for w in words("visit_occasion_preps")] or \
        light is not None
    if not visitor and (possessive or about) and ph not in s.subject:
        visitor = who(s.subject)
    if not host and about and ph not in s.subject:
        # 'kwam aan in Moskou voor een bezoek': where the subject comes to
        places = [q for q in s.pp("in", "naar") if q.attach is None] + \
            ([phrases[ph.attach]] if ph.attach is not None and
             (phrases[ph.attach].prep or "") in ("in", "naar") else [])
        host = who(places)
    host = [h for h in uniq(host) if h.id not in {v.id for v in visitor}]
    if not (visitor and host):
        return None
    c.actor, c.recipient = uniq(visitor)[:1], host
    c.why.append("visit: visitor -> host")
    return c


def _denied_thing(ph: Phrase, s: Slots) -> bool:
    """The object of a denial ('ontkent de aanval op Kiev'; Frog may call it a second
    subject). A bare 'ontkent de aanval' points back (postprocess.denial-marks-claim)."""
    return ph in s.objects or (ph in s.subject and not ph.parts and len(s.subject) > 1)


def _roles(c: Candidate, ph: Phrase, idx: int, frame: str, own, by, light, clause: Clause,
           s: Slots, phrases, clause_subject, toks, lex, incursion: bool = False) -> None:
    """The roles of a noun other than a purchase or a meeting."""
    c.actor = own or who(by["door"])
    van = by["van"]
    theme = [p for p in van if p.equipment] + ([ph] if ph.equipment else [])
    if rules.applies("trigger.nominal-van-actor",
                     not c.actor and van and not theme and frame != "attack"):
        c.actor = who(van)
    c.recipient = who(by["aan"] + by["tegen"] + by["voor"] + by["naar"], use_assoc=True)
    if frame == "attack":
        targets = by["op"] + by["tegen"]
        if rules.applies("trigger.nominal-incursion-into",
                         incursion and by["in"]):
            targets = targets + by["in"]
        named = who(targets, use_assoc=True, use_places=True)
        # 'van het Israëlische leger', 'van Rusland' (not 'van Kiev', and not 'de invasie
        # van Oekraïne': those are hit)
        forces = [p for p in van if p.parts and all(
            (x.sector and x.via == "adjective") or (x.via == "country" and not incursion)
            for x in p.parts)]
        if rules.applies("trigger.nominal-attack-van-actor",
                         not c.actor and who(van) and (named or forces)):
            c.actor, van = who(van), []
        c.recipient = who(targets + van, use_assoc=True, use_places=True)
    if not c.recipient and light is not None:  # "legde sancties op aan X", "steun ... voor X"
        preps = ("op", "tegen") if frame == "attack" else ("aan",) if frame == "permit" \
            else ("aan", "tegen", "voor")  # 'toestemming voor gebruik in X': not to X
        # the clause's own PPs, not those inside another phrase ("vanwege de levering
        # van drones aan Rusland")
        targets = [p for p in s.pp(*preps) if p.attach is None or p.attach == idx]
        if frame in ("give", "help", "support", "permit"):  # "Oekraïne ... hulp te geven"
            targets += [p for p in s.objects if p is not ph and p.parts and not p.equipment]
        # "sancties aan bedrijven in Iran"; "aanvallen op doelen van de Houthi's"
        targets += [q for p in targets for q in attached(p, phrases)
                    if q.prep == "in" or (frame == "attack" and q.parts)]
        found = who(targets, use_assoc=True, use_places=frame == "attack")
        if rules.applies("trigger.nominal-light-verb-recipient", found):
            c.recipient = found
    # "het Zweedse verzoek stuitte op bezwaren van Turkije": the subject is rejected
    if rules.applies("trigger.nominal-stuiten-op", frame == "reject" and not c.recipient and
                     clause.lemma == "stuiten" and ph.prep == "op"):
        c.recipient = who(s.subject, use_assoc=True)
    if frame == "permit":  # permission to use, supply or buy the weapons in its clause
        theme = theme + [q for q in phrases if q.equipment and clause.has(q.head)]
    c.theme = theme
    # "Rusland ontkent de aanval", "Iran ontkent betrokken te zijn bij de aanval": the
    # subject is who is said to have done it
    denied = any(v in lex.verbs and lex.verbs[v].denies for _, v in clause.content)
    involved = any(toks[i].lemma.lower() in ("betrokken", "betrekken") for i in clause.tokens) \
        and ph.prep == "bij"
    if rules.applies("trigger.denied-or-involved-actor",
                     not c.actor and (denied and _denied_thing(ph, s) or involved)):
        c.actor = who([p for p in s.subject if p is not ph])
    if not c.actor and clause_subject and light is not None:
        if clause.passive:  # "krijgt sancties opgelegd": the subject undergoes it
            c.recipient = c.recipient or clause_subject
        elif rules.applies("trigger.nominal-light-verb-actor", True):
            c.actor = clause_subject
            c.why.append(f"actor from the subject of light verb '{clause.lemma}'")
