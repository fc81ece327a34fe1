"""Coreference: anaphoric phrases ('het land', 'zulke vliegtuigen', 'die', 'wij')
filled from what came before in the sentence and the article (the reader's `Memory`)."""
from __future__ import annotations

from ..knowledge import load_catalog
from ..lexicon import words
from ..models import EquipmentRef
from . import rules
from .clauses import Clause
from .parse import Parse
from .memory import DOMESTIC, copy_participant, is_state, self_local
from .phrases import Participant, Phrase

# A bare class word may stand for a system of these classes named earlier.
FAMILIES = {  # not Dutch
    "missile": {"ballistic missile", "cruise missile", "missile"},
    "drone": {"drone"}, "fighter aircraft": {"fighter aircraft"},
    "air defense system": {"air defense system"}, "tank": {"tank"},
    "artillery ammunition": {"artillery ammunition"}}
ANAPHORIC_DETS = words("anaphoric_dets")
DEFINITE_DETS = {"de", "deze", "die"}  # coreference.armed-group-description

D = "coreference"
rules.define("coreference.relative-pronoun", D,
             "a relative pronoun is the phrase right before it",
             rules.example("Duitsland, dat eerder tanks leverde, stuurt nu ook raketten naar "
                           "Oekraïne.", "AID DEU -> UKR [tank]"))
rules.define("coreference.relative-coordination", D,
             "a relative pronoun after coordinated weapons is all of them ('drones en "
             "raketten die Iran afvuurde')",
             rules.example("Israël onderschepte de drones en raketten die Iran had afgevuurd.",
                           "ASSAULT IRN -> - [drone,missile]"))
rules.define("coreference.named-by-own-pp", D,
             "'het regime in Iran': an anaphoric noun is the state of its own 'in/van/uit' "
             "phrase",
             rules.example("Het regime in Iran levert drones aan Rusland.", "AID IRN -> RUS"))
rules.define("attribution.volgens-hem-person", "attribution",
             "'volgens hem in Genève': a source pronoun is whoever spoke, not the place "
             "after it",
             rules.example("Antony Blinken sprak dinsdag met journalisten. Volgens hem in "
                           "Frankrijk levert Iran raketten aan Rusland.",
                           "AID IRN -> RUS source=Blinken"))
rules.define("coreference.possessive", D,
             "'hun land': a possessive is the participant earlier in the clause or the "
             "subject of the clause above",
             rules.example("Noord-Korea zegt dat zijn regime geen wapens aan Rusland levert.",
                           "AID PRK -> RUS negated"))
rules.define("coreference.het-land", D,
             "'het land', 'het regime' (and 'het' as a subordinate subject) is the state "
             "named last",
             rules.example("Iran heeft een grote drone-industrie. Het land levert drones aan "
                           "Rusland.",
                           "AID IRN -> RUS"))
rules.define("coreference.het-plural-verb-expletive", D,
             "'dat het Iraanse drones zijn waarmee ...': 'het' with a plural finite verb is "
             "no subject and refers to no state (a cleft)",
             rules.example("Oekraïne heeft bewijs. Volgens Kiev is het duidelijk dat het "
                           "Iraanse drones zijn waarmee Rusland steden aanvalt.",
                           "ASSAULT RUS -> -"))
rules.define("coreference.supplied-weapon-user", D,
             "'Iraanse drones' after the article said Iran supplies drones to Russia, while "
             "Iran attacks no one in it: the drones are Russia's, Iran only made them",
             rules.example("Iran levert drones aan Rusland. Gisteren troffen Iraanse drones "
                           "een energiecentrale in Kiev.", "ASSAULT RUS -> UKR [drone]"),
             rules.example("Iran levert drones aan Rusland. Oekraïne schoot gisteren twintig "
                           "Iraanse drones neer.", "ASSAULT UKR -> RUS [drone]"))
rules.define("coreference.beide-landen", D,
             "'beide landen', 'de twee landen' are the two states named last",
             rules.example("Iran en Rusland werken nauw samen. Beide landen leveren wapens "
                           "aan Syrië.", "AID IRN,RUS -> SYR"))
