"""Recognisers of durations and relative times: 'al maanden', 'twee jaar geleden',
'dat jaar', 'sinds het begin van de oorlog'."""
from __future__ import annotations

import datetime as _dt

from .. import rules
from .calendar import _addm, _fmt, _honest, _shift
from .expr import _Val
from .segment import _is_finite
from .words import (ANAPHORIC_DAY_UNITS, ANAPHORIC_TIME_DETS, DURATION_LEADS, RELATIVE_BACK_WORDS,
                    RELATIVE_WORDS, UNITS, UNIT_AFTER_WORDS, UNIT_DAYS, VAGUE_RANGE)

EX = rules.example


@rules.rule("date.duration", "date",
            "'al twee jaar', 'de afgelopen maanden', 'binnen een jaar', 'over twee "
            "weken': an interval from or to the article month",
            EX("Rusland valt al twee jaar Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2022", date="2024-05"))
def c_duration(s, j, prep, mod, particle, cued):
    ay, am = s.am
    k = j
    direction = None
    lead = None
    if s.word(k) in ("de", "het") and s.word(k + 1) in DURATION_LEADS:
        lead = s.word(k + 1)
        direction = "past" if lead in ("afgelopen", "voorbije", "laatste") else "future"
        k += 2
    elif prep == "binnen" or prep == "over":
        direction = "future"
    elif particle in ("al", "reeds") or prep in ("sinds", "sedert"):
        direction = "past"
    else:
        return None
    cu = s._count_unit(k)
    if cu is None:
        return None
    n_lo, n_hi, unit, end, exact = cu
    if lead == "laatste" and s.word(end) == "van":
        return None  # "de laatste weken van de oorlog"
    text = "{TEXT}"
    if prep == "over" and lead is None:
        # "over twee weken": a point in the future
        lo_s, hi_s = _shift(n_lo, n_hi, unit)
        lo, hi = _addm(s.am, lo_s), _addm(s.am, hi_s)
        if unit in ("year", "decade") and not exact:
            lo, hi = (lo[0], 1), (hi[0], 12)
        date, enddate = _honest(lo, hi)
        return end, _Val(date, enddate, future=True, kind="future", lo=lo, hi=hi,
                         why=f"'{text}' from the article month")
    lo_s, hi_s = _shift(n_lo, n_hi, unit)
    if direction == "future":
        endm = _addm(s.am, hi_s)
        return end, _Val(_fmt(ay, am), _fmt(*endm) if endm != s.am else None,
                         future=True, kind="future", lo=s.am, hi=endm,
                         why=f"'{text}': from the article month to {_fmt(*endm)}")
    # past interval ending at the article month; start somewhere in [s_lo, s_hi]
    s_lo, s_hi = _addm(s.am, -hi_s), _addm(s.am, -lo_s)
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
                     hi=s.am, why=f"'{text}': from {date} to the article month")

@rules.rule("date.lang", "date",
            "'maandenlang', 'jarenlang' in a present or perfect clause: an interval up "
            "to the article month",
            EX("Rusland heeft Oekraïne maandenlang aangevallen.",
               "ASSAULT RUS -> UKR date=2023", date="2024-02"))
def c_lang(s, j, prep, mod, particle, cued):
    """'maandenlang', 'wekenlang' used adverbially in a present/perfect clause."""
    word = s.word(j)
    if word not in ("dagenlang", "wekenlang", "maandenlang", "jarenlang"):
        return None
    t = s.toks[j]
    if "prenom" in t.feats or prep is not None or s.word(j - 1) in ("na", "door",
                                                                    "ondanks"):
        return None
    if s.tense(j) == "past" and not any(
            s.toks[k].lemma.lower() in ("hebben", "zijn") and _is_finite(s.toks[k])
            for k, c in enumerate(s.clauses.of) if c == s.clauses.of[j]):
        return None
    unit = UNITS[word[:-4]]
    lo_s, hi_s = _shift(*VAGUE_RANGE, unit)
    s_lo, s_hi = _addm(s.am, -hi_s), _addm(s.am, -lo_s)
    if unit == "year":
        return j + 1, _Val(None, _fmt(*s.am), future=False, kind="interval",
                           why=f"'{word}': start unknown, up to the article month")
    date = _fmt(*s_lo) if s_lo == s_hi else _fmt(s_lo[0]) if s_lo[0] == s_hi[0] \
        else _fmt(s_hi[0])
    return j + 1, _Val(date, _fmt(*s.am) if date != _fmt(*s.am) else None,
                       future=False, kind="interval", lo=s_lo, hi=s.am,
                       why=f"'{word}' up to the article month")

