"""Frames of supply: giving, arriving, receiving, buying, using, training, helping and
asking for equipment. Each is a registered rule function (see frames.py)."""
from __future__ import annotations

from ..models import EquipmentRef
from . import rules
from .roles import Scene, attached, catalogue_origin, uniq, who

ex = rules.example


# -- giving and getting ---------------------------------------------------------------
rules.define("frame.give.troops-to-place-mobilize", "frame",
             "troops sent to a border, front or region rather than to a state: MOBILIZE",
             ex("Rusland stuurt extra troepen naar de grens.", "MOBILIZE RUS -> -"))
rules.define("frame.give.theme-inside-phrase", "frame",
             "equipment inside an object or 'met' phrase is what is given "
             "('onderdelen voor drones', 'een pakket met Stinger-raketten')",
             ex("Iran levert munitie en onderdelen voor drones aan Rusland.",
                "AID IRN -> RUS [drone]"))


rules.define("frame.give.passive-from", "frame",
             "a passive supply without 'door' comes from the state of its 'uit/vanuit' phrase",
             ex("Er werd vanuit Noord-Korea munitie naar Rusland vervoerd.",
                "AID PRK -> RUS [ammunition]"))
rules.define("frame.give.voor-theme", "frame",
             "without other equipment, the equipment of a 'voor' PP is what is given "
             "('levert op grote schaal onderdelen voor drones')",
             ex("China levert op grote schaal onderdelen voor drones aan Rusland.",
                "AID CHN -> RUS [drone]"))


@rules.rule("frame.give", "frame",
            "giving: the subject gives the object to the 'aan' PP or a bare entity object "
            "(else 'naar/voor' without a place)",
            ex("Iran levert drones aan Rusland.", "AID IRN -> RUS"))
def give(f: Scene) -> bool:
    c, s, phrases = f.c, f.s, f.phrases
    c.actor = who(f.doer)
    ents = [p for p in f.patient if p.parts and not p.equipment]
    c.recipient = who(s.pp("aan") + ents) or who([p for p in s.pp("naar", "voor")
                                                   if not p.places])
    c.theme = [p for p in f.patient + s.pp("van", "met") if p.equipment]
    inner = [q for p in f.patient + s.pp("met") for q in attached(p, phrases)
             if q.equipment and q.prep in ("voor", "met", "van")]
    if rules.applies("frame.give.theme-inside-phrase", inner):
        c.theme += inner
    if not c.theme:  # "levert op grote schaal onderdelen voor drones" (Frog: 'op ...')
        found = [p for p in s.pp("voor") if p.equipment and not p.parts]
        if rules.applies("frame.give.voor-theme", found):
            c.theme = found
    # named there, not an anaphor ('vanuit het land' may be read as the wrong state)
    source = [x for x in who(s.pp("uit", "vanuit", "vanaf")) if x.via != "coref"]
    if rules.applies("frame.give.passive-from", f.passive and not f.agent and not c.actor
                     and source and c.theme):
        c.actor = [x for x in source if x.id not in {r.id for r in c.recipient}]
    f.unsaid_actor()
    goal = [p for p in s.pp("naar") if not p.parts and (p.places or p.head_lemma in
                                                        ("grens", "front", "regio"))]
    if rules.applies("frame.give.troops-to-place-mobilize", not c.recipient and goal and
                     any(p.personnel for p in c.theme)):
        c.event = "MOBILIZE"  # troops sent to a border or front, not to another state
        c.why.append("troops sent to a place, not to a state: MOBILIZE")
    return True


@rules.rule("frame.arrive", "frame",
            "arriving: the equipment (subject) comes to the 'in/naar' place from its own "
            "side or the 'uit/van' PP",
            ex("De Amerikaanse tanks komen volgende week in Oekraïne aan.",
               "AID USA -> UKR"))
def arrive(f: Scene) -> bool:
    c, s = f.c, f.s
    f.unsaid_actor()
    c.theme = [p for p in f.subj if p.equipment]
    c.recipient = who(s.pp("in", "naar"))
    c.actor = [o for p in c.theme for o in p.assoc + p.origin] or who(s.pp("uit", "van"))
    return True