rules.define("coreference.die-ze-previous-subject", D,
             "'die', 'ze', 'zij', 'deze' opening a clause is the previous sentence's subject",
             rules.example("Rusland heeft weinig munitie meer. Die koopt nu granaten in "
                           "Noord-Korea.", "AID PRK -> RUS"))
rules.define("coreference.die-coordinated-object", D,
             "'die' opening a coordinated clause ('..., maar die') is the party named last "
             "before it without a preposition, not the subject",
             rules.example("Oekraïne wilde Rusland een voorstel doen, maar die wees het "
                           "voorstel af.", "REJECT RUS -> -"))
rules.define("coreference.bare-title-person", D,
             "a bare 'de president', 'de premier' with no country named is the person named "
             "last",
             rules.example("Alexander Loekasjenko sprak met journalisten. De president "
                           "ontkende dat zijn land wapens aan Rusland levert.",
                           "REJECT BLR -> -"))
rules.define("coreference.wij-speaker", D,
             "'wij', 'we', 'ons' in a quote are the speaker's side",
             rules.example("'Wij sturen tanks naar Oekraïne', zei de Duitse minister van "
                           "Defensie.", "AID DEU -> UKR [tank]"))
rules.define("coreference.hij-person", D,
             "'hij', 'hem', 'zij' is the person named last",
             rules.example("Vladimir Poetin bezocht Pyongyang. Hij levert Noord-Korea "
                           "gevechtsvliegtuigen.", "AID RUS -> PRK"))
rules.define("coreference.ze-die-equipment", D,
             "'ze', 'die' as an object is the equipment named before in the sentence or in "
             "the previous one",
             rules.example("Kiev vraagt om F-16's. Biden zei dat hij die niet zou sturen.",
                           "AID USA -> UKR [F-16] negated"))
rules.define("coreference.domestic-body", D,
             "'de oproerpolitie', 'de regering' with no country named belong to the country "
             "of the scene",
             rules.example("In Tbilisi gingen duizenden mensen de straat op. De oproerpolitie "
                           "viel de demonstranten aan.", "ASSAULT GEO -> -"))
rules.define("coreference.family-member", D,
             "a family name ('de MiG's') is the member named before (MiG-29)",
             rules.example("Polen leverde MiG-29's aan Oekraïne. Slowakije stuurt ook MiG's "
                           "naar Kiev.", "AID SVK -> UKR [MiG-29]"))
rules.define("coreference.class-word-in-news", D,
             "a bare class word ('raketten') also names the system of that kind in the news",
             rules.example("De Fateh-110-raketten zijn nauwkeurig. Iran levert Rusland nu "
                           "raketten.", "AID IRN -> RUS [Fateh-110]"))
rules.define("coreference.onze-speaker", D,
             "'onze steden' in a quote are the speaker's",
             rules.example("'De Russen bombarderen onze steden', zei de Oekraïense president.",
                           "ASSAULT RUS -> UKR"))
rules.define("coreference.zulke-vliegtuigen", D,
             "'de drones', 'zulke vliegtuigen', '24 exemplaren' are the system of that class "
             "named before",
             rules.example("Denemarken kocht F-16's. Noorwegen levert zulke vliegtuigen aan "
                           "Oekraïne.", "AID NOR -> UKR [F-16]"))
rules.define("coreference.armed-group-description", D,
             "'de militie', 'de Libanese militie', 'de rebellen': a definite rebel or militia "
             "noun is the armed group named last (of the adjective's country, if one is said), "
             "not the state",
             rules.example("Hezbollah beschiet Israël al maanden. Nu moet de militie zich "
                           "terugtrekken uit het grensgebied.", "RETREAT LBN -> ISR"),
             rules.example("De Houthi's vuren raketten af op schepen. Gisteren vielen de "
                           "rebellen een Brits vrachtschip aan.", "ASSAULT YEM -> GBR"))


