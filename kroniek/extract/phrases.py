"""Noun phrases over Frog tokens, with the states, organisations and equipment they name.

A phrase is a run of determiners, numerals, adjectives and nouns. Knowledge matches
(gazetteer) and the noun's own meaning decide what it refers to:
- a state or organisation by name, capital or demonym ("Teheran", "de Russen");
- a state through an actor noun with a country adjective ("het Amerikaanse ministerie",
  "Iraanse piloten") -- `parts`;
- a thing associated with a state ("Russische drones", "het Duitse besluit") -- `assoc`;
- equipment (systems and class words), its origin ("van Iraanse makelij") and quantity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..knowledge import load_catalog
from ..lexicon import ordered, words
from ..models import EquipmentRef, Sentence, Token
from . import rules
from .chunks import HEAD_POS, DEGREE, QUANTITY_WORDS, chunk, embedded_region, head_of, \
    preposition  # noqa: F401  (HEAD_POS: re-exported)

NP_POS = {"LID", "TW", "ADJ", "N", "SPEC", "VNW"}
# Word tables: see kroniek/lang/nl (nouns.yaml, verbs.yaml, time.yaml, function_words.yaml).
ACTOR_NOUNS = words("actor_nouns")  # act for a state with a country adjective
NON_ANAPHORIC = words("non_anaphoric_words")  # "andere landen" is no anaphor
CIVILIAN_NOUNS = words("civilian_nouns")  # not a state's agents
PLACE_NOUNS = words("place_nouns")
PLACE_ENDINGS = ordered("place_noun_endings")
ORIGIN_NOUNS = words("origin_nouns")
ORIGIN_VERBS = words("origin_verbs")
QUOTE_CHARS = words("quote_chars")
SIDING_PREFIXES = ("pro-", "anti-")  # phrase.pro-anti-no-party
MEMBER_SUFFIXES = {"-lidstaat", "-land", "-lid", "lidstaat", "land"}  # phrase.some-member-no-party
SYSTEM_HEADS = words("system_compound_heads")
LAUNCH_VERBS = words("launch_verbs")
NUMBER_RE = re.compile(r"^\d[\d.,]*$")


P = "phrase"
rules.define("phrase.adjective-side", P,
             "a country adjective on a thing makes it that state's ('Russische drones')",
             rules.example("Oekraïne schoot Russische drones neer.", "ASSAULT UKR -> RUS"))
rules.define("phrase.actor-noun", P,
             "a country adjective on an actor noun names who acts ('Iraanse militairen')",
             rules.example("Iraanse militairen trainen Russische soldaten.",
                           "AID IRN -> RUS [personnel]"))
rules.define("phrase.origin-noun", P,
             "'van Iraanse makelij': the adjective gives where the equipment was made",
             rules.example("Rusland gebruikt drones van Iraanse makelij tegen Oekraïne.",
                           "AID IRN -> RUS"))
rules.define("phrase.origin-made-in", P,
             "'in Iran vervaardigde drones': the place before the participle is the origin",
             rules.example("Rusland gebruikt in Iran vervaardigde drones.",
                           "AID IRN -> RUS"))
rules.define("phrase.origin-uit", P,
             "'drones uit Iran': the state after 'uit' is where the equipment comes from",
             rules.example("Rusland zet drones uit Iran in tegen Oekraïne.", "AID IRN -> RUS"))
rules.define("phrase.door-x-participle", P,
             "'een door Iran geleverde drone': the state inside the phrase is whose it is, "
             "not who the phrase is",
             rules.example("Een door Iran geleverde drone trof Kiev.",
                           "no ASSAULT IRN -> UKR"))
rules.define("phrase.possessive-actor-noun", P,
             "'zijn leger', 'haar regering': an actor noun under a possessive, with no state "
             "of its own, as a subject stands for the possessor's side",
             rules.example("Poetin reisde naar Peking vlak voordat zijn leger Oekraïne "
                           "binnenviel.", "ASSAULT RUS -> UKR"))
rules.define("phrase.pro-anti-no-party", P,
             "'een pro-Russische politicus', 'anti-Amerikaanse betogers': a state after "
             "'pro-' or 'anti-' is what they side with or against, not whose they are",
             rules.example("Oekraïne arresteerde een pro-Russische politicus.",
                           "COERCE UKR -> -"))
rules.define("phrase.zowel-als", P,
             "'zowel X als Y' coordinates X and Y like 'X en Y'",
             rules.example("Zowel de VS als het VK bombardeerden doelen in Jemen.",
                           "ASSAULT GBR,USA -> YEM"))
rules.define("phrase.title-before-name", P,
             "'de Zweedse premier Kristersson': a country adjective on a title before a "
             "name says whose the named person is",
             rules.example("De Zweedse premier Kristersson bracht een bezoek aan Hongarije.",
                           "CONSULT SWE -> HUN"))
rules.define("phrase.some-member-no-party", P,
             "'een NAVO-lidstaat', 'een EU-land': some member, unnamed, is not the "
             "organisation",
             rules.example("Een NAVO-lidstaat leverde munitie aan Oekraïne.",
                           "no AID NATO -> UKR"),
             rules.example("Een EU-land stuurde tanks naar Oekraïne.", "no AID EU -> UKR"))
rules.define("phrase.glued-system-name", P,
             "a system name glued to a class word or 'systemen' without a hyphen is that "
             "system ('Patriotsystemen', 'Iskanderraketten')",
             rules.example("Duitsland levert twee Patriotsystemen aan Oekraïne.",
                           "AID DEU -> UKR [Patriot]"))
rules.define("phrase.ballistic", P,
             "'ballistische raketten' are ballistic missiles",
             rules.example("Iran levert ballistische raketten aan Rusland.",
                           "AID IRN -> RUS [ballistic missile]"))


@dataclass
class Participant:
    """A state, organisation or person a phrase refers to."""
    key: str
    name: str
    code: str | None
    raw: str
    start: int  # char offsets of the words that name it
    end: int
    via: str  # name | capital | demonym | org | person | adjective | coref | place
    sector: str | None = None
    wikidata: str | None = None

    @property
    def id(self) -> str:
        return self.code or self.name


@dataclass
class Phrase:
    start: int  # token range [start, end)
    end: int
    head: int
    prep: str | None = None
    parts: list[Participant] = field(default_factory=list)   # who it is
    assoc: list[Participant] = field(default_factory=list)   # whose thing it is
    places: list[Participant] = field(default_factory=list)  # where it is
    origin: list[Participant] = field(default_factory=list)  # where equipment was made
    equipment: list[EquipmentRef] = field(default_factory=list)
    pronoun: str | None = None  # anaphor to resolve: land, regime, dit, die, ze ...
    group: int = -1  # coordination group id
    attach: int | None = None  # index of the phrase this PP phrase modifies
    text: str = ""
    head_lemma: str = ""

    @property
    def is_actor(self) -> bool:
        return bool(self.parts)

    @property
    def personnel(self) -> bool:
        return any(e.cls == "personnel" for e in self.equipment)


def _entity_participant(ent, raw: str, start: int, end: int, via: str) -> Participant:
    # A company acts for its state in these events (Baykar -> TUR); a news outlet does not.
    code = ent.code or (ent.country if getattr(ent, "org_kind", None) != "media" else None)
    return Participant(key=ent.key, name=ent.name, code=code, raw=raw,
                       start=start, end=end, via=via, sector=getattr(ent, "sector", None),
                       wikidata=getattr(ent, "wikidata", None))


def token_annotations(sent: Sentence, matches) -> dict[int, list]:
    """Gazetteer matches per token index (a match may cover several tokens)."""
    out: dict[int, list] = {}
    for m in matches:
        for tok in sent.tokens:
            if tok.start < m.end and m.start < tok.end:
                out.setdefault(tok.i, []).append(m)
    return out


def build_phrases(sent: Sentence, matches) -> list[Phrase]:
    cat = load_catalog()
    ann = token_annotations(sent, matches)
    toks = sent.tokens
    spans = chunk(toks, ann)
    phrases: list[Phrase] = []
    for start, end in spans:
        ph = Phrase(start=start, end=end, head=head_of(toks, start, end))
        ph.text = " ".join(t.text for t in toks[start:end])
        ph.head_lemma = toks[ph.head].lemma.lower()
        ph.prep = preposition(toks, start)
        _fill(ph, toks, ann, cat)
        phrases.append(ph)
    _attach_and_group(phrases, toks)
    _types(phrases, toks)
    _origins(phrases, toks)
    _launched_from(phrases, toks)
    _owners(phrases, cat)
    return phrases


rules.define("phrase.owner-uit", P,
             "'zijn ambtgenoot uit Frankrijk': an actor noun acts for the state its 'uit' "
             "phrase names",
             rules.example("In een telefoongesprek met zijn ambtgenoot uit Frankrijk zei de "
                           "Turkse president dat hij Zweden steunt.", "CONSULT TUR -> FRA"))


@rules.rule("phrase.owner", "phrase",
            "'een woordvoerder van het Kremlin': an actor noun acts for whoever its 'van' "
            "phrase names",
            rules.example("Volgens een woordvoerder van het Pentagon levert Duitsland raketten "
                          "aan Oekraïne.", "AID DEU -> UKR source=USA"))
def _owners(phrases: list[Phrase], cat) -> bool:
    """'een woordvoerder van het Kremlin', 'leden van de Republikeinse Garde': the actor
    noun acts for whoever its 'van' phrase names."""
    done = False
    for idx in range(len(phrases) - 1, -1, -1):
        ph = phrases[idx]
        if ph.parts or not (ph.head_lemma in ACTOR_NOUNS or cat.sector_of(ph.head_lemma)
                            or ph.head_lemma in ("woordvoerder", "lid")):
            continue
        if ph.head_lemma in CIVILIAN_NOUNS:
            continue
        for q in phrases[idx + 1:]:
            if q.attach == idx and q.parts and (q.prep == "van" or rules.applies(
                    "phrase.owner-uit", q.prep == "uit" and not ph.equipment)):
                ph.parts = [Participant(key=p.key, name=p.name, code=p.code, raw=ph.text,
                                        start=p.start, end=p.end, via="of", sector=p.sector,
                                        wikidata=p.wikidata) for p in q.parts]
                done = True
                break
    return done


def _fill(ph: Phrase, toks: list[Token], ann, cat) -> None:
    head = toks[ph.head]
    head_lemma = head.lemma.lower()
    adjectives: list[Participant] = []
    inner: list[Participant] = []
    embedded = embedded_region(toks, ph)
    for k in range(ph.start, ph.end):
        tok = toks[k]
        for m in ann.get(k, []):
            if m.start < tok.start and k > ph.start:
                continue  # counted on the token where the match starts
            if rules.applies("phrase.some-member-no-party", m.kind == "org" and
                             m.start == tok.start and m.end < tok.end and
                             tok.text[m.end - tok.start:].lower() in MEMBER_SUFFIXES and
                             toks[ph.start].lemma.lower() == "een"):
                continue  # "een NAVO-lidstaat": some member, not NATO
            if rules.applies("phrase.pro-anti-no-party", m.start > tok.start and
                             tok.text.lower().startswith(SIDING_PREFIXES)):
                continue  # "pro-Russische", "pro-Kremlin-politicus"
            if m.kind == "system":
                if not any(e.name == m.ref.name for e in ph.equipment):
                    ph.equipment.append(EquipmentRef(raw_text=m.text, name=m.ref.name,
                                                     cls=m.ref.cls, origin=m.ref.origin,
                                                     wikidata_id=m.ref.wikidata))
            elif m.kind == "adjective":
                adjectives.append(_entity_participant(m.ref, m.text, m.start, m.end,
                                                      "adjective"))
            elif m.kind == "place":
                p = _entity_participant(m.ref, m.text, m.start, m.end, "place")
                if not any(x.key == p.key for x in ph.places):
                    ph.places.append(p)
            elif m.kind in ("country", "capital", "org", "person", "demonym"):
                p = _entity_participant(m.ref, m.text, m.start, m.end, m.kind)
                # "een door Iran geleverde drone": whose it is, not who
                if rules.applies("phrase.door-x-participle", k in embedded):
                    inner.append(p)
                elif not any(x.key == p.key for x in ph.parts):
                    ph.parts.append(p)
        if tok.pos in ("N", "SPEC") and not any(m.kind == "system" for m in ann.get(k, [])):
            glued = _glued_system(tok.text, cat)
            if rules.applies("phrase.glued-system-name", glued is not None and not any(
                    e.name == glued.name for e in ph.equipment)):
                ph.equipment.append(EquipmentRef(raw_text=tok.text, name=glued.name,
                                                 cls=glued.cls, origin=glued.origin,
                                                 wikidata_id=glued.wikidata))
        if tok.pos in ("N", "SPEC") or (tok.pos == "ADJ" and "nom" in tok.feats):
            found = cat.class_of(tok.text) or cat.class_of(tok.lemma)
            if found:
                cls, weak = found
                if not any(e.cls == cls for e in ph.equipment) and (
                        not weak or k == ph.head):
                    ph.equipment.append(EquipmentRef(raw_text=tok.text, name=None, cls=cls))
    # Multi-word class phrases: "ballistische raketten".
    words = [t.lemma.lower() for t in toks[ph.start:ph.end]]
    if rules.applies("phrase.ballistic", "ballistisch" in words and
                     any(e.cls == "missile" for e in ph.equipment)):
        for e in ph.equipment:
            if e.cls == "missile" and e.name is None:
                e.cls = "ballistic missile"
    # equipment "door Iran geleverd" comes from Iran; anything else is associated with it
    (ph.origin if ph.equipment else ph.assoc).extend(inner)
    # A designation absorbs the bare class word of its own class.
    named = {e.cls for e in ph.equipment if e.name}
    ph.equipment = [e for e in ph.equipment if e.name or e.cls not in named]
    ph.equipment = _with_quantity(ph.equipment, toks, ph)
    lemma_set = set(words)
    is_actor_noun = (head_lemma in ACTOR_NOUNS or bool(cat.sector_of(head_lemma))
                     or head_lemma in ("minister",)) and head_lemma not in CIVILIAN_NOUNS
    # "de Zweedse premier Kristersson": the title before the name acts
    titled = head.pos == "SPEC" and any(
        toks[k].pos == "N" and toks[k].lemma.lower() not in CIVILIAN_NOUNS and (
            toks[k].lemma.lower() in ACTOR_NOUNS or
            cat.sector_of(toks[k].lemma.lower()) in ("GOV", "MIL", "LEG"))
        for k in range(ph.start, ph.head))
    is_actor_noun = is_actor_noun or rules.applies("phrase.title-before-name",
                                                   titled and not ph.parts)
    if adjectives:
        if ph.parts:
            pass  # "de Iraanse luchtvaartmaatschappij Iran Air": the name wins
        elif rules.applies("phrase.origin-noun",
                           head_lemma in ORIGIN_NOUNS or lemma_set & ORIGIN_NOUNS):
            ph.origin.extend(adjectives)
        elif rules.applies("phrase.actor-noun", is_actor_noun):
            sector = cat.sector_of(head_lemma)
            for a in adjectives:
                a.sector = sector
                a.raw = ph.text
            ph.parts.extend(adjectives)
        elif head_lemma in PLACE_NOUNS or _place_like(head_lemma):
            ph.places.extend(adjectives)
        elif rules.applies("phrase.adjective-side", True):
            ph.assoc.extend(adjectives)
    if (head.pos == "VNW" or head_lemma in ("land", "regime", "bewind", "staat")) and \
            not (lemma_set & NON_ANAPHORIC) and not any(t.pos == "TW" for t in
                                                          toks[ph.start:ph.head]):
        ph.pronoun = head_lemma
        if toks[ph.start].lemma.lower() in ("zijn", "haar", "hun") and ph.start != ph.head:
            ph.pronoun = "possessive " + head_lemma
    elif rules.applies("phrase.possessive-actor-noun",
                       is_actor_noun and not ph.parts and ph.start != ph.head and
                       toks[ph.start].lemma.lower() in ("zijn", "haar", "hun") and
                       "bez" in toks[ph.start].feats and head.deprel == "su"):
        ph.pronoun = "possessive " + head_lemma  # "voordat zijn leger Oekraïne binnenviel"
    # "beide landen", "de twee landen", "beide door sancties geplaagde landen"
    before = {t.lemma.lower() for t in toks[max(0, ph.start - 4):ph.start]}
    if head_lemma == "land" and ({"beide", "twee"} & (lemma_set | before)):
        ph.pronoun = "beide landen"


def _glued_system(text: str, cat):
    """The system whose name (as written, capitalised) a word begins with, glued to a
    generic head: 'Patriotsystemen' -> Patriot; not an alias that needs context."""
    if not text[:1].isupper() or "-" in text:
        return None
    for i in range(len(text) - 4, 2, -1):
        head, name = text[i:], text[:i]
        if not head.islower():
            continue
        hit = cat.class_of(head)
        if head in SYSTEM_HEADS or (hit and not hit[1]):
            system = cat.system(name)
            if system is not None and name in (system.name, *system.aliases) and \
                    name not in system.ambiguous:
                return system
    return None


def _place_like(lemma: str) -> bool:
    return any(lemma.endswith(p) for p in PLACE_ENDINGS)


def _with_quantity(items: list[EquipmentRef], toks: list[Token], ph: Phrase) -> list[EquipmentRef]:
    words = []
    for k in range(ph.start, ph.head):
        t = toks[k]
        if "rang" in t.feats:
            continue  # "een eerste lading", "een vierde systeem": ordinals are not amounts
        if t.pos == "TW" or NUMBER_RE.match(t.text) or t.lemma.lower() in QUANTITY_WORDS \
                or t.text.lower() in QUANTITY_WORDS or t.lemma.lower() in ("miljoen", "miljard"):
            words.append(t.text)
    # "ruim 800 drones", "meer dan tweehonderd"
    # "een miljoen granaten": the article belongs to the amount
    if words and ph.start < ph.head and toks[ph.start].lemma.lower() == "een" and \
            words[0] == toks[ph.start + 1].text and words[0].lower() in ("miljoen", "miljard",
                                                                        "duizend", "honderd"):
        words.insert(0, toks[ph.start].text)
    if words:
        q = " ".join(words)
        for e in items:
            e.quantity = e.quantity or q
    return items


rules.define("phrase.no-pp-on-pronoun", P,
             "a PP after a subject pronoun modifies the clause, not the pronoun ('deed hij "
             "in een telefoongesprek met ...')",
             rules.example("Poetin ging akkoord. Dat deed hij in een telefoongesprek met de "
                           "Franse president.", "CONSULT RUS -> FRA"))


def _personal_pronoun(toks: list[Token], ph: Phrase) -> bool:
    """'hij', 'zij', 'wij': a bare subject pronoun takes no PP modifier."""
    return ph.end - ph.start == 1 and toks[ph.head].pos == "VNW" and \
        "pers" in toks[ph.head].feats and "nomin" in toks[ph.head].feats


def _attach_and_group(phrases: list[Phrase], toks: list[Token]) -> None:
    group = 0
    for idx, ph in enumerate(phrases):
        prev = phrases[idx - 1] if idx else None
        if prev is not None:
            between = [t for t in toks[prev.end:ph.start] if t.text not in QUOTE_CHARS
                       and t.text.lower() not in DEGREE]
            words = [t.lemma.lower() for t in between]
            if ph.prep and len(between) == 1 and between[0].pos == "VZ" and not \
                    rules.applies("phrase.no-pp-on-pronoun", _personal_pronoun(toks, prev)):
                ph.attach = idx - 1  # "de levering van ... aan Oekraïne"
            if words in (["en"], [","], ["of"], ["en", "ook"], [",", "en"]) or \
                    (ph.prep and words[1:] in (["en"], [","], ["of"]) and words[:1] == [ph.prep]
                     and prev.prep == ph.prep):
                if ph.prep is None or ph.prep == prev.prep or words[-1:] == [ph.prep]:
                    ph.group = prev.group
                    if ph.prep is None:
                        ph.prep = prev.prep
                    if ph.attach is None:
                        ph.attach = prev.attach
                    continue
            # "zowel de VS als het VK", "zowel aan Oekraïne als aan Moldavië"
            if rules.applies("phrase.zowel-als", words[:1] == ["als"] and (
                    words[1:] == [] or (words[1:] == [ph.prep] and prev.prep == ph.prep))
                    and any(t.lemma.lower() == "zowel"
                            for t in toks[max(0, prev.start - 2):prev.start])):
                ph.group = prev.group
                if ph.attach is None:
                    ph.attach = prev.attach
                continue
        ph.group = group
        group += 1


@rules.rule("phrase.type-designation", "phrase",
            "'drones van het type Shahed-136': the designation names the equipment of the "
            "phrase it qualifies",
            rules.example("Rusland vuurde drones van het type Shahed-136 af op Kiev.",
                          "ASSAULT RUS -> UKR [Shahed-136]"))
def _types(phrases: list[Phrase], toks: list[Token]) -> bool:
    """'drones van het type Shahed-136', 'van de typen X en Y': the designation names
    the equipment of the phrase it qualifies."""
    done = False
    for idx, ph in enumerate(phrases):
        if ph.attach is None or ph.prep != "van" or not any(e.name for e in ph.equipment):
            continue
        if ph.head_lemma not in ("type", "model", "soort", "klasse", "variant") and \
                not any(toks[k].lemma.lower() in ("type", "model") for k in range(ph.start, ph.end)):
            continue
        target = phrases[ph.attach]
        while target.prep == "van" and target.attach is not None and \
                target.head_lemma in ("type", "model"):
            target = phrases[target.attach]
        members = [q for q in phrases if q.group == ph.group]
        named = [e for q in members for e in q.equipment if e.name]
        quantity = next((e.quantity for e in target.equipment if e.quantity), None)
        target.equipment = [e for e in target.equipment if e.name] + [
            EquipmentRef(raw_text=e.raw_text, name=e.name, cls=e.cls, origin=e.origin,
                         quantity=quantity, wikidata_id=e.wikidata_id) for e in named]
        done = True
    return done


@rules.rule("phrase.launched-from", "phrase",
            "'een drone die werd gelanceerd vanuit Jemen': a weapon launched from a side's "
            "territory is that side's",
            rules.example("Een Amerikaans schip werd geraakt door een drone die werd "
                          "gelanceerd vanuit Jemen.", "ASSAULT YEM -> USA [drone]"))
def _launched_from(phrases: list[Phrase], toks: list[Token]) -> bool:
    done = False
    for ph in phrases:
        if not ph.equipment or ph.assoc or ph.origin or ph.end >= len(toks) or \
                toks[ph.end].lemma.lower() not in ("die", "dat") or toks[ph.end].pos != "VNW":
            continue
        stop = next((k for k in range(ph.end + 1, min(len(toks), ph.end + 12))
                     if toks[k].text in (",", ";", ".") or toks[k].pos == "VG"), len(toks))
        if not any(toks[k].pos == "WW" and toks[k].lemma.lower() in LAUNCH_VERBS
                   for k in range(ph.end + 1, stop)):
            continue
        source = next((q for q in phrases if ph.end < q.start < stop and
                       q.prep in ("uit", "vanuit", "vanaf", "van")), None)
        side = (source.parts or source.assoc or source.places) if source else []
        if side:
            ph.assoc = list(side[:1])
            done = True
    return done


def _origins(phrases: list[Phrase], toks: list[Token]) -> None:
    """'van Iraanse makelij', 'uit Noord-Korea', 'in Iran geproduceerde' give origins."""
    for idx, ph in enumerate(phrases):
        if ph.origin and ph.attach is not None:
            target = phrases[ph.attach]
            target.origin.extend(ph.origin)
        if rules.applies("phrase.origin-uit", ph.prep == "uit" and ph.parts and
                         ph.attach is not None and phrases[ph.attach].equipment):
            phrases[ph.attach].origin.extend(ph.parts)
        # "in Iran geproduceerde drones": a place PP before a participle inside the phrase
        if ph.prep == "in" and ph.parts and ph.end < len(toks):
            nxt = next((p for p in phrases if p.start >= ph.end), None)
            if rules.applies("phrase.origin-made-in", nxt and any(
                    t.pos == "WW" and t.lemma.lower() in ORIGIN_VERBS
                    for t in toks[nxt.start:nxt.end])):
                nxt.origin.extend(ph.parts)
        for e in ph.equipment:
            if ph.origin and not e.origin:
                e.origin = ph.origin[0].code