rules.define("frame.receive.supplier-from-origin", "frame",
             "without a 'van/uit/bij' supplier, the country the received equipment belongs "
             "to or comes from supplied it",
             ex("Rusland ontving vorig jaar Iraanse drones.", "AID IRN -> RUS"))


@rules.rule("frame.receive", "frame",
            "receiving: the subject gets the object from the 'van/uit/bij' PP",
            ex("Rusland krijgt drones van Iran.", "AID IRN -> RUS"))
def receive(f: Scene) -> bool:
    c, s = f.c, f.s
    c.recipient = who(f.subj)
    c.actor = who(s.pp("van", "uit", "bij"))
    c.theme = [p for p in f.objs if p.equipment]
    if not c.actor:
        found = uniq([x for p in c.theme for x in p.assoc + p.origin
                      if x.id not in {r.id for r in c.recipient}])
        c.actor = found if rules.applies("frame.receive.supplier-from-origin", found) \
            else catalogue_origin(c.theme, c.recipient)
        if c.actor:
            c.why.append("supplier from the equipment's country or maker")
    return True


rules.define("frame.buy.seller-from-origin", "frame",
             "without a 'van/bij/uit/in' seller, the country the bought equipment belongs "
             "to or comes from sold it",
             ex("Iran kocht Russische straaljagers.", "AID RUS -> IRN"))
rules.define("frame.buy.for-third-party", "frame",
             "bought 'voor' a third party: AID from the buyer to the beneficiary",
             ex("Duitsland koopt Patriot-raketten voor Oekraïne.", "AID DEU -> UKR"))


@rules.rule("frame.buy", "frame",
            "buying: AID from the seller ('van/bij/uit/in') to the buyer (subject)",
            ex("Iran koopt straaljagers van Rusland.", "AID RUS -> IRN"))
def buy(f: Scene) -> bool:
    c, s = f.c, f.s
    buyer = who(f.doer)
    seller = who(s.pp("van", "bij", "uit", "in"))
    c.theme = [p for p in f.patient if p.equipment]
    if not seller:
        found = uniq([x for p in c.theme for x in p.assoc + p.origin
                      if x.id not in {b.id for b in buyer}])
        seller = found if rules.applies("frame.buy.seller-from-origin", found) else \
            catalogue_origin(c.theme, buyer)
    beneficiary = who(s.pp("voor"))
    if rules.applies("frame.buy.for-third-party", beneficiary):
        c.actor, c.recipient = buyer, beneficiary
        c.why.append("bought for a third party: AID buyer -> beneficiary")
    else:
        c.actor, c.recipient = seller, buyer
        c.why.append("purchase: AID seller -> buyer (REQUEST if only attempted)")
    return True


rules.define("frame.use.foreign-troops", "frame",
             "foreign troops put to use were sent by their state ('zet Noord-Koreaanse "
             "soldaten in')",
             ex("Rusland zet Noord-Koreaanse soldaten in.", "AID PRK -> RUS"))


@rules.rule("frame.use", "frame",
            "foreign weapons or troops in use imply their supply: AID maker -> user",
            ex("Rusland zet Iraanse drones in.", "AID IRN -> RUS"))
def use(f: Scene) -> bool:
    c = f.c
    actor = who(f.doer)
    c.theme = [p for p in f.patient if p.equipment]
    # foreign weapons or foreign troops ("Noord-Koreaanse soldaten") put to use
    troops = rules.on("frame.use.foreign-troops")
    c.actor = uniq([x for p in c.theme for x in p.assoc + p.origin +
                    (p.parts if p.personnel and troops else [])
                    if x.id not in {a.id for a in actor}])
    if troops and any(x.id not in {a.id for a in actor} for p in c.theme if p.personnel
                      for x in p.parts):
        rules.fired("frame.use.foreign-troops")
    c.recipient = actor
    c.why.append("foreign-made equipment in use implies its supply: AID maker -> user")
    return True


rules.define("frame.train.host-country-trainer", "frame",
             "training without a named trainer: the country where it happens trains",
             ex("Oekraïense piloten worden in Denemarken getraind.", "AID DNK -> UKR"))
rules.define("frame.train.maker-trainer", "frame",
             "training without trainer or host: the maker of the system trained on trains",
             ex("Oekraïense piloten worden getraind op de F-16.", "AID USA -> UKR"))


