"""Tag fixes before clauses are cut: each mends one kind of clear tagging error of Frog's
that would break clauses or verb chains (in the spirit of spaCy's AttributeRuler). They
run in the order of `RETAG_RULES`; each returns True when it changed a token.
"""
from __future__ import annotations

from ..knowledge import load_catalog
from ..lexicon import load_lexicon, words
from ..models import Sentence, Token
from . import rules
from .clauses import FINITE_SUBORD, _nouns, _stretch_end
from .verbchain import AUX, SEPARABLE, _is_finite, _is_verb
from .rules import example

PLURAL_NOUN = ("soort", "mv", "basis")  # not Dutch
PLURAL_FINITE = ("pv", "tgw", "mv")  # not Dutch
BREAKS = (",", ".", ";", ":")


def two_finite_verbs(toks: list[Token]) -> bool:
    """Of two finite verbs side by side the second, a lower-case plural form, is a
    plural noun ('legden inreisverboden op'). (Not a registered rule: no example it
    decides yet.)"""
    done = False
    for i in range(1, len(toks)):
        if _is_finite(toks[i]) and _is_finite(toks[i - 1]) and toks[i].text.islower() and \
                toks[i].text.endswith(("en", "s")) and toks[i].lemma.lower() not in AUX:
            toks[i].pos, toks[i].feats = "N", PLURAL_NOUN
            toks[i].lemma = toks[i].text.lower()
            done = True
    return done


def compound_noun(toks: list[Token]) -> bool:
    """An unknown long compound ending in -en that the catalog knows as a class of
    equipment is a plural noun, not a verb ('luchtafweersystemen'). (Not a
    registered rule: no example it decides yet.)"""
    cat = load_catalog()
    done = False
    for t in toks:
        found = cat.class_of(t.text) if t.pos == "WW" and t.text.islower() else None
        if found and not found[1]:
            t.pos, t.feats, t.lemma = "N", PLURAL_NOUN, t.text.lower()
            done = True
    return done


def noun_after_article(toks: list[Token]) -> bool:
    """Right after an article, a finite form that is a noun ('besluit', 'verzoek')
    is one; made a root of its own, it belongs to the finite verb before it. (Not a
    registered rule: no example it decides yet.)"""
    nouns = _nouns()
    done = False
    for i in range(1, len(toks)):
        t = toks[i]
        if toks[i - 1].pos == "LID" and _is_finite(t) and t.text.islower() and \
                t.text.lower() in nouns:
            t.pos, t.feats, t.lemma = "N", ("soort", "ev", "basis"), t.text.lower()
            done = True
            # its object when that verb has a subject, else its subject
            verb = next((v for v in reversed(toks[:i - 1])
                         if v.head == -1 and _is_finite(v)), None) if t.head == -1 else None
            if verb is not None:
                has_subject = any(x.head == verb.i and x.deprel == "su" for x in toks)
                t.head, t.deprel = verb.i, "obj1" if has_subject else "su"
    return done


def _next_noun(toks: list[Token], i: int) -> tuple[Token, bool]:
    """The word after i past adjectives, and whether it is plural."""
    k = i + 1
    while k < len(toks) - 1 and toks[k].pos == "ADJ":
        k += 1
    nxt = toks[k]
    plural = "mv" in nxt.feats or (nxt.text.endswith(("s", "en")) and
                                   load_catalog().class_of(nxt.text))
    return nxt, bool(plural)


@rules.rule("retag.het-before-plural", "retag",
            "'het' before a plural noun is the pronoun 'it', not the article",
            example("Iran zegt dat het drones aan Rusland levert.", "AID IRN -> RUS"))
def het_before_plural(toks: list[Token]) -> bool:
    done = False
    for i in range(len(toks) - 1):
        if toks[i].lemma.lower() == "het" and toks[i].pos == "LID":
            nxt, plural = _next_noun(toks, i)
            if nxt.pos == "N" and plural:
                toks[i].pos, toks[i].feats = "VNW", ("pers", "pron")
                done = True
    return done


def het_article(toks: list[Token]) -> bool:
    """'het' tagged as a pronoun before a singular noun or name is the article ('het
    Westen'). (Not a registered rule: no example it decides yet.)"""
    done = False
    for i in range(len(toks) - 1):
        if toks[i].lemma.lower() == "het" and toks[i].pos == "VNW" and \
                toks[i + 1].pos in ("N", "SPEC") and not _next_noun(toks, i)[1]:
            toks[i].pos, toks[i].feats = "LID", ("bep", "stan", "evon")
            done = True
    return done


@rules.rule("retag.hyphen-compound-noun", "retag",
            "a hyphenated word whose last part is a trigger noun is that noun, also when "
            "read as a verb or left as an unknown plural lemma ('drone-aanvallen')",
            example("Rusland voerde drone-aanvallen uit op Kiev.", "ASSAULT RUS -> UKR [drone]"),
            example("Gisteren voerden de Russen drone-aanvallen uit op Oekraïense steden.",
                    "ASSAULT RUS -> UKR [drone]"))
