"""A clause's verb chain: its verbs, the finite one, the content verb with its
separable particle joined, phrasal verbs and the passive."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import load_lexicon, ordered, words
from ..models import Token
from . import rules
from .rules import example

if TYPE_CHECKING:
    from .clauses import Clause

AUX = words("auxiliary_verbs")
# Verbs with "zijn" as perfect auxiliary: "is aangekomen" is active, not passive.
ZIJN_ACTIVE = words("zijn_active")
SEPARABLE = words("separable")
R_PRONOUNS = {"er", "daar", "hier", "waar"}
# (verb lemmas, words that must occur in the clause, resulting lemma)
PHRASAL = [(tuple(verbs), tuple(needed), result)
           for verbs, needed, result in ordered("phrasal_verbs")]


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


rules.define("clause.separable-particle", "clause",
             "a finite verb takes its separated particle: 'viel ... aan' is 'aanvallen'",
             example("Rusland viel gisteren Oekraïne aan.", "ASSAULT RUS -> UKR"))
rules.define("clause.particle-before-pp", "clause",
             "a particle may stand before an extraposed phrase ('trekt troepen samen bij de "
             "grens'); taken only when it makes a trigger verb",
             example("Rusland trekt troepen samen bij de grens met Oekraïne.",
                     "MOBILIZE RUS -> -"))
rules.define("clause.split-r-pronoun", "clause",
             "after a split R-pronoun the first particle ends it ('drong er bij Berlijn op "
             "aan': 'op' belongs to 'erop', 'aan' is the particle)",
             example("Oekraïne drong er bij Duitsland op aan om tanks te leveren.",
                     "AID DEU -> UKR requested"))
rules.define("clause.krijgen-passive", "clause",
             "'krijgen' with another verb's participle is a passive: the subject receives "
             "('kreeg sancties opgelegd')",
             example("Rusland kreeg nieuwe sancties opgelegd.", "SANCTION - -> RUS"))
rules.define("clause.phrasal-verb", "clause",
             "a verb with fixed words makes another verb ('uit de lucht schieten' is "
             "'neerschieten'; table phrasal_verbs)",
             example("Oekraïne schoot een Russische drone uit de lucht.",
                     "ASSAULT UKR -> RUS"))
rules.define("clause.phrasal-particle-no-preposition", "clause",
             "a phrasal verb's one fixed word is no preposition with a noun of its own "
             "('sprak tegen journalisten', 'een oorlog tegen het vuur' make no 'tegenspreken')",
             example("De Griekse premier sprak tegen journalisten over de begroting.",
                     "no REJECT"),
             example("De Spaanse premier sprak van een strijd tegen de armoede.", "no REJECT"))
rules.define("clause.particle-before-te", "clause",
             "a separable particle before 'te' joins the infinitive when that makes a trigger "
             "verb ('om ... in te zetten' is 'inzetten')",
             example("Hongarije is bereid met de toetreding van Zweden in te stemmen.",
                     "AGREE HUN -> SWE"))
rules.define("clause.phrasal-auxiliary", "clause",
             "an auxiliary that makes a phrasal verb with the clause's words is its content "
             "verb ('is akkoord gegaan': 'akkoord gaan', not the auxiliary 'gaan')",
             example("Turkije is zoals beloofd akkoord gegaan met het Zweedse verzoek.",
                     "AGREE TUR -> SWE"))
rules.define("clause.aanbieden-te", "clause",
             "'bood ... aan ... te ...': the particle before the te-clause makes 'aanbieden'",
             example("Rusland bood Oekraïne aan gevangenen te ruilen.", "AGREE RUS -> UKR"))
rules.define("clause.passive", "clause",
             "a participle with 'worden' or 'zijn' makes a passive clause: the subject "
             "undergoes it",
             example("Kiev werd gisteren door Rusland aangevallen.", "ASSAULT RUS -> UKR"))
rules.define("clause.zijn-active", "clause",
             "'zijn' with the participle of a verb that takes 'zijn' as perfect auxiliary is "
             "active ('zijn teruggetrokken'; table zijn_active)",
             example("Russische troepen zijn uit Cherson teruggetrokken.", "RETREAT RUS -> -"))


def verb_chain(c: "Clause", toks: list[Token]) -> None:
    c.verbs = [i for i in c.tokens if _is_verb(toks[i]) and not _nominal_use(toks, i)]
    c.finite = next((i for i in c.verbs if "pv" in toks[i].feats), None)
    words_ = [i for i in c.tokens if toks[i].pos != "LET"]
    c.particles = [i for i in c.tokens if c.finite is not None and i > c.finite
                   and not (i + 1 < len(toks) and toks[i + 1].lemma.lower() == "te") and (
        (toks[i].pos == "VZ" and "fin" in toks[i].feats)
        # Frog may call a noun a particle ("ontmoette Kim president Poetin")
        or (toks[i].deprel == "svp" and _particle_tag(toks[i]))
        or (toks[i].lemma.lower() in SEPARABLE and words_ and i == words_[-1]
            and toks[i].pos in ("BW", "VZ", "ADJ")))]
    # "trekt troepen samen bij de grens": the particle may stand before an extraposed PP;
    # taken only when it makes a trigger verb
    if not c.particles and c.finite is not None and rules.on("clause.particle-before-pp"):
        verbs = load_lexicon().verbs
        base = toks[c.finite].lemma.lower()
        c.particles = [i for i in c.tokens if i > c.finite and i + 1 < len(toks)
                       and toks[i].lemma.lower() in SEPARABLE
                       and toks[i].pos in ("BW", "VZ", "ADJ")
                       and (toks[i + 1].pos == "VZ" and "init" in toks[i + 1].feats)
                       and toks[i].lemma.lower() + base in verbs][-1:]
        if c.particles:
            rules.fired("clause.particle-before-pp")
    # "drong er bij Berlijn op aan": 'op' ends the split 'erop', 'aan' is the particle
    while len(c.particles) > 1 and rules.applies("clause.split-r-pronoun", any(
            toks[k].lemma.lower() in R_PRONOUNS for k in c.tokens if k < c.particles[0])):
        c.particles = c.particles[1:]
    lemmas_ = [toks[i].lemma.lower() for i in c.tokens]
    loose = _without_prepositions(toks, c.tokens)
    content = [i for i in c.verbs if toks[i].lemma.lower() not in AUX or rules.applies(
        "clause.phrasal-auxiliary", _forms_phrasal(toks[i].lemma.lower(), lemmas_))]
    # "sancties opgelegd krijgen": krijgen with another verb's participle is a passive
    krijgen = [i for i in content if toks[i].lemma.lower() == "krijgen"]
    if not (krijgen and any("vd" in toks[i].feats for i in content if i not in krijgen)) \
            or not rules.on("clause.krijgen-passive"):
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
    # participles and infinitives carry their particle
    if rules.applies("clause.separable-particle", "pv" in toks[c.main].feats and c.particles):
        lemma = toks[c.particles[0]].lemma.lower() + lemma
    lemma = _phrasal(toks[c.main].lemma.lower(), lemmas_, loose) or lemma
    lemma = _particle_te(toks, c.main) or lemma
    c.lemma = lemma
    c.content = [(i, lemma if i == c.main else
                   _phrasal(toks[i].lemma.lower(), lemmas_, loose) or _particle_te(toks, i)
                   or _joined(toks, i, c.particles))
                 for i in content] or [(c.main, lemma)]
    # "bood Moskou aan de gevangenen te ruilen": the particle stands before the te-clause
    if "aan" in lemmas_ and "te" in lemmas_ and rules.on("clause.aanbieden-te"):
        if any(v == "bieden" for _, v in c.content):
            rules.fired("clause.aanbieden-te")
        c.content = [(i, "aanbieden" if v == "bieden" else v) for i, v in c.content]
    lemmas = {toks[i].lemma.lower() for i in c.verbs}
    participle = "vd" in toks[c.main].feats
    # "krijgt sancties opgelegd": the subject receives, like a passive
    c.passive = participle and (
        rules.applies("clause.passive", "worden" in lemmas) or
        rules.applies("clause.krijgen-passive", "krijgen" in lemmas) or
        rules.applies("clause.passive", "zijn" in lemmas and not rules.applies(
            "clause.zijn-active", lemma in ZIJN_ACTIVE)))


def _particle_tag(t: Token) -> bool:
    """A word Frog attaches as a separable particle ('svp') is one unless it is a noun
    that is no particle."""
    return t.pos not in ("N", "SPEC") or t.lemma.lower() in SEPARABLE


NOUN_PHRASE = {"LID", "N", "SPEC", "ADJ", "TW"}  # not Dutch: CGN tags


def _without_prepositions(toks: list[Token], idx: list[int]) -> list[str]:
    """The clause's lemmas with '' for each preposition that heads a noun of its own
    ('tegen journalisten'): no particle of a phrasal verb. Frog's relations may be
    wrong there, so a noun phrase right after it counts too."""
    heads = {toks[k].head for k in idx if toks[k].deprel == "obj1"}
    found = [i for i in idx if toks[i].pos == "VZ" and "init" in toks[i].feats and (
             i in heads or (i + 1 < len(toks) and toks[i + 1].pos in NOUN_PHRASE))]
    return ["" if i in found else toks[i].lemma.lower() for i in idx]


def _phrasal(verb: str, words_: list[str], loose: list[str] | None = None) -> str | None:
    for verbs, needed, result in PHRASAL:
        if verb not in verbs or not _contains(words_, needed):
            continue
        # one fixed word: it must not be a preposition with its own noun
        if len(needed) == 1 and loose is not None and not _contains(loose, needed) and \
                rules.applies("clause.phrasal-particle-no-preposition", True):
            continue
        if rules.on("clause.phrasal-verb"):
            rules.fired("clause.phrasal-verb")
            return result
    return None


def _particle_te(toks: list[Token], i: int) -> str | None:
    """'om raketten in te zetten': the particle before 'te' belongs to the infinitive,
    taken when it makes a trigger verb (Frog may read it as a preposition)."""
    if i < 2 or "inf" not in toks[i].feats or toks[i - 1].lemma.lower() != "te":
        return None
    joined = toks[i - 2].lemma.lower() + toks[i].lemma.lower()
    if toks[i - 2].lemma.lower() in SEPARABLE and joined in load_lexicon().verbs and \
            rules.applies("clause.particle-before-te", True):
        return joined
    return None


def _forms_phrasal(verb: str, words_: list[str]) -> bool:
    """An auxiliary ('gaan') with the words of a phrasal verb it makes ('akkoord')."""
    return verb in AUX and any(verb in verbs and _contains(words_, needed)
                               for verbs, needed, _ in PHRASAL)


def _joined(toks: list[Token], i: int, particles: list[int]) -> str:
    lemma = toks[i].lemma.lower()
    if "pv" in toks[i].feats and particles and rules.on("clause.separable-particle"):
        return toks[particles[0]].lemma.lower() + lemma
    return lemma


def _contains(words_: list[str], needed: tuple[str, ...]) -> bool:
    n = len(needed)
    return any(tuple(words_[k:k + n]) == needed for k in range(len(words_) - n + 1))
