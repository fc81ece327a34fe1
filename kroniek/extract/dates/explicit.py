"""Recognisers of calendar dates: numeric dates, decades, day and month, month, year, season."""
from __future__ import annotations

import re

from .. import rules
from .calendar import _fmt, _valid
from .expr import _Val
from .words import (DECADES, DECADE_RE, DMY_RE, ISO_RE, MONTHS, NEXT_WORDS, PAST_WORDS,
                    QUANTITY_UNITS, QUANTITY_VERBS, SEASONS, SEASON_MONTHS, THIS_WORDS,
                    WEEKDAYS, YEAR_RANGE_RE, YEAR_RE)

EX = rules.example


@rules.rule("date.numeric", "date",
            "numeric dates '12-03-2023', '2023-03-12' and year spans '2019-2021'",
            EX("Op 12-03-2023 viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2023-03-12", date="2024-05"))
def c_numeric(s, j, prep, mod, particle, cued):
    w = s.w[j]
    for rx, order in ((DMY_RE, (3, 2, 1)), (ISO_RE, (1, 2, 3))):
        m = rx.match(w)
        if m:
            y, mo, d = (int(m.group(g)) for g in order)
            if _valid(y, mo, d):
                return j + 1, _Val(_fmt(y, mo, d), why=f"date {w}", kind="abs",
                                   lo=(y, mo), hi=(y, mo))
    m = YEAR_RANGE_RE.match(w)
    if m and (cued or s.word(j - 1) in ("periode",)):
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else (y1 // 100) * 100 + int(m.group(2))
        if y1 < y2 <= y1 + 50:
            return j + 1, _Val(_fmt(y1), _fmt(y2), why=f"years {y1}-{y2}", kind="abs",
                               lo=(y1, 1), hi=(y2, 12))
    return None

@rules.rule("date.decade", "date",
            "'de jaren tachtig', 'de jaren negentig': the decade as an interval",
            EX("In de jaren negentig leverde Rusland tanks aan India.",
               "AID RUS -> IND date=1990", date="2005-05"))
def c_decade(s, j, prep, mod, particle, cued):
    k = j
    if s.word(k) == "de":
        k += 1
    if s.word(k) != "jaren":
        return None
    x = s.word(k + 1)
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
    tail = s.w[end:end + 4]
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


@rules.rule("date.day-month", "date",
            "'3 maart', 'maandag 3 april 2023': a day of a month, its year given or "
            "inferred",
            EX("Op 3 maart viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-03-03", date="2024-05-15"))
def c_daymonth(s, j, prep, mod, particle, cued):
    k = j
    if s.word(k) in WEEKDAYS:  # "maandag 3 april"
        k += 1
    dw = s.word(k)
    if not re.fullmatch(r"\d{1,2}(e|ste|de)?", dw):
        return None
    day = int(re.match(r"\d+", dw).group())
    if not 1 <= day <= 31:
        return None
    mo, k2 = s._month_at(k + 1, after_day=True)
    if mo is None:
        return None
    y, k3 = s._year_at(k2)
    if isinstance(y, int):
        if not _valid(y, mo, day):
            return None
        return k3, _Val(_fmt(y, mo, day), why=f"explicit date {day}-{mo}-{y}",
                        kind="abs", lo=(y, mo), hi=(y, mo))
    y = s._infer_year(mo, j, prep, mod, particle, past=(y == "past"))
    if not _valid(y, mo, day):
        return None
    return k3, _Val(_fmt(y, mo, day), why=f"'{day} {s.w[k + 1]}' in the year "
                    f"inferred from the article date and tense", kind="cal",
                    lo=(y, mo), hi=(y, mo))

@rules.rule("date.month-year", "date",
            "'maart 2023', 'in april', 'vorige maart': a month with its year, given or "
            "inferred",
            EX("In maart 2023 viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2023-03", date="2024-05"))
def c_month(s, j, prep, mod, particle, cued):
    k = j
    which = None
    if s.word(k) in PAST_WORDS | NEXT_WORDS | THIS_WORDS and \
            (s.word(k + 1) in MONTHS):
        which = s.word(k)
        k += 1
    mo, k2 = s._month_at(k)
    if mo is None:
        return None
    y, k3 = s._year_at(k2)
    if isinstance(y, int):
        return k3, _Val(_fmt(y, mo), why=f"explicit month {mo} of {y}", kind="abs",
                        lo=(y, mo), hi=(y, mo))
    if not (cued or which):
        return None
    # "april" needs something temporal around it: a preposition, modifier, 'al'
    if which in NEXT_WORDS:
        y = s.am[0] if mo > s.am[1] else s.am[0] + 1
    elif which in PAST_WORDS or y == "past":
        y = s.am[0] if mo < s.am[1] else s.am[0] - 1
    else:
        y = s._infer_year(mo, j, prep, mod, particle)
    which_one = "coming" if (y, mo) > s.am else "most recent"
    return k3, _Val(_fmt(y, mo), why=f"'{s.w[k]}' = the {which_one} {s.w[k]} "
                    f"relative to article month {_fmt(*s.am)}",
                    kind="cal", lo=(y, mo), hi=(y, mo))


@rules.rule("date.year", "date",
            "'in 2022', 'het jaar 2022': an explicit year after a temporal cue, not a "
            "quantity",
            EX("In 2022 viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2022", date="2024-05"))
def c_year(s, j, prep, mod, particle, cued):
    if s.w[j:j + 2] == ["het", "jaar"] and YEAR_RE.match(s.word(j + 2)):
        y = int(s.word(j + 2))  # "(in) het jaar 2022"
        return j + 3, _Val(_fmt(y), why=f"explicit year {y}", kind="abs", lo=(y, 1),
                           hi=(y, 12))
    word = s.word(j)
    if not YEAR_RE.match(word) or s.toks[j].pos not in ("TW", "SPEC", "N", "ADJ"):
        return None
    if not cued:
        return None
    y = int(word)
    nxt = s.word(j + 1)
    if nxt in QUANTITY_UNITS:
        return None  # "2000 man", "2022 euro"
    if y % 100 == 0 and j + 1 < len(s.toks) and s.toks[j + 1].pos == "N" and \
            prep not in ("sinds", "sedert", "vanaf") and not mod:
        return None  # "in 2000 gevallen": a round number before a noun is a count
    if prep == "over":
        return None
    if prep in ("tot", "tot en met", "t/m", "rond", "op"):
        prev_year = s._last_end is not None and s._last_end == j - 1
        clause = [k for k, c in enumerate(s.clauses.of) if c == s.clauses.of[j]]
        if any(s.toks[k].lemma.lower() in QUANTITY_VERBS for k in clause):
            return None  # "steeg tot 2000"
        if not prev_year and re.fullmatch(r"[\d.,]+", s.word(j - 2) or "x"):
            return None  # "van 1500 tot 2000"
    return j + 1, _Val(_fmt(y), why=f"explicit year {y}", kind="abs", lo=(y, 1),
                       hi=(y, 12))

# -- seasons
def _season_year(s, season, which, j, prep, mod, particle) -> int:
    ay, am = s.am
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
        mod == "earlier" or s.tense(j) == "past"
    if season == "winter":
        if am == 12:
            return ay
        return ay - 1 if am <= 2 or past else ay  # the last winter, or the coming one
    y = this
    if start(y) > (ay, am) and past:
        y -= 1
    return y

@rules.rule("date.season", "date",
            "'vorige zomer', 'in het voorjaar van 2023', 'die winter': a season's year",
            EX("Vorige zomer viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2023", date="2024-05"))
def c_season(s, j, prep, mod, particle, cued):
    k = j
    which = None
    det = None
    if s.word(k) in THIS_WORDS | PAST_WORDS | NEXT_WORDS | {"die", "diezelfde",
                                                          "datzelfde", "dat"}:
        which = s.word(k)
        k += 1
    elif s.word(k) in ("de", "het"):
        det = s.word(k)
        k += 1
        if s.word(k) in PAST_WORDS | NEXT_WORDS:
            which = s.word(k)
            k += 1
    word = s.word(k)
    if word not in SEASONS:
        return None
    season = SEASONS[word]
    k += 1
    if not (which or prep or mod or particle):
        return None
    y, k2 = s._year_at(k)
    if isinstance(y, int):
        kind, yr, why = "abs" if YEAR_RE.match(s.word(k2 - 1)) else "cal", y, \
            f"'{word}' of {y}"
    elif which in ("die", "diezelfde", "datzelfde", "dat"):
        if s.ctx.anchor is None:
            return None
        yr = s.ctx.anchor[0][0]
        kind, why, k2 = "rel", f"'{which} {word}' = the {word} of the anchor year {yr}", k
    else:
        yr = _season_year(s, season, which, j, prep, mod, particle)
        kind, k2 = "cal", k
        why = f"'{(which or det or '')} {word}' = the {word} of {yr} (article month " \
              f"{_fmt(*s.am)})"
    s0, s1 = SEASON_MONTHS[season]
    lo = (yr, s0)
    hi = (yr + 1, s1) if season == "winter" else (yr, s1)
    if season == "winter":
        return k2, _Val(_fmt(yr), _fmt(yr + 1), why=why, kind=kind, lo=lo, hi=hi)
    return k2, _Val(_fmt(yr), why=why, kind=kind, lo=lo, hi=hi)

# -- one-word deictics
