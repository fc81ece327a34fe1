"""Factuality: is the event asserted, reported, planned, requested, attempted,
denied, negated or hypothetical -- as the article presents it.

Cues are read in the trigger's clause and in the clauses that govern it
("ontkent dat ...", "als ...", "heeft toegezegd ... te sturen"). Each cue is a
registered rule (stage `status`, see status_rules.py); the strongest status found wins
(PRIORITY), and the rule that gave it is recorded as fired.
"""
from __future__ import annotations

from ..lexicon import load_lexicon, words
from ..models import Token
from . import rules
from .clauses import Clause
from .status_rules import (ACCUSING, ADVERBIAL, CONDITIONAL, DENY, FUTURE_ADVERBS,  # noqa: F401
                           PERMISSION, UNMOVED)

PRIORITY = ["negated", "denied", "attempted", "requested", "hypothetical", "planned",  # not Dutch
            "reported", "asserted"]


def chain(clause: Clause, clauses: list[Clause]) -> list[Clause]:
    """The clause and the clauses that govern it, innermost first."""
    out = [clause]
    # a coordinated main clause stands beside its 'parent', not under it
    while out[-1].parent is not None and out[-1].kind != "coord" and len(out) < 6:
        out.append(clauses[out[-1].parent])
    return out


class Found(dict):
    """status -> (reason, rule id); the first cue for a status is kept."""

    def cue(self, rule_id: str | None, status: str, reason: str, condition=True) -> None:
        if condition and (rule_id is None or rules.on(rule_id)):
            self.setdefault(status, (reason, rule_id))


