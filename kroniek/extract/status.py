"""Factuality: is the event asserted, reported, planned, requested, attempted,
denied, negated or hypothetical -- as the article presents it.

Cues are read in the trigger's clause and in the clauses that govern it
("ontkent dat ...", "als ...", "heeft toegezegd ... te sturen").
"""
from __future__ import annotations

from ..models import Token
from .clauses import Clause
from ..lexicon import load_lexicon

PRIORITY = ["negated", "denied", "attempted", "requested", "hypothetical", "planned", "reported",
            "asserted"]
CONDITIONAL = {"als", "indien", "mits", "tenzij", "wanneer"}
FUTURE_ADVERBS = {"binnenkort", "straks", "spoedig", "voortaan", "later", "volgend"}
# Adverbial clauses ('een dag nadat Ankara had goedgekeurd') stand beside what their main
# clause says; they are not what a plan, a denial or a doubt in it is about.
ADVERBIAL = {"nadat", "toen", "omdat", "voordat", "terwijl", "hoewel", "sinds", "zodat",
             "doordat", "zodra", "totdat", "waardoor", "alvorens", "aangezien", "zoals"}
DENY = {"ontkennen", "tegenspreken", "ontkrachten"}
UNMOVED = {"intimideren", "afschrikken", "chanteren", "afpersen"}  # 'laat zich niet ...'
PERMISSION = {"toestemming", "goedkeuring", "exportvergunning", "vergunning"}
ACCUSING = {"beschuldigen", "verwijten", "betichten"}  # the accused does the complement


def chain(clause: Clause, clauses: list[Clause]) -> list[Clause]:
    """The clause and the clauses that govern it, innermost first."""
    out = [clause]
    # a coordinated main clause stands beside its 'parent', not under it
    while out[-1].parent is not None and out[-1].kind != "coord" and len(out) < 6:
        out.append(clauses[out[-1].parent])
    return out


