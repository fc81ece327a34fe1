"""Dutch temporal expressions, resolved against the article date at honest precision.

A news article carries only its month (` date YYYY-MM `), so everything deictic below
the month ("gisteren", "afgelopen zaterdag", "deze week", "vorige week") is the article
month, never an invented day. Calendar references are resolved at the precision the text
gives: "12 maart 2023" -> 2023-03-12, "in april" -> the most recent April (or the coming
one when the clause speaks of the future), "eind 2021" -> 2021, seasons -> their year.
Intervals ("sinds oktober", "al maanden", "binnen een jaar") give `date` = their start
at the precision that is certain and `enddate` = their end.

`DateContext` keeps per document the article date and an anchor (the last explicit
calendar reference), so "een jaar later" after "in 2019" is 2020 and "dat jaar" is 2019.
`DateContext.for_event` picks the expression that dates an event from the trigger's
clause (clause boundaries: subordinators, relative pronouns, ', en', ', maar', ';').

The parser is table-driven over Frog tokens: lower-cased token texts for the words,
CGN tags to keep numbers in designations and quantities ("F-16", "2.400 drones",
"6,6 miljard", "Leopard 2") and conjunctions ("nu" as 'now that') out.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------- tables

MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
          "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11,
          "december": 12}
# Abbreviations count only with their dot ("jan.") or after a day number ("3 jan"):
# bare "jan" is a first name, "mar" or "dec" other words.
MONTH_ABBR = {"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7,
              "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
            "zaterdag": 5, "zondag": 6}
DAYPARTS = ("ochtend", "morgen", "middag", "avond", "nacht")
SEASONS = {"lente": "spring", "voorjaar": "spring", "zomer": "summer", "herfst": "autumn",
           "najaar": "autumn", "winter": "winter", "zomermaanden": "summer",
           "wintermaanden": "winter"}
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
           "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
           "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
           "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40,
           "vijftig": 50, "honderd": 100, "anderhalf": 1.5, "anderhalve": 1.5}
# "enkele weken", "een paar maanden", or a plural unit without a number ("al maanden")
VAGUE = {"enkele", "paar", "aantal", "meerdere", "verschillende", "ettelijke", "vele",
         "talloze"}
VAGUE_RANGE = (2, 6)
APPROX = {"ruim", "bijna", "zo'n", "ongeveer", "circa", "ca.", "minstens", "pakweg",
          "krap", "nauwelijks", "amper", "goed", "dik"}
UNITS = {"uur": "hour", "uren": "hour", "dag": "day", "dagen": "day", "week": "week",
         "weken": "week", "maand": "month", "maanden": "month", "jaar": "year",
         "jaren": "year", "decennium": "decade", "decennia": "decade"}
# months shifted per unit: (minimum, maximum); days and weeks straddle month ends
UNIT_MONTHS = {"hour": (0, 0), "day": (1 / 31, 1 / 28), "week": (7 / 31, 7 / 28),
               "month": (1, 1), "year": (12, 12), "decade": (120, 120)}
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7}
# "de eerste helft van 2023": a year after these nouns still dates the clause
TEMPORAL_NOUNS = {"helft", "kwartaal", "begin", "eind", "einde", "maand", "week", "jaar",
                  "periode", "loop", "start", "aanvang", "midden", "deel", "zomer", "winter",
                  "lente", "voorjaar", "najaar", "herfst", "dag", "decennium", "eeuw"}
DECADES = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
           "zeventig": 70, "tachtig": 80, "negentig": 90}

PAST_WORDS = {"afgelopen", "vorige", "vorig", "verleden", "voorbije", "jongstleden",
              "jl.", "laatste"}
NEXT_WORDS = {"volgende", "volgend", "komende", "komend", "aanstaande", "aankomende",
              "eerstkomende", "eerstvolgende"}
THIS_WORDS = {"deze", "dit"}
# one-token deictics: days from the article day
DEICTIC = {
    "gisteren": -1, "gisteravond": -1, "gisterochtend": -1, "gistermorgen": -1,
    "gistermiddag": -1, "gisternacht": -1, "eergisteren": -2, "vandaag": 0,
    "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vannacht": 0, "vanavond": 0,
    "morgen": 1, "morgenochtend": 1, "morgenavond": 1, "morgenmiddag": 1, "overmorgen": 2,
}
NOW_WORDS = {"nu", "inmiddels", "intussen", "momenteel", "thans", "tegenwoordig",
             "heden", "ondertussen"}
RECENT = {"onlangs", "recentelijk", "kortgeleden"}
SOON_WORDS = {"binnenkort", "straks", "spoedig", "weldra", "eerdaags"}
UNKNOWN_PAST = {"destijds", "indertijd", "ooit", "vroeger", "eertijds", "toentertijd"}

# prepositions that may introduce a time expression
PREPS = {"in", "op", "sinds", "sedert", "vanaf", "tot", "binnen", "tijdens", "gedurende",
         "rond", "omstreeks", "per", "na", "voor", "vóór", "tussen", "van", "uit", "over",
         "medio", "t/m", "eind", "begin", "half", "midden", "halverwege"}
MODS = {"begin": "begin", "eind": "end", "einde": "end", "medio": "mid", "half": "mid",
        "midden": "mid", "halverwege": "mid", "eerder": "earlier", "later": "later",
        "vroeg": "begin", "laat": "end"}
# verbs of quantities: "steeg tot 2000" is a number, not a year
QUANTITY_VERBS = {"stijgen", "oplopen", "dalen", "toenemen", "afnemen", "verhogen",
                  "verlagen", "groeien", "beperken", "uitbreiden", "zakken", "verdubbelen",
                  "optrekken", "terugbrengen", "verminderen"}
QUANTITY_UNITS = {"euro", "dollar", "man", "procent", "km", "kilometer", "meter", "ton",
                  "kilo", "pond", "roebel", "stuks", "keer", "exemplaren", "soldaten",
                  "militairen", "doden", "slachtoffers", "mensen"}
SPEECH_VERBS = {"melden", "zeggen", "verklaren", "stellen", "schrijven", "berichten",
                "bevestigen", "ontkennen", "waarschuwen", "aankondigen", "kondigen",
                "bekendmaken", "maken", "laten", "weten", "meedelen", "delen", "claimen",
                "beweren", "rapporteren", "aldus", "noemen", "benadrukken", "erkennen"}
SUBORDINATORS_SKIP = {"dan", "zoals", "behalve", "dus", "nu"}
# these also compare or enumerate ("als compensatie"): a clause only with a finite verb
AMBIGUOUS_SUBORDINATORS = {"als", "of", "sinds", "tot", "voor", "na", "zonder"}
HAPPEN = ("gebeur", "plaatsvind", "plaatsgevonden", "plaatshad", "plaatsgehad", "geschied")

YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
YEAR_RANGE_RE = re.compile(r"^(1[89]\d\d|20\d\d)[-–/](1[89]\d\d|20\d\d|\d\d)$")
DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DECADE_RE = re.compile(r"^'?(\d0)$|^(1[89]\d0|20\d0)$")


# ---------------------------------------------------------------------------- API


@dataclass
class TimeExpr:
    start: int  # first token index in the sentence
    end: int  # last token index + 1
    text: str
    date: str | None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' at honest precision
    enddate: str | None  # for intervals
    future: bool  # points after the article date
    why: str
    kind: str = ""  # abs | cal | day | now | interval | future | rel | unknown
    prep: str | None = None  # the introducing preposition, if any
    _lo: tuple | None = field(default=None, repr=False)  # (y, m) bounds of the point
    _hi: tuple | None = field(default=None, repr=False)
    _anchor: bool = field(default=False, repr=False)  # an explicit calendar date
    _np: bool = field(default=False, repr=False)  # inside a noun phrase: "het verdrag van 1987"


class DateContext:
    """Per document: the article date and the last explicit calendar date seen (anchor)."""

    def __init__(self, doc_date: str):
        m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", doc_date or "")
        if not m:
            raise ValueError(f"unreadable document date {doc_date!r}")
        self.year = int(m.group(1))
        self.month = int(m.group(2)) if m.group(2) else None
        self.day = int(m.group(3)) if m.group(3) else None
        self.anchor: tuple | None = None  # (lo, hi, precision) of the last explicit date
        self._cache: dict[int, tuple] = {}  # id(sentence) -> (sentence, exprs, clauses)

    # -- public
    def default(self) -> str:
        """The article month: the date of events nothing in the text dates."""
        return _fmt(self.year, self.month)

    def find(self, sentence) -> list[TimeExpr]:
        """All time expressions in a sentence, left to right; updates the anchor."""
        scanner = _Scanner(self, sentence)
        exprs = scanner.run(update_anchor=True)
        self._cache[id(sentence)] = (sentence, exprs, scanner.clauses)
        return exprs

    def for_event(self, sentence, trigger_index: int,
                  exprs: list[TimeExpr] | None = None) -> TimeExpr | None:
        """The expression dating the event whose trigger is token `trigger_index`."""
        cached = self._cache.get(id(sentence))
        if cached is None or cached[0] is not sentence:
            scanner = _Scanner(self, sentence)
            cached = (sentence, scanner.run(update_anchor=False), scanner.clauses)
        if exprs is None:
            exprs = cached[1]
        if not exprs:
            return None
        toks = sentence.tokens
        if not 0 <= trigger_index < len(toks):
            return None
        clauses = cached[2]
        cid = clauses.of[trigger_index]

        def clause_of(e: TimeExpr) -> int:
            return clauses.of[_expr_anchor_token(toks, e)]

        # "het verdrag van 1987", "de Su-27 uit de jaren tachtig" date their noun only
        exprs = [e for e in exprs if not e._np or e.start - 1 == trigger_index or
                 toks[e.start].head == trigger_index]
        same = [e for e in exprs if clause_of(e) == cid and not
                (e.start <= trigger_index < e.end)]
        happen = self._happen(exprs, clauses, cid, clause_of)
        if happen is not None and all(e.date is None and e.enddate is None for e in same):
            return happen  # "..., maar dat zou eind 2021 zijn gebeurd"
        if same:
            chain = _verb_chain(toks, trigger_index, clauses)
            best = min(same, key=lambda e: (not _attached(toks, e, chain),
                                            e.kind == "unknown" and e.enddate is None,
                                            _distance(e, trigger_index)))
            return self._from_speech_time(best, exprs, clauses, cid, clause_of) or best
        # a te-infinitive ('om ... te leveren') is dated by its governing clause
        c = clauses.info[cid]
        while c["kind"] == "inf" and c["parent"] is not None:
            cid = c["parent"]
            cands = [e for e in exprs if clause_of(e) == cid]
            if cands:
                return min(cands, key=lambda e: _distance(e, trigger_index))
            c = clauses.info[cid]
        # a fronted adverbial scopes over a coordinated verb phrase without own subject:
        # "Vorige maand legde Brussel sancties op en bevroor tegoeden"
        if c["kind"] == "coord" and c.get("vp_coord") and c["parent"] is not None:
            first = clauses.info[c["parent"]]
            fin = first.get("finite")
            cands = [e for e in exprs if clause_of(e) == c["parent"] and fin is not None
                     and e.end <= fin]
            if cands:
                return cands[0]
        return None

    def _from_speech_time(self, e: TimeExpr, exprs, clauses, cid, clause_of
                          ) -> TimeExpr | None:
        """'België kondigde vorige maand aan dat het de komende vier jaar levert': an
        interval counted from 'now' inside a reported clause counts from the report."""
        info = clauses.info[cid]
        if e.kind != "future" or e.date != self.default() or info["kind"] != "sub" or \
                info["conj"] != "dat" or info["parent"] is None:
            return None
        said = [p for p in exprs if clause_of(p) == info["parent"] and p.date and
                p.kind in ("day", "cal", "abs") and not p.future and p.end <= e.start]
        if not said:
            return None
        p = said[-1]
        enddate = e.enddate
        if p._lo is not None and p._lo == p._hi and e._hi is not None and len(p.date) >= 7:
            shift = (p._lo[0] * 12 + p._lo[1]) - (self.ym[0] * 12 + self.ym[1])
            enddate = _fmt(*_addm(e._hi, shift)) if e.enddate else None
        return TimeExpr(e.start, e.end, e.text, p.date, enddate, True,
                        f"{e.why}, counted from the report '{p.text}' ({p.date})", e.kind,
                        e.prep, p._lo, e._hi)

    @staticmethod
    def _happen(exprs, clauses, cid, clause_of) -> TimeExpr | None:
        """'..., maar dat zou eind 2021 zijn gebeurd': a clause right after the event's
        whose verb is 'gebeuren' / 'plaatsvinden' dates the event."""
        k = cid + 1
        if k >= len(clauses.info) or not clauses.info[k].get("happen"):
            return None
        cands = [e for e in exprs if clause_of(e) == k and e.date]
        return cands[0] if cands else None

    # -- helpers for the scanner
    @property
    def ym(self) -> tuple[int, int]:
        return (self.year, self.month or 12)


# ---------------------------------------------------------------------------- dates


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _addm(ym: tuple[int, int], k: int) -> tuple[int, int]:
    n = ym[0] * 12 + (ym[1] - 1) + k
    return (n // 12, n % 12 + 1)


def _honest(lo: tuple[int, int], hi: tuple[int, int]) -> tuple[str, str | None]:
    """A point somewhere in [lo, hi] (months): the precision that is certain."""
    if lo == hi:
        return _fmt(*lo), None
    if lo[0] == hi[0]:
        return _fmt(lo[0]), None
    return _fmt(lo[0]), _fmt(hi[0])


def _valid(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2100


def _parse_num(word: str) -> float | None:
    if word in NUMBERS:
        return NUMBERS[word]
    if re.fullmatch(r"\d{1,3}", word):
        return int(word)
    return None


# ---------------------------------------------------------------------------- clauses


class _Clauses:
    def __init__(self, n: int):
        self.of = [0] * n
        self.info: list[dict] = []


def _is_finite(t) -> bool:
    return t.pos == "WW" and "pv" in t.feats


def _is_verb(t) -> bool:
    return t.pos == "WW" and "prenom" not in t.feats and "nom" not in t.feats


def _verb_ahead(toks, i: int) -> bool:
    for k in range(i, len(toks)):
        t = toks[k]
        if t.text in (",", ";", ".", ":", "?", "!"):
            return False
        if _is_verb(t):
            return True
    return False


def _finite_ahead(toks, i: int, stop_at_clauses: bool = False) -> bool:
    for k in range(i, len(toks)):
        t = toks[k]
        if t.text in (",", ";", ".", ":", "?", "!"):
            return False
        if stop_at_clauses and (t.pos == "VG" and "onder" in t.feats or
                                t.pos == "VNW" and "betr" in t.feats):
            return False
        if _is_finite(t):
            return True
    return False


def segment(toks) -> _Clauses:
    """Linear clause segmentation: clause id per token, and per clause its kind
    (main | sub | rel | inf | coord), parent, conjunction and first finite verb."""
    out = _Clauses(len(toks))
    info = out.info

    def new(kind: str, conj: str | None, parent: int | None) -> int:
        info.append({"kind": kind, "conj": conj, "parent": parent, "finite": None,
                     "verbs": [], "happen": False})
        return len(info) - 1

    stack = [new("main", None, None)]
    for i, t in enumerate(toks):
        w = t.text.lower()
        cur = stack[-1]
        has_finite = info[cur]["finite"] is not None
        prev = toks[i - 1].text if i else ""
        if w in (";", ":"):
            stack = [new("main", None, None)]
            out.of[i] = stack[-1]
            continue
        if t.pos == "VG" and "onder" in t.feats and w not in SUBORDINATORS_SKIP \
                and (_finite_ahead(toks, i + 1) or w not in AMBIGUOUS_SUBORDINATORS
                     and _verb_ahead(toks, i + 1)):
            stack.append(new("sub", w, cur))
        elif t.pos == "VNW" and "betr" in t.feats and _finite_ahead(toks, i + 1):
            stack.append(new("rel", w, cur))
        elif (t.pos == "VZ" and i + 1 < len(toks) and toks[i + 1].text.lower() in
              ("wie", "welke", "wat") and prev == "," and _finite_ahead(toks, i + 2)):
            stack.append(new("rel", w, cur))  # ", van wie ...", ", met wie ..."
        elif t.pos == "BW" and w.startswith("waar") and len(w) > 4 and prev == "," \
                and _finite_ahead(toks, i + 1):
            stack.append(new("rel", w, cur))  # ", waarvan ...", ", waarbij ..."
        elif w == "om" and t.pos == "VZ" and _te_ahead(toks, i):
            stack.append(new("inf", "om", cur))
        elif t.pos == "VG" and "neven" in t.feats and w in ("en", "maar", "of", "want",
                                                             "doch", "dus") \
                and _finite_ahead(toks, i + 1, stop_at_clauses=True) and \
                (has_finite or info[cur]["verbs"] or prev == ","):
            c = info[cur]
            parent = c["parent"] if c["kind"] in ("sub", "rel", "inf", "coord") else cur
            kind = c["kind"] if c["kind"] in ("sub", "rel") else "coord"
            stack.pop()
            k = new(kind, w, parent)
            # "en bevroor ...": a coordinated verb phrase sharing the subject
            info[k]["vp_coord"] = i + 1 < len(toks) and _is_finite(toks[i + 1])
            stack.append(k)
        elif w == "," and len(stack) == 1 and has_finite and _report_ahead(toks, i + 1):
            # "..., zo meldde het ministerie gisteren": a parenthetical report clause
            out.of[i] = cur
            stack = [new("coord", "parenthetical", cur)]
            continue
        elif w == "," and len(stack) > 1 and (info[cur]["finite"] is not None or
                                              info[cur]["kind"] == "inf"
                                              and info[cur].get("te")):
            out.of[i] = cur
            stack.pop()
            continue
        elif info[cur]["kind"] in ("sub", "rel") and _is_finite(t) and has_finite and \
                i > 0 and _is_verb(toks[i - 1]) and len(stack) > 1:
            stack.pop()  # "dat ... samenwerken is slecht nieuws": back in the matrix
        cur = stack[-1]
        out.of[i] = cur
        if _is_verb(t):
            info[cur]["verbs"].append(i)
            if _is_finite(t) and info[cur]["finite"] is None:
                info[cur]["finite"] = i
            if w.startswith(HAPPEN) or t.lemma.lower() in ("gebeuren", "plaatsvinden"):
                info[cur]["happen"] = True
        if w == "te" and i + 1 < len(toks) and _is_verb(toks[i + 1]):
            info[cur]["te"] = True
        if info[cur]["kind"] == "inf" and w not in ("te",) and _is_verb(t) and \
                "inf" in t.feats and i > 0 and toks[i - 1].text.lower() == "te" and \
                not (i + 1 < len(toks) and _is_verb(toks[i + 1])) and len(stack) > 1:
            stack.pop()
    _extraposed_infinitives(toks, out)
    return out


def _extraposed_infinitives(toks, out: _Clauses) -> None:
    """'Noorwegen heeft toegezegd [binnen een jaar batterijen te sturen]': what follows
    the matrix verb cluster up to 'te' + infinitive is the infinitive's own clause."""
    for cid in range(len(out.info)):
        idx = [i for i, c in enumerate(out.of) if c == cid]
        fin = out.info[cid]["finite"]
        if fin is None:
            continue
        for k in idx:
            t = toks[k]
            if not (t.text.lower() == "te" and k + 1 < len(toks) and
                    out.of[k + 1] == cid and _is_verb(toks[k + 1]) and
                    "inf" in toks[k + 1].feats):
                continue
            matrix = [i for i in idx if fin < i < k and _is_verb(toks[i]) and
                      ("vd" in toks[i].feats or "inf" in toks[i].feats) and
                      toks[i - 1].text.lower() != "te"]
            if not matrix or max(matrix) + 1 >= k:
                continue
            last = k + 1  # "te zullen leveren": the whole verb cluster
            while last + 1 < len(toks) and out.of[last + 1] == cid and \
                    _is_verb(toks[last + 1]) and "inf" in toks[last + 1].feats:
                last += 1
            new = len(out.info)
            verbs = list(range(k + 1, last + 1))
            out.info.append({"kind": "inf", "conj": "te", "parent": cid, "finite": None,
                             "verbs": verbs, "happen": False, "te": True})
            for i in range(max(matrix) + 1, last + 1):
                if out.of[i] == cid:
                    out.of[i] = new
            out.info[cid]["verbs"] = [v for v in out.info[cid]["verbs"] if v not in verbs]
            break


