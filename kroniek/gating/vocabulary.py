"""Where in a text a trigger, an equipment word or a military word may be: one
Aho-Corasick automaton over the forms of every word the extractor can act on, read from
the same loaded lexicon as the extractor (kroniek/lang/nl), and the context words the
gate follows as the extractor looks back.

Tables read: triggers.yaml's verbs, nouns, sports words and special triggers; `unmoved_verbs`, `phrasal_verbs`, `class_nouns`,
`military_words`, the date tables in DATE_TABLES, `back_referring_dets` and the gate's
own `gate_*` tables; knowledge/data/class_words.yaml for equipment words.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

import ahocorasick
import yaml

from ..lexicon import load_lexicon, ordered, table, words
from .forms import fold, noun_forms, verb_form_pairs, verb_forms

# The extractor's date tables whose words make an explicit or calendar date (an anchor);
# its numbers, vague quantities, prepositions and other function words need a temporal
# noun and are left out.
DATE_TABLES = (  # not Dutch
    "months", "month_abbr", "weekdays", "dayparts", "seasons", "temporal_nouns", "decades",
    "past_words", "next_words", "deictic", "recent", "soon_words", "unknown_past", "mods",
    "happen", "units")
# Tables whose values name further anchor words: the (English) seasons and units that
# key season_months, unit_months and unit_days.
DATE_VALUE_TABLES = ("seasons", "units")


def _phrasal() -> list:
    """The extractor's phrasal verbs: (verb lemmas, words in the clause, lemma)."""
    return list(ordered("phrasal_verbs"))


def special_triggers() -> set[str]:
    """Trigger words the extractor codes by hand (triggers.yaml's special_triggers:
    bezorgd, noemen, ...), and the words of its hand-made idioms ('laat zich niet
    intimideren')."""
    return {w.lower() for w in load_lexicon().special if w} | set(words("unmoved_verbs"))


def _dates_vocabulary() -> set[str]:
    """Words that can make an explicit or calendar date (an anchor): the extractor's own
    date tables, less the function words and numbers that need a temporal noun."""
    items: set[str] = set()
    for name in DATE_TABLES:
        items |= words(name)
    for name in DATE_VALUE_TABLES:
        items |= {v for v in table(name).values() if isinstance(v, str)}
    found: set[str] = set()
    for item in items:
        if isinstance(item, str):
            found.update(fold(item).split())
    return {w for w in found if len(w) >= 3}


def _anaphoric_time() -> re.Pattern:
    dets = "|".join(re.escape(w) for w in ordered("gate_anaphoric_time_dets"))
    nouns = "|".join(re.escape(w) for w in ordered("gate_anaphoric_time_nouns"))
    return re.compile(rf"\b({dets})\s+({nouns})\b")


REL_WORDS = words("gate_relative_time_words")  # 'een jaar later': dated from an earlier date
ANAPHORIC_TIME = _anaphoric_time()              # 'dat jaar', 'diezelfde week'
SUBJECT_CHAIN = {"ze", "zij", "die", "deze"}    # 'Die/Ze' = the previous subject
SOURCE_CHAIN = {"zou", "zouden"}                # sources carried over
SOURCE_BACK3 = words("back_referring_dets")     # 'een van deze diplomaten'
BACKWARD = {"dat", "dit"}                       # 'Dat meldt Reuters'
# 'Rusland ontkent dat/het': the claim of the previous sentence's source
REFERRING_EVENTS = {"REJECT", "AGREE", "ACCUSE", "SUPPORT"}
REFERRING_WORDS = {"dat", "dit", "het"}
WORD = re.compile(r"\w+")


