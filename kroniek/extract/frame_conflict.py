"""Frames of conflict and diplomacy: attacking, firing, shooting down, accusing,
sanctioning, supporting, coercing, meeting, agreeing, rejecting, protesting and
mobilizing. Each is a registered rule function (see frames.py)."""
from __future__ import annotations

from collections.abc import Callable

from ..lexicon import words
from . import rules
from .roles import Scene, _users, attached, weapon_users, uniq, who
from .slots import _under

ex = rules.example
SYMMETRIC = {"meet", "join"}  # not Dutch
DIPLOMATS = words("diplomat_nouns")

rules.define("frame.attack.raken-needs-patient", "frame",
             "'raken/treffen' without an object hits no one ('raakt betrokken bij de oorlog')",
             ex("Nederland raakt steeds meer betrokken bij de oorlog met raketten.",
                "no ASSAULT"))
rules.define("frame.attack.target-of-phrase", "frame",
             "the 'van/in' side of an attacked phrase is the target ('doelen in Jemen')",
             ex("De VS vielen stellingen van de Houthi's aan.", "ASSAULT USA -> YEM"))
rules.define("frame.attack.waarmee-instrument", "frame",
             "the phrase 'waarmee' refers to ('(het zijn) Iraanse drones waarmee Rusland ... "
             "aanvalt') is the weapon of the attack, not its target",
             ex("Het zijn Iraanse drones waarmee Rusland steden in Oekraïne aanvalt.",
                "ASSAULT RUS -> UKR [drone]"))
INSTRUMENT_RELATIVES = {"waarmee", "waarmede"}  # frame.attack.waarmee-instrument
rules.define("frame.attack.unsaid-user", "frame",
             "a passive attack or one done by a weapon leaves the attacker unsaid: an event "
             "without actor",
             ex("Een drone trof een school in Kiev.", "ASSAULT - -> UKR"))
rules.define("frame.attack.weapon-target", "frame",
             "weapons attacked or destroyed are equipment of the attack ('vernietigde "
             "Russische tanks')",
             ex("Oekraïne vernietigde twee Russische tanks.", "ASSAULT UKR -> RUS [tank]"))
rules.define("frame.attack.van-part-doer", "frame",
             "'een van de Oekraïense drones trof ...': the weapons the doer is one of do it",
             ex("Een van de Russische drones trof een school in Kiev.",
                "ASSAULT RUS -> UKR [drone]"))
rules.define("frame.attack.target-from-place", "frame",
             "an attack without a named target is against the place where it happens",
             ex("Rusland bombardeerde gisteren in Oekraïne.", "ASSAULT RUS -> UKR"))


@rules.rule("frame.attack", "frame",
            "attacking: the subject (or the side of its weapons) attacks the object or the "
            "'op/tegen' PP",
            ex("Rusland bestookt Oekraïne.", "ASSAULT RUS -> UKR"))