def _report_ahead(toks, i: int) -> bool:
    """', meldt X' / ', zo zei X' / ', aldus X' after a complete clause."""
    if i < len(toks) and toks[i].text.lower() in ("zo", "aldus"):
        i += 1
        if i < len(toks) and toks[i - 1].text.lower() == "aldus":
            return True
    return i < len(toks) and _is_finite(toks[i])


def _te_ahead(toks, i: int) -> bool:
    for k in range(i + 1, min(len(toks), i + 25)):
        if toks[k].text in (",", ";", ".") or toks[k].pos == "VG":
            return False
        if toks[k].text.lower() == "te" and k + 1 < len(toks) and toks[k + 1].pos == "WW":
            return True
    return False


def _tense(toks, idx: list[int]) -> str:
    """past | future | present for a clause's tokens."""
    verbs = [toks[i] for i in idx if _is_verb(toks[i])]
    fin = [t for t in verbs if "pv" in t.feats]
    lemmas = {t.lemma.lower() for t in verbs}
    has_vd = any("vd" in t.feats for t in verbs)
    perfect_aux = any(t.lemma.lower() in ("hebben", "zijn") for t in verbs)
    fin_lemmas = {t.lemma.lower() for t in fin}
    if "zullen" in fin_lemmas:
        return "past" if has_vd and perfect_aux and "worden" not in lemmas else "future"
    if "gaan" in fin_lemmas and any("inf" in t.feats for t in verbs):
        return "future"
    if any("verl" in t.feats for t in fin):
        return "past"
    if has_vd and fin_lemmas & {"hebben", "zijn"}:
        return "past"
    return "present"


