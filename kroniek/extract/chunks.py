"""Noun phrase spans over Frog tokens: where a phrase starts and ends, its head and the
preposition before it ("op basis van", not "onder andere")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicon import words
from ..models import Token
from . import rules

if TYPE_CHECKING:
    from .phrases import Phrase

HEAD_POS = {"N", "SPEC"}
MEASURE_NOUNS = words("measure_nouns")  # "een golf Russische drones": not the head
QUANTITY_WORDS = words("quantity_words")
TIME_WORDS = words("phrases_time_words")
DEGREE = words("degree_words")  # "van maximaal veertig F-35's"
YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")


rules.define("phrase.measure-noun", "phrase",
             "'een golf Iraanse drones': a measure word does not end the phrase, the "
             "equipment after it is the head",
             rules.example("Een golf Iraanse drones trof Odesa.",
                           "ASSAULT IRN -> UKR [drone]"))
rules.define("phrase.compound-preposition-singular", "phrase",
             "a compound preposition has a bare singular noun ('op verzoek van'); with a "
             "plural ('op bezwaren van Turkije') the noun is a phrase of its own",
             rules.example("Het Zweedse verzoek stuitte op bezwaren van Turkije.",
                           "REJECT TUR -> SWE"))
rules.define("phrase.compound-preposition-common-noun", "phrase",
             "a compound preposition has a common noun ('in ruil voor'); 'in Moskou voor een "
             "bezoek', 'via Polen van Duitsland' are two phrases",
             rules.example("Oekraïne krijgt via Polen van Duitsland nieuwe tanks.",
                           "AID DEU -> UKR [tank]"))
rules.define("phrase.split-time-word", "phrase",
             "a time noun next to another noun ends the phrase ('in januari drones')",
             rules.example("Rusland lanceerde in januari drones op Kiev.",
                           "ASSAULT RUS -> UKR [drone]"))
rules.define("phrase.split-two-arguments", "phrase",
             "a noun then a name that the parse makes subject and object of the same verb are "
             "two phrases ('voordat zijn leger Oekraïne binnenviel')",
             rules.example("Poetin reisde naar Peking vlak voordat zijn leger Oekraïne "
                           "binnenviel.", "ASSAULT RUS -> UKR"))
rules.define("phrase.sinds-conjunction", "phrase",
             "'sinds' before a clause that ends in its finite verb ('sinds de VS en het VK de "
             "Houthi's hebben bestookt,') is a conjunction, not a preposition",
             rules.example("Sinds de Amerikanen en de Britten de Houthi's hebben bestookt, "
                           "is de spanning groot.", "ASSAULT GBR,USA -> YEM"))
rules.define("phrase.split-name-noun", "phrase",
             "a state's name then a common noun are two phrases ('Moskou "
             "luchtafweersystemen')",
             rules.example("Volgens Washington heeft Moskou Noord-Korea luchtafweersystemen "
                           "geleverd.", "AID RUS -> PRK"))
rules.define("phrase.split-before-weapon", "phrase",
             "a common noun then a weapon noun are two phrases ('vanuit het land munitie')",
             rules.example("Kiev meldde dat er vanuit het land munitie naar Rusland werd "
                           "gebracht.", "AID - -> RUS [ammunition]"))
rules.define("phrase.split-two-names", "phrase",
             "two different names in a row are two phrases ('dat Iran Rusland ...')",
             rules.example("De VS zeggen dat Iran Rusland drones levert.", "AID IRN -> RUS"))


def _te_clause_follows(toks: list[Token], start: int) -> bool:
    for k in range(start, min(len(toks) - 1, start + 15)):
        if toks[k].text in (",", ";", ".", ":"):
            return False
        if toks[k].lemma.lower() == "te" and toks[k + 1].pos == "WW":
            return True
    return False


def _verb_final_clause(toks: list[Token], start: int) -> bool:
    """Do the words from START end, before the next punctuation, in a verb cluster with a
    finite verb after some phrase (a subordinate clause's order)?"""
    k = start
    while k < len(toks) and toks[k].pos != "LET":
        k += 1
    cluster = k
    while cluster > start and toks[cluster - 1].pos == "WW":
        cluster -= 1
    return start < cluster < k and any("pv" in t.feats for t in toks[cluster:k])


def _np_token(t: Token) -> bool:
    if t.pos in ("N", "SPEC", "TW", "LID"):
        return True
    if t.pos == "ADJ":
        return "prenom" in t.feats or "nom" in t.feats
    if t.pos == "VNW":
        return "det" in t.feats or "pron" in t.feats
    if t.pos == "WW":
        return "prenom" in t.feats  # geavanceerde, geproduceerde
    return False


def embedded_region(toks: list[Token], ph: "Phrase") -> set[int]:
    """Token indices of 'door X geleverde' inside a phrase."""
    out: set[int] = set()
    for j in range(ph.start, ph.end):
        if toks[j].pos == "VZ" and _embedded_modifier(toks, ph.start, j):
            k = j
            while k < ph.end and not (toks[k].pos == "WW" and "prenom" in toks[k].feats):
                out.add(k)
                k += 1
    return out


def _embedded_modifier(toks: list[Token], i: int, j: int) -> bool:
    """'de door Rusland aangestelde gouverneur', 'beide door sancties geplaagde landen':
    a prepositional phrase inside a noun phrase, before its participle."""
    if j == i or toks[j].pos != "VZ" or any(t.pos in HEAD_POS for t in toks[i:j]):
        return False
    for k in range(j + 1, min(len(toks) - 1, j + 5)):
        if toks[k].pos == "WW" and "prenom" in toks[k].feats:
            return toks[k + 1].pos in ("N", "ADJ")
        if toks[k].pos in ("WW", "VG", "LET"):
            return False
    return False


def _nominal_infinitive(toks: list[Token], i: int) -> bool:
    """'bij het verbeteren van ...': an infinitive after 'het' heads a noun phrase."""
    return toks[i].pos == "WW" and "inf" in toks[i].feats and i > 0 and \
        toks[i - 1].lemma.lower() == "het" and toks[i - 1].pos == "LID"


def chunk(toks: list[Token], ann) -> list[tuple[int, int]]:
    spans, i, n = [], 0, len(toks)
    while i < n:
        if not _np_token(toks[i]) and i not in ann:
            i += 1
            continue
        j = i
        inside = False  # within "door Iran geleverde": up to the participle
        while j < n and (_np_token(toks[j]) or j in ann or _nominal_infinitive(toks, j)
                         or _embedded_modifier(toks, i, j)):
            if toks[j].pos == "VZ":
                inside = True
            elif inside:
                inside = not (toks[j].pos == "WW" and "prenom" in toks[j].feats)
                j += 1
                continue
            # A determiner, numeral or prenominal word after a noun starts a new phrase.
            if j > i and toks[j - 1].pos in HEAD_POS and toks[j].pos in ("LID", "TW", "ADJ", "VNW", "WW") \
                    and not _same_match(ann, j - 1, j) \
                    and not rules.applies("phrase.measure-noun", toks[j - 1].lemma.lower()
                                          in MEASURE_NOUNS and toks[j].pos != "LID"):
                break
            # two plural nouns in a row are two phrases: "functionarissen onderdelen"
            if j > i and toks[j - 1].pos == "N" and toks[j].pos == "N" and \
                    "mv" in toks[j - 1].feats and not _same_match(ann, j - 1, j) and \
                    toks[j - 1].text.lower() not in QUANTITY_WORDS:
                break
            # "in 2019 Russische S-400-systemen": a year after a preposition stands alone
            if j > i and YEAR_RE.match(toks[j - 1].text) and j - 1 == i and i > 0 and \
                    toks[i - 1].pos == "VZ":
                break
            # "het voorjaar Fateh-110-raketten", "Russische troepen tientallen inwoners"
            if j > i and toks[j - 1].pos in HEAD_POS and toks[j].pos in HEAD_POS and (
                    rules.applies("phrase.split-time-word",
                                  toks[j - 1].lemma.lower() in TIME_WORDS or
                                  toks[j].lemma.lower() in TIME_WORDS) or
                    toks[j].text.lower() in QUANTITY_WORDS):
                break
            # A state's name then a common noun: "Moskou Noord-Korea luchtafweersystemen"
            if rules.applies("phrase.split-name-noun",
                             j > i and toks[j].pos == "N" and j - 1 in ann and
                             not _same_match(ann, j - 1, j) and
                             any(m.kind in ("country", "capital", "org", "person")
                                 for m in ann[j - 1])):
                break
            # "vanuit het land munitie": a common noun then a weapon noun
            if rules.applies("phrase.split-before-weapon",
                             j > i and toks[j - 1].pos == "N" and toks[j].pos == "N" and
                             j - 1 not in ann and _weapon_noun(toks[j]) and
                             not _weapon_noun(toks[j - 1]) and
                             toks[j - 1].lemma.lower() not in MEASURE_NOUNS and
                             toks[j - 1].lemma.lower() not in SORT_NOUNS and
                             toks[j - 1].text.lower() not in QUANTITY_WORDS and
                             toks[j - 1].lemma.lower() not in AMOUNT_NOUNS):
                break
            # Two different names in a row are two phrases ("dat Iran Rusland ...").
            if rules.applies("phrase.split-two-names",
                             j > i and j in ann and j - 1 in ann and
                             not _same_match(ann, j - 1, j) and
                             toks[j - 1].pos == "SPEC" and toks[j].pos == "SPEC"):
                break
            # "voordat zijn leger Oekraïne binnenviel": subject and object side by side
            if rules.applies("phrase.split-two-arguments",
                             j > i and toks[j - 1].pos == "N" and toks[j].pos == "SPEC" and
                             j in ann and _two_arguments(toks[j - 1], toks[j])):
                break
            # Two pronouns in a row are two phrases ("hij het").
            if j > i and toks[j].pos == "VNW" and "pron" in toks[j].feats:
                break
            j += 1
            if toks[j - 1].pos == "VNW" and "pron" in toks[j - 1].feats:
                break
        # A match may continue across a non-NP token ("Erwin van Veen").
        while j < n and j - 1 in ann and j in ann and _same_match(ann, j - 1, j):
            j += 1
        spans.append((i, max(j, i + 1)))
        i = max(j, i + 1)
    return spans


CORE_RELATIONS = {"su", "obj1", "obj2"}  # not Dutch: Frog's dependency labels


def _two_arguments(a: Token, b: Token) -> bool:
    """Two tokens the parse makes different arguments (subject, object) of one verb."""
    return a.head == b.head and a.head >= 0 and a.deprel != b.deprel and \
        a.deprel in CORE_RELATIONS and b.deprel in CORE_RELATIONS
SORT_NOUNS = ("type", "soort", "model", "klasse", "variant")  # not a table: five
# "een miljoen granaten", "500 ton munitie": amounts before a weapon noun
AMOUNT_NOUNS = words("quantity_units") | {"miljoen", "miljard", "duizend", "honderd"}


def _weapon_noun(t: Token) -> bool:
    from ..knowledge import load_catalog
    hit = load_catalog().class_of(t.text) or load_catalog().class_of(t.lemma)
    return bool(hit) and not hit[1]


def _same_match(ann, a: int, b: int) -> bool:
    return any(m is n for m in ann.get(a, []) for n in ann.get(b, []))


def head_of(toks: list[Token], start: int, end: int) -> int:
    for k in range(end - 1, start - 1, -1):
        if toks[k].pos in HEAD_POS or (toks[k].pos == "VNW" and "pron" in toks[k].feats) \
                or _nominal_infinitive(toks, k):
            return k
    return end - 1


def preposition(toks: list[Token], start: int) -> str | None:
    if toks[start].lemma.lower() in ("ander", "meer") and start > 0 and \
            toks[start - 1].lemma.lower() == "onder":
        return None  # the phrase "andere geavanceerde luchtafweersystemen" after "onder"
    k = start - 1
    # "van maximaal veertig F-35's", "aan ruim tien landen", "met onder meer ..."
    while k > 0 and toks[k].text.lower() in DEGREE and toks[k].pos != "VZ":
        k -= 1
    if k > 0 and toks[k].lemma.lower() == "onder" and toks[k + 1].text.lower() in (
            "meer", "andere") and toks[k - 1].pos == "VZ":
        k -= 1
    if k < 0:
        return None
    t = toks[k]
    if t.pos in ("ADJ", "VNW", "TW") and t.lemma.lower() in ("ander", "veel", "meer") and k > 0 \
            and toks[k - 1].lemma.lower() == "onder":
        return None  # "onder andere", "onder meer" are not prepositions
    if t.pos == "VZ" and "init" in t.feats:
        lemma = t.lemma.lower()
        if lemma == "om" and _te_clause_follows(toks, start):
            return None  # "om ze aan Oekraïne te schenken": 'om' opens a clause
        if rules.applies("phrase.sinds-conjunction",
                         lemma == "sinds" and _verb_final_clause(toks, k + 1)):
            return None  # "sinds de VS de Houthi's hebben bestookt, ..."
        # Compound prepositions: "op basis van", "in ruil voor", "aan de hand van".
        if lemma in ("van", "voor") and k >= 2 and toks[k - 2].pos == "VZ" and not \
                rules.applies("phrase.compound-preposition-singular",
                              toks[k - 1].pos == "N" and "mv" in toks[k - 1].feats) and not \
                rules.applies("phrase.compound-preposition-common-noun",
                              toks[k - 1].pos == "SPEC"):
            return f"{toks[k - 2].lemma.lower()} {toks[k - 1].lemma.lower()} {lemma}"
        return lemma
    if t.lemma.lower() == "volgens":
        return "volgens"
    return None