def coreference(parse: Parse) -> list[str]:
    """Fill the sentence's anaphoric phrases from what came before; returns explanations."""
    sent, phrases, clauses, memory = parse.sent, parse.phrases, parse.clauses, parse.memory
    subjects_of = parse.subjects
    toks = sent.tokens
    why = []
    for idx, ph in enumerate(phrases):
        head = toks[ph.head]
        lemma = head.lemma.lower()
        first = toks[ph.start].lemma.lower()
        user = _supplied_user(ph, memory)
        if rules.applies("coreference.supplied-weapon-user", user is not None):
            maker = ph.assoc[0]
            ph.origin = [maker] + [o for o in ph.origin if o.id != maker.id]
            ent = load_catalog().country(user)
            ph.assoc = [Participant(key=f"country:{user}", name=ent.name if ent else user,
                                    code=user, raw=ph.text, start=maker.start, end=maker.end,
                                    via="coref", wikidata=ent.wikidata if ent else None)]
            for e in ph.equipment:
                e.origin = e.origin or maker.code
            why.append(f"'{ph.text}': made by {maker.name}, used by {user} (supplied earlier)")
        # relative pronoun: its antecedent is the phrase right before it
        if rules.applies("coreference.relative-pronoun",
                         head.pos == "VNW" and "betr" in head.feats and idx > 0):
            ante = phrases[idx - 1]
            ph.parts = list(ante.parts)
            ph.equipment = list(ante.equipment)
            # "drones en raketten die Iran afvuurde": all of a coordination
            more = [e for q in phrases[:idx - 1] if q.group == ante.group and q.prep == ante.prep
                    for e in q.equipment if not any((e.name or e.cls) == (x.name or x.cls)
                                                    for x in ph.equipment)]
            if rules.applies("coreference.relative-coordination", more):
                ph.equipment = more + ph.equipment
            ph.assoc = list(ante.assoc)
            ph.origin = list(ante.origin)
            ph.pronoun = None
            continue
        group = _described_group(ph, toks, phrases[:idx], memory, sent.index)
        if rules.applies("coreference.armed-group-description", group is not None):
            ph.parts = [copy_participant(group, ph.text, toks[ph.start].start,
                                         toks[ph.end - 1].end)]
            why.append(f"'{ph.text}' = {group.name} (the armed group named last)")
            continue
        if ph.parts:
            continue
        clause = next((c for c in clauses if c.has(ph.head)), None)
        raw = (ph.text, toks[ph.start].start, toks[ph.end - 1].end)
        ante_list: list[Participant] = []
        note = ""
        via_pp = [p for q in phrases if q.attach == idx and q.prep in ("in", "van", "uit")
                  for p in q.parts]
        # not 'volgens hem in Iran': a source pronoun is whoever spoke (the PP is Frog's
        # attachment of the place)
        if rules.applies("coreference.named-by-own-pp", ph.pronoun and via_pp and not
                         rules.applies("attribution.volgens-hem-person", ph.prep == "volgens")):
            ante_list, note = via_pp[:1], "named by its own 'in/van' phrase"
        elif rules.applies("coreference.possessive",
                           ph.pronoun and ph.pronoun.startswith("possessive")):
            earlier = [p for q in phrases[:idx] if clause and clause.has(q.head) for p in q.parts]
            ante = earlier[-1] if earlier else _governing_subject(clause, clauses, subjects_of)
            if ante is not None:
                ante_list, note = [ante], "possessor earlier in the clause"
        elif rules.applies("coreference.het-land", ph.pronoun in ("land", "regime", "bewind",
                                                                   "staat") or (
                lemma == "het" and head.pos == "VNW" and clause is not None
                and clause.kind == "sub" and (_subject_position(toks, ph)
                                              or ph.start == clause.tokens[0] + 1)
                and not rules.applies("coreference.het-plural-verb-expletive",
                                      clause.finite is not None and
                                      "mv" in toks[clause.finite].feats))):
            ante = _governing_subject(clause, clauses, subjects_of)
            exclude = {p.code for p in _clause_participants(clause, phrases, ph)}
            # 'het' may be any body ("het Pentagon ... dat het tanks zal sturen");
            # 'het land' must be a state
            wants_state = ph.pronoun in ("land", "regime", "bewind", "staat")
            if ante is None or ante.code in exclude or (wants_state and not is_state(ante)):
                ante = memory.recent_country(exclude, sent.index)
            if ante is not None:
                ante_list, note = [ante], "the state last named"
        elif rules.applies("coreference.beide-landen", ph.pronoun == "beide landen"):
            pair = memory.recent_states(2, sent.index + 1, set())
            if len(pair) == 2:
                ante_list, note = pair, "the two states last named"
        elif rules.applies("coreference.die-coordinated-object",
                           head.pos == "VNW" and lemma == "die" and "pron" in head.feats and
                           clause is not None and clause.kind == "coord" and
                           ph.start in clause.tokens[:2] and _last_object(phrases[:idx])):
            # "Zelensky wilde Poetin ontmoeten, maar die wees het af": not the subject
            ante_list, note = _last_object(phrases[:idx]), "the party named last before it"
        elif rules.applies("coreference.die-ze-previous-subject",
                           head.pos == "VNW" and lemma in ("die", "ze", "zij", "deze") and
                           "pron" in head.feats and clause is not None and
                           ph.start == clause.tokens[0]):
            ante_list = memory.subjects.get(sent.index - 1) or \
                memory.actors.get(sent.index - 1, [])[-1:]
            note = "the previous sentence's subject"
        elif rules.applies("coreference.wij-speaker", head.pos == "VNW" and
                           lemma in ("wij", "we", "ons") and memory.speakers.get(sent.index)):
            ante_list, note = memory.speakers[sent.index], "the speaker's side"
        elif rules.applies("coreference.hij-person",
                           head.pos == "VNW" and lemma in ("hij", "hem", "zij")):
            earlier = [p for q in phrases[:idx] for p in q.parts if p.via in ("person", "of")
                       or q.head_lemma in ("president", "minister", "premier", "woordvoerder")]
            ante_list = earlier[-1:] or memory.persons[-1:]
            note = "the person last named"
        elif rules.applies("coreference.ze-die-equipment",
                           head.pos == "VNW" and lemma in ("ze", "zij", "die", "hen") and
                           clause is not None and not _subject_position(toks, ph)):
            things = [q for q in phrases[:idx] if q.equipment]
            if things:
                ph.equipment = [_as_said(e, ph.text) for e in things[-1].equipment]
                ph.assoc = list(things[-1].assoc)
                why.append(f"'{ph.text}' = {things[-1].text}")
            else:  # "Kiev vraagt om F-16's. Biden zei dat hij die niet zou sturen."
                before = [(e, assoc) for k, e, assoc in memory.equipment
                          if k == sent.index - 1 and e.name]
                if before:
                    e, assoc = before[-1]
                    ph.equipment = [_as_said(e, ph.text)]
                    ph.assoc = list(assoc)
                    why.append(f"'{ph.text}' = the {e.name} of the sentence before")
        elif rules.applies("coreference.bare-title-person",
                           ph.head_lemma in ("president", "premier", "kanselier") and
                           ph.end - ph.start == 2 and first == "de" and not ph.assoc and
                           bool(memory.persons) and memory.persons[-1].code is not None):
            # "De president ontkende ...": the head of state named last
            ante_list, note = memory.persons[-1:], "the person named last"
        elif rules.applies("coreference.domestic-body", ph.head_lemma in DOMESTIC and
                           not ph.assoc and self_local(memory) is not None):
            # "de oproerpolitie", "de regering" with no country: the country of the scene
            ante_list, note = [self_local(memory)], "a domestic body of the country in the news"
        if ante_list:
            ph.parts = [copy_participant(p, *raw) for p in ante_list]
            if note.startswith("a domestic"):
                for p in ph.parts:
                    p.sector = load_catalog().sector_of(ph.head_lemma)
            why.append(f"'{ph.text}' = {', '.join(p.name for p in ante_list)} ({note})")
        # a family name ("de MiG's") is the member named before (MiG-29)
        for k, e in enumerate(ph.equipment):
            if e.name and not any(ch.isdigit() for ch in e.name):
                member = next((m for _, m, _ in reversed(memory.equipment)
                               if m.name and m.name != e.name and m.name.startswith(e.name)), None)
                if rules.applies("coreference.family-member", member is not None):
                    ph.equipment[k] = _as_said(member, e.raw_text, e.quantity)
        # a bare class word about the systems in the news: "geen enkele raket" after
        # "Fateh-110-raketten" names them too (the class is kept)
        if ph.equipment and not any(e.name for e in ph.equipment) and first not in \
                ANAPHORIC_DETS and lemma != "exemplaar":
            for e in list(ph.equipment):
                family = FAMILIES.get(e.cls)
                named = next((m for _, m, _ in reversed(memory.equipment)
                              if family and m.cls in family), None)
                if rules.applies("coreference.class-word-in-news", named is not None):
                    ph.equipment.append(_as_said(named, ph.text))
                    why.append(f"'{ph.text}' read as the {named.name} in the news")
        # "onze steden": the speaker's
        if rules.applies("coreference.onze-speaker", toks[ph.start].lemma.lower() in
                         ("ons", "onze") and memory.speakers.get(sent.index)):
            ph.places = [copy_participant(p, *raw) for p in memory.speakers[sent.index]]
        # equipment anaphora: "de drones", "zulke vliegtuigen", "24 exemplaren"
        if not any(e.name for e in ph.equipment) and (first in ANAPHORIC_DETS or
                                                      lemma == "exemplaar"):
            found = memory.equipment_like(lemma)
            if rules.applies("coreference.zulke-vliegtuigen", found):
                e, assoc = found
                ph.equipment = [_as_said(e, ph.text, ph.equipment[0].quantity
                                         if ph.equipment else None)]
                if not ph.assoc:
                    ph.assoc = list(assoc)
                why.append(f"'{ph.text}' = {e.name}")
    return why