def _expr_anchor_token(toks, e: TimeExpr) -> int:
    """The token whose clause is the expression's (skip a leading subordinator)."""
    for k in range(e.start, e.end):
        if toks[k].pos not in ("VG",):
            return k
    return e.start


def _verb_chain(toks, i: int, clauses: _Clauses) -> set[int]:
    """The trigger, the verbs of its clause and the tokens above it up to a verb."""
    chain = {i}
    cid = clauses.of[i]
    chain.update(clauses.info[cid]["verbs"])
    k, seen = i, 0
    while 0 <= toks[k].head < len(toks) and seen < 8:
        k = toks[k].head
        seen += 1
        if clauses.of[k] != cid:
            break
        chain.add(k)
        if toks[k].pos == "WW":
            break
    return chain


def _attached(toks, e: TimeExpr, chain: set[int]) -> bool:
    for k in range(e.start, e.end):
        h = toks[k].head
        if not e.start <= h < e.end and h in chain:
            return True
    return False


def _distance(e: TimeExpr, i: int) -> int:
    if i < e.start:
        return e.start - i
    if i >= e.end:
        return i - e.end + 1
    return 0


# ---------------------------------------------------------------------------- scanner


@dataclass
class _Val:
    """A resolved core: a point (lo..hi months, precision) or a ready interval."""
    date: str | None
    enddate: str | None = None
    future: bool | None = None  # None: decide from the period and the clause
    why: str = ""
    kind: str = "cal"
    lo: tuple | None = None
    hi: tuple | None = None


