"""Relevance gating: send to Frog only what can hold an event, and what those need.

Most news is not about military matters. Frog is nearly all of a run's time, while the
knowledge files say cheaply where an event may be. `Gate.plan(docs)` decides per document:

- **skip**: no gazetteer match (no state, organisation, person, place or weapon system).
  Every event needs a participant, and participants only come from gazetteer matches
  (directly or through coreference to an earlier one), so there is no event and no
  mention. Stored without Frog (and without a sentence split).
- **mentions**: entities named, but no sentence can hold an event: the mentions rows
  are computed from the sentence split, without Frog.
- **partial**: only some sentences go to Frog, as runs of whole sentences with their
  document offsets (`analyze_paragraphs` semantics); the extractor sees them with their
  true sentence numbers, so event ids, offsets and records are those of a full analysis.
- **full**: everything (when 90 % of the sentences are needed anyway, or gating is off).

Sentences come from `ucto` (Frog's own tokenizer and rules file) fed exactly as Frog is
fed, so the sentence numbers of skipped text are Frog's. After analysis the pipeline
checks that Frog's sentences of the kept runs are exactly the planned ones (offsets,
paragraphs, token counts) and otherwise analyses that document whole.

What counts (surface matching on accent-folded lower case; every rule errs on the side
of keeping; the rules follow kroniek/extract as it is -- see `test_gating.py`, which
fails when extraction starts to need something gating drops):
- **event-capable** (E) sentences, from the first gazetteer match on (participants are
  found backwards only): a trigger form that can fire -- a form of a lexicon verb
  (regular stems, a table of strong verbs; a separable verb's base only with its
  particle in the sentence: 'viel ... aan'; the extractor's phrasal verbs only with
  their words: 'wijst ... van de hand'), a lexicon noun (also in compounds and plurals),
  the extractor's hand-coded triggers (found in its source: bezorgd, noemen, ...) --
  and what the trigger needs (report.py): military words or equipment in the sentence
  (or, for 'equipment', in the next one: 'Iran levert steeds meer aan Rusland. Het gaat
  om drones.'), 'met' (or 'en'/'tussen': 'A en B spraken'), 'samen', 'hard'. After
  the first trigger, sentences with an equipment word are event-capable too ('Het
  gaat om drones').
- **memory**: before the last E sentence, every sentence naming an entity or equipment
  (the extractor's memory of states, people, places, equipment).
- **context**, as the extractor looks back: the previous sentence when an E sentence
  has 'zou/zouden' (sources carried over), 'ze/zij/die/deze' (the previous subject) or,
  for REJECT/AGREE/ACCUSE/SUPPORT triggers, 'dat/dit/het' (answering the previous
  source); three back for 'deze/die ...' sources; recursively for context sentences;
  the next sentence when it says 'dat/dit' ('Dat meldt Reuters'); a quotation to its end.
- **dates**: when an E sentence dates relative to an earlier date ('een jaar later',
  'dat jaar'), every earlier sentence with a temporal word or a number (the anchor).
- **sports**: if the extractor's off-topic test could fire, the sentences with a sports
  word; its answer on the gated document must equal that on the whole document (padded
  with empty tokens), else the document is analysed whole.
- After the last E sentence, sentences that only name entities are not sent: their
  mentions are computed from the split.

Off: `Pipeline(..., gating=False)` or `KRONIEK_GATING=0`.
"""
from __future__ import annotations

import bisect
import functools
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable

import ahocorasick
import yaml

from .analysis.frog import UTT, escape_line
from .analysis.tsv import RawToken, paragraphs, to_sentences
from .models import AnalyzedDocument, Document, Sentence, Token

log = logging.getLogger(__name__)

ENV = "KRONIEK_GATING"
SENTINEL = "KRONIEKDOCUMENTGRENS"  # a paragraph between documents in one Frog request
QUOTE_CHARS = '"“”„«»'
TAIL_QUOTES = "\"'“”„«»‘’"


def enabled_by_env(default: bool = True) -> bool:
    value = os.environ.get(ENV)
    if value is None or not value.strip():
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