@rules.rule("frame.train", "frame",
            "training: the subject trains the object (personnel as equipment), on the "
            "'op/in/met' systems",
            ex("Nederland traint Oekraïense piloten.", "AID NLD -> UKR [personnel]"))
def train(f: Scene) -> bool:
    c, s, phrases = f.c, f.s, f.phrases
    c.actor = who(f.doer)
    trainees = f.patient
    c.extra_equipment.append(EquipmentRef(raw_text=f.toks[f.token].text, name=None,
                                          cls="personnel"))
    c.recipient = who(trainees)
    c.theme = [p for p in s.pp("op", "in", "met") + trainees if p.equipment]
    c.theme += [q for p in s.pp("in", "op") for q in attached(p, phrases) if q.equipment]
    if not c.actor:
        c.implicit_actor = True
        host = [x for x in who(s.pp("in"), use_places=True)
                if x.id not in {r.id for r in c.recipient}]
        if rules.applies("frame.train.host-country-trainer", host):
            c.actor = host[:1]
            c.why.append("trainer implicit: the country where the training happens")
        else:
            made = catalogue_origin(c.theme, c.recipient)
            if rules.applies("frame.train.maker-trainer", made):
                c.actor = made
                c.why.append("trainer implicit: the maker of the equipment trained on")
    return True


rules.define("frame.help.bij-side", "frame",
             "helping 'bij' someone's war or attacks helps that side",
             ex("Noord-Korea helpt bij de Russische oorlog met raketten.", "AID PRK -> RUS"))


@rules.rule("frame.help", "frame",
            "helping: the subject helps the object or the 'bij' PP (or the side named in it)",
            ex("Iran helpt Rusland met drones.", "AID IRN -> RUS"))
def help_(f: Scene) -> bool:
    c, s, phrases = f.c, f.s, f.phrases
    c.actor = who(f.doer)
    c.recipient = who(f.patient + s.pp("bij"))
    side = uniq([x for p in s.pp("bij") for q in [p] + attached(p, phrases) for x in q.assoc])
    if not c.recipient and rules.applies("frame.help.bij-side", side):
        c.recipient = side
    c.theme = [p for p in f.doer + s.pp("bij") if p.equipment]
    c.theme += [q for p in s.pp("bij") for q in attached(p, phrases) if q.equipment]
    return True


rules.define("frame.request.van-addressee", "frame",
             "without an object or 'aan/bij' addressee, the 'van' PP is asked",
             ex("Oekraïne eist meer wapens van Duitsland.", "REQUEST UKR -> DEU"))
rules.define("frame.request.addressee-from-equipment", "frame",
             "asking for a country's equipment is asking that country "
             "('vroeg om Iraanse raketten' -> Iran)",
             ex("Rusland heeft om Iraanse raketten gevraagd.", "REQUEST RUS -> IRN"))


@rules.rule("frame.request", "frame",
            "asking: the subject asks the object or 'aan/bij' PP (else 'van') for the 'om' "
            "equipment",
            ex("Oekraïne vraagt Duitsland om Taurus-raketten.", "REQUEST UKR -> DEU"))
def request(f: Scene) -> bool:
    c, s, phrases = f.c, f.s, f.phrases
    c.actor = who(f.doer)
    c.recipient = [r for r in who([p for p in f.objs if p.parts] + s.pp("aan", "bij"))
                   if r.id not in {a.id for a in c.actor}]
    c.theme = [p for p in s.pp("om") + f.objs if p.equipment]
    c.theme += [q for p in s.pp("om") for q in attached(p, phrases) if q.equipment]
    if not c.theme:
        c.theme = [p for ps in s.pps.values() for p in ps if p.equipment]
    if not c.recipient and rules.applies("frame.request.van-addressee", s.pp("van")):
        c.recipient = who(s.pp("van"))
    if not c.recipient:  # asking for Iranian missiles is asking Iran
        asker = {a.id for a in c.actor}
        found = uniq([x for p in c.theme for x in p.assoc + p.origin if x.id not in asker]) \
            or catalogue_origin(c.theme, c.actor)
        if rules.applies("frame.request.addressee-from-equipment", found):
            c.recipient = found
            c.why.append("addressee from the requested equipment's country")
    return True