def attack(f: Scene) -> bool:
    c, s, phrases, toks = f.c, f.s, f.phrases, f.toks
    # "Een van de drones trof een school": Frog may read both phrases as subjects or both
    # as objects; the partitive before the verb is the doer
    whole = [p for p in (f.doer if f.passive else f.doer + f.patient) if not p.equipment
             and not p.parts and toks[p.head].pos in ("TW", "VNW") and p.head < f.token
             and toks[p.head].lemma.lower() != "die" and (p in f.doer or not f.doer)]
    part = [q for p in whole for q in attached(p, phrases, "van") if q.equipment]
    if rules.applies("frame.attack.van-part-doer", part):
        others = [p for p in f.doer + f.patient if p not in whole and p not in part]
        if not f.passive:
            f.patient = others
        f.doer = whole + part
    if rules.applies("frame.attack.raken-needs-patient",
                     toks[f.token].lemma.lower() in ("raken", "treffen") and not f.patient):
        f.finish = False  # "raakt betrokken bij de oorlog": no one is hit
        return True
    c.actor = who(f.doer) or _users(f.doer, s.pp("met"))
    targets = f.patient + s.pp("op", "tegen")
    # "(het zijn) Iraanse drones waarmee Rusland ... aanvalt": the weapon, not the target
    weapons = [p for p in targets if p.equipment and _before_waarmee(p, toks)]
    if rules.applies("frame.attack.waarmee-instrument", weapons):
        targets = [p for p in targets if p not in weapons]
    inner = [q for p in targets for q in attached(p, phrases) if q.prep in ("van", "in")]
    if rules.applies("frame.attack.target-of-phrase", inner):
        targets += inner
    c.recipient = who(targets, use_assoc=True, use_places=True)
    c.theme = [p for p in f.doer + s.pp("met", "door") + weapons if p.equipment]
    hit = [p for p in f.patient if p.equipment and p not in c.theme]
    if rules.applies("frame.attack.weapon-target", hit):
        c.theme += hit
    more = helpers(f)
    if rules.applies("frame.with-help-of", bool(c.actor) and bool(more)):
        c.actor = uniq(c.actor + more)
    if rules.applies("frame.attack.target-from-place", not c.recipient and c.places):
        c.recipient = list(c.places)
        c.why.append("target from the place of the attack")
    # "vernietigd door een HIMARS-raket", "een drone trof ...": the user is unsaid
    if rules.applies("frame.attack.unsaid-user",
                     not c.actor and (f.passive or any(p.equipment for p in f.doer))):
        c.implicit_actor = True
    return True


def _before_waarmee(p, toks) -> bool:
    """Is P followed by 'waarmee', at most across the copula of a cleft ('drones zijn
    waarmee')?"""
    k = p.end
    while k < len(toks) and toks[k].pos == "WW" and toks[k].lemma.lower() == "zijn":
        k += 1
    return k < len(toks) and toks[k].lemma.lower() in INSTRUMENT_RELATIVES


rules.define("frame.fire.richting", "frame",
             "'richting X' gives the target of firing, also when Frog reads 'richting' as "
             "a noun",
             ex("Noord-Korea vuurde een ballistische raket af richting Japan.",
                "ASSAULT PRK -> JPN"))
rules.define("frame.fire.weapon-subject", "frame",
             "a weapon as the subject of firing is what was fired ('raketten afgevuurd "
             "vanuit Belarus', passive or a headline's bare participle)",
             ex("Russische raketten afgevuurd vanuit Belarus",
                "ASSAULT RUS -> - [missile]"))
rules.define("frame.fire.passive-weapon-side", "frame",
             "a passive firing without 'door' is done by the side of the weapons fired, "
             "else by someone unsaid",
             ex("Russische raketten werden vanaf Belarus op Kiev afgevuurd.",
                "ASSAULT RUS -> UKR [missile]"),
             ex("Er werden twee raketten afgevuurd op Kiev.", "ASSAULT - -> UKR [missile]"))


@rules.rule("frame.fire", "frame",
            "firing: the subject (or its weapons' side) fires the object at the "
            "'op/naar/tegen' PP",
            ex("Noord-Korea vuurde een raket af op Japan.", "ASSAULT PRK -> JPN"))
def fire(f: Scene) -> bool:
    c, s, toks = f.c, f.s, f.toks
    c.actor = who(f.doer) or _users(f.doer, f.objs)
    c.theme = [p for p in f.objs + s.pp("met") if p.equipment]
    fired = [p for p in f.patient + f.doer if p.equipment and p not in c.theme]
    if rules.applies("frame.fire.weapon-subject", fired):
        c.theme += fired
    # "vuurde een raket af richting Japan" (Frog may read 'richting' as a noun)
    toward = s.pp("richting") + [p for p in f.objs if toks[p.start].lemma.lower() == "richting"]
    toward = toward if rules.applies("frame.fire.richting", toward) else []
    c.recipient = who(s.pp("op", "naar", "tegen") + toward, use_assoc=True, use_places=True)
    if rules.applies("frame.fire.passive-weapon-side", f.passive and not c.actor):
        c.actor = _users(f.patient)
        if not c.actor:
            f.unsaid_actor()
    return True