# -- twee jaar geleden / een jaar later / het jaar daarop
def _relative(s, j, prep):
    """'twee jaar geleden', 'een jaar later', 'het jaar daarop': (n_lo, n_hi, unit, end,
    rel, exact) or None."""
    if prep not in (None, "tot", "tot en met", "sinds", "vanaf"):
        return None
    k = j
    # "het jaar daarop", "de dag erna"
    if s.word(k) in ("het", "de") and s.word(k + 1) in UNITS and \
            s.word(k + 2) in UNIT_AFTER_WORDS:
        return 1, 1, UNITS[s.word(k + 1)], k + 3, s.word(k + 2), True
    cu = s._count_unit(k)
    if cu is None:
        return None
    n_lo, n_hi, unit, end, exact = cu
    rel = s.word(end)
    if rel not in RELATIVE_WORDS:
        return None
    return n_lo, n_hi, unit, end + 1, rel, exact


@rules.rule("date.ago", "date",
            "'twee jaar geleden', 'drie dagen terug': counted back from the article "
            "date (a year for years)",
            EX("Twee jaar geleden viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2022", date="2024-05"))
def c_ago(s, j, prep, mod, particle, cued):
    r = _relative(s, j, prep)
    if r is None or r[4] not in ("geleden", "terug"):
        return None
    n_lo, n_hi, unit, end, rel, exact = r
    text = s.text(j, end)
    lo_s, hi_s = _shift(n_lo, n_hi, unit)
    lo, hi = _addm(s.am, -hi_s), _addm(s.am, -lo_s)
    if s.ctx.day and unit in UNIT_DAYS and exact:
        d = _dt.date(s.am[0], s.am[1], s.ctx.day) - \
            _dt.timedelta(days=int(n_lo * UNIT_DAYS[unit]))
        return end, _Val(_fmt(d.year, d.month, d.day), future=False, kind="cal",
                         why=f"'{text}' from the article day", lo=(d.year, d.month),
                         hi=(d.year, d.month))
    if unit in ("year", "decade"):  # "tien jaar geleden" is a year, not a month
        lo, hi = (lo[0], 1), (hi[0], 12)
    date, enddate = _honest(lo, hi)
    return end, _Val(date, enddate, future=False, kind="cal", lo=lo, hi=hi,
                     why=f"'{text}' counted back from the article month")


@rules.rule("date.relative-to-anchor", "date",
            "'een jaar later', 'het jaar daarop', 'twee maanden eerder': counted from "
            "the last explicit date of the text",
            EX("In 2019 won Zelensky de verkiezingen. Een jaar later viel Rusland "
               "Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2020", date="2024-05"))
def c_relative_to_anchor(s, j, prep, mod, particle, cued):
    r = _relative(s, j, prep)
    if r is None or r[4] in ("geleden", "terug"):
        return None
    n_lo, n_hi, unit, end, rel, exact = r
    text = s.text(j, end)
    lo_s, hi_s = _shift(n_lo, n_hi, unit)
    anchor = s.ctx.anchor
    if anchor is None:
        return end, _Val(None, why=f"'{text}': relative to an earlier date the text "
                         "does not give", kind="unknown")
    sign = -1 if rel in RELATIVE_BACK_WORDS else 1
    a_lo, a_hi = anchor
    if sign > 0:
        lo, hi = _addm(a_lo, lo_s), _addm(a_hi, hi_s)
    else:
        lo, hi = _addm(a_lo, -hi_s), _addm(a_hi, -lo_s)
    if unit in ("year", "decade"):
        lo, hi = (lo[0], 1), (hi[0], 12)
    if a_lo[0] == a_hi[0] and a_lo[1] == 1 and a_hi[1] == 12 and unit == "year" and exact:
        date, enddate = _fmt(lo[0]), None  # year anchor, whole years
    else:
        date, enddate = _honest(lo, hi)
    return end, _Val(date, enddate, kind="rel", lo=lo, hi=hi,
                     why=f"'{text}' relative to the anchor {_honest(a_lo, a_hi)[0]}")