# --------------------------------------------------------------------------- sentences
@dataclass(frozen=True)
class RefSentence:
    """A sentence as Frog would split the whole document: offsets, paragraph, tokens."""
    start: int
    end: int
    paragraph: int
    tokens: int


def frog_texts(doc: Document, spans: list[tuple[int, int]]) -> list[str]:
    """The paragraph strings Frog is sent for these spans (as analyze_paragraphs does)."""
    return [" ".join(doc.text[s:e].split()) for s, e in spans]


def _frog_line(texts: list[str]) -> str:
    """One document as Frog's server reads it: paragraphs joined by the utterance marker
    on one line (Frog reads the request's line breaks as spaces; this matters for a
    closing quote before a marker, which then becomes a sentence of its own)."""
    payload = f"\n{UTT}\n".join(t.replace(UTT, " " * len(UTT)) for t in texts)
    payload = "\n".join(escape_line(line) for line in payload.split("\n"))
    return " ".join(payload.split("\n"))


class SplitError(RuntimeError):
    pass


class Splitter:
    """Frog's sentence split of whole documents, from `ucto` (Frog's tokenizer)."""

    def __init__(self, binary: str | None = None, timeout: float = 60.0):
        self.binary = binary or shutil.which("ucto")
        self.timeout = timeout

    @property
    def available(self) -> bool:
        return self.binary is not None

    def split(self, docs: list[Document]) -> list[list[RefSentence]]:
        if not docs:
            return []
        if not self.binary:
            raise SplitError("ucto is not installed (Debian package ucto, recommended by frog)")
        spans = [paragraphs(d.text) for d in docs]
        # Documents are separated by blank lines, which ucto treats like the end of
        # the input (as Frog treats the end of a request).
        parts = []
        for d, sp in zip(docs, spans):
            parts.append(_frog_line(frog_texts(d, sp)) if sp else "")
            parts.append(SENTINEL)
        payload = "\n\n".join(parts) + "\n"
        try:
            proc = subprocess.run([self.binary, "-L", "nld", "-n"], input=payload.encode(),
                                  capture_output=True, timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise SplitError(f"ucto failed: {err}") from err
        if proc.returncode != 0:
            raise SplitError(f"ucto exited with code {proc.returncode}: "
                             f"{proc.stderr.decode(errors='replace')[-300:]}")
        groups: list[list[list[RawToken]]] = [[]]
        for line in proc.stdout.decode("utf-8", errors="replace").splitlines():
            words = line.split()
            if not words:
                continue
            if words == [SENTINEL]:
                groups.append([])
                continue
            groups[-1].append([RawToken(w, "", "", "O", 0, "") for w in words])
        groups = groups[:-1]  # after the last sentinel: nothing
        if len(groups) != len(docs):
            raise SplitError(f"ucto gave {len(groups)} documents for {len(docs)}")
        out = []
        for d, sp, raw in zip(docs, spans, groups):
            if not sp:
                out.append([])
                continue
            sents = to_sentences(d.text, sp, raw)
            out.append([RefSentence(s.start, s.end, s.paragraph, len(s.tokens)) for s in sents])
        return out


# --------------------------------------------------------------------------- cue words
# Separable particles (the extractor joins them: 'viel ... aan' = aanvallen) and
# inseparable prefixes (a strong verb keeps its prefix: verkocht, ontving, beschoot).
PARTICLES = ("aan", "af", "bij", "binnen", "door", "in", "mee", "na", "neer", "om", "op",
             "over", "samen", "terug", "toe", "uit", "voor", "weg", "tegen", "gevangen",
             "vast", "vol", "los", "bekend", "goed", "achter", "onder", "akkoord")
PREFIXES = ("be", "ver", "ont", "ge", "her", "er", "mis", "over", "onder", "door", "voor",
            "achter", "om")
# Strong and irregular verbs: infinitive, then past and participle forms.
STRONG = """
bakken bakte bakten gebakken | bederven bedierf bedierven bedorven
bedriegen bedroog bedrogen | beginnen begon begonnen | bergen borg borgen geborgen
bevelen beval bevalen bevolen | bewegen bewoog bewogen | bezwijken bezweek bezweken
bidden bad baden gebeden | bieden bood boden geboden | bijten beet beten gebeten
binden bond bonden gebonden | blazen blies bliezen geblazen | blijken bleek bleken gebleken
blijven bleef bleven gebleven | braden gebraden | breken brak braken gebroken
brengen bracht brachten gebracht | buigen boog bogen gebogen | denken dacht dachten gedacht
doen deed deden gedaan doe doet | dragen droeg droegen gedragen | drijven dreef dreven gedreven
dringen drong drongen gedrongen | drinken dronk dronken gedronken | duiken dook doken gedoken
dwingen dwong dwongen gedwongen | eten gegeten | fluiten floot floten gefloten
gaan ging gingen gegaan gaat | gelden gold golden gegolden | genieten genoot genoten
geven gaf gaven gegeven geef geeft | gieten goot goten gegoten | glijden gleed gleden gegleden
graven groef groeven gegraven | grijpen greep grepen gegrepen | hangen hing hingen gehangen
hebben had hadden gehad heeft heb | heffen hief hieven geheven | helpen hielp hielpen geholpen
heten heette geheten | houden hield hielden gehouden | jagen joeg joegen gejaagd
kiezen koos kozen gekozen | kijken keek keken gekeken | klimmen klom klommen geklommen
klinken klonk klonken geklonken | komen kwam kwamen gekomen kom komt
kopen kocht kochten gekocht koop koopt | krijgen kreeg kregen gekregen
kruipen kroop kropen gekropen | kunnen kon konden gekund kan | laden laadde geladen
laten liet lieten gelaten laat | lezen las lazen gelezen | liegen loog logen gelogen
liggen lag lagen gelegen | lijden leed leden geleden | lijken leek leken geleken
lopen liep liepen gelopen loop | meten mat maten gemeten | mijden meed meden gemeden
mogen mocht mochten mag | nemen nam namen genomen neem neemt | prijzen prees prezen geprezen
raden raadde geraden | rijden reed reden gereden | rijzen rees rezen gerezen
roepen riep riepen geroepen | ruiken rook roken geroken | scheiden scheidde gescheiden
schelden schold scholden gescholden | schenden schond schonden geschonden
schenken schonk schonken geschonken | scheppen schiep schiepen geschapen
schieten schoot schoten geschoten | schijnen scheen schenen geschenen
schrijven schreef schreven geschreven | schrikken schrok schrokken geschrokken
schuiven schoof schoven geschoven | slaan sloeg sloegen geslagen sla slaat
slapen sliep sliepen geslapen | sluiten sloot sloten gesloten | smelten smolt smolten gesmolten
smijten smeet smeten gesmeten | snijden sneed sneden gesneden | spannen gespannen
spreken sprak spraken gesproken | springen sprong sprongen gesprongen
staan stond stonden gestaan sta staat | steken stak staken gestoken | stelen stal stalen gestolen
sterven stierf stierven gestorven | stijgen steeg stegen gestegen | stoten stootte gestoten
strijden streed streden gestreden | treden trad traden getreden treed | treffen trof troffen getroffen
trekken trok trokken getrokken | vallen viel vielen gevallen | vangen ving vingen gevangen
varen voer voeren gevaren | vechten vocht vochten gevochten | verdwijnen verdween verdwenen
vergeten vergat vergaten | verliezen verloor verloren | vinden vond vonden gevonden
vliegen vloog vlogen gevlogen | vragen vroeg vroegen gevraagd vraag | vriezen vroor vroren gevroren
wassen gewassen | wegen woog wogen gewogen | werpen wierp wierpen geworpen
werven wierf wierven geworven | weten wist wisten geweten weet | wijken week weken geweken
wijten weet verweet verweten | wijzen wees wezen gewezen wijs | willen wilde wou wilden gewild
winnen won wonnen gewonnen | worden werd werden geworden | zeggen zei zeiden gezegd zegde zeg
zenden zond zonden gezonden | zien zag zagen gezien zie ziet | zijn was waren geweest
zingen zong zongen gezongen | zinken zonk zonken gezonken | zitten zat zaten gezeten
zoeken zocht zochten gezocht | zuigen zoog zogen gezogen | zullen zou zouden
zwemmen zwom zwommen gezwommen | zweren zwoer zwoeren gezworen | zwijgen zweeg zwegen gezwegen
"""


@functools.lru_cache(maxsize=1)
def strong_verbs() -> dict[str, frozenset[str]]:
    table = {}
    for entry in STRONG.replace("\n", "|").split("|"):
        words = entry.split()
        if words:
            table[words[0]] = frozenset(words[1:])
    return table


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
    forms: set[tuple[str, str | None]] = set()

    def add(verb: str, prefix: str = "", particle: str | None = None) -> None:
        found = _stems(verb) | (strong[verb] | {verb} if verb in strong else set())
        forms.update((prefix + f, particle) for f in found)

    add(lemma)
    for p in sorted(set(PARTICLES) | set(PREFIXES), key=len, reverse=True):
        rest = lemma[len(p):]
        if not lemma.startswith(p) or len(rest) < 3:
            continue
        if rest in strong:  # verkopen -> verkocht, ontvangen -> ontving
            add(rest, p)
        if p in PARTICLES:  # separable: the finite verb stands alone, the particle too
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


def _fold(text: str) -> str:
    from .knowledge.matcher import fold
    return fold(text)


def _phrasal() -> list:
    """The extractor's phrasal verbs: (verb lemmas, words in the clause, lemma)."""
    try:
        from .extract.clauses import PHRASAL
        return list(PHRASAL)
    except ImportError:
        return []


def special_triggers() -> set[str]:
    """Trigger words the extractor codes by hand (Trigger("bezorgd", ...)) in any of its
    modules, and the words of its hand-made idioms ('laat zich niet intimideren')."""
    from .extract.status import UNMOVED
    source = "".join(f.read_text(encoding="utf-8")
                     for f in resources.files("kroniek.extract").iterdir()
                     if f.name.endswith(".py"))
    return {w.lower() for w in re.findall(r'Trigger\(\s*"([^"]+)"', source) if w} | \
        set(UNMOVED)


def _dates_vocabulary() -> set[str]:
    """Words that can make an explicit or calendar date (an anchor): the extractor's own
    date tables, less the function words and numbers that need a temporal noun."""
    from .extract import dates
    skip = {"NUMBERS", "VAGUE", "APPROX", "PREPS", "THIS_WORDS", "QUANTITY_VERBS",
            "QUANTITY_UNITS", "SPEECH_VERBS", "SUBORDINATORS_SKIP", "AMBIGUOUS_SUBORDINATORS",
            "VAGUE_RANGE", "NOW_WORDS"}
    words: set[str] = set()
    for name, value in vars(dates).items():
        if not name.isupper() or name in skip:
            continue
        items = value.keys() if isinstance(value, dict) else value \
            if isinstance(value, (set, frozenset, tuple, list)) else ()
        for item in items:
            if isinstance(item, str):
                words.update(_fold(item).split())
    return {w for w in words if len(w) >= 3}


REL_WORDS = {"later", "eerder", "daarna", "daarvoor", "ervoor", "erna", "nadien", "daarop",
             "erop", "voordien", "daarvóór", "ervóór", "geleden", "terug"}
ANAPHORIC_TIME = re.compile(
    r"\b(dat|datzelfde|hetzelfde|dezelfde|die|diezelfde)\s+(jaar|maand|week|lente|voorjaar"
    r"|zomer|herfst|najaar|winter|dag|periode)\b")
SUBJECT_CHAIN = {"ze", "zij", "die", "deze"}          # 'Die/Ze' = the previous subject
SOURCE_CHAIN = {"zou", "zouden"}                        # sources carried over
SOURCE_BACK3 = {"deze", "die", "diezelfde", "dezelfde"}  # 'een van deze diplomaten'
BACKWARD = {"dat", "dit"}                               # 'Dat meldt Reuters'
# 'Rusland ontkent dat/het': the claim of the previous sentence's source
REFERRING_EVENTS = {"REJECT", "AGREE", "ACCUSE", "SUPPORT"}
REFERRING_WORDS = {"dat", "dit", "het"}
WORD = re.compile(r"\w+")


class Cues:
    """Aho-Corasick over the knowledge files: where a trigger or class word may be."""

    def __init__(self):
        from .lexicon import load_lexicon
        lex = load_lexicon()
        self.lex = lex
        # form -> what a hit needs to count: (needs of the trigger, words that must be
        # in the sentence too -- a separable verb's particle --, event type)
        triggers: dict[str, set[tuple[str | None, str | None]]] = {}
        for lemma, trig in lex.verbs.items():
            for form, particle in verb_form_pairs(lemma):
                words = (particle,) if particle else ()
                triggers.setdefault(form, set()).add((trig.needs, words, trig.event))
        for lemma, trig in lex.nouns.items():
            for form in noun_forms(lemma):
                triggers.setdefault(form, set()).add((trig.needs, (), trig.event))
        for word in special_triggers():
            for form in verb_forms(word) | noun_forms(word):
                triggers.setdefault(form, set()).add((None, (), None))
        for verbs, words, result in _phrasal():  # 'wijst ... van de hand' = afwijzen
            trig = lex.verbs.get(result)
            if trig is None:
                continue
            for verb in verbs:
                for form, particle in verb_form_pairs(verb):
                    need = tuple(_fold(w) for w in words) + ((particle,) if particle else ())
                    triggers.setdefault(form, set()).add((trig.needs, need, trig.event))
        classes = set()
        data = yaml.safe_load(resources.files("kroniek.knowledge").joinpath(
            "data", "class_words.yaml").read_text(encoding="utf-8"))
        for spec in (data.get("classes") or {}).values():
            for w in (spec.get("words") or []) + (spec.get("weak") or []):
                classes |= noun_forms(_fold(w))
            for phrase in spec.get("phrases") or []:
                classes |= noun_forms(_fold(phrase[-1]))
        try:
            from .extract.memory import CLASS_NOUNS
            for w in CLASS_NOUNS:
                classes |= noun_forms(w)
        except ImportError:
            pass
        self.trigger_forms, self.class_forms = set(triggers), classes
        self.sports = {_fold(w) for w in lex.sports}
        self._sport_heads = tuple(sorted({w.split()[0] for w in self.sports if w.split()}))
        self.dates = _dates_vocabulary()
        try:  # the extractor's 'military context' words (lemma endings)
            from .extract.report import MILITARY
        except ImportError:
            MILITARY = {"wapen", "militair", "leger", "troep", "soldaat", "munitie", "oorlog",
                        "front", "aanval", "luchtmacht", "marine", "defensie", "raket",
                        "drone", "bom", "granaat"}
        self.military = {f for w in MILITARY for f in noun_forms(w) | {w}}
        entries: dict[str, set[tuple]] = {}

        def add(key: str, kind: tuple, mode: str) -> None:
            entries.setdefault(_fold(key), set()).add((kind, mode))

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
    from .knowledge import Gazetteer, load_catalog
    return Gazetteer(load_catalog())


# --------------------------------------------------------------------------- plans
@dataclass
class Plan:
    doc: Document
    mode: str                                   # skip | mentions | partial | full
    spans: list[tuple[int, int]] = field(default_factory=list)   # sent to Frog
    numbers: list[int] = field(default_factory=list)             # their paragraph numbers
    expect: list[RefSentence] | None = None     # Frog's sentences of the spans, planned
    index: list[int] | None = None              # their sentence numbers in the document
    total: int | None = None                    # sentences in the document (None: unknown)
    reference: list[RefSentence] | None = None  # all sentences (for the off-topic check)
    check_offtopic: bool = False
    reason: str = ""
    matches: list | None = None                 # gazetteer matches
    mention_only: list[int] = field(default_factory=list)  # not sent; mentions computed

    @property
    def sentences(self) -> int:
        return len(self.expect) if self.expect is not None else 0

    @property
    def tail_quote(self) -> bool:
        """The last span ends in a quote: Frog splits that quote off when more text
        follows in the request, so this document must end its request."""
        if not self.spans:
            return False
        s, e = self.spans[-1]
        return self.doc.text[s:e].rstrip()[-1:] in TAIL_QUOTES

    def texts(self) -> list[str]:
        return frog_texts(self.doc, self.spans)


def full_plan(doc: Document, reference: list[RefSentence] | None = None,
              reason: str = "") -> Plan:
    spans = paragraphs(doc.text)
    return Plan(doc, "full" if spans else "skip", spans, list(range(len(spans))),
                expect=list(reference) if reference is not None else None,
                index=list(range(len(reference))) if reference is not None else None,
                total=len(reference) if reference is not None else None,
                reference=reference, reason=reason or "whole document")


@dataclass
class SentenceCues:
    gaz: bool = False
    trig: bool = False
    cls: bool = False
    mil: bool = False
    hit: bool = False      # a trigger form, whether or not what it needs is there
    refers: bool = False   # a trigger whose event may point back ('ontkende dat')
    sports: int = 0
    temporal: bool = False
    rel: bool = False
    words: frozenset = frozenset()
    quotes: int = 0


class Gate:
    """Plans what of each document Frog analyses (see the module docstring)."""

    def __init__(self, enabled: bool = True, splitter: Splitter | None = None,
                 full_share: float = 0.9):
        self.enabled = enabled
        self.splitter = splitter or Splitter()
        self.full_share = full_share  # send whole documents when this share is needed

    def plan(self, docs: list[Document]) -> list[Plan]:
        if not docs:
            return []
        if not self.enabled:
            refs = self._split(docs)
            return [full_plan(d, r, "gating off") for d, r in zip(docs, refs)]
        matches = [gazetteer().find(d.text) for d in docs]
        named = [d for d, m in zip(docs, matches) if m]  # only these need a split
        refs = iter(self._split(named))
        return [self.plan_one(d, next(refs), m) if m else
                Plan(d, "skip", reason="no state, organisation, person, place or system named")
                for d, m in zip(docs, matches)]

    def _split(self, docs: list[Document]) -> list:
        try:
            return self.splitter.split(docs)
        except SplitError as err:
            log.warning("no sentence split (%s): documents are analysed whole", err)
            return [None] * len(docs)

    def sentence_cues(self, doc: Document, ref: list[RefSentence],
                      matches: list | None = None) -> list[SentenceCues]:
        cue = cues()
        text = doc.text
        folded = _fold(text)
        starts = [s.start for s in ref]
        out = [SentenceCues() for _ in ref]
        conds: list[set] = [set() for _ in ref]

        def at(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        for m in (gazetteer().find(text) if matches is None else matches):
            for k in range(at(m.start), at(max(m.start, m.end - 1)) + 1):
                out[k].gaz = True
                if m.kind == "system":
                    out[k].mil = True
        for end, (kind, payload) in cue.substring_hits(folded):
            k = at(end)
            if kind == "t":
                conds[k].update(payload)
            elif kind == "c":
                out[k].cls = out[k].mil = True
            else:
                out[k].mil = True
        for k, s in enumerate(ref):
            seg = folded[s.start:s.end]
            words = WORD.findall(seg)
            c = out[k]
            c.words = frozenset(words)
            c.sports = cue.sports_count(words)
            c.temporal = any(ch.isdigit() for ch in seg) or bool(c.words & cue.dates)
            c.rel = bool(c.words & REL_WORDS) or bool(ANAPHORIC_TIME.search(seg))
            c.quotes = sum(text[s.start:s.end].count(q) for q in QUOTE_CHARS)
        for k, c in enumerate(out):
            nxt_mil = k + 1 < len(out) and out[k + 1].mil
            fit = [event for needs, words, event in conds[k]
                   if self._fits(needs, words, c, nxt_mil)]
            c.trig = bool(fit)
            c.hit = bool(conds[k])
            c.refers = any(e is None or e in REFERRING_EVENTS for e in fit)
        return out

    @staticmethod
    def _fits(needs: str | None, words: tuple[str, ...], c: "SentenceCues",
              next_military: bool) -> bool:
        """Whether a trigger form can make an event here: a separable verb's particle
        stands in the sentence, and what the trigger needs (extract/report.py) is there.
        'equipment' may come from the next sentence ('Iran levert steeds meer aan
        Rusland. Het gaat om drones.'); 'sanction' and 'pact' need a noun that is a
        trigger itself."""
        if any(w not in c.words for w in words):
            return False
        if needs in (None, "entity"):
            return True
        if needs == "equipment":
            return c.mil or next_military
        if needs == "military":
            return c.mil
        if needs in ("sanction", "pact"):
            return False
        if needs == "met" and c.words & {"en", "tussen"}:
            return True  # talks between a coordinated subject ('A en B spraken')
        if needs in ("met", "samen", "hard"):
            return any(w.startswith(needs[:5]) for w in c.words)
        return True  # a need this gate does not know: keep

    def plan_one(self, doc: Document, ref: list[RefSentence] | None,
                 matches: list | None = None) -> Plan:
        if matches is None:
            matches = gazetteer().find(doc.text)
        if not matches:
            return Plan(doc, "skip", total=len(ref) if ref is not None else None,
                        reason="no state, organisation, person, place or system named")
        if ref is None:
            return full_plan(doc, None, "no sentence split")
        if not ref:
            return Plan(doc, "skip", total=0, reason="no sentences")
        n = len(ref)
        cs = self.sentence_cues(doc, ref, matches)
        # participants come from gazetteer matches, directly or through coreference to
        # an earlier one: a trigger before the first match can make no event
        first = min(i for i in range(n) if cs[i].gaz) if any(c.gaz for c in cs) else n
        triggers = [i for i in range(first, n) if cs[i].trig]
        if not triggers:  # no event possible: the mentions need no Frog
            return Plan(doc, "mentions", total=n, reference=ref, matches=matches,
                        reason="names entities, but nothing can be an event")
        # sentences with equipment words feed the equipment memory; after a trigger
        # they may also name what an earlier event was about ('Het gaat om drones')
        events = sorted(set(triggers) | {i for i in range(triggers[0], n) if cs[i].cls})
        # kept: event-capable sentences; before the last of them also the sentences
        # naming entities or equipment (the extractor's memory); context (below).
        # Sentences after it that only name entities are not needed: their mentions
        # are computed from the split.
        last = events[-1]
        keep = set(events) | {i for i in range(last) if cs[i].gaz or cs[i].cls}
        check_offtopic = False
        if events:
            done: dict[int, bool] = {}

            def lean_back(i: int, event: bool) -> None:
                if i in done and (done[i] or not event):
                    return
                done[i] = event
                w = cs[i].words
                back = 0
                if w & (SUBJECT_CHAIN | SOURCE_CHAIN) or (event and cs[i].refers and
                                                           w & REFERRING_WORDS):
                    back = 1
                if w & SOURCE_BACK3:
                    back = 3
                for j in range(i - 1, max(-1, i - 1 - back), -1):
                    keep.add(j)
                    lean_back(j, False)

            for i in events:
                lean_back(i, True)
                nxt = i + 1
                if nxt < n and cs[nxt].words & BACKWARD:
                    keep.add(nxt)
                    lean_back(nxt, True)
                if cs[i].quotes % 2:  # a quotation goes on: keep it to its end
                    j = i + 1
                    while j < n:
                        keep.add(j)
                        if cs[j].quotes % 2:
                            break
                        j += 1
            dated = [i for i in events if cs[i].rel]
            if dated:
                keep.update(j for j in range(max(dated)) if cs[j].temporal)
            if any(c.sports for c in cs) and _may_be_offtopic(doc, ref, cs):
                keep.update(i for i in range(n) if cs[i].sports)
                check_offtopic = True
        mention_only = sorted(j for j in range(n) if cs[j].gaz and j not in keep)
        if not keep:
            return Plan(doc, "skip", total=n, reason="no sentence can hold an event")
        if len(keep) >= self.full_share * n:
            plan = full_plan(doc, ref, "most sentences needed")
            return plan
        kept = sorted(keep)
        spans, numbers = [], []
        for k in kept:
            r = ref[k]
            if spans and k - 1 in keep and ref[k - 1].paragraph == r.paragraph:
                spans[-1] = (spans[-1][0], r.end)
            else:
                spans.append((r.start, r.end))
                numbers.append(r.paragraph)
        return Plan(doc, "partial", spans, numbers, expect=[ref[k] for k in kept],
                    index=kept, total=n, reference=ref, check_offtopic=check_offtopic,
                    matches=matches, mention_only=mention_only,
                    reason=f"{len(kept)} of {n} sentences")


# --------------------------------------------------------------------------- results
def assemble(plan: Plan, sentences: list[Sentence]) -> AnalyzedDocument | None:
    """Frog's sentences for a plan, with their document sentence numbers; None when they
    are not exactly the planned ones (the caller then analyses the document whole)."""
    if plan.expect is not None:
        got = [(s.start, s.end, s.paragraph, len(s.tokens)) for s in sentences]
        want = [(r.start, r.end, r.paragraph, r.tokens) for r in plan.expect]
        if got != want:
            return None
        for s, k in zip(sentences, plan.index):
            s.index = k
    analyzed = AnalyzedDocument(plan.doc, sentences)
    if plan.check_offtopic and not _offtopic_agrees(plan, analyzed):
        return None
    return analyzed


def _offtopic_agrees(plan: Plan, analyzed: AnalyzedDocument) -> bool:
    """The extractor's off-topic test on what was analysed must say what it would say
    on the whole document; the sentences not analysed hold no sports word, so padding
    them with as many empty tokens as they have gives the whole document's answer."""
    from .extract import offtopic
    if plan.reference is None:
        return True
    done = set(plan.index or [])
    padded = list(analyzed.sentences)
    for k, r in enumerate(plan.reference):
        if k not in done:
            toks = [Token(i=i, text="", lemma="", pos="LET", feats=(), ner="O", head=-1,
                          deprel="", start=r.start, end=r.start) for i in range(r.tokens)]
            padded.append(Sentence(index=k, paragraph=r.paragraph, start=r.start,
                                   end=r.end, text="", tokens=toks))
    whole = offtopic(AnalyzedDocument(plan.doc, padded))
    part = offtopic(analyzed)
    return (whole is None) == (part is None)


def mentions(plan: Plan, only: Iterable[int] | None = None) -> list[tuple]:
    """The mentions rows extract() gives for sentences of a document analysed whole:
    gazetteer matches within a sentence, numbered by Frog's sentences (the reference
    split); for a document with no event (mode 'mentions'), or the sentences `only`."""
    from . import extract as ex
    key = getattr(ex, "_ref_key", None) or (
        lambda m: getattr(m.ref, "key", None) or getattr(m.ref, "name", ""))
    code = getattr(ex, "_ref_code", None) or (
        lambda m: getattr(m.ref, "code", None) or getattr(m.ref, "country", None)
        or getattr(m.ref, "cls", None))
    matches = plan.matches if plan.matches is not None else gazetteer().find(plan.doc.text)
    ref = plan.reference or []
    ks = range(len(ref)) if only is None else only
    return [(k, m.start, m.end, m.text, m.kind, key(m), code(m))
            for k in ks for m in matches if ref[k].start <= m.start and m.end <= ref[k].end]


def _may_be_offtopic(doc: Document, ref: list[RefSentence], cs: list) -> bool:
    """Whether the extractor's off-topic test could say 'off-topic' if every word that
    may be a sports word were one (else the sports sentences need not be analysed)."""
    from .extract import offtopic
    from .lexicon import load_lexicon
    word = sorted(load_lexicon().sports)[0]
    sents = []
    for k, (r, c) in enumerate(zip(ref, cs)):
        n = max(r.tokens, c.sports)
        toks = [Token(i=i, text="", lemma=word if i < c.sports else "", pos="N", feats=(),
                      ner="O", head=-1, deprel="", start=r.start, end=r.start)
                for i in range(n)]
        sents.append(Sentence(index=k, paragraph=r.paragraph, start=r.start, end=r.end,
                              text="", tokens=toks))
    return offtopic(AnalyzedDocument(doc, sents)) is not None


def describe(plans: Iterable[Plan]) -> dict:
    """Counts for reports: documents per mode, sentences total and sent."""
    out = {"skip": 0, "mentions": 0, "partial": 0, "full": 0, "sentences": 0, "sent": 0}
    for p in plans:
        out[p.mode] += 1
        out["sentences"] += p.total or 0
        out["sent"] += p.sentences if p.mode in ("partial", "full") else 0
    return out