rules.define("frame.shootdown.shooter-side", "frame",
             "shot down by weapons ('door Amerikaanse jachtvliegtuigen'): their side shoots",
             ex("De drone werd door Poolse jachtvliegtuigen neergehaald.",
                "ASSAULT POL -> - [drone,fighter aircraft]"))
rules.define("frame.shootdown.van-part", "frame",
             "'28 van de 30 drones': the weapons shot down are in the 'van' phrase",
             ex("Oekraïne schoot 28 van de 30 Russische drones neer.", "ASSAULT UKR -> RUS"))
rules.define("frame.shootdown.owner-of-object", "frame",
             "what is shot down is no weapon ('een Chinese ballon', 'een Russisch "
             "verkenningsvliegtuigje'): the side it belongs to is the target",
             ex("De Amerikaanse luchtmacht heeft boven zee een Chinese ballon neergehaald.",
                "ASSAULT USA -> CHN"))


@rules.rule("frame.shootdown", "frame",
            "shooting down: the subject downs the object; the weapon's side (not its maker) "
            "is the target",
            ex("Oekraïne schoot twintig Russische drones neer.", "ASSAULT UKR -> RUS"))
def shootdown(f: Scene) -> bool:
    c, phrases = f.c, f.phrases
    c.actor = who(f.doer)
    side = _users(f.doer, f.s.pp("met"))
    if rules.applies("frame.shootdown.shooter-side", not c.actor and side):
        c.actor = side  # "door Amerikaanse jachtvliegtuigen neergehaald"
    c.theme = [p for p in f.patient if p.equipment]
    part = [q for p in f.patient for q in attached(p, phrases, "van")  # "28 van de
            if q.equipment and q not in c.theme]                        # 30 drones"
    if rules.applies("frame.shootdown.van-part", part):
        c.theme += part
    makers = {o.code for p in c.theme for o in p.origin} | \
        {e.origin for p in c.theme for e in p.equipment if e.origin}
    c.recipient = [x for x in weapon_users(c.theme) if x.id not in makers]
    # "een Chinese ballon neergehaald": not a weapon, but still that side's
    owned = [p for p in f.patient if not p.equipment]
    if rules.applies("frame.shootdown.owner-of-object", not c.theme and not c.recipient
                     and bool(who(owned, use_assoc=True))):
        c.recipient = who(owned, use_assoc=True)
    used = [e for p in f.doer for e in p.equipment]
    if rules.applies("frame.shootdown.shooter-weapon", used):
        c.extra_equipment += used
    more = helpers(f)
    if rules.applies("frame.with-help-of", bool(c.actor) and bool(more)):
        c.actor = uniq(c.actor + more)
    c.needs_opponent = True  # the shooter's enemy, when the article says who that is
    f.unsaid_actor()
    return True


rules.define("frame.shootdown.shooter-weapon", "frame",
             "the weapon that shoots down ('door de Jordaanse luchtverdediging', 'door "
             "Amerikaanse gevechtsvliegtuigen') is equipment of the event, not its target",
             ex("De drones werden boven de woestijn neergehaald door de Jordaanse "
                "luchtverdediging.", "ASSAULT JOR -> - [air defense system]"))
rules.define("frame.with-help-of", "frame",
             "'met Amerikaanse en Britse hulp', 'met steun van Frankrijk': whoever helps an "
             "attack or shoot-down does it too",
             ex("Israël schoot de drones neer met Amerikaanse en Britse hulp.",
                "ASSAULT GBR,ISR,USA -> -"))
HELP_NOUNS = {"hulp", "steun", "medewerking", "ondersteuning", "assistentie"}  # frame.with-help-of


def helpers(f: Scene) -> list:
    """The sides of a 'met ... hulp' PP of the clause ('met Amerikaanse en Britse hulp')."""
    met = f.s.pp("met")
    groups = {p.group for p in met if p.head_lemma in HELP_NOUNS}
    found = [p for p in met if p.group in groups]
    found += [q for p in found for q in attached(p, f.phrases, "van")]
    return who(found, use_assoc=True)