class _Scanner:
    def __init__(self, ctx: DateContext, sentence):
        self.ctx = ctx
        self.sent = sentence
        self.toks = sentence.tokens
        self.w = [_norm(t.text) for t in self.toks]
        self.clauses = segment(self.toks)
        self._tenses: dict[int, str] = {}
        self.am = ctx.ym  # article (year, month)
        self._last_end: int | None = None
        self._mod_word: str | None = None

    # -- helpers
    def tense(self, i: int) -> str:
        cid = self.clauses.of[i]
        if cid not in self._tenses:
            idx = [k for k, c in enumerate(self.clauses.of) if c == cid]
            self._tenses[cid] = _tense(self.toks, idx)
        return self._tenses[cid]

    def reporting(self, i: int) -> bool:
        """Is the clause of token i headed by a verb of saying ('meldt', 'zegt')?"""
        cid = self.clauses.of[i]
        return any(self.toks[k].lemma.lower() in SPEECH_VERBS
                   for k in self.clauses.info[cid]["verbs"])

    def word(self, i: int) -> str:
        return self.w[i] if 0 <= i < len(self.w) else ""

    def text(self, i: int, j: int) -> str:
        s0 = self.sent.start
        return self.sent.text[self.toks[i].start - s0:self.toks[j - 1].end - s0]

    # -- main loop
    def run(self, update_anchor: bool) -> list[TimeExpr]:
        out: list[TimeExpr] = []
        i, n = 0, len(self.toks)
        while i < n:
            self._last_end = out[-1].end if out else None
            got = self.parse(i, out)
            if got is None:
                i += 1
                continue
            out.append(got)
            if update_anchor and got._anchor and got._lo is not None:
                self.ctx.anchor = (got._lo, got._hi)
            i = got.end
        return self._merge(out)

    def _merge(self, out: list[TimeExpr]) -> list[TimeExpr]:
        """'van 2019 tot 2021', 'tussen maart en mei' -> one interval."""
        merged: list[TimeExpr] = []
        for e in out:
            if merged:
                p = merged[-1]
                gap = self.w[p.end:e.start]
                to_end = e.prep in ("tot", "t/m", "tot en met") and e.start == p.end
                between = p.prep == "tussen" and gap in (["en"],)
                ranged = p.prep in ("van", "vanaf") and (
                    to_end or gap in (["-"], ["–"], ["tot"], ["t/m"], ["tot", "en", "met"]))
                if (between or ranged) and p.date and (e.enddate or e.date):
                    end = e.enddate or e.date
                    if e.prep not in ("tot", "t/m", "tot en met") or e.enddate is None:
                        end = e.date
                    merged[-1] = TimeExpr(p.start, e.end, self.text(p.start, e.end),
                                          p.date, end, e.future and p.future,
                                          f"interval {p.date} .. {end}", "interval", p.prep,
                                          p._lo, e._hi, p._anchor and e._anchor, p._np)
                    continue
            merged.append(e)
        return merged

    def parse(self, i: int, done: list[TimeExpr]) -> TimeExpr | None:
        toks, w = self.toks, self.w
        n = len(toks)
        j = i
        particle = None
        if w[j] in ("al", "nog", "pas", "reeds") and j + 1 < n:
            particle = w[j]
            j += 1
        prep = None
        for multi in (("tot", "en", "met"), ("in", "de", "loop", "van"),
                      ("aan", "het", "begin", "van"), ("aan", "het", "eind", "van"),
                      ("aan", "het", "einde", "van"), ("tegen", "het", "eind", "van"),
                      ("tegen", "het", "einde", "van"), ("in", "het", "begin", "van"),
                      ("het", "begin", "van"), ("het", "eind", "van"),
                      ("het", "einde", "van"), ("aan", "het", "begin"),
                      ("in", "het", "midden", "van"), ("halverwege",)):
            if tuple(w[j:j + len(multi)]) == multi:
                prep = " ".join(multi)
                j += len(multi)
                break
        else:
            if w[j] in PREPS and \
                    toks[j].pos in ("VZ", "N", "ADJ", "BW", "SPEC", "WW"):
                prep = w[j]
                j += 1
        mod = None
        self._mod_word = None
        if prep in MODS:
            self._mod_word = prep
        if j < n and w[j] in MODS and j + 1 < n:
            if w[j] not in ("eerder", "later", "laat", "vroeg") or \
                    w[j + 1] in THIS_WORDS | PAST_WORDS | NEXT_WORDS:
                mod = MODS[w[j]]
                self._mod_word = w[j]
                j += 1
        if prep in ("begin", "eind", "medio", "half", "midden", "halverwege"):
            mod, prep = MODS[prep], None
        if prep and "begin" in prep:
            mod, prep = "begin", ("in" if prep.startswith(("aan", "in")) else None)
        elif prep and ("eind" in prep):
            mod, prep = "end", None
        elif prep in ("in de loop van", "in het midden van", "halverwege"):
            mod = mod or ("mid" if prep != "in de loop van" else None)
            prep = "in"
        cued = prep is not None or mod is not None or particle is not None
        if not cued and done and done[-1].end in (i - 1, i - 2) and \
                self.word(i - 1) in ("en", "of", "tot", "-", "–", "à"):
            cued = True
        if j >= n:
            return None
        core = self.core(j, prep, mod, particle, cued)
        if core is None:
            return None
        end, val = core
        val.why = val.why.replace("{TEXT}", self.text(i, end))
        return self.finish(i, end, val, prep, mod, particle)

    # -- cores: (end index, _Val) or None
    def core(self, j, prep, mod, particle, cued):
        if prep == "over":  # "over twee weken"; not "het rapport over april"
            return self.c_duration(j, prep, mod, particle, cued)
        for fn in (self.c_numeric, self.c_decade, self.c_daymonth, self.c_month,
                   self.c_year, self.c_season, self.c_deictic_word, self.c_weekday,
                   self.c_calendar, self.c_duration, self.c_relative, self.c_anaphoric,
                   self.c_since_event, self.c_lang):
            r = fn(j, prep, mod, particle, cued)
            if r is not None:
                return r
        return None

    def c_numeric(self, j, prep, mod, particle, cued):
        w = self.w[j]
        for rx, order in ((DMY_RE, (3, 2, 1)), (ISO_RE, (1, 2, 3))):
            m = rx.match(w)
            if m:
                y, mo, d = (int(m.group(g)) for g in order)
                if _valid(y, mo, d):
                    return j + 1, _Val(_fmt(y, mo, d), why=f"date {w}", kind="abs",
                                       lo=(y, mo), hi=(y, mo))
        m = YEAR_RANGE_RE.match(w)
        if m and (cued or self.word(j - 1) in ("periode",)):
            y1 = int(m.group(1))
            y2 = int(m.group(2)) if len(m.group(2)) == 4 else (y1 // 100) * 100 + int(m.group(2))
            if y1 < y2 <= y1 + 50:
                return j + 1, _Val(_fmt(y1), _fmt(y2), why=f"years {y1}-{y2}", kind="abs",
                                   lo=(y1, 1), hi=(y2, 12))
        return None

    def c_decade(self, j, prep, mod, particle, cued):
        k = j
        if self.word(k) == "de":
            k += 1
        if self.word(k) != "jaren":
            return None
        x = self.word(k + 1)
        dec = None
        if x in DECADES:
            dec = 1900 + DECADES[x]
        else:
            m = DECADE_RE.match(x.replace("’", "'"))
            if m:
                if m.group(2):
                    dec = int(m.group(2))
                else:
                    d2 = int(m.group(1))
                    dec = (1900 if d2 >= 30 else 2000) + d2
        if dec is None:
            return None
        end = k + 2
        # "van de vorige eeuw" / "van deze eeuw"
        tail = self.w[end:end + 4]
        if tail[:3] == ["van", "deze", "eeuw"]:
            dec = 2000 + dec % 100
            end += 3
        elif tail[:4] == ["van", "de", "vorige", "eeuw"]:
            dec = 1900 + dec % 100
            end += 4
        elif tail[:4] == ["van", "de", "twintigste", "eeuw"]:
            end += 4
        return end, _Val(_fmt(dec), _fmt(dec + 9), why=f"'de jaren {x}' = {dec}-{dec + 9}",
                         kind="abs", lo=(dec, 1), hi=(dec + 9, 12), future=False)

    def _month_at(self, k, after_day=False):
        word = self.word(k)
        if word in MONTHS:
            return MONTHS[word], k + 1
        raw = self.toks[k].text.lower() if 0 <= k < len(self.toks) else ""
        base = raw.rstrip(".")
        if base in MONTH_ABBR and (raw.endswith(".") or after_day or
                                   (k + 1 < len(self.toks) and self.toks[k + 1].text == ".")):
            nxt = k + 1
            if not raw.endswith(".") and nxt < len(self.toks) and self.toks[nxt].text == "." \
                    and nxt + 1 < len(self.toks):
                nxt += 1  # "jan" "." tokenised apart, not at the sentence end
            return MONTH_ABBR[base], nxt
        return None, k

    def _year_at(self, k):
        """An explicit or deictic year after a month/season: (year, end) or (None, k)."""
        word = self.word(k)
        if YEAR_RE.match(word) and self.toks[k].pos in ("TW", "SPEC", "N"):
            return int(word), k + 1
        if word == "van" and YEAR_RE.match(self.word(k + 1)):
            return int(self.word(k + 1)), k + 2
        seq = self.w[k:k + 3]
        if seq[:1] == ["van"]:
            seq, off = seq[1:], 1
        else:
            off = 0
        if len(seq) >= 2 and seq[1] == "jaar":
            if seq[0] == "dit":
                return self.am[0], k + off + 2
            if seq[0] in ("vorig", "verleden", "afgelopen", "vorige"):
                return self.am[0] - 1, k + off + 2
            if seq[0] in ("volgend", "komend", "volgende", "komende"):
                return self.am[0] + 1, k + off + 2
        if off == 0 and word in ("jl.", "jongstleden"):
            return "past", k + 1
        if off == 0 and word == "jl" and self.word(k + 1) == ".":
            return "past", k + 2
        return None, k

    def c_daymonth(self, j, prep, mod, particle, cued):
        k = j
        if self.word(k) in WEEKDAYS:  # "maandag 3 april"
            k += 1
        dw = self.word(k)
        if not re.fullmatch(r"\d{1,2}(e|ste|de)?", dw):
            return None
        day = int(re.match(r"\d+", dw).group())
        if not 1 <= day <= 31:
            return None
        mo, k2 = self._month_at(k + 1, after_day=True)
        if mo is None:
            return None
        y, k3 = self._year_at(k2)
        if isinstance(y, int):
            if not _valid(y, mo, day):
                return None
            return k3, _Val(_fmt(y, mo, day), why=f"explicit date {day}-{mo}-{y}",
                            kind="abs", lo=(y, mo), hi=(y, mo))
        y = self._infer_year(mo, j, prep, mod, particle, past=(y == "past"))
        if not _valid(y, mo, day):
            return None
        return k3, _Val(_fmt(y, mo, day), why=f"'{day} {self.w[k + 1]}' in the year "
                        f"inferred from the article date and tense", kind="cal",
                        lo=(y, mo), hi=(y, mo))

    def c_month(self, j, prep, mod, particle, cued):
        k = j
        which = None
        if self.word(k) in PAST_WORDS | NEXT_WORDS | THIS_WORDS and \
                (self.word(k + 1) in MONTHS):
            which = self.word(k)
            k += 1
        mo, k2 = self._month_at(k)
        if mo is None:
            return None
        y, k3 = self._year_at(k2)
        if isinstance(y, int):
            return k3, _Val(_fmt(y, mo), why=f"explicit month {mo} of {y}", kind="abs",
                            lo=(y, mo), hi=(y, mo))
        if not (cued or which):
            return None
        # "april" needs something temporal around it: a preposition, modifier, 'al'
        if which in NEXT_WORDS:
            y = self.am[0] if mo > self.am[1] else self.am[0] + 1
        elif which in PAST_WORDS or y == "past":
            y = self.am[0] if mo < self.am[1] else self.am[0] - 1
        else:
            y = self._infer_year(mo, j, prep, mod, particle)
        which_one = "coming" if (y, mo) > self.am else "most recent"
        return k3, _Val(_fmt(y, mo), why=f"'{self.w[k]}' = the {which_one} {self.w[k]} "
                        f"relative to article month {_fmt(*self.am)}",
                        kind="cal", lo=(y, mo), hi=(y, mo))

    def _infer_year(self, mo, j, prep, mod, particle, past=False) -> int:
        """The most recent month `mo` not after the article month, or the coming one
        when the clause speaks of the future (or in the present of a plan)."""
        ay, am = self.am
        if mo <= am:
            return ay
        if past or prep in ("sinds", "sedert") or particle in ("al", "reeds") or \
                mod == "earlier":
            return ay - 1
        t = self.tense(j)
        return ay - 1 if t == "past" else ay

    def c_year(self, j, prep, mod, particle, cued):
        if self.w[j:j + 2] == ["het", "jaar"] and YEAR_RE.match(self.word(j + 2)):
            y = int(self.word(j + 2))  # "(in) het jaar 2022"
            return j + 3, _Val(_fmt(y), why=f"explicit year {y}", kind="abs", lo=(y, 1),
                               hi=(y, 12))
        word = self.word(j)
        if not YEAR_RE.match(word) or self.toks[j].pos not in ("TW", "SPEC", "N", "ADJ"):
            return None
        if not cued:
            return None
        y = int(word)
        nxt = self.word(j + 1)
        if nxt in QUANTITY_UNITS:
            return None  # "2000 man", "2022 euro"
        if y % 100 == 0 and j + 1 < len(self.toks) and self.toks[j + 1].pos == "N" and \
                prep not in ("sinds", "sedert", "vanaf") and not mod:
            return None  # "in 2000 gevallen": a round number before a noun is a count
        if prep == "over":
            return None
        if prep in ("tot", "tot en met", "t/m", "rond", "op"):
            prev_year = self._last_end is not None and self._last_end == j - 1
            clause = [k for k, c in enumerate(self.clauses.of) if c == self.clauses.of[j]]
            if any(self.toks[k].lemma.lower() in QUANTITY_VERBS for k in clause):
                return None  # "steeg tot 2000"
            if not prev_year and re.fullmatch(r"[\d.,]+", self.word(j - 2) or "x"):
                return None  # "van 1500 tot 2000"
        return j + 1, _Val(_fmt(y), why=f"explicit year {y}", kind="abs", lo=(y, 1),
                           hi=(y, 12))

    # -- seasons
    def _season_year(self, season, which, j, prep, mod, particle) -> int:
        ay, am = self.am
        s0, s1 = SEASON_MONTHS[season]

        def start(y):  # (y, m) of the season's first month; winter Y starts in Dec Y
            return (y, s0)

        def end(y):
            return (y + 1, s1) if season == "winter" else (y, s1)

        # the season of this calendar year that contains or is nearest the article month
        if season == "winter":
            this = ay if am >= 7 else ay - 1  # Jul-Dec: the coming winter
        else:
            this = ay
        if which in THIS_WORDS:
            return this
        if which in PAST_WORDS:
            y = this
            while end(y) >= (ay, am):
                y -= 1
            return y
        if which in NEXT_WORDS:
            y = this
            while start(y) <= (ay, am):
                y += 1
            return y
        # bare "in de zomer", "sinds het voorjaar"
        past = prep in ("sinds", "sedert") or particle in ("al", "reeds") or \
            mod == "earlier" or self.tense(j) == "past"
        if season == "winter":
            if am == 12:
                return ay
            return ay - 1 if am <= 2 or past else ay  # the last winter, or the coming one
        y = this
        if start(y) > (ay, am) and past:
            y -= 1
        return y

    def c_season(self, j, prep, mod, particle, cued):
        k = j
        which = None
        det = None
        if self.word(k) in THIS_WORDS | PAST_WORDS | NEXT_WORDS | {"die", "diezelfde",
                                                                 "datzelfde", "dat"}:
            which = self.word(k)
            k += 1
        elif self.word(k) in ("de", "het"):
            det = self.word(k)
            k += 1
            if self.word(k) in PAST_WORDS | NEXT_WORDS:
                which = self.word(k)
                k += 1
        word = self.word(k)
        if word not in SEASONS:
            return None
        season = SEASONS[word]
        k += 1
        if not (which or prep or mod or particle):
            return None
        y, k2 = self._year_at(k)
        if isinstance(y, int):
            kind, yr, why = "abs" if YEAR_RE.match(self.word(k2 - 1)) else "cal", y, \
                f"'{word}' of {y}"
        elif which in ("die", "diezelfde", "datzelfde", "dat"):
            if self.ctx.anchor is None:
                return None
            yr = self.ctx.anchor[0][0]
            kind, why, k2 = "rel", f"'{which} {word}' = the {word} of the anchor year {yr}", k
        else:
            yr = self._season_year(season, which, j, prep, mod, particle)
            kind, k2 = "cal", k
            why = f"'{(which or det or '')} {word}' = the {word} of {yr} (article month " \
                  f"{_fmt(*self.am)})"
        s0, s1 = SEASON_MONTHS[season]
        lo = (yr, s0)
        hi = (yr + 1, s1) if season == "winter" else (yr, s1)
        if season == "winter":
            return k2, _Val(_fmt(yr), _fmt(yr + 1), why=why, kind=kind, lo=lo, hi=hi)
        return k2, _Val(_fmt(yr), why=why, kind=kind, lo=lo, hi=hi)

    # -- one-word deictics
    def c_deictic_word(self, j, prep, mod, particle, cued):
        word = self.word(j)
        t = self.toks[j]
        ay, am = self.am
        multi = self.w[j:j + 3]
        if prep == "op" and (multi[:2] == ["dit", "moment"] or multi[:2] == ["het", "moment"]
                             and self.word(j + 2) not in ("dat", "waarop", "van")):
            return j + 2, _Val(_fmt(ay, am), why="'op dit moment' = the article month",
                               kind="now", future=False, lo=self.am, hi=self.am)
        if (word in RECENT and prep is None) or (multi[:2] == ["kort", "geleden"] and not prep):
            lo = _addm(self.am, -1)
            date, enddate = _honest(lo, self.am)
            return j + (2 if word == "kort" else 1), _Val(
                date, enddate, future=False, kind="cal", lo=lo, hi=self.am,
                why=f"'{word}': recently, this month or the one before")
        if multi[:2] == ["vandaag", "de"] and self.word(j + 2) == "dag":
            return j + 3, _Val(_fmt(ay, am), why="'vandaag de dag' = the article month",
                               kind="now", future=False, lo=self.am, hi=self.am)
        if multi[:2] == ["deze", "dagen"]:
            return j + 2, _Val(_fmt(ay, am), why="'deze dagen' = the article month",
                               kind="now", future=False, lo=self.am, hi=self.am)
        if prep == "tot" and multi[:2] in (["nu", "toe"], ["nog", "toe"]) or \
                prep == "tot" and multi[:2] in (["op", "heden"],) or \
                prep == "tot" and word in ("dusver", "dusverre", "heden"):
            end = j + 2 if multi[:2] in (["nu", "toe"], ["nog", "toe"], ["op", "heden"]) \
                else j + 1
            return end, _Val(None, _fmt(ay, am), why="'tot nu toe': start unknown, ends at "
                             "the article month", kind="unknown", future=False)
        if particle == "nog" and word in ("altijd", "steeds") and prep is None:
            return j + 1, _Val(_fmt(ay, am), why=f"'nog {word}' = still at the article month",
                               kind="now", future=False, lo=self.am, hi=self.am)
        if word in DEICTIC and prep in (None, "sinds", "vanaf", "tot", "op", "voor") and \
                t.pos != "N" and not (word == "morgen" and self.word(j - 1) in ("de", "die",
                                                                                "deze")):
            off = DEICTIC[word]
            fut = off > 0 or (word == "vanavond" and self.tense(j) != "past")
            if self.ctx.day:
                d = _dt.date(ay, am, self.ctx.day) + _dt.timedelta(days=off)
                return j + 1, _Val(_fmt(d.year, d.month, d.day), future=fut,
                                   why=f"'{word}' = article day {off:+d}", kind="day",
                                   lo=(d.year, d.month), hi=(d.year, d.month))
            return j + 1, _Val(_fmt(ay, am), future=fut, kind="day",
                               why=f"'{word}': the article gives only the month",
                               lo=self.am, hi=self.am)
        if word in NOW_WORDS and prep is None and t.pos not in ("VG",) and \
                not (word == "nu" and self.word(j + 1) == "toe"):
            return j + 1, _Val(_fmt(ay, am), why=f"'{word}' = the article month", kind="now",
                               future=False, lo=self.am, hi=self.am)
        if word in SOON_WORDS and prep is None:
            return j + 1, _Val(_fmt(ay, am), why=f"'{word}': soon after the article month",
                               kind="future", future=True, lo=self.am, hi=self.am)
        if multi[:2] in (["korte", "termijn"],) and prep == "op":
            return j + 2, _Val(_fmt(ay, am), why="'op korte termijn': soon after the "
                               "article month", kind="future", future=True, lo=self.am,
                               hi=self.am)
        if multi[:3] == ["de", "nabije", "toekomst"] and prep == "in":
            return j + 3, _Val(_fmt(ay, am), why="'in de nabije toekomst': soon",
                               kind="future", future=True, lo=self.am, hi=self.am)
        if multi[:2] == ["afzienbare", "tijd"] and prep in ("binnen", "op"):
            return j + 2, _Val(_fmt(ay, am), why=f"'{prep} afzienbare tijd': soon",
                               kind="future", future=True, lo=self.am, hi=self.am)
        if word in UNKNOWN_PAST and prep is None:
            return j + 1, _Val(None, why=f"'{word}': some unspecified earlier time",
                               kind="unknown", future=False)
        if multi[:2] == ["het", "verleden"] and prep == "in":
            return j + 2, _Val(None, why="'in het verleden': unspecified earlier time",
                               kind="unknown", future=False)
        return None

    # -- weekdays
    def c_weekday(self, j, prep, mod, particle, cued):
        k = j
        which = None
        if self.word(k) in PAST_WORDS | NEXT_WORDS | THIS_WORDS and \
                self._weekday(self.word(k + 1)) is not None:
            which = self.word(k)
            k += 1
        # "vorige week dinsdag"
        if self.word(k) in ("vorige", "afgelopen", "volgende", "komende") and \
                self.word(k + 1) == "week" and self._weekday(self.word(k + 2)) is not None:
            which = self.word(k)
            k += 2
        wd = self._weekday(self.word(k))
        if wd is None:
            return None
        k += 1
        if self.word(k) in DAYPARTS:
            k += 1
        if self.word(k) in ("jl.", "jongstleden"):
            which = "jongstleden"
            k += 1
        elif self.word(k) == "jl" and self.word(k + 1) == ".":
            which = "jongstleden"
            k += 2
        elif self.w[k:k + 2] in (["vorige", "week"], ["volgende", "week"]):
            which = self.word(k)
            k += 2
        ay, am = self.am
        if which in PAST_WORDS or prep in ("sinds", "sedert"):
            fut = False
        elif which in NEXT_WORDS:
            fut = True
        else:
            # a bare weekday in the present tense is the coming one ("speelt zaterdag"),
            # except in the reporting present ("meldt zaterdag dat ...")
            t = self.tense(j)
            fut = t == "future" or (t == "present" and prep not in ("tot",) and
                                    not self.reporting(j))
        if self.ctx.day:
            base = _dt.date(ay, am, self.ctx.day)
            delta = (wd - base.weekday()) % 7
            if fut:
                d = base + _dt.timedelta(days=delta or 7)
            else:
                d = base - _dt.timedelta(days=(base.weekday() - wd) % 7 or 7)
            return k, _Val(_fmt(d.year, d.month, d.day), future=fut, kind="day",
                           why=f"weekday relative to article day {self.ctx.day}",
                           lo=(d.year, d.month), hi=(d.year, d.month))
        name = self.text(j, k)
        return k, _Val(_fmt(ay, am), future=fut, kind="day",
                       why=f"'{name}': a day near the article date; the article gives only "
                           "the month", lo=self.am, hi=self.am)

    @staticmethod
    def _weekday(word):
        for name, n in WEEKDAYS.items():
            if word == name or (word.startswith(name) and word[len(name):] in DAYPARTS):
                return n
        return None

    # -- deze week / vorige maand / volgend jaar
    def c_calendar(self, j, prep, mod, particle, cued):
        k = j
        det = None
        if self.word(k) in ("de", "het"):
            det = self.word(k)
            k += 1
        which = self.word(k)
        unit = self.word(k + 1)
        if unit not in ("week", "weekend", "maand", "jaar"):
            return None
        if which not in THIS_WORDS | PAST_WORDS | NEXT_WORDS | {"voorbije"}:
            return None
        if which == "laatste":
            return None
        end = k + 2
        ay, am = self.am
        # "het afgelopen jaar", "het komende jaar": a running year, an interval
        if det and unit in ("jaar",) and which in PAST_WORDS | NEXT_WORDS:
            if which in NEXT_WORDS:
                return end, _Val(_fmt(ay, am), _fmt(*_addm(self.am, 12)), future=True,
                                 why=f"'{det} {which} jaar': the twelve months after the "
                                     "article month", kind="future", lo=self.am,
                                 hi=_addm(self.am, 12))
            lo = _addm(self.am, -12)
            return end, _Val(_fmt(lo[0]), _fmt(ay, am), future=False,
                             why=f"'{det} {which} jaar': the twelve months up to the "
                                 "article month", kind="interval", lo=lo, hi=self.am)
        if det and which in ("deze", "dit"):
            return None
        if det and unit == "maand" and which in PAST_WORDS | NEXT_WORDS:
            # "de afgelopen maand": the running month before the article, an interval
            if which in NEXT_WORDS:
                hi = _addm(self.am, 1)
                return end, _Val(_fmt(ay, am), _fmt(*hi), future=True, kind="future",
                                 lo=self.am, hi=hi, why=f"'{det} {which} maand': from the "
                                 "article month to the next")
            lo = _addm(self.am, -1)
            date, _ = _honest(lo, self.am)
            return end, _Val(date, _fmt(ay, am), future=False, kind="interval", lo=lo,
                             hi=self.am, why=f"'{det} {which} maand': the month up to the "
                             "article date")
        if unit in ("week", "weekend"):
            fut = True if which in NEXT_WORDS else False if which in PAST_WORDS else None
            return end, _Val(_fmt(ay, am), future=fut, kind="day", lo=self.am, hi=self.am,
                             why=f"'{which} {unit}': the article gives only the month")
        if unit == "maand":
            k_ = -1 if which in PAST_WORDS else 1 if which in NEXT_WORDS else 0
            ym = _addm(self.am, k_)
            return end, _Val(_fmt(*ym), kind="cal", lo=ym, hi=ym,
                             future=True if k_ > 0 else False if k_ < 0 else None,
                             why=f"'{which} maand' = article month {k_:+d}"
                             if k_ else f"'{which} maand' = the article month")
        # jaar
        k_ = -1 if which in PAST_WORDS else 1 if which in NEXT_WORDS else 0
        y = ay + k_
        return end, _Val(_fmt(y), kind="cal", lo=(y, 1), hi=(y, 12),
                         future=True if k_ > 0 else False if k_ < 0 else None,
                         why=f"'{which} jaar' = article year {k_:+d}" if k_
                         else f"'{which} jaar' = the article year")

    # -- de afgelopen maanden / al weken / binnen een jaar / de komende vier jaar
    def _count_unit(self, k):
        """[approx] [number|vague] unit -> (n_lo, n_hi, unit, end, exact) or None."""
        approx = False
        while self.word(k) in APPROX or self.w[k:k + 2] in (["meer", "dan"],
                                                             ["minder", "dan"],
                                                             ["ten", "minste"]):
            approx = True
            k += 2 if self.word(k) in ("meer", "minder", "ten") else 1
        word = self.word(k)
        n_lo = n_hi = None
        if word in ("een", "één") and self.word(k + 1) in ("paar", "aantal", "half"):
            if self.word(k + 1) == "half":
                if self.word(k + 2) == "jaar":
                    return 6, 6, "month", k + 3, not approx
                return None
            n_lo, n_hi = VAGUE_RANGE
            k += 2
        elif word in VAGUE:
            n_lo, n_hi = VAGUE_RANGE
            k += 1
        else:
            num = _parse_num(word)
            if num is not None:
                n_lo = n_hi = num
                k += 1
        unit_word = self.word(k)
        if unit_word not in UNITS:
            return None
        unit = UNITS[unit_word]
        if n_lo is None:
            if unit_word == "jaar":
                return None  # "het jaar" etc. are handled elsewhere
            if unit_word in ("uur", "dag", "week", "maand"):
                n_lo = n_hi = 1
            else:  # "al maanden": a plural unit without a number
                n_lo, n_hi = VAGUE_RANGE
        if approx:
            n_lo, n_hi = n_lo * 0.75, n_hi * 1.25
        if n_lo == n_hi and unit == "year" and n_lo == 1.5:
            unit, n_lo, n_hi = "month", 18, 18
        return n_lo, n_hi, unit, k + 1, (n_lo == n_hi and not approx)

    def _shift(self, n_lo, n_hi, unit):
        """Months an offset of n_lo..n_hi units may amount to: (min, max)."""
        if unit in UNIT_DAYS and n_hi * UNIT_DAYS[unit] <= 14:
            return 0, 0  # days and a week or two stay in the article month (convention)
        f_lo, f_hi = UNIT_MONTHS[unit]
        return math.floor(n_lo * f_lo + 1e-9), math.ceil(n_hi * f_hi - 1e-9)

    def c_duration(self, j, prep, mod, particle, cued):
        ay, am = self.am
        k = j
        direction = None
        lead = None
        if self.word(k) in ("de", "het") and self.word(k + 1) in (
                "afgelopen", "voorbije", "laatste", "komende", "aankomende", "volgende",
                "eerstkomende", "eerstvolgende"):
            lead = self.word(k + 1)
            direction = "past" if lead in ("afgelopen", "voorbije", "laatste") else "future"
            k += 2
        elif prep == "binnen" or prep == "over":
            direction = "future"
        elif particle in ("al", "reeds") or prep in ("sinds", "sedert"):
            direction = "past"
        else:
            return None
        cu = self._count_unit(k)
        if cu is None:
            return None
        n_lo, n_hi, unit, end, exact = cu
        if lead == "laatste" and self.word(end) == "van":
            return None  # "de laatste weken van de oorlog"
        text = "{TEXT}"
        if prep == "over" and lead is None:
            # "over twee weken": a point in the future
            lo_s, hi_s = self._shift(n_lo, n_hi, unit)
            lo, hi = _addm(self.am, lo_s), _addm(self.am, hi_s)
            if unit in ("year", "decade") and not exact:
                lo, hi = (lo[0], 1), (hi[0], 12)
            date, enddate = _honest(lo, hi)
            return end, _Val(date, enddate, future=True, kind="future", lo=lo, hi=hi,
                             why=f"'{text}' from the article month")
        lo_s, hi_s = self._shift(n_lo, n_hi, unit)
        if direction == "future":
            endm = _addm(self.am, hi_s)
            return end, _Val(_fmt(ay, am), _fmt(*endm) if endm != self.am else None,
                             future=True, kind="future", lo=self.am, hi=endm,
                             why=f"'{text}': from the article month to {_fmt(*endm)}")
        # past interval ending at the article month; start somewhere in [s_lo, s_hi]
        s_lo, s_hi = _addm(self.am, -hi_s), _addm(self.am, -lo_s)
        if unit in ("year", "decade") and not exact and s_lo[0] != s_hi[0]:
            return end, _Val(None, _fmt(ay, am), future=False, kind="interval",
                             why=f"'{text}': start unknown, up to the article month")
        if s_lo == s_hi and (exact or unit in UNIT_DAYS) and unit not in ("year", "decade"):
            date = _fmt(*s_lo)
        elif s_lo[0] == s_hi[0]:
            date = _fmt(s_lo[0])
        else:
            date = _fmt(s_hi[0])  # the year the interval certainly covers
        enddate = _fmt(ay, am) if date != _fmt(ay, am) else None
        return end, _Val(date, enddate, future=False, kind="interval", lo=s_lo,
                         hi=self.am, why=f"'{text}': from {date} to the article month")

    def c_lang(self, j, prep, mod, particle, cued):
        """'maandenlang', 'wekenlang' used adverbially in a present/perfect clause."""
        word = self.word(j)
        if word not in ("dagenlang", "wekenlang", "maandenlang", "jarenlang"):
            return None
        t = self.toks[j]
        if "prenom" in t.feats or prep is not None or self.word(j - 1) in ("na", "door",
                                                                           "ondanks"):
            return None
        if self.tense(j) == "past" and not any(
                self.toks[k].lemma.lower() in ("hebben", "zijn") and _is_finite(self.toks[k])
                for k, c in enumerate(self.clauses.of) if c == self.clauses.of[j]):
            return None
        unit = UNITS[word[:-4]]
        lo_s, hi_s = self._shift(*VAGUE_RANGE, unit)
        s_lo, s_hi = _addm(self.am, -hi_s), _addm(self.am, -lo_s)
        if unit == "year":
            return j + 1, _Val(None, _fmt(*self.am), future=False, kind="interval",
                               why=f"'{word}': start unknown, up to the article month")
        date = _fmt(*s_lo) if s_lo == s_hi else _fmt(s_lo[0]) if s_lo[0] == s_hi[0] \
            else _fmt(s_hi[0])
        return j + 1, _Val(date, _fmt(*self.am) if date != _fmt(*self.am) else None,
                           future=False, kind="interval", lo=s_lo, hi=self.am,
                           why=f"'{word}' up to the article month")

    # -- twee jaar geleden / een jaar later / het jaar daarop
    def c_relative(self, j, prep, mod, particle, cued):
        if prep not in (None, "tot", "tot en met", "sinds", "vanaf"):
            return None
        k = j
        # "het jaar daarop", "de dag erna"
        if self.word(k) in ("het", "de") and self.word(k + 1) in UNITS and \
                self.word(k + 2) in ("daarop", "daarna", "erop", "erna", "nadien",
                                     "daarvoor", "ervoor", "daarvóór", "ervóór"):
            n_lo = n_hi = 1
            unit = UNITS[self.word(k + 1)]
            end = k + 3
            rel = self.word(k + 2)
            exact = True
        else:
            cu = self._count_unit(k)
            if cu is None:
                return None
            n_lo, n_hi, unit, end, exact = cu
            rel = self.word(end)
            if rel not in ("geleden", "terug", "later", "eerder", "daarna", "daarvoor",
                           "ervoor", "erna", "nadien", "daarop", "erop", "voordien"):
                return None
            end += 1
        text = self.text(j, end)
        lo_s, hi_s = self._shift(n_lo, n_hi, unit)
        coarse = unit in ("year", "decade")  # "tien jaar geleden" is a year, not a month
        if rel in ("geleden", "terug"):
            lo, hi = _addm(self.am, -hi_s), _addm(self.am, -lo_s)
            if self.ctx.day and unit in UNIT_DAYS and exact:
                d = _dt.date(self.am[0], self.am[1], self.ctx.day) - \
                    _dt.timedelta(days=int(n_lo * UNIT_DAYS[unit]))
                return end, _Val(_fmt(d.year, d.month, d.day), future=False, kind="cal",
                                 why=f"'{text}' from the article day", lo=(d.year, d.month),
                                 hi=(d.year, d.month))
            if coarse:
                lo, hi = (lo[0], 1), (hi[0], 12)
            date, enddate = _honest(lo, hi)
            return end, _Val(date, enddate, future=False, kind="cal", lo=lo, hi=hi,
                             why=f"'{text}' counted back from the article month")
        anchor = self.ctx.anchor
        if anchor is None:
            return end, _Val(None, why=f"'{text}': relative to an earlier date the text "
                             "does not give", kind="unknown")
        sign = -1 if rel in ("eerder", "daarvoor", "ervoor", "voordien", "daarvóór",
                             "ervóór") else 1
        a_lo, a_hi = anchor
        if sign > 0:
            lo, hi = _addm(a_lo, lo_s), _addm(a_hi, hi_s)
        else:
            lo, hi = _addm(a_lo, -hi_s), _addm(a_hi, -lo_s)
        if coarse:
            lo, hi = (lo[0], 1), (hi[0], 12)
        if a_lo[0] == a_hi[0] and a_lo[1] == 1 and a_hi[1] == 12 and unit == "year" and exact:
            date, enddate = _fmt(lo[0]), None  # year anchor, whole years
        else:
            date, enddate = _honest(lo, hi)
        return end, _Val(date, enddate, kind="rel", lo=lo, hi=hi,
                         why=f"'{text}' relative to the anchor {_honest(a_lo, a_hi)[0]}")

    # -- dat jaar / datzelfde jaar / die maand
    def c_anaphoric(self, j, prep, mod, particle, cued):
        k = j
        word = self.word(k)
        if word not in ("dat", "datzelfde", "hetzelfde", "dezelfde", "die", "diezelfde"):
            return None
        unit = self.word(k + 1)
        if unit not in ("jaar", "maand"):
            return None
        if self.ctx.anchor is None:
            return None
        a_lo, a_hi = self.ctx.anchor
        text = self.text(j, k + 2)
        if unit == "jaar":
            if a_lo[0] != a_hi[0]:
                return None
            return k + 2, _Val(_fmt(a_lo[0]), kind="rel", lo=(a_lo[0], 1), hi=(a_lo[0], 12),
                               why=f"'{text}' = the anchor year {a_lo[0]}")
        if a_lo != a_hi:
            return None
        return k + 2, _Val(_fmt(*a_lo), kind="rel", lo=a_lo, hi=a_lo,
                           why=f"'{text}' = the anchor month {_fmt(*a_lo)}")

    # -- sinds het begin van de oorlog
    def c_since_event(self, j, prep, mod, particle, cued):
        if prep not in ("sinds", "sedert", "vanaf"):
            return None
        k = j
        if self.w[k:k + 3] in (["het", "begin", "van"], ["de", "start", "van"],
                               ["het", "uitbreken", "van"], ["de", "aanvang", "van"]):
            k += 3
        elif prep == "vanaf":
            return None  # "vanaf de luchtmachtbasis": a place
        if self.word(k) not in ("de", "het"):
            return None
        k = self._np_end(k + 1)
        if k is None:
            return None
        if self.word(k) == "van" and k + 1 < len(self.toks):
            k2 = k + 1
            if self.word(k2) in ("de", "het"):
                k2 += 1
            k = self._np_end(k2) or k
        text = self.text(j, k)
        return k, _Val(None, _fmt(*self.am), future=False, kind="unknown",
                       why=f"'{text}': the text does not date the start")

    def _np_end(self, k):
        """End of '[ADJ|TW|name]* noun [name]*' from k, or None without a noun."""
        n, start = len(self.toks), k
        while k < n and (self.toks[k].pos in ("ADJ", "TW") or
                         self.toks[k].pos == "SPEC" and self.toks[k].text[:1].isupper()):
            k += 1
        if k < n and self.toks[k].pos == "N":
            if self.word(k) in SEASONS or self.word(k) in UNITS:
                return None
            k += 1
        elif k == start or self.toks[k - 1].pos != "SPEC":
            return None
        while k < n and self.toks[k].pos == "SPEC" and self.toks[k].text[:1].isupper():
            k += 1
        return k

    # -- prepositions and modifiers applied to a core
    def finish(self, i, end, val: _Val, prep, mod, particle) -> TimeExpr:
        text = self.text(i, end)
        ay, am = self.am
        date, enddate, fut, why, kind = val.date, val.enddate, val.future, val.why, val.kind
        lo, hi = val.lo, val.hi
        point = kind in ("abs", "cal", "day", "now", "rel") and lo is not None
        if fut is None and lo is not None:
            if lo > self.am:
                fut = True
            elif hi < self.am:
                fut = False
            else:  # the period contains the article month
                t = self.tense(i)
                ahead = (hi[0] * 12 + hi[1]) - (ay * 12 + am)
                behind = (ay * 12 + am) - (lo[0] * 12 + lo[1])
                fut = mod == "later" or (particle == "nog" and t != "past") or \
                    (mod == "end" and lo[0] == ay and am <= 10 and t != "past") or \
                    t == "future" or (t == "present" and ahead > behind and
                                      kind in ("cal", "abs") and particle is None)
                if mod == "earlier" or mod == "begin" and t == "past":
                    fut = False
        fut = bool(fut)
        if prep in ("sinds", "sedert") or (prep == "vanaf" and not fut):
            if point and date:
                enddate = _fmt(ay, am) if date != _fmt(ay, am) else None
                why = f"since {date} until the article month ({why})"
                kind = "interval" if kind in ("abs", "cal", "day", "rel") else kind
                fut = False
        elif prep in ("tot", "tot en met", "t/m") and point and date:
            if lo > self.am or (hi >= self.am and fut):
                why = f"until {date}: ongoing from the article month ({why})"
                date, enddate = _fmt(ay, am), date
                fut = False
            else:
                why = f"until {date}, start unknown ({why})"
                date, enddate = None, date
                fut = False
            kind = "interval"
        elif prep in ("voor", "vóór") and point and date:
            if kind == "day":
                pass
            elif lo > self.am:
                why = f"before {date}, after the article month ({why})"
                date, enddate = _fmt(ay, am), date
                fut = True
            else:
                why = f"before {date}: start unknown ({why})"
                date, enddate = None, date
            kind = "interval" if kind != "day" else kind
        elif prep == "na" and point and date and kind != "day":
            after = _addm(hi, 1)
            if after <= self.am and not fut:
                date, enddate = _honest(after, self.am)
                why = f"after {val.date}, before the article date ({why})"
                kind = "interval"
            else:
                date, enddate, fut = _fmt(after[0]), None, True
                why = f"after {val.date} ({why})"
        if mod in ("begin", "end", "mid") and why and kind in ("abs", "cal"):
            why = f"{why}; '{self._mod_word or mod}' keeps the precision"
        if enddate == date:
            enddate = None
        if self.ctx.month is None:  # the article gives only its year
            month = _fmt(ay, am)
            if kind in ("day", "now", "future") and date == month:
                date = _fmt(ay)
            if enddate == month:
                enddate = _fmt(ay)
        anchor = val.kind in ("abs", "cal") and val.date is not None and \
            val.lo is not None
        np_internal = prep in ("van", "uit", "voor") and i > 0 and \
            self.toks[i - 1].pos in ("N", "SPEC") and particle is None and \
            self.toks[i - 1].lemma.lower() not in TEMPORAL_NOUNS
        return TimeExpr(i, end, text, date, enddate, fut, why, kind, prep, lo, hi,
                        anchor, np_internal)


def _norm(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'")
    return t
