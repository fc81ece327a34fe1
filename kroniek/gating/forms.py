"""Dutch word forms for surface matching: every inflected form of a lexicon verb or noun
contains (or starts with) one of the strings made here. The strong verbs, separable
particles and inseparable prefixes are tables of kroniek/lang/nl."""
from __future__ import annotations

import functools
import re

from ..lexicon import table, words


@functools.lru_cache(maxsize=1)
def strong_verbs() -> dict[str, frozenset[str]]:
    """Strong and irregular verbs: infinitive -> its past and participle forms."""
    return {verb: frozenset(forms) for verb, forms in table("gate_strong_verbs").items()}


def particles() -> frozenset[str]:
    """Separable particles (the extractor joins them: 'viel ... aan' = aanvallen)."""
    return words("gate_separable_particles")


def prefixes() -> frozenset[str]:
    """Inseparable prefixes (a strong verb keeps its prefix: verkocht, ontving, beschoot)."""
    return words("gate_verb_prefixes")


def _stems(verb: str) -> set[str]:
    """Stems of a regular verb: 'sturen' -> stur, stuur; 'geven' -> gev, geef;
    'trekken' -> trekk, trek. Every inflected form contains one of them."""
    if verb.endswith("en"):
        s = verb[:-2]
    elif verb.endswith("n"):
        s = verb[:-1]
    else:
        s = verb
    out = {s}
    if len(s) >= 2 and s[-1] == s[-2] and s[-1] not in "aeiou":
        out.add(s[:-1])
    closed = s[:-1] + {"v": "f", "z": "s"}.get(s[-1:], s[-1:]) if s else s
    out.add(closed)
    m = re.search(r"(^|[^aeiou])([aeou])([^aeiouy])$", closed)
    if m:
        out.add(closed[:m.start(2)] + m.group(2) * 2 + closed[m.end(2):])
    return out


def verb_form_pairs(lemma: str) -> set[tuple[str, str | None]]:
    """(surface string, particle) pairs: every form of the verb contains or starts with
    one of the strings (case-folded) -- stems of regular verbs, the listed forms of
    strong ones. For a separable verb ('aanvallen': 'viel ... aan') the forms of its
    base verb come with the particle, which must then stand in the sentence too."""
    lemma = lemma.lower()
    words = lemma.split()
    if len(words) > 1:  # 'akkoord gaan': the particle word is the cue
        return {(w, None) for w in words
                if w not in ("gaan", "zijn", "worden", "laten", "hebben")}
    strong = strong_verbs()
    separable = particles()
    forms: set[tuple[str, str | None]] = set()

    def add(verb: str, prefix: str = "", particle: str | None = None) -> None:
        found = _stems(verb) | (strong[verb] | {verb} if verb in strong else set())
        forms.update((prefix + f, particle) for f in found)
        if prefix and prefix not in separable:  # an inseparable prefix takes no 'ge':
            forms.update((prefix + f[2:], particle) for f in found  # geworpen -> verworpen
                         if f.startswith("ge"))

    add(lemma)
    for p in sorted(separable | prefixes(), key=len, reverse=True):
        rest = lemma[len(p):]
        if not lemma.startswith(p) or len(rest) < 3:
            continue
        if rest in strong:  # verkopen -> verkocht, ontvangen -> ontving
            add(rest, p)
        if p in separable:  # separable: the finite verb stands alone, the particle too
            add(rest, particle=p)
            forms.update((p + "ge" + f, None) for f in _stems(rest))  # uitgeschakeld
    return {(f, p) for f, p in forms if len(f) >= 3}


def verb_forms(lemma: str) -> set[str]:
    return {f for f, _ in verb_form_pairs(lemma)}


def noun_forms(lemma: str) -> set[str]:
    """'bondgenoot' -> bondgenoot, bondgenot (bondgenoten); 'levering' -> levering."""
    lemma = lemma.lower()
    out = {lemma}
    m = re.search(r"(aa|ee|oo|uu)([^aeiou])$", lemma)
    if m:
        out.add(lemma[:m.start()] + m.group(1)[0] + m.group(2))
    if lemma.endswith("heid"):
        out.add(lemma[:-4] + "heden")
    return {f for f in out if len(f) >= 3}


def fold(text: str) -> str:
    """Accent-folded lower case, as the gazetteer matches."""
    from ..knowledge.matcher import fold
    return fold(text)