rules.define("frame.not-what-it-is-called", "frame",
             "what an act is called ('als een schending van ...') names no party of it",
             ex("Iran veroordeelde de aanvallen als een schending van de Syrische "
                "soevereiniteit.", "ACCUSE IRN -> -"))
rules.define("frame.coerce.place-target", "frame",
             "coercion without a named victim is against the place where it happens",
             ex("De Russische politie arresteerde in Georgië tientallen mensen.",
                "COERCE RUS -> GEO"))


rules.define("frame.accuse.charge-parties", "frame",
             "with the accused named, the parties inside the charge ('voor zijn steun aan "
             "Rusland', 'van leveringen aan Rusland') are not accused",
             ex("Duitsland heeft China gewaarschuwd voor zijn steun aan de Russische "
                "wapenindustrie.", "ACCUSE DEU -> CHN"))
CHARGE_PREPS = {"voor", "van", "over"}  # not Dutch: the prepositions of the charge


def _called(q, phrases) -> bool:
    return q.prep == "als" or _under(q, phrases, {"als"})


def _against(f: Scene, frame: str) -> bool:
    """Accusing, sanctioning, supporting, coercing: the subject acts on the object or
    the PPs (of the phrases) it is directed at."""
    c, s, phrases = f.c, f.s, f.phrases
    c.actor = who(f.doer)
    targets = f.patient + s.pp("aan", "tegen", "voor", "over", "van", "op")
    if frame == "support":
        targets = f.patient + s.pp("voor", "aan")
    # not what it is called: "veroordeelde de aanvallen als een schending van Jemens
    # soevereiniteit"
    inner = [q for p in targets for q in attached(p, phrases)]
    if rules.applies("frame.not-what-it-is-called", any(_called(q, phrases) for q in inner)):
        inner = [q for q in inner if not _called(q, phrases)]
    deep = targets + inner
    # "waarschuwde China voor zijn steun aan Rusland": Russia is not warned
    if rules.applies("frame.accuse.charge-parties", frame == "accuse" and bool(who(f.patient))
                     and any(_under(p, phrases, CHARGE_PREPS) for p in deep if p.parts)):
        deep = [p for p in deep if not _under(p, phrases, CHARGE_PREPS)]
    c.recipient = who(deep, use_assoc=True)
    if frame == "coerce" and not c.recipient:
        place = who(s.pp("in", "bij"), use_places=True) or list(c.places)
        if rules.applies("frame.coerce.place-target", place):
            c.recipient = place
    f.unsaid_actor()
    c.theme = [p for p in deep if p.equipment]
    if frame == "sanction":  # "uit het F-35-programma gezet"
        more = [p for ps in s.pps.values() for p in ps if p.equipment and p not in deep]
        if rules.applies("frame.sanction.any-pp-equipment", more):
            c.theme += more
    return True


rules.define("frame.sanction.any-pp-equipment", "frame",
             "the equipment of any PP of a sanction is its theme ('uit het F-35-programma "
             "gezet')",
             ex("Turkije werd door de VS uit het F-35-programma gezet.",
                "SANCTION USA -> TUR [F-35]"))


@rules.rule("frame.accuse", "frame",
            "accusing: the subject accuses the object or the 'aan/tegen/voor/over/van/op' PP",
            ex("Oekraïne beschuldigt Iran.", "ACCUSE UKR -> IRN"))
def accuse(f: Scene) -> bool:
    return _against(f, "accuse")


@rules.rule("frame.sanction", "frame",
            "sanctioning: the subject sanctions the object or the PP it is directed at",
            ex("Frankrijk wijst Russische diplomaten uit.", "SANCTION FRA -> RUS"))
def sanction(f: Scene) -> bool:
    return _against(f, "sanction")


@rules.rule("frame.support", "frame",
            "supporting: the subject supports the object or the 'voor/aan' PP",
            ex("Frankrijk steunt Oekraïne.", "SUPPORT FRA -> UKR"))
def support(f: Scene) -> bool:
    return _against(f, "support")


@rules.rule("frame.coerce", "frame",
            "coercing: the subject coerces the object (its own people too)",
            ex("Iran arresteerde Britse journalisten.", "COERCE IRN -> GBR"))