def _supplied_user(ph: Phrase, memory) -> str | None:
    """The state a weapon with a country adjective ('Iraanse drones') was supplied to,
    by an earlier supply of that class in the article, when its maker attacks no one."""
    if not ph.equipment or len(ph.assoc) != 1 or ph.parts or ph.assoc[0].via != "adjective":
        return None
    maker = ph.assoc[0].code
    classes = {e.cls for e in ph.equipment}
    if any(e.event == "ASSAULT" and any(a.country_code == maker for a in e.actor)
           for e in memory.events):
        return None
    for e in reversed(memory.events):
        if e.event == "AID" and any(a.country_code == maker for a in e.actor) and \
                any(q.cls in classes for q in e.equipment):
            users = [r.country_code for r in e.recipient if r.country_code
                     and r.country_code != maker]
            if len(users) == 1:
                return users[0]
    return None


def _described_group(ph: Phrase, toks, before: list[Phrase], memory, index: int
                     ) -> Participant | None:
    """The armed group a definite rebel or militia noun ('de (Libanese) militie') refers
    to: the one named last in the article, of the adjective's country if it has one."""
    cat = load_catalog()
    if cat.sector_of(ph.head_lemma) != "REB" or toks[ph.start].lemma.lower() not in \
            DEFINITE_DETS or any(p.via != "adjective" for p in ph.parts):
        return None
    said = {p.code for p in ph.parts}

    def armed(p: Participant) -> bool:
        ent = cat.entity(p.key)
        return ent is not None and ent.org_kind == "armed_group" and \
            (not said or p.code in said)
    here = [p for q in before for p in q.parts if p.via != "coref"]
    earlier = [p for s, _, p in memory.states if s < index]
    return next((p for p in reversed(earlier + here) if armed(p)), None)


def _subject_position(toks, ph: Phrase) -> bool:
    return any(toks[k].deprel == "su" for k in range(ph.start, ph.end))


def _as_said(e: EquipmentRef, text: str, quantity: str | None = None) -> EquipmentRef:
    """The system E as this phrase refers to it."""
    return EquipmentRef(raw_text=text, name=e.name, cls=e.cls, origin=e.origin,
                        wikidata_id=e.wikidata_id, quantity=quantity)


def _governing_subject(clause: Clause | None, clauses: list[Clause], subjects_of
                       ) -> Participant | None:
    c = clause
    while c is not None and c.parent is not None:
        c = clauses[c.parent]
        subj = subjects_of(c)
        if subj:
            return subj[0]
    return None


def _clause_participants(clause: Clause | None, phrases: list[Phrase], skip: Phrase
                         ) -> list[Participant]:
    if clause is None:
        return []
    return [p for ph in phrases if ph is not skip and clause.has(ph.head) for p in ph.parts]


def _last_object(before) -> list:
    """The parties of the last phrase without a preposition that names one."""
    named = [q for q in before if q.parts and q.prep is None]
    return list(named[-1].parts[:1]) if len(named) >= 2 else []
