"""Clauses of a Dutch sentence and their verb chains.

Frog's dependency parse often misattaches in long news sentences, so clause
boundaries come from robust signals (subordinating conjunctions, relative pronouns,
'om ... te', coordinated finite verbs, punctuation), and within a clause the parse
supplies subjects, objects and separable particles.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..lexicon import load_lexicon, words
from ..models import Sentence, Token
from . import rules
from .rules import example
from .verbchain import (AUX, PHRASAL, R_PRONOUNS, SEPARABLE, ZIJN_ACTIVE,  # noqa: F401
                        _is_finite, _is_verb, _nominal_use, verb_chain)

NOT_SUBORDINATING = words("not_subordinating")
QUOTES = {"'", '"', "“", "”", "‘", "’", "„", "«", "»"}
COMPARING = words("comparing")
R_COMPLEMENTS = words("r_complements")  # + te-infinitive
FINITE_SUBORD = words("finite_subord")


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
    return frozenset(load_lexicon().nouns) | (words("referent_nouns") - {"dat", "dit"})


rules.define("clause.colon-new-main", "clause",
             "a semicolon or colon starts a new main clause",
             example("De Verenigde Staten beloofden veel; Duitsland leverde tanks aan "
                     "Oekraïne.", "AID DEU -> UKR asserted"))
rules.define("clause.subordinate", "clause",
             "a subordinating conjunction with a verb after it opens a subordinate clause",
             example("Iran ontkent dat het drones aan Rusland heeft geleverd.",
                     "REJECT IRN -> -"))
rules.define("clause.conditional-als", "clause",
             "'als' opens a conditional clause at a clause start, before a finite verb, or "
             "before a stretch ending in a finite verb (not after 'net', 'even groot')",
             example("Moskou dreigt met vergelding als Duitsland tanks aan Oekraïne levert.",
                     "AID DEU -> UKR hypothetical"))
rules.define("clause.relative", "clause",
             "a relative pronoun, or 'waar...' after a comma, opens a relative clause",
             example("Oekraïne ontving de tanks die Duitsland heeft geleverd.",
                     "AID DEU -> UKR"))
rules.define("clause.om-te-infinitive", "clause",
             "'om' with a te-infinitive ahead opens an infinitive clause",
             example("Oekraïne riep Duitsland op om tanks te leveren.",
                     "AID DEU -> UKR requested"))
rules.define("clause.ervan-te-complement", "clause",
             "'ervan', 'erop', 'ertoe' ... with a te-infinitive ahead open an infinitive "
             "clause ('beschuldigde Kiev ervan ... te hebben neergeschoten')",
             example("Rusland beschuldigde Oekraïne ervan een Russisch vliegtuig te hebben "
                     "neergeschoten.", "ASSAULT UKR -> RUS reported"))
rules.define("clause.of-whether", "clause",
             "'of' before a verb-final stretch with a finite verb opens a 'whether' clause",
             example("Het is onduidelijk of China wapens aan Rusland levert.",
                     "AID CHN -> RUS hypothetical"))
rules.define("clause.coordination", "clause",
             "a coordinator with a finite verb ahead opens a coordinated clause",
             example("Duitsland levert tanks en Frankrijk stuurt raketten naar Oekraïne.",
                     "AID FRA -> UKR"))
rules.define("clause.verb-second-main", "clause",
             "a coordinated clause in verb-second order after a subordinate clause joins the "
             "main clause ('... dat X vordert en beschuldigt Y')",
             example("Kiev meldt dat de Russische aanval vordert en beschuldigt Moskou van "
                     "oorlogsmisdaden.", "ACCUSE UKR -> RUS asserted"))
rules.define("clause.comma-closes", "clause",
             "a comma after a verb closes the subordinate or infinitive clause",
             example("Nadat Rusland Kiev had aangevallen, stuurde Duitsland tanks naar "
                     "Oekraïne.", "AID DEU -> UKR"))
rules.define("clause.report-tag", "clause",
             "a finite verb right after a comma (', meldt Reuters', ', zo bevestigde Scholz') "
             "opens a parenthetical report clause",
             example("Iran levert drones aan Rusland, meldt Reuters.",
                     "AID IRN -> RUS reported source=Reuters"))
rules.define("clause.back-in-matrix", "clause",
             "a finite verb right after the verbs closing a subordinate clause is the "
             "matrix clause's ('dat ... samenwerken is slecht nieuws')",
             example("Dat Iran drones aan Rusland levert ontkent Teheran.", "REJECT IRN -> -"))



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
        if rules.applies("clause.colon-new-main", t.text in (";", ":")):
            stack[:] = [stack[0]]
            push("main", None, None)
            stack[:] = [stack[-1]]
            continue
        if rules.applies("clause.subordinate", t.pos == "VG" and "onder" in t.feats and
                         lemma not in NOT_SUBORDINATING and _verb_ahead(toks, i + 1)) or \
                rules.applies("clause.conditional-als", t.pos in ("VG", "VZ") and lemma == "als"
                              and _starts_conditional(toks, i, t.pos == "VZ")
                              and _verb_ahead(toks, i + 1)):
            push("sub", lemma, cur.index)
        elif rules.applies("clause.relative", (t.pos == "VNW" and "betr" in t.feats) or (
                lemma.startswith("waar") and i > 0 and toks[i - 1].text == ","
                and _verb_ahead(toks, i + 1))):
            push("rel", lemma, cur.index)  # "..., waar hij met ... sprak"
        elif rules.applies("clause.om-te-infinitive", lemma == "om" and t.pos == "VZ" and
                           _te_infinitive_ahead(toks, i)):
            push("inf", "om", cur.index)
        elif rules.applies("clause.ervan-te-complement", lemma in R_COMPLEMENTS and has_finite
                           and _te_infinitive_ahead(toks, i)):
            # "beschuldigde Kiev ervan een vliegtuig te hebben neergeschoten"
            push("inf", lemma, cur.index)
        elif rules.applies("clause.of-whether", lemma == "of" and t.pos == "VG" and
                           _finite_ahead(toks, i + 1) and _verb_final(toks, i + 1)):
            push("sub", "of", cur.index)  # "onduidelijk of China wapens levert": whether
        elif rules.applies("clause.coordination", t.pos == "VG" and "neven" in t.feats and
                           has_verb and _finite_ahead(toks, i + 1)):
            verb_first = i + 1 < len(toks) and _is_finite(toks[i + 1])
            # "..., maar Peking ontkent dat": verb-second order is a main clause again
            main_order = verb_first or not _verb_final(toks, i + 1)
            if rules.applies("clause.verb-second-main", cur.kind in ("sub", "rel") and
                             main_order):
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
        elif rules.applies("clause.comma-closes", t.text == "," and len(stack) > 1 and
                           has_verb):
            stack.pop()
            cur = clauses[stack[-1]]
            # ", meldt The New York Times": a parenthetical report clause
            if rules.applies("clause.report-tag", _report_tag_ahead(toks, i + 1) and
                             any(_is_finite(toks[k]) for k in cur.tokens)):
                push("coord", "parenthetical", cur.index)
            clauses[stack[-1]].tokens.append(i)
            continue
        elif rules.applies("clause.report-tag", t.text == "," and has_finite and
                           len(stack) == 1 and _report_tag_ahead(toks, i + 1)):
            push("coord", "parenthetical", cur.index)
            clauses[stack[-1]].tokens.append(i)
            continue
        elif rules.applies("clause.back-in-matrix", cur.kind in ("sub", "rel") and
                           _is_finite(t) and has_finite and i > 0 and _is_verb(toks[i - 1])):
            stack.pop()  # "dat ... samenwerken is slecht nieuws": back in the matrix clause
        clauses[stack[-1]].tokens.append(i)
        # the te-infinitive closes its infinitive clause
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
        verb_chain(c, toks)
    return out


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