def coerce(f: Scene) -> bool:
    return _against(f, "coerce")


rules.define("frame.meet.visit-aan", "frame",
             "'een bezoek aan X': X is the other side of the meeting (not 'over steun aan')",
             ex("De Russische minister bracht een bezoek aan Iran.", "CONSULT RUS -> IRN"))


rules.define("frame.meet.elkaar-members", "frame",
             "'de ministers X van Rusland en Y van de VS spraken met elkaar': with 'elkaar' "
             "and no partner named, the sides named inside the subject meet each other",
             ex("Gisteren spraken de ministers Lavrov van Rusland en Rubio van de VS met "
                "elkaar.", "CONSULT RUS -> USA"))


def _together(f: Scene, frame: str) -> bool:
    """Meeting, joining: the subject and the 'met/tussen' partners; the first is the
    actor, the others recipients."""
    c, s, phrases = f.c, f.s, f.phrases
    partners = s.pp("met", "tussen") + f.objs
    if frame == "meet":
        # "bracht een bezoek aan Teheran"; not the topic's "over steun aan Oekraïne"
        aan = [p for p in s.pp("aan") if not _under(p, phrases, {"over"})]
        if rules.applies("frame.meet.visit-aan", aan):
            partners += aan
    partners += [q for p in f.objs + s.pp("voor") for q in attached(p, phrases, "met")]
    members = uniq(who(f.doer if f.passive else f.subj) + who(partners, use_assoc=True))
    # "de ministers Lavrov van Rusland en Rubio van de VS spraken met elkaar"
    inside = uniq(members + who([q for p in f.subj for q in attached(p, phrases)]))
    if rules.applies("frame.meet.elkaar-members", len(members) == 1 and len(inside) >= 2 and
                     any(p.pronoun == "elkaar" for p in partners)):
        members = inside
    c.actor, c.recipient = members[:1], members[1:]
    if who(f.objs) and not f.passive:
        c.why.append("partner from the object")  # report.talks-party-object
    return True


@rules.rule("frame.meet", "frame",
            "meeting (symmetric): the subject and the 'met/tussen' partners or objects",
            ex("Frankrijk overlegde met Duitsland.", "CONSULT FRA -> DEU"))
def meet(f: Scene) -> bool:
    return _together(f, "meet")


@rules.rule("frame.join", "frame",
            "joining (symmetric): the subject and the 'met/tussen' partners or objects",
            ex("Rusland werkt samen met Iran.", "COOPERATE RUS -> IRN"))
def join(f: Scene) -> bool:
    return _together(f, "join")


@rules.rule("frame.agree", "frame",
            "agreeing: the subject agrees with the 'met' PP or the object (and their sides)",
            ex("Turkije stemde in met Zweden.", "AGREE TUR -> SWE"))
def agree(f: Scene) -> bool:
    c, phrases = f.c, f.phrases
    c.actor = who(f.doer)
    partners = f.s.pp("met") + f.objs
    # "gaf toestemming aan Oekraïne": the clause's own 'aan' PP is who is granted it
    granted = [p for p in f.s.pp("aan") if p.attach is None]
    if rules.applies("frame.agree.granted-aan", granted and who(granted)):
        partners += granted
    inner = [q for p in partners for q in attached(p, phrases)]
    if rules.applies("frame.agree.not-place", any(q.prep == "in" for q in inner)):
        inner = [q for q in inner if q.prep != "in"]  # "toestemming voor gebruik in Rusland"
    c.recipient = who(partners + inner, use_assoc=True)
    # "toestemming voor het gebruik van ATACMS-raketten": the equipment agreed on
    things = [q for q in inner if q.equipment]
    if rules.applies("frame.agree.theme", things):
        c.theme = things
    return True


rules.define("frame.agree.theme", "frame",
             "the equipment in what is agreed or permitted is the agreement's",
             ex("De VS geven Oekraïne toestemming voor het gebruik van ATACMS-raketten.",
                "AGREE USA -> UKR [ATACMS]"))


