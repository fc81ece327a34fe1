"""Clauses of a Dutch sentence and their verb chains.

Frog's dependency parse often misattaches in long news sentences, so clause
boundaries come from robust signals (subordinating conjunctions, relative pronouns,
'om ... te', coordinated finite verbs, punctuation), and within a clause the parse
supplies subjects, objects and separable particles.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..models import Sentence, Token
from ..lexicon import load_lexicon

AUX = {"hebben", "zijn", "worden", "zullen", "kunnen", "moeten", "mogen", "willen", "gaan",
       "blijven", "laten", "hoeven", "lijken", "schijnen", "proberen", "pogen", "trachten",
       "dreigen", "beginnen", "durven"}
# Verbs with "zijn" as perfect auxiliary: "is aangekomen" is active, not passive.
ZIJN_ACTIVE = {"aankomen", "gaan", "komen", "vertrekken", "blijven", "worden", "beginnen",
               "gebeuren", "sneuvelen", "overlijden", "samenwerken", "demonstreren",
               "protesteren", "terugtrekken", "toetreden", "instemmen", "akkoord gaan",
               "terugkeren", "vliegen", "landen", "stijgen", "dalen", "verschijnen"}
NOT_SUBORDINATING = {"dan", "zoals", "als", "behalve", "zowel", "hetzij", "noch"}
QUOTES = {"'", '"', "“", "”", "‘", "’", "„", "«", "»"}
PHRASAL = [  # (verb lemmas, words that must occur in the clause, resulting lemma)
    ({"schieten", "halen"}, ("uit", "de", "lucht"), "neerschieten"),
    ({"gaan"}, ("de", "straat", "op"), "demonstreren"),
    ({"wijzen"}, ("van", "de", "hand"), "afwijzen"),
    ({"nemen"}, ("in", "ontvangst"), "ontvangen"),
    ({"geven"}, ("groen", "licht"), "instemmen"),
    ({"zetten"}, ("uit", "het"), "uitzetten"),
    ({"brengen", "afleggen"}, ("bezoek",), "bezoeken"),
    ({"voeren", "houden"}, ("gesprek",), "overleggen"),
    ({"optreden", "treden"}, ("hard",), "optreden"),
    ({"spreken"}, ("tegen",), "tegenspreken"),
    ({"slaan"}, ("terug",), "terugslaan"),
]


@dataclass
class Clause:
    index: int
    kind: str  # main | sub | rel | inf | coord
    conj: str | None
    parent: int | None
    tokens: list[int] = field(default_factory=list)
    verbs: list[int] = field(default_factory=list)
    finite: int | None = None
    main: int | None = None  # the content verb
    lemma: str | None = None  # content verb lemma with its particle joined
    content: list[tuple[int, str]] = field(default_factory=list)  # every content verb
    passive: bool = False
    particles: list[int] = field(default_factory=list)

    def has(self, i: int) -> bool:
        return i in self._set

    def __post_init__(self):
        self._set: set[int] = set()


@functools.lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    """Nouns that are also verb forms ('besluit', 'verzoek', 'steun'): the lexicon's
    trigger nouns and the nouns that refer back to an act."""
    from .postprocess import REFERENT_NOUNS
    return frozenset(load_lexicon().nouns) | (frozenset(REFERENT_NOUNS) - {"dat", "dit"})


def _is_finite(t: Token) -> bool:
    return t.pos == "WW" and "pv" in t.feats


def _is_verb(t: Token) -> bool:
    return t.pos == "WW" and "prenom" not in t.feats and "nom" not in t.feats


def _nominal_use(toks: list[Token], i: int) -> bool:
    """'het besluit', 'na wekenlang aandringen': a verb form used as a noun."""
    k = i - 1
    while k >= 0 and toks[k].pos == "ADJ":
        k -= 1
    if k < 0:
        return False
    prev = toks[k]
    return prev.pos == "LID" or (prev.pos == "VNW" and "det" in prev.feats) or \
        (prev.pos == "VZ" and "init" in prev.feats and prev.lemma.lower() != "te")


def retag(sent: Sentence) -> None:
    """Mend clear tagging errors that would break clauses: Dutch never has two finite
    verbs side by side ('legden inreisverboden op'), so the second is a plural noun."""
    from ..knowledge import load_catalog
    cat = load_catalog()
    toks = sent.tokens
    for i in range(1, len(toks)):
        if _is_finite(toks[i]) and _is_finite(toks[i - 1]) and toks[i].text.islower() and \
                toks[i].text.endswith(("en", "s")) and toks[i].lemma.lower() not in AUX:
            toks[i].pos, toks[i].feats = "N", ("soort", "mv", "basis")
            toks[i].lemma = toks[i].text.lower()
    for t in toks:
        # unknown long compounds ending in -en are taken for verbs: "luchtafweersystemen"
        found = cat.class_of(t.text) if t.pos == "WW" and t.text.islower() else None
        if found and not found[1]:
            t.pos, t.feats, t.lemma = "N", ("soort", "mv", "basis"), t.text.lower()
    # "noemde het besluit ...": right after an article, a form that is a noun is one
    # (Frog may read 'besluit', 'verzoek', 'eis' as the verb). Had Frog made it a root
    # of its own, it belongs to the finite verb before it: its object when that verb
    # has a subject, else its subject.
    nouns = _nouns()
    for i in range(1, len(toks)):
        t = toks[i]
        if toks[i - 1].pos == "LID" and _is_finite(t) and t.text.islower() and \
                t.text.lower() in nouns:
            t.pos, t.feats, t.lemma = "N", ("soort", "ev", "basis"), t.text.lower()
            verb = next((v for v in reversed(toks[:i - 1])
                         if v.head == -1 and _is_finite(v)), None) if t.head == -1 else None
            if verb is not None:
                has_subject = any(x.head == verb.i and x.deprel == "su" for x in toks)
                t.head, t.deprel = verb.i, "obj1" if has_subject else "su"
    for i in range(len(toks) - 1):
        k = i + 1
        while k < len(toks) - 1 and toks[k].pos == "ADJ":
            k += 1
        nxt = toks[k]
        plural = "mv" in nxt.feats or (nxt.text.endswith(("s", "en")) and cat.class_of(nxt.text))
        if toks[i].lemma.lower() == "het" and toks[i].pos == "LID" and nxt.pos == "N" and plural:
            toks[i].pos, toks[i].feats = "VNW", ("pers", "pron")
        elif toks[i].lemma.lower() == "het" and toks[i].pos == "VNW" and \
                toks[i + 1].pos in ("N", "SPEC") and not plural:
            toks[i].pos, toks[i].feats = "LID", ("bep", "stan", "evon")  # "het Westen"
    # "Rusland gaat ... leveren, ...": after a finite modal or 'gaan' in the same stretch,
    # a plural form closing the stretch is the infinitive (Frog may read it as finite)
    start = 0
    for i, t in enumerate(toks):
        if t.text in (",", ";", ":", ".") or (t.pos == "VG" and i > start):
            start = i + 1
            continue
        if _is_finite(t) and "mv" in t.feats and t.text.lower().endswith("en") and \
                i + 1 < len(toks) and toks[i + 1].text in (",", ".", ";", ":") and \
                any(_is_finite(x) and x.lemma.lower() in ("gaan", "zullen", "willen",
                                                          "moeten", "kunnen", "mogen")
                    for x in toks[start:i]):
            t.feats = ("inf", "vrij", "zonder")
    # ", zeggen Iraanse functionarissen.": a plural report verb right after a complete
    # clause, with only its subject after it, is finite (Frog reads an infinitive)
    speech = load_lexicon().speech_verbs | {"melden", "zeggen"}
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if toks[i - 1].text == "," and t.pos == "WW" and "inf" in t.feats and \
                t.lemma.lower() in speech and any(_is_finite(x) for x in toks[:i - 1]) and \
                toks[i + 1].pos in ("LID", "ADJ", "N", "SPEC", "TW", "VNW") and \
                not any(_is_verb(x) or x.text in (",", ";", ":") for x in toks[i + 1:]):
            t.feats = ("pv", "tgw", "mv")
    # "als Westerse landen raketten aan Kiev leveren": a subordinate clause has a finite
    # verb; a plural form closing it, with no finite verb in it, is that verb (Frog may
    # read an infinitive governed by the main clause's verb)
    for i, t in enumerate(toks):
        if t.lemma.lower() not in FINITE_SUBORD or not (
                (t.pos == "VG" and "onder" in t.feats) or t.lemma.lower() == "als"):
            continue
        stretch = toks[i + 1:_stretch_end(toks, i + 1)]
        verbs = [x for x in stretch if x.pos == "WW"]
        if verbs and not any(_is_finite(x) for x in verbs) and stretch[-1] is verbs[-1] and \
                "inf" in verbs[-1].feats and verbs[-1].text.lower().endswith("en") and \
                not any(x.lemma.lower() == "te" for x in stretch):
            verbs[-1].feats = ("pv", "tgw", "mv")
    # A participle or infinitive shows its particle: "gezet" is not "opzetten".
    for t in toks:
        if t.pos == "WW" and ("vd" in t.feats or "inf" in t.feats):
            lemma = t.lemma.lower()
            for p in SEPARABLE:
                if lemma.startswith(p) and len(lemma) > len(p) + 3 and \
                        not t.text.lower().startswith(p):
                    t.lemma = lemma[len(p):]
                    break


def segment(sent: Sentence) -> list[Clause]:
    toks = sent.tokens
    clauses = [Clause(0, "main", None, None)]
    stack = [0]

    def push(kind: str, conj: str | None, parent: int | None) -> None:
        c = Clause(len(clauses), kind, conj, parent)
        clauses.append(c)
        stack.append(c.index)

    for i, t in enumerate(toks):
        lemma = t.lemma.lower()
        cur = clauses[stack[-1]]
        cur_toks = [toks[k] for k in cur.tokens]
        has_finite = any(_is_finite(x) for x in cur_toks)
        has_verb = any(_is_verb(x) for x in cur_toks)
        if t.text in (";", ":") or (t.text in ("'", '"', "“", "”", "‘", "’") and False):
            stack[:] = [stack[0]]
            push("main", None, None)
            stack[:] = [stack[-1]]
            continue
        if (t.pos == "VG" and "onder" in t.feats and lemma not in NOT_SUBORDINATING
                or (t.pos in ("VG", "VZ") and lemma == "als"
                    and _starts_conditional(toks, i, t.pos == "VZ"))) \
                and _verb_ahead(toks, i + 1):
            push("sub", lemma, cur.index)
        elif (t.pos == "VNW" and "betr" in t.feats) or (
                lemma.startswith("waar") and i > 0 and toks[i - 1].text == ","
                and _verb_ahead(toks, i + 1)):
            push("rel", lemma, cur.index)  # "..., waar hij met ... sprak"
        elif lemma == "om" and t.pos == "VZ" and _te_infinitive_ahead(toks, i):
            push("inf", "om", cur.index)
        elif lemma in R_COMPLEMENTS and has_finite and _te_infinitive_ahead(toks, i):
            # "beschuldigde Kiev ervan een vliegtuig te hebben neergeschoten"
            push("inf", lemma, cur.index)
        elif lemma == "of" and t.pos == "VG" and _finite_ahead(toks, i + 1) and \
                _verb_final(toks, i + 1):
            push("sub", "of", cur.index)  # "onduidelijk of China wapens levert": whether
        elif t.pos == "VG" and "neven" in t.feats and has_verb and _finite_ahead(toks, i + 1):
            verb_first = i + 1 < len(toks) and _is_finite(toks[i + 1])
            # "..., maar Peking ontkent dat": verb-second order is a main clause again
            main_order = verb_first or not _verb_final(toks, i + 1)
            if cur.kind in ("sub", "rel") and main_order:
                # "... dat X vordert en beschuldigt Y": verb-second, so it joins the main clause
                while len(stack) > 1 and clauses[stack[-1]].kind in ("sub", "rel", "inf"):
                    stack.pop()
                cur = clauses[stack[-1]]
            parent = cur.parent if cur.kind in ("sub", "rel", "inf") else cur.index
            kind = cur.kind if cur.kind in ("sub", "rel") else "coord"
            if cur.kind in ("sub", "rel", "inf"):
                stack.pop()
            push(kind, cur.conj if kind != "coord" else lemma, parent)
            clauses[stack[-1]].tokens.append(i)
            continue
        elif t.text == "," and len(stack) > 1 and has_verb:
            stack.pop()
            cur = clauses[stack[-1]]
            # ", meldt The New York Times": a parenthetical report clause
            if _report_tag_ahead(toks, i + 1) and any(_is_finite(toks[k]) for k in cur.tokens):
                push("coord", "parenthetical", cur.index)
            clauses[stack[-1]].tokens.append(i)
            continue
        elif t.text == "," and has_finite and len(stack) == 1 and _report_tag_ahead(toks, i + 1):
            push("coord", "parenthetical", cur.index)
            clauses[stack[-1]].tokens.append(i)
            continue
        elif cur.kind in ("sub", "rel") and _is_finite(t) and has_finite and i > 0 \
                and _is_verb(toks[i - 1]):
            stack.pop()  # "dat ... samenwerken is slecht nieuws": back in the matrix clause
        clauses[stack[-1]].tokens.append(i)
        if cur.kind == "inf" and stack[-1] == cur.index and _is_verb(t) and "inf" in t.feats \
                and i > 0 and toks[i - 1].lemma.lower() == "te" \
                and not (i + 1 < len(toks) and _is_verb(toks[i + 1])):
            stack.pop()
    out = [c for c in clauses if c.tokens]
    remap = {c.index: n for n, c in enumerate(out)}
    for n, c in enumerate(out):
        c.index = n
        c.parent = remap.get(c.parent) if c.parent is not None else None
        c._set = set(c.tokens)
        _verb_chain(c, toks)
    return out


COMPARING = {"zo", "even", "net", "evenveel", "zoveel", "dezelfde", "hetzelfde", "ander",
             "anders", "zowel"}


def _starts_conditional(toks: list[Token], i: int, tagged_preposition: bool = False) -> bool:
    """'als' means 'if' at a clause start, right before a finite verb ('als blijkt'), or
    opening a stretch that ends in a finite verb ('dreigde met vergelding als de VS
    raketten leveren'; not a comparison: 'net als', 'even groot als'). Tagged as a
    preposition, only the last ('Als compensatie krijgt Bratislava ...' is 'as')."""
    if not tagged_preposition and (
            i == 0 or toks[i - 1].text in (",", "'", '"', "‘", "“") or
            (i + 1 < len(toks) and _is_finite(toks[i + 1]))):
        return True
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and (prev.lemma.lower() in COMPARING or
                             (prev.pos == "ADJ" and "comp" in prev.feats)):
        return False
    k = _stretch_end(toks, i + 1)
    # the verbs closing the stretch ('als een van beide landen wordt aangevallen')
    cluster = []
    while k - 1 > i + 1 and _is_verb(toks[k - 1]):
        k -= 1
        cluster.append(toks[k])
    return any(_is_finite(t) for t in cluster)


def _stretch_end(toks: list[Token], i: int) -> int:
    """The index of the next break (punctuation) from i on, or the sentence's end."""
    k = i
    while k < len(toks) and toks[k].text not in (",", ".", ";", ":", "?", "!"):
        k += 1
    return k


def _verb_final(toks: list[Token], i: int) -> bool:
    """Does the stretch from i to the next break end in a verb (subordinate word order)?"""
    k = _stretch_end(toks, i) - 1
    while k > i and toks[k].text in QUOTES:
        k -= 1
    return k >= i and _is_verb(toks[k])


def _report_tag_ahead(toks: list[Token], i: int) -> bool:
    """', meldt Reuters' / ', zo bevestigde Scholz': a finite verb right after the comma."""
    if i < len(toks) and toks[i].lemma.lower() in ("zo", "aldus"):
        i += 1
    return i < len(toks) and _is_finite(toks[i])


def _verb_ahead(toks: list[Token], i: int) -> bool:
    """A subordinating word starts a clause only if a verb follows before the next break."""
    for k in range(i, len(toks)):
        if toks[k].text in (",", ";", ".", ":"):
            return False
        if _is_verb(toks[k]) and not _nominal_use(toks, k):
            return True
    return False


def _te_infinitive_ahead(toks: list[Token], i: int) -> bool:
    """A te-infinitive follows before the next break -- and before another 'om', which
    would open it ('vroeg om toestemming om F-16's te leveren': the first 'om' is a
    preposition)."""
    for k in range(i + 1, min(len(toks), i + 25)):
        if toks[k].text in (",", ";", ".") or (toks[k].pos == "VG" and "onder" in toks[k].feats):
            return False
        if toks[k].lemma.lower() == "om" and toks[i].lemma.lower() == "om":
            return False
        if toks[k].lemma.lower() == "te" and k + 1 < len(toks) and toks[k + 1].pos == "WW":
            return True
    return False


def _finite_ahead(toks: list[Token], i: int) -> bool:
    """A coordinator joins clauses when a finite verb follows before the next break."""
    for k in range(i, len(toks)):
        t = toks[k]
        if t.text in (";", ".", ":", ",") or (t.pos == "VG" and "onder" in t.feats):
            return False
        if t.pos == "VNW" and "betr" in t.feats:
            return False
        if _is_finite(t):
            return True
    return False


SEPARABLE = {"neer", "terug", "weg", "mee", "samen", "vast", "toe", "uit", "op", "af", "aan",
             "in", "door", "over", "bij", "na", "voor", "tegen", "vol", "bekend", "los"}


R_PRONOUNS = {"er", "daar", "hier", "waar"}
R_COMPLEMENTS = {"ervan", "erop", "ertoe", "erom", "daarvan", "daartoe"}  # + te-infinitive
FINITE_SUBORD = {"als", "indien", "wanneer", "omdat", "dat", "nadat", "zodat", "terwijl",
                 "voordat", "hoewel", "zodra", "tenzij", "mits", "doordat", "aangezien"}


def _verb_chain(c: Clause, toks: list[Token]) -> None:
    c.verbs = [i for i in c.tokens if _is_verb(toks[i]) and not _nominal_use(toks, i)]
    c.finite = next((i for i in c.verbs if "pv" in toks[i].feats), None)
    words = [i for i in c.tokens if toks[i].pos != "LET"]
    c.particles = [i for i in c.tokens if c.finite is not None and i > c.finite
                   and not (i + 1 < len(toks) and toks[i + 1].lemma.lower() == "te") and (
        (toks[i].pos == "VZ" and "fin" in toks[i].feats)
        # Frog may call a noun a particle ("ontmoette Kim president Poetin")
        or (toks[i].deprel == "svp" and (toks[i].pos not in ("N", "SPEC")
                                         or toks[i].lemma.lower() in SEPARABLE))
        or (toks[i].lemma.lower() in SEPARABLE and words and i == words[-1]
            and toks[i].pos in ("BW", "VZ", "ADJ")))]
    # "trekt troepen samen bij de grens": the particle may stand before an extraposed PP;
    # taken only when it makes a trigger verb
    if not c.particles and c.finite is not None:
        verbs = load_lexicon().verbs
        base = toks[c.finite].lemma.lower()
        c.particles = [i for i in c.tokens if i > c.finite and i + 1 < len(toks)
                       and toks[i].lemma.lower() in SEPARABLE
                       and toks[i].pos in ("BW", "VZ", "ADJ")
                       and (toks[i + 1].pos == "VZ" and "init" in toks[i + 1].feats)
                       and toks[i].lemma.lower() + base in verbs][-1:]
    # "drong er bij Berlijn op aan": 'op' ends the split 'erop', 'aan' is the particle
    while len(c.particles) > 1 and any(
            toks[k].lemma.lower() in R_PRONOUNS for k in c.tokens if k < c.particles[0]):
        c.particles = c.particles[1:]
    content = [i for i in c.verbs if toks[i].lemma.lower() not in AUX]
    # "sancties opgelegd krijgen": krijgen with another verb's participle is a passive
    krijgen = [i for i in content if toks[i].lemma.lower() == "krijgen"]
    if not (krijgen and any("vd" in toks[i].feats for i in content if i not in krijgen)):
        krijgen = []
    content = [i for i in content if i not in krijgen]
    if content:
        # Prefer a te-infinitive complement ("probeerde ... te kopen") over its governor.
        c.main = content[-1]
        if krijgen and "vd" not in toks[c.main].feats:
            c.main = next(i for i in content if "vd" in toks[i].feats)
    elif c.verbs:
        c.main = c.verbs[-1]
    if c.main is None:
        return
    lemma = toks[c.main].lemma.lower()
    if "pv" in toks[c.main].feats:  # participles and infinitives carry their particle
        for p in c.particles:
            lemma = toks[p].lemma.lower() + lemma
            break
    words = [toks[i].lemma.lower() for i in c.tokens]
    lemma = _phrasal(toks[c.main].lemma.lower(), words) or lemma
    c.lemma = lemma
    c.content = [(i, lemma if i == c.main else
                   _phrasal(toks[i].lemma.lower(), words) or _joined(toks, i, c.particles))
                 for i in content] or [(c.main, lemma)]
    # "bood Moskou aan de gevangenen te ruilen": the particle stands before the te-clause
    if "aan" in words and "te" in words:
        c.content = [(i, "aanbieden" if v == "bieden" else v) for i, v in c.content]
    lemmas = {toks[i].lemma.lower() for i in c.verbs}
    participle = "vd" in toks[c.main].feats
    # "krijgt sancties opgelegd": the subject receives, like a passive
    c.passive = participle and ("worden" in lemmas or "krijgen" in lemmas or (
        "zijn" in lemmas and lemma not in ZIJN_ACTIVE))


def _phrasal(verb: str, words: list[str]) -> str | None:
    for verbs, needed, result in PHRASAL:
        if verb in verbs and _contains(words, needed):
            return result
    return None


def _joined(toks: list[Token], i: int, particles: list[int]) -> str:
    lemma = toks[i].lemma.lower()
    if "pv" in toks[i].feats and particles:
        return toks[particles[0]].lemma.lower() + lemma
    return lemma


def _contains(words: list[str], needed: tuple[str, ...]) -> bool:
    n = len(needed)
    return any(tuple(words[k:k + n]) == needed for k in range(len(words) - n + 1))