def status(clause: Clause, clauses: list[Clause], toks: list[Token], trigger_status: str | None,
           future_time: bool, attributed: bool, trigger_index: int | None = None,
           negatable: bool = True) -> tuple[str, list[str]]:
    lex = load_lexicon()
    found = Found()
    own = [toks[i] for i in clause.tokens]
    lemmas = [t.lemma.lower() for t in own]
    words_ = [t.text.lower() for t in own]
    verb_lemmas = {toks[i].lemma.lower() for i in clause.verbs}
    trigger = toks[trigger_index].lemma.lower() if trigger_index is not None else None
    if trigger_status:
        found.cue("status.trigger-word", trigger_status, "the trigger word itself implies it")
    # Negation in the clause ("leverde geen wapens", "zijn nog altijd niet geleverd").
    neg = [w for w in words_ if w in lex.negation]
    if neg and negatable and not rules.applies("status.unmoved-idiom", trigger in UNMOVED) and \
            not _negation_elsewhere(own):
        found.cue("status.negation", "negated", f"negation '{neg[0]}' in the clause")
    links = chain(clause, clauses)
    governors = links[1:]
    seen: set[str] = set()  # the lemmas of the clauses up to G
    for k, g in enumerate(links):
        glemmas = {toks[i].lemma.lower() for i in g.tokens}
        seen |= glemmas
        gverbs = {toks[i].lemma.lower() for i in g.verbs} | ({g.lemma} if g.lemma else set())
        # whether the trigger's clause is what G's verb is about (its complement)
        about = k > 0 and not rules.applies("status.adverbial-aside", any(
            c.kind == "sub" and c.conj in ADVERBIAL for c in links[:k]))
        found.cue("status.denial", "denied", "complement of a denial",
                  about and gverbs & DENY)
        found.cue("status.no-evidence", "negated", "'geen aanwijzingen die/dat ...'",
                  k > 0 and links[k - 1].kind in ("rel", "sub") and _no_evidence(g, toks))
        found.cue("status.attempt", "attempted", "an attempt ('proberen')",
                  (glemmas | gverbs) & lex.attempt)
        found.cue("status.conditional", "hypothetical", f"conditional clause ('{g.conj}')",
                  g.conj in CONDITIONAL and g.kind == "sub")
        found.cue("status.expectation", "hypothetical",
                  "complement of 'overwegen/vrezen/verwachten'",
                  about and gverbs & words("expectation_verbs"))
        found.cue("status.open-question", "hypothetical", "an open question ('of ...')",
                  g.kind == "sub" and g.conj == "of")
        if about and g.kind != "sub" and any(
                lex.verbs.get(v) is not None and lex.verbs[v].frame == "request"
                for v in gverbs):  # "riep Duitsland op om ... te leveren"
            if rules.on("status.permission") and seen & PERMISSION:
                # "vroeg om toestemming om ... te leveren"
                found.cue("status.permission", "hypothetical", "asked permission for it")
            else:
                found.cue("status.request", "requested", "complement of a request")
        found.cue("status.accused-reported", "reported", "what one is accused of",
                  about and g.kind != "sub" and gverbs & ACCUSING)
        found.cue("status.plan-verb", "planned", "complement of a plan or pledge verb",
                  about and gverbs & lex.plan_verbs - {"zullen", "gaan", "willen"})
    # "ontkent akkoorden te hebben gesloten", "ontkent de aanval": in the denial's clause
    found.cue("status.denial-own-clause", "denied", "under a denial in its own clause",
              verb_lemmas & DENY and trigger is not None and trigger not in DENY and
              ("te" in lemmas or toks[trigger_index].pos == "N"))
    refusal = words("refusal_verbs")
    found.cue(None, "negated", "refused or put off ('weigeren')",
              verb_lemmas & refusal and trigger is not None and trigger not in refusal)
    found.cue("status.modal-adverb", "hypothetical", "modal adverb or 'overwegen'",
              verb_lemmas & {"overwegen"} or set(lemmas) & words("modal_adverbs"))
    found.cue("status.kunnen", "hypothetical", "'kunnen' (possibility)",
              "kunnen" in verb_lemmas and not _past(own, "kunnen") and not rules.applies(
                  "status.om-te-kunnen-purpose", clause.kind == "inf" and clause.conj == "om"))
    # Future: "gaat leveren", "zal leveren", "wil sturen", pledges.
    finite = toks[clause.finite] if clause.finite is not None else None
    if finite is not None:
        fl = finite.lemma.lower()
        found.cue("status.future-planned", "planned", "'gaan' + infinitive (future)",
                  fl == "gaan" and any("inf" in toks[i].feats for i in clause.verbs
                                       if i != clause.finite))
        found.cue("status.future-planned", "planned", "'zullen' (future)",
                  fl == "zullen" and "tgw" in finite.feats)
        found.cue("status.willen-intention", "planned", "'willen' (intention)",
                  fl == "willen" and "tgw" in finite.feats)
        found.cue("status.zou-reported", "reported", "reportative 'zou/zouden'",
                  fl == "zullen" and "verl" in finite.feats)
    # "liet weten het toestel gratis te zullen leveren"
    found.cue("status.te-zullen", "planned", "'te zullen' + infinitive (future)",
              any(toks[i].lemma.lower() == "zullen" and "inf" in toks[i].feats
                  for i in clause.verbs))
    found.cue(None, "planned", "a pledge or agreement verb",
              verb_lemmas & words("pledge_verbs"))
    found.cue("status.future-time", "planned", "a future time expression", future_time)
    found.cue("status.future-adverb", "planned", "a future time expression",
              set(lemmas) & FUTURE_ADVERBS)
    found.cue("status.attributed", "reported", "attributed to a source", attributed)
    found.cue("status.hearsay", "reported", "'naar verluidt' (hearsay)",
              "naar verluidt" in " ".join(words_) or set(words_) & words("hearsay_words"))
    for g in governors:
        gf = toks[g.finite] if g.finite is not None else None
        found.cue("status.governed-by-zou", "reported", "governed by reportative 'zou'",
                  gf is not None and gf.lemma.lower() == "zullen" and "verl" in gf.feats)
    found.cue(None, "asserted", "stated as fact")
    best = min(found, key=PRIORITY.index)
    entry = lex.verbs.get(trigger) if trigger else None
    if best == "planned" and "reported" in found and found["planned"][1] in (
            "status.trigger-word", None) and rules.applies(
            "status.agreement-reportedly-made", entry is not None and entry.event == "AGREE"
            and _perfect(clause, toks)):
        best = "reported"  # "zou ... hebben afgesproken": the agreement, reportedly made
    reason, rule_id = found[best]
    if rule_id:
        rules.fired(rule_id)
    return best, [f"{best}: {reason}"]


def _perfect(clause: Clause, toks: list[Token]) -> bool:
    """'zou ... hebben afgesproken': a participle under 'hebben/zijn' in the clause."""
    verbs = [toks[i] for i in clause.verbs]
    return any(t.lemma.lower() in ("hebben", "zijn") and "inf" in t.feats for t in verbs) \
        and any("vd" in t.feats for t in verbs)


def _no_evidence(g: Clause, toks: list[Token]) -> bool:
    """'We hebben geen informatie die ...', 'Er is geen bewijs dat ...'."""
    lemmas = [toks[i].lemma.lower() for i in g.tokens]
    nouns = words("evidence_nouns")
    return any(w == "geen" and any(x in nouns for x in lemmas[j + 1:j + 4])
               for j, w in enumerate(lemmas))


def _past(own: list[Token], lemma: str) -> bool:
    return any(t.lemma.lower() == lemma and "verl" in t.feats for t in own)


def _negation_elsewhere(own: list[Token]) -> bool:
    """'niet alleen', 'niet meer dan' and 'geen enkele twijfel' do not negate the event."""
    for k, t in enumerate(own):
        if t.text.lower() == "niet" and k + 1 < len(own) and rules.applies(
                "status.not-only", own[k + 1].text.lower() in ("alleen", "enkel", "slechts")):
            return True
    return False