class Cues:
    """Aho-Corasick over the knowledge files: where a trigger or class word may be."""

    def __init__(self):
        lex = load_lexicon()
        self.lex = lex
        # form -> what a hit needs to count: (needs of the trigger, words that must be
        # in the sentence too -- a separable verb's particle --, event type)
        triggers: dict[str, set[tuple[str | None, str | None]]] = {}
        for lemma, trig in lex.verbs.items():
            for form, particle in verb_form_pairs(lemma):
                with_particle = (particle,) if particle else ()
                triggers.setdefault(form, set()).add((trig.needs, with_particle, trig.event))
        for lemma, trig in lex.nouns.items():
            for form in noun_forms(lemma):
                triggers.setdefault(form, set()).add((trig.needs, (), trig.event))
        for word in special_triggers():
            for form in verb_forms(word) | noun_forms(word):
                triggers.setdefault(form, set()).add((None, (), None))
        for verbs, required, result in _phrasal():  # 'wijst ... van de hand' = afwijzen
            trig = lex.verbs.get(result)
            if trig is None:
                continue
            for verb in verbs:
                for form, particle in verb_form_pairs(verb):
                    need = tuple(fold(w) for w in required) + ((particle,) if particle else ())
                    triggers.setdefault(form, set()).add((trig.needs, need, trig.event))
        classes = set()
        data = yaml.safe_load(resources.files("kroniek.knowledge").joinpath(
            "data", "class_words.yaml").read_text(encoding="utf-8"))
        for spec in (data.get("classes") or {}).values():
            for w in (spec.get("words") or []) + (spec.get("weak") or []):
                classes |= noun_forms(fold(w))
            for phrase in spec.get("phrases") or []:
                classes |= noun_forms(fold(phrase[-1]))
        for w in words("class_nouns"):  # the extractor's anaphoric class nouns
            classes |= noun_forms(w)
        self.trigger_forms, self.class_forms = set(triggers), classes
        self.sports = {fold(w) for w in lex.sports}
        self._sport_heads = tuple(sorted({w.split()[0] for w in self.sports if w.split()}))
        self.dates = _dates_vocabulary()
        # the extractor's 'military context' words (lemma endings)
        self.military = {f for w in words("military_words") for f in noun_forms(w) | {w}}
        entries: dict[str, set[tuple]] = {}

        def add(key: str, kind: tuple, mode: str) -> None:
            entries.setdefault(fold(key), set()).add((kind, mode))

        for form, conds in triggers.items():
            # long forms anywhere (compounds, participles 'geleverd', 'aangevallen');
            # short ones at a word start, also after 'ge' ('opgelegd', 'gedood')
            # a separable verb's base stands alone ('zette ... in', 'willigde ... in'):
            # at a word start; its participle is joined ('ingezet'), a form of its own
            alone = {c for c in conds if c[1]}
            joined = conds - alone
            if alone:
                add(form, ("t", tuple(sorted(alone, key=str))),
                    "start" if len(form) >= 4 else "word")
            if joined:
                kind = ("t", tuple(sorted(joined, key=str)))
                if len(form) >= 5:
                    add(form, kind, "sub")
                else:
                    add(form, kind, "start" if len(form) == 4 else "word")
                    add("ge" + form, kind, "sub" if len(form) >= 3 else "start")
        for form in classes:  # compound heads of 4+ letters count ('gevechtstank')
            add(form, ("c", ()), "sub" if len(form) >= 4 else "word")
        for form in self.military:
            add(form, ("m", ()), "sub")
        self._auto = ahocorasick.Automaton()
        for key, kinds in entries.items():
            self._auto.add_word(key, (len(key), tuple(sorted(kinds, key=str))))
        self._auto.make_automaton()

    def substring_hits(self, folded: str) -> list[tuple[int, tuple]]:
        """(position, kind) of trigger ('t', conditions), class ('c', ()) and military
        ('m', ()) words in folded text."""
        out = []
        n = len(folded)
        for end, (length, kinds) in self._auto.iter(folded):
            start = end - length + 1
            at_start = start == 0 or not folded[start - 1].isalnum()
            for kind, mode in kinds:
                if mode == "sub" or (mode == "start" and at_start):
                    out.append((end, kind))
                elif mode == "word" and at_start:
                    k = end + 1
                    while k < n and folded[k].isalnum():
                        k += 1
                    if k - end - 1 <= 3:  # 'bom', 'bommen', 'gaf', 'legt'
                        out.append((end, kind))
        return out

    def sports_count(self, words: list[str]) -> int:
        """Words that may have a sports lemma ('ploegen' for ploeg): a count never
        smaller than the extractor's."""
        return sum(1 for w in words if w.startswith(self._sport_heads))


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    return Cues()


@functools.lru_cache(maxsize=1)
def gazetteer():
    from ..knowledge import Gazetteer, load_catalog
    return Gazetteer(load_catalog())