# -- dat jaar / datzelfde jaar / die maand
@rules.rule("date.anaphoric", "date",
            "'dat jaar', 'diezelfde maand': the year or month of the last explicit date",
            EX("In 2019 won Zelensky de verkiezingen. Dat jaar viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2019", date="2024-05"))
def c_anaphoric(s, j, prep, mod, particle, cued):
    k = j
    word = s.word(k)
    if word not in ANAPHORIC_TIME_DETS:
        return None
    unit = s.word(k + 1)
    day = unit in ANAPHORIC_DAY_UNITS and word != "die" or \
        unit in ANAPHORIC_DAY_UNITS and s.word(k + 2) not in ("dat", "waarop")
    if unit not in ("jaar", "maand") and not (day and rules.applies("date.anaphoric-day", True)):
        return None
    if s.ctx.anchor is None:
        return None
    a_lo, a_hi = s.ctx.anchor
    text = s.text(j, k + 2)
    if day and a_lo == a_hi:
        return k + 2, _Val(_fmt(*a_lo), kind="rel", lo=a_lo, hi=a_lo,
                           why=f"'{text}' = a day in the anchor month {_fmt(*a_lo)}")
    if day:
        return None
    if unit == "jaar":
        if a_lo[0] != a_hi[0]:
            return None
        return k + 2, _Val(_fmt(a_lo[0]), kind="rel", lo=(a_lo[0], 1), hi=(a_lo[0], 12),
                           why=f"'{text}' = the anchor year {a_lo[0]}")
    if a_lo != a_hi:
        return None
    return k + 2, _Val(_fmt(*a_lo), kind="rel", lo=a_lo, hi=a_lo,
                       why=f"'{text}' = the anchor month {_fmt(*a_lo)}")

rules.define("date.anaphoric-day", "date",
             "'diezelfde dag', 'die avond', 'dezelfde nacht': a day in the month of the last "
             "explicit date",
             EX("Op 3 maart sprak Poetin met Xi. Diezelfde dag legde de EU sancties op aan "
                "Rusland.", "SANCTION EU -> RUS date=2024-03", date="2024-05"))


@rules.rule("date.toen-then", "date",
            "the adverb 'toen' ('then', not the conjunction 'toen ...,') is the time of the "
            "explicit date one or two sentences before",
            EX("In 2014 annexeerde Rusland de Krim. Toen legde de EU sancties op aan "
               "Rusland.", "SANCTION EU -> RUS date=2014", date="2024-05"))
def c_then(s, j, prep, mod, particle, cued):
    if prep is not None or s.word(j) != "toen" or s.toks[j].pos != "BW" or \
            s.ctx.anchor is None or s.ctx.anchor_sentence is None or \
            not 1 <= s.sent.index - s.ctx.anchor_sentence <= 2:
        return None
    lo, hi = s.ctx.anchor
    if lo != hi and lo[0] != hi[0]:
        return None
    date = _fmt(*lo) if lo == hi else _fmt(lo[0])
    return j + 1, _Val(date, kind="rel", lo=lo, hi=hi, future=False,
                       why=f"'toen' = the time of the date before ({date})")


# -- sinds het begin van de oorlog
@rules.rule("date.since-event", "date",
            "'sinds het begin van de oorlog': an interval whose start the text does not "
            "date",
            EX("Vorig jaar bezette Rusland de Krim en valt sinds het begin van de oorlog "
               "Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05", date="2024-05"))
def c_since_event(s, j, prep, mod, particle, cued):
    if prep not in ("sinds", "sedert", "vanaf"):
        return None
    k = j
    if s.w[k:k + 3] in (["het", "begin", "van"], ["de", "start", "van"],
                        ["het", "uitbreken", "van"], ["de", "aanvang", "van"]):
        k += 3
    elif prep == "vanaf":
        return None  # "vanaf de luchtmachtbasis": a place
    if s.word(k) not in ("de", "het"):
        return None
    k = s._np_end(k + 1)
    if k is None:
        return None
    if s.word(k) == "van" and k + 1 < len(s.toks):
        k2 = k + 1
        if s.word(k2) in ("de", "het"):
            k2 += 1
        k = s._np_end(k2) or k
    text = s.text(j, k)
    return k, _Val(None, _fmt(*s.am), future=False, kind="unknown",
                   why=f"'{text}': the text does not date the start")