rules.define("frame.agree.not-place", "frame",
             "what is agreed to happen 'in X' names where, not a party of the agreement",
             ex("De VS geven Oekraïne toestemming voor gebruik van raketten in Rusland.",
                "AGREE USA -> UKR"))


rules.define("frame.agree.granted-aan", "frame",
             "agreeing or permitting: the clause's own 'aan' PP is who is granted it "
             "('gaf toestemming aan Oekraïne')",
             ex("De Verenigde Staten hebben toestemming gegeven aan Polen.",
                "AGREE USA -> POL"))


@rules.rule("frame.reject", "frame",
            "rejecting: the subject refuses; the 'aan' PP is who is refused",
            ex("Daarna weigerden de VS F-35's aan Turkije te leveren.", "REJECT USA -> TUR"))
def reject(f: Scene) -> bool:
    c = f.c
    c.actor = who(f.doer)
    # "ontkent drones aan Rusland te hebben geleverd": the denial is not aimed at Russia
    if rules.applies("frame.reject.denial-not-at-complement", c.trigger.denies and any(
            f.toks[k].lemma.lower() == "te" for k in c.clause.tokens if k > f.token)):
        return True
    c.theme = [p for p in f.objs if p.equipment]
    c.recipient = who(f.s.pp("aan"))  # "weigerde F-35's aan Turkije te leveren"
    return True


rules.define("frame.reject.denial-not-at-complement", "frame",
             "a denial is not aimed at the recipient of the act denied ('ontkent drones aan "
             "Rusland te hebben geleverd')",
             ex("Iran ontkent drones aan Rusland te hebben geleverd.", "REJECT IRN -> -"))


rules.define("frame.protest.place-actor", "frame",
             "protesters not named: the country of the place of the protest protests",
             ex("In Tbilisi werd gedemonstreerd tegen Rusland.", "PROTEST GEO -> RUS"))


@rules.rule("frame.protest", "frame",
            "protesting: the subject protests against the 'tegen' PP",
            ex("Georgiërs protesteren tegen Rusland.", "PROTEST GEO -> RUS"))
def protest(f: Scene) -> bool:
    c, s = f.c, f.s
    c.actor = who(f.subj)
    c.recipient = who(s.pp("tegen"), use_assoc=True)
    if not c.actor:
        place = who(s.pp("in", "bij", "op"), use_places=True) or list(c.places)
        if rules.applies("frame.protest.place-actor", place):
            c.actor = place
            c.why.append("protesters' country from the place of the protest")
    return True


@rules.rule("frame.mobilize", "frame",
            "mobilizing or withdrawing: the subject moves its forces",
            ex("Rusland mobiliseert extra troepen.", "MOBILIZE RUS -> -"))
def mobilize(f: Scene) -> bool:
    c = f.c
    c.actor = who(f.doer)
    c.theme = [p for p in f.patient if p.equipment]
    return True


@rules.rule("frame.recall", "frame",
            "recalling one's own diplomat ('riep zijn ambassadeur in Israël terug') is a "
            "protest against the state it is recalled from ('uit/in X')",
            ex("Frankrijk heeft zijn ambassadeur in Israël teruggeroepen.", "ACCUSE FRA -> ISR"))
def recall(f: Scene) -> bool:
    c, s, phrases, toks = f.c, f.s, f.phrases, f.toks
    envoys = [p for p in f.patient if toks[p.head].lemma.lower() in DIPLOMATS]
    if not envoys:
        f.finish = False  # "riep reservisten terug": no diplomacy
        return False
    c.actor = who(f.doer)
    where = s.pp("uit", "in") + [q for p in envoys for q in attached(p, phrases)
                                 if q.prep in ("uit", "in")]
    c.recipient = [x for x in who(where, use_places=True) if x.id not in {a.id for a in c.actor}]
    return True


CONFLICT: dict[str, Callable[[Scene], object]] = {  # not Dutch
    "attack": attack, "fire": fire, "shootdown": shootdown, "accuse": accuse,
    "sanction": sanction, "support": support, "coerce": coerce, "meet": meet, "join": join,
    "agree": agree, "reject": reject, "protest": protest, "mobilize": mobilize,
    "recall": recall}
