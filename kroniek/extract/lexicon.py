"""The trigger and cue lexicon (extract/data/lexicon.yaml), loaded once."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Trigger:
    lemma: str
    event: str
    frame: str
    needs: str | None = None
    status: str | None = None
    denies: bool = False
    nominal: bool = False
    military_event: str | None = None  # the event type when qualified as military


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    light_verbs: dict[str, dict]
    speech_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    hypothetical: frozenset[str]
    attempt: frozenset[str]
    negation: frozenset[str]
    sports: frozenset[str]
    negative_labels: frozenset[str]

    def noun(self, lemma: str) -> Trigger | None:
        """A noun trigger by lemma, also as the head of a compound (wapenleveringen)."""
        lemma = lemma.lower()
        if lemma in self.nouns:
            return self.nouns[lemma]
        if lemma.endswith("pakket") and len(lemma) > 8:  # "sanctiepakket": what is in it
            found = self.noun(lemma[:-6])
            if found:
                return found
        for plural in ("en", "s", "'s"):  # a mis-tagged plural keeps its ending
            if lemma.endswith(plural) and lemma[:-len(plural)] in self.nouns:
                return self.nouns[lemma[:-len(plural)]]
        for size in range(len(lemma) - 3, 3, -1):
            tail = lemma[-size:]
            if tail in self.nouns and tail not in NO_COMPOUND_HEAD:
                return self.nouns[tail]
        return None


# Heads too short or too common to be trusted at the end of a compound.
NO_COMPOUND_HEAD = {"hulp", "steun", "gesprek"}


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = yaml.safe_load(resources.files("kroniek.extract").joinpath("data/lexicon.yaml")
                          .read_text(encoding="utf-8"))

    def triggers(section: str, nominal: bool) -> dict[str, Trigger]:
        return {lemma: Trigger(lemma=lemma, nominal=nominal, **spec)
                for lemma, spec in data[section].items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return Lexicon(verbs=triggers("verbs", False), nouns=triggers("nouns", True),
                   light_verbs={k: v or {} for k, v in data["light_verbs"].items()},
                   speech_verbs=words("speech_verbs"), plan_verbs=words("plan_verbs"),
                   hypothetical=words("modal_hypothetical"), attempt=words("attempt_words"),
                   negation=words("negation_words"), sports=words("sports_words"),
                   negative_labels=words("negative_labels"))