def status(clause: Clause, clauses: list[Clause], toks: list[Token], trigger_status: str | None,
           future_time: bool, attributed: bool, trigger_index: int | None = None
           ) -> tuple[str, list[str]]:
    lex = load_lexicon()
    found: dict[str, str] = {}
    own = [toks[i] for i in clause.tokens]
    lemmas = [t.lemma.lower() for t in own]
    words = [t.text.lower() for t in own]
    verb_lemmas = {toks[i].lemma.lower() for i in clause.verbs}
    if trigger_status:
        found.setdefault(trigger_status, "the trigger word itself implies it")
    # Negation in the clause ("leverde geen wapens", "zijn nog altijd niet geleverd").
    neg = [w for w in words if w in lex.negation]
    # the negation is the event itself in 'laat zich niet intimideren' (a refusal)
    refusal = trigger_index is not None and toks[trigger_index].lemma.lower() in UNMOVED
    if neg and not refusal and not _negation_elsewhere(own, toks, clause):
        found.setdefault("negated", f"negation '{neg[0]}' in the clause")
    links = chain(clause, clauses)
    governors = links[1:]
    seen: set[str] = set()  # the lemmas of the clauses up to G
    for k, g in enumerate(links):
        glemmas = {toks[i].lemma.lower() for i in g.tokens}
        seen |= glemmas
        gverbs = {toks[i].lemma.lower() for i in g.verbs} | ({g.lemma} if g.lemma else set())
        # whether the trigger's clause is what G's verb is about (its complement)
        about = k > 0 and not any(c.kind == "sub" and c.conj in ADVERBIAL
                                  for c in links[:k])
        if about and gverbs & DENY:
            found.setdefault("denied", "complement of a denial")
        if (glemmas | gverbs) & lex.attempt:
            found.setdefault("attempted", "an attempt ('proberen')")
        if g.conj in CONDITIONAL and g.kind == "sub":
            found.setdefault("hypothetical", f"conditional clause ('{g.conj}')")
        if about and gverbs & {"overwegen", "vrezen", "verwachten", "denken", "vermoeden",
                               "uitsluiten"}:
            found.setdefault("hypothetical", "complement of 'overwegen/vrezen/verwachten'")
        if g.kind == "sub" and g.conj == "of":
            found.setdefault("hypothetical", "an open question ('of ...')")
        if about and g.kind != "sub" and any(
                lex.verbs.get(v) is not None and lex.verbs[v].frame == "request"
                for v in gverbs):  # "riep Duitsland op om ... te leveren"
            if seen & PERMISSION:  # "vroeg om toestemming om ... te leveren"
                found.setdefault("hypothetical", "asked permission for it")
            else:
                found.setdefault("requested", "complement of a request")
        if about and g.kind != "sub" and gverbs & ACCUSING:
            found.setdefault("reported", "what one is accused of")
        if about and gverbs & lex.plan_verbs - {"zullen", "gaan", "willen"}:
            found.setdefault("planned", "complement of a plan or pledge verb")
    if verb_lemmas & {"weigeren", "uitstellen", "afzien"} and trigger_index is not None and \
            toks[trigger_index].lemma.lower() not in ("weigeren", "uitstellen", "afzien"):
        found.setdefault("negated", "refused or put off ('weigeren')")
    if verb_lemmas & {"overwegen"} or (set(lemmas) & {"mogelijk", "misschien", "wellicht",
                                                         "eventueel"}):
        found.setdefault("hypothetical", "modal adverb or 'overwegen'")
    if "kunnen" in verb_lemmas and not _past(own, "kunnen"):
        found.setdefault("hypothetical", "'kunnen' (possibility)")
    # Future: "gaat leveren", "zal leveren", "wil sturen", pledges.
    finite = toks[clause.finite] if clause.finite is not None else None
    if finite is not None:
        fl = finite.lemma.lower()
        if fl == "gaan" and any("inf" in toks[i].feats for i in clause.verbs if i != clause.finite):
            found.setdefault("planned", "'gaan' + infinitive (future)")
        if fl == "zullen" and "tgw" in finite.feats:
            found.setdefault("planned", "'zullen' (future)")
        if fl == "willen" and "tgw" in finite.feats:
            found.setdefault("planned", "'willen' (intention)")
        if fl == "zullen" and "verl" in finite.feats:
            found.setdefault("reported", "reportative 'zou/zouden'")
    # "liet weten het toestel gratis te zullen leveren"
    if any(toks[i].lemma.lower() == "zullen" and "inf" in toks[i].feats for i in clause.verbs):
        found.setdefault("planned", "'te zullen' + infinitive (future)")
    if verb_lemmas & {"toezeggen", "beloven", "afspreken", "plannen", "besluiten"}:
        found.setdefault("planned", "a pledge or agreement verb")
    if future_time or set(lemmas) & FUTURE_ADVERBS:
        found.setdefault("planned", "a future time expression")
    if attributed:
        found.setdefault("reported", "attributed to a source")
    text = " ".join(words)
    if "naar verluidt" in text or set(words) & {"vermoedelijk", "reportedly", "zogenaamd"}:
        found.setdefault("reported", "'naar verluidt' (hearsay)")
    for g in governors:
        gf = toks[g.finite] if g.finite is not None else None
        if gf is not None and gf.lemma.lower() == "zullen" and "verl" in gf.feats:
            found.setdefault("reported", "governed by reportative 'zou'")
    found.setdefault("asserted", "stated as fact")
    best = min(found, key=PRIORITY.index)
    return best, [f"{best}: {found[best]}"]


def _past(own: list[Token], lemma: str) -> bool:
    return any(t.lemma.lower() == lemma and "verl" in t.feats for t in own)


def _negation_elsewhere(own: list[Token], toks: list[Token], clause: Clause) -> bool:
    """'niet alleen', 'niet meer dan' and 'geen enkele twijfel' do not negate the event."""
    for k, t in enumerate(own):
        if t.text.lower() == "niet" and k + 1 < len(own) and own[k + 1].text.lower() in (
                "alleen", "enkel", "slechts"):
            return True
    return False