def hyphen_compound(toks: list[Token]) -> bool:
    lex = load_lexicon()
    done = False
    for t in toks:
        text = t.text.lower()
        first, _, last = text.rpartition("-")
        if t.pos not in ("WW", "N") or not t.text.islower() or len(first) < 2 or \
                len(last) < 4 or (t.pos == "N" and lex.noun(t.lemma) is not None):
            continue
        # the singular: 'drone-aanvallen' -> 'drone-aanval'
        forms = [text, text[:-2], text[:-3] if text[-3:-2] == text[-4:-3] else "",
                 text[:-1] if text.endswith("s") else ""]
        lemma = next((f for f in forms if f and lex.noun(f) is not None), None)
        if lemma is not None:
            plural = lemma != text
            t.pos, t.lemma = "N", lemma
            t.feats = PLURAL_NOUN if plural else ("soort", "ev", "basis")
            done = True
    return done


@rules.rule("retag.geraakt-door", "retag",
            "'geraakt door' is the participle of 'raken' (hit), not of 'geraken' as Frog "
            "reads it",
            example("Een Brits schip werd dinsdag geraakt door een Russische drone.",
                    "ASSAULT RUS -> GBR [drone]"))
def geraakt_door(toks: list[Token]) -> bool:
    done = False
    for i, t in enumerate(toks):
        if t.lemma.lower() == "geraken" and t.text.lower() == "geraakt" and any(
                x.lemma.lower() == "door" for x in toks[i + 1:i + 4]):
            t.lemma = "raken"
            done = True
    return done


@rules.rule("retag.plural-after-modal-infinitive", "retag",
            "after a finite modal or 'gaan' in the same stretch, a plural form closing the "
            "stretch is the infinitive ('Rusland gaat ... leveren, ...')",
            example("Duitsland gaat Oekraïne tanks leveren, zei Scholz.",
                    "AID DEU -> UKR planned"))
def modal_infinitive(toks: list[Token]) -> bool:
    modals = words("retag_modal_verbs")
    start, done = 0, False
    for i, t in enumerate(toks):
        if t.text in BREAKS or (t.pos == "VG" and i > start):
            start = i + 1
            continue
        if _is_finite(t) and "mv" in t.feats and t.text.lower().endswith("en") and \
                i + 1 < len(toks) and toks[i + 1].text in BREAKS and \
                any(_is_finite(x) and x.lemma.lower() in modals for x in toks[start:i]):
            t.feats = ("inf", "vrij", "zonder")
            done = True
    return done


@rules.rule("retag.report-verb-finite", "retag",
            "a plural report verb right after a complete clause, with only its subject "
            "after it, is finite (', zeggen Iraanse functionarissen.')",
            example("Iran heeft drones aan Rusland geleverd, zeggen Amerikaanse "
                    "functionarissen.", "AID IRN -> RUS reported source=USA"))
def report_verb(toks: list[Token]) -> bool:
    speech = load_lexicon().speech_verbs | {"melden", "zeggen"}
    done = False
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if toks[i - 1].text == "," and t.pos == "WW" and "inf" in t.feats and \
                t.lemma.lower() in speech and any(_is_finite(x) for x in toks[:i - 1]) and \
                toks[i + 1].pos in ("LID", "ADJ", "N", "SPEC", "TW", "VNW") and \
                not any(_is_verb(x) or x.text in (",", ";", ":") for x in toks[i + 1:]):
            t.feats = PLURAL_FINITE
            done = True
    return done


@rules.rule("retag.subclause-final-verb-finite", "retag",
            "a subordinate clause has a finite verb: a plural infinitive closing one without "
            "a finite verb is that verb ('als Westerse landen raketten aan Kiev leveren')",
            example("Moskou dreigt met vergelding als de Verenigde Staten en Duitsland "
                    "raketten aan Oekraïne leveren.", "AID DEU,USA -> UKR hypothetical"))
def subclause_finite(toks: list[Token]) -> bool:
    done = False
    for i, t in enumerate(toks):
        if t.lemma.lower() not in FINITE_SUBORD or not (
                (t.pos == "VG" and "onder" in t.feats) or t.lemma.lower() == "als"):
            continue
        stretch = toks[i + 1:_stretch_end(toks, i + 1)]
        verbs = [x for x in stretch if x.pos == "WW"]
        if verbs and not any(_is_finite(x) for x in verbs) and stretch[-1] is verbs[-1] and \
                "inf" in verbs[-1].feats and verbs[-1].text.lower().endswith("en") and \
                not any(x.lemma.lower() == "te" for x in stretch):
            verbs[-1].feats = PLURAL_FINITE
            done = True
    return done


@rules.rule("retag.particle-shown-in-participle", "retag",
            "a participle or infinitive shows its particle: a lemma with a particle the "
            "word lacks loses it ('gezet' is not 'opzetten')",
            example("De Verenigde Staten hebben Turkije uit het F-35-programma gezet.",
                    "SANCTION USA -> TUR"))
def particle_in_participle(toks: list[Token]) -> bool:
    done = False
    for t in toks:
        if t.pos == "WW" and ("vd" in t.feats or "inf" in t.feats):
            lemma = t.lemma.lower()
            for p in SEPARABLE:
                if lemma.startswith(p) and len(lemma) > len(p) + 3 and \
                        not t.text.lower().startswith(p):
                    t.lemma = lemma[len(p):]
                    done = True
                    break
    return done


RETAG_RULES = (two_finite_verbs, compound_noun, hyphen_compound, geraakt_door,
               noun_after_article, het_before_plural,
               het_article, modal_infinitive, report_verb, subclause_finite,
               particle_in_participle)


def retag(sent: Sentence) -> None:
    """Mend clear tagging errors that would break clauses, rule by rule in order."""
    for fix in RETAG_RULES:
        fix(sent.tokens)
