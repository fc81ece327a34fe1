"""Kroniek's Dutch language data (kroniek/lang/nl/), loaded once.

- `load_lexicon()`: trigger verbs and nouns with their frames, light verbs and the cue
  word lists of `triggers.yaml`;
- `words(name)`, `ordered(name)`, `table(name)`: every other word table, by name, from
  the other files of `lang/nl/` (one file per kind of word: `time.yaml`, `nouns.yaml`,
  ...). A name is defined once across the files; a rule module never spells out a list.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
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
    special: dict[str, Trigger] = field(default_factory=dict)  # set by rule (triggers.py)

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
NO_COMPOUND_HEAD = {"hulp", "steun", "gesprek", "oorlog"}  # not "handelsoorlog"


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = yaml.load(_data_dir().joinpath(TRIGGERS_FILE).read_text(encoding="utf-8"),
                     Loader=_UniqueKeyLoader)  # a trigger listed twice is an error

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
                   negative_labels=words("negative_labels"),
                   special=triggers("special_triggers", False))


TRIGGERS_FILE = "triggers.yaml"


def _data_dir():
    return resources.files("kroniek").joinpath("lang", "nl")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A table defined twice in one file is an error, not a silent override."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"lang/nl: '{key}' is defined twice ({node.start_mark})")
            seen.add(key)
        return super().construct_mapping(node, deep)


@functools.lru_cache(maxsize=1)
def tables() -> dict[str, object]:
    """Every named word table of lang/nl (but the triggers), with the file it is in."""
    out: dict[str, object] = {}
    where: dict[str, str] = {}
    for f in sorted(_data_dir().iterdir(), key=lambda f: f.name):
        if not f.name.endswith(".yaml") or f.name == TRIGGERS_FILE:
            continue
        data = yaml.load(f.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader) or {}
        for name, value in data.items():
            if name in out:
                raise ValueError(f"lang/nl: table '{name}' is in {where[name]} and {f.name}")
            out[name], where[name] = value, f.name
    return out


def _get(name: str):
    try:
        return tables()[name]
    except KeyError:
        raise KeyError(f"no word table '{name}' in kroniek/lang/nl") from None


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset:
    """A word list (or the keys of a mapping) as a set."""
    return frozenset(_get(name))


@functools.lru_cache(maxsize=None)
def ordered(name: str) -> tuple:
    """A word list in the file's order, for rules that try words in turn."""
    value = _get(name)
    return tuple(tuple(v) if isinstance(v, list) else v for v in value)


@functools.lru_cache(maxsize=None)
def table(name: str) -> dict:
    """A mapping from words to values (months to numbers, nouns to classes)."""
    value = _get(name)
    if not isinstance(value, dict):
        raise TypeError(f"lang/nl table '{name}' is a list, not a mapping")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
