"""Recognisers of deictic times: one-word deictics, weekdays, 'deze week', 'vorig jaar'."""
from __future__ import annotations

import datetime as _dt

from .. import rules
from .calendar import _addm, _fmt, _honest
from .expr import _Val
from .words import (DAYPARTS, DEICTIC, NEXT_WORDS, NOW_WORDS, PAST_WORDS, RECENT,
                    SOON_WORDS, THIS_WORDS, UNKNOWN_PAST, WEEKDAYS)


EX = rules.example
# The one-word and fixed deictics. Their conditions exclude each other, but 'vandaag de
# dag' must be tried before the day 'vandaag'.


@rules.rule("date.deictic-now", "date",
            "'nu', 'inmiddels', 'op dit moment', 'vandaag de dag', 'deze dagen', 'nog "
            "altijd' are the article month",
            EX("Vorig jaar bezette Rusland de Krim en valt nu Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05", date="2024-05"))
def c_deictic_now(s, j, prep, mod, particle, cued):
    word = s.word(j)
    ay, am = s.am
    multi = s.w[j:j + 3]
    if prep == "op" and (multi[:2] == ["dit", "moment"] or multi[:2] == ["het", "moment"]
                         and s.word(j + 2) not in ("dat", "waarop", "van")):
        return j + 2, _Val(_fmt(ay, am), why="'op dit moment' = the article month",
                           kind="now", future=False, lo=s.am, hi=s.am)
    if multi[:2] == ["vandaag", "de"] and s.word(j + 2) == "dag":
        return j + 3, _Val(_fmt(ay, am), why="'vandaag de dag' = the article month",
                           kind="now", future=False, lo=s.am, hi=s.am)
    if multi[:2] == ["deze", "dagen"]:
        return j + 2, _Val(_fmt(ay, am), why="'deze dagen' = the article month",
                           kind="now", future=False, lo=s.am, hi=s.am)
    if particle == "nog" and word in ("altijd", "steeds") and prep is None:
        return j + 1, _Val(_fmt(ay, am), why=f"'nog {word}' = still at the article month",
                           kind="now", future=False, lo=s.am, hi=s.am)
    if word in NOW_WORDS and prep is None and s.toks[j].pos not in ("VG",) and \
            not (word == "nu" and s.word(j + 1) == "toe"):
        return j + 1, _Val(_fmt(ay, am), why=f"'{word}' = the article month", kind="now",
                           future=False, lo=s.am, hi=s.am)
    return None


@rules.rule("date.recent", "date",
            "'onlangs', 'kort geleden': this month or the one before, at the precision "
            "certain",
            EX("Rusland viel onlangs Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2023", date="2024-01"))
def c_recent(s, j, prep, mod, particle, cued):
    word = s.word(j)
    multi = s.w[j:j + 2]
    if (word in RECENT and prep is None) or (multi == ["kort", "geleden"] and not prep):
        lo = _addm(s.am, -1)
        date, enddate = _honest(lo, s.am)
        return j + (2 if word == "kort" else 1), _Val(
            date, enddate, future=False, kind="cal", lo=lo, hi=s.am,
            why=f"'{word}': recently, this month or the one before")
    return None


@rules.rule("date.until-now", "date",
            "'tot nu toe', 'tot dusver', 'tot op heden': an interval of unknown start "
            "up to the article month",
            EX("Vorig jaar won Poetin de verkiezingen en valt Rusland tot dusver "
               "Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05", date="2024-05"))
def c_until_now(s, j, prep, mod, particle, cued):
    word = s.word(j)
    multi = s.w[j:j + 2]
    if prep == "tot" and multi in (["nu", "toe"], ["nog", "toe"]) or \
            prep == "tot" and multi in (["op", "heden"],) or \
            prep == "tot" and word in ("dusver", "dusverre", "heden"):
        end = j + 2 if multi in (["nu", "toe"], ["nog", "toe"], ["op", "heden"]) else j + 1
        return end, _Val(None, _fmt(*s.am), why="'tot nu toe': start unknown, ends at "
                         "the article month", kind="unknown", future=False)
    return None


@rules.rule("date.deictic-day", "date",
            "'gisteren', 'vandaag', 'morgen' are days from the article day (its month "
            "when the article gives no day)",
            EX("Rusland viel gisteren Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05-14", date="2024-05-15"))
def c_deictic_day(s, j, prep, mod, particle, cued):
    word = s.word(j)
    ay, am = s.am
    if word in DEICTIC and prep in (None, "sinds", "vanaf", "tot", "op", "voor") and \
            s.toks[j].pos != "N" and not (word == "morgen" and
                                          s.word(j - 1) in ("de", "die", "deze")):
        off = DEICTIC[word]
        fut = off > 0 or (word == "vanavond" and s.tense(j) != "past")
        if s.ctx.day:
            d = _dt.date(ay, am, s.ctx.day) + _dt.timedelta(days=off)
            return j + 1, _Val(_fmt(d.year, d.month, d.day), future=fut,
                               why=f"'{word}' = article day {off:+d}", kind="day",
                               lo=(d.year, d.month), hi=(d.year, d.month))
        return j + 1, _Val(_fmt(ay, am), future=fut, kind="day",
                           why=f"'{word}': the article gives only the month",
                           lo=s.am, hi=s.am)
    return None


@rules.rule("date.soon", "date",
            "'binnenkort', 'op korte termijn', 'in de nabije toekomst': soon after the "
            "article month",
            EX("Vorig jaar bezette Rusland de Krim en valt binnenkort Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05", date="2024-05"))
def c_soon(s, j, prep, mod, particle, cued):
    word = s.word(j)
    ay, am = s.am
    multi = s.w[j:j + 3]
    if word in SOON_WORDS and prep is None:
        return j + 1, _Val(_fmt(ay, am), why=f"'{word}': soon after the article month",
                           kind="future", future=True, lo=s.am, hi=s.am)
    if multi[:2] in (["korte", "termijn"],) and prep == "op":
        return j + 2, _Val(_fmt(ay, am), why="'op korte termijn': soon after the "
                           "article month", kind="future", future=True, lo=s.am,
                           hi=s.am)
    if multi[:3] == ["de", "nabije", "toekomst"] and prep == "in":
        return j + 3, _Val(_fmt(ay, am), why="'in de nabije toekomst': soon",
                           kind="future", future=True, lo=s.am, hi=s.am)
    if multi[:2] == ["afzienbare", "tijd"] and prep in ("binnen", "op"):
        return j + 2, _Val(_fmt(ay, am), why=f"'{prep} afzienbare tijd': soon",
                           kind="future", future=True, lo=s.am, hi=s.am)
    return None


@rules.rule("date.unknown-past", "date",
            "'destijds', 'ooit', 'in het verleden': some earlier time the text does not "
            "date",
            EX("Vorig jaar won Poetin de verkiezingen en viel Rusland destijds Georgië aan.",
               "ASSAULT RUS -> GEO date=2024-05", date="2024-05"))
def c_unknown_past(s, j, prep, mod, particle, cued):
    word = s.word(j)
    if word in UNKNOWN_PAST and prep is None:
        return j + 1, _Val(None, why=f"'{word}': some unspecified earlier time",
                           kind="unknown", future=False)
    if s.w[j:j + 2] == ["het", "verleden"] and prep == "in":
        return j + 2, _Val(None, why="'in het verleden': unspecified earlier time",
                           kind="unknown", future=False)
    return None


# tried in this order
DEICTIC_WORDS = (c_deictic_now, c_recent, c_until_now, c_deictic_day, c_soon, c_unknown_past)


rules.define("date.weekday-of-last-week", "date",
             "'vorige week dinsdag', 'dinsdag volgende week': that day of the week before "
             "or after the article day's (weeks from Monday), not the nearest one",
             EX("Rusland viel vorige week donderdag Oekraïne aan.",
                "ASSAULT RUS -> UKR date=2024-03-07", date="2024-03-15"))


@rules.rule("date.weekday", "date",
            "'zaterdag', 'vorige week dinsdag': a day near the article day, past or "
            "coming by tense",
            EX("Rusland viel zaterdag Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-05-11", date="2024-05-15"))
def c_weekday(s, j, prep, mod, particle, cued):
    k = j
    which = None
    if s.word(k) in PAST_WORDS | NEXT_WORDS | THIS_WORDS and \
            _weekday(s.word(k + 1)) is not None:
        which = s.word(k)
        k += 1
    week = 0  # "vorige week dinsdag": the day of the week before the article's
    # "vorige week dinsdag"
    if s.word(k) in ("vorige", "afgelopen", "volgende", "komende") and \
            s.word(k + 1) == "week" and _weekday(s.word(k + 2)) is not None:
        which = s.word(k)
        week = 1 if which in NEXT_WORDS else -1
        k += 2
    wd = _weekday(s.word(k))
    if wd is None:
        return None
    k += 1
    if s.word(k) in DAYPARTS:
        k += 1
    if s.word(k) in ("jl.", "jongstleden"):
        which = "jongstleden"
        k += 1
    elif s.word(k) == "jl" and s.word(k + 1) == ".":
        which = "jongstleden"
        k += 2
    elif s.w[k:k + 2] in (["vorige", "week"], ["volgende", "week"]):
        which = s.word(k)
        week = 1 if which in NEXT_WORDS else -1
        k += 2
    ay, am = s.am
    if which in PAST_WORDS or prep in ("sinds", "sedert"):
        fut = False
    elif which in NEXT_WORDS:
        fut = True
    else:
        # a bare weekday in the present tense is the coming one ("speelt zaterdag"),
        # except in the reporting present ("meldt zaterdag dat ...")
        t = s.tense(j)
        fut = t == "future" or (t == "present" and prep not in ("tot",) and
                                not s.reporting(j))
    if s.ctx.day:
        base = _dt.date(ay, am, s.ctx.day)
        delta = (wd - base.weekday()) % 7
        if week and rules.applies("date.weekday-of-last-week", True):
            d = base + _dt.timedelta(days=wd - base.weekday(), weeks=week)
        elif fut:
            d = base + _dt.timedelta(days=delta or 7)
        else:
            d = base - _dt.timedelta(days=(base.weekday() - wd) % 7 or 7)
        return k, _Val(_fmt(d.year, d.month, d.day), future=fut, kind="day",
                       why=f"weekday relative to article day {s.ctx.day}",
                       lo=(d.year, d.month), hi=(d.year, d.month))
    name = s.text(j, k)
    return k, _Val(_fmt(ay, am), future=fut, kind="day",
                   why=f"'{name}': a day near the article date; the article gives only "
                       "the month", lo=s.am, hi=s.am)

def _weekday(word):
    for name, n in WEEKDAYS.items():
        if word == name or (word.startswith(name) and word[len(name):] in DAYPARTS):
            return n
    return None

rules.define("date.week-from-article-day", "date",
             "'vorige week', 'eerder deze week', 'afgelopen weekend' counted from an article "
             "date with a day: the month (or year) those days lie in",
             EX("Vorige week viel Rusland Oekraïne aan.", "ASSAULT RUS -> UKR date=2024-02",
                date="2024-03-01"),
             EX("Afgelopen weekend viel Rusland Oekraïne aan.",
                "ASSAULT RUS -> UKR date=2024-02", date="2024-03-01"))


def _week_days(s, which, unit, mod):
    """The first and last day of 'deze week', 'vorige week', 'afgelopen weekend', ...
    (weeks from Monday) around an article date with a day; None without its day."""
    if not s.ctx.day:
        return None
    ay, am = s.am
    base = _dt.date(ay, am, s.ctx.day)
    step = -1 if which in PAST_WORDS | {"voorbije"} else 1 if which in NEXT_WORDS else 0
    if unit == "weekend":
        if step < 0:  # the last Saturday before the article day
            sat = base - _dt.timedelta(days=(base.weekday() - 5) % 7 or 7)
        elif step > 0:
            sat = base + _dt.timedelta(days=(5 - base.weekday()) % 7 or 7)
        else:
            sat = base + _dt.timedelta(days=5 - base.weekday())
        return sat, sat + _dt.timedelta(days=1)
    monday = base - _dt.timedelta(days=base.weekday()) + _dt.timedelta(weeks=step)
    first, last = monday, monday + _dt.timedelta(days=6)
    if step == 0 and mod == "earlier":  # "eerder deze week": before the article day
        last = max(first, base - _dt.timedelta(days=1))
    return first, last


# -- deze week / vorige maand / volgend jaar
@rules.rule("date.vorig-jaar", "date",
            "'vorig jaar', 'volgende maand', 'deze week', 'het afgelopen jaar': counted "
            "from the article date",
            EX("Rusland viel vorig jaar Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2023", date="2024-05"))
def c_calendar(s, j, prep, mod, particle, cued):
    k = j
    det = None
    if s.word(k) in ("de", "het"):
        det = s.word(k)
        k += 1
    which = s.word(k)
    unit = s.word(k + 1)
    if unit not in ("week", "weekend", "maand", "jaar"):
        return None
    if which not in THIS_WORDS | PAST_WORDS | NEXT_WORDS | {"voorbije"}:
        return None
    if which == "laatste":
        return None
    end = k + 2
    ay, am = s.am
    # "het afgelopen jaar", "het komende jaar": a running year, an interval
    if det and unit in ("jaar",) and which in PAST_WORDS | NEXT_WORDS:
        if which in NEXT_WORDS:
            return end, _Val(_fmt(ay, am), _fmt(*_addm(s.am, 12)), future=True,
                             why=f"'{det} {which} jaar': the twelve months after the "
                                 "article month", kind="future", lo=s.am,
                             hi=_addm(s.am, 12))
        lo = _addm(s.am, -12)
        return end, _Val(_fmt(lo[0]), _fmt(ay, am), future=False,
                         why=f"'{det} {which} jaar': the twelve months up to the "
                             "article month", kind="interval", lo=lo, hi=s.am)
    if det and which in ("deze", "dit"):
        return None
    if det and unit == "maand" and which in PAST_WORDS | NEXT_WORDS:
        # "de afgelopen maand": the running month before the article, an interval
        if which in NEXT_WORDS:
            hi = _addm(s.am, 1)
            return end, _Val(_fmt(ay, am), _fmt(*hi), future=True, kind="future",
                             lo=s.am, hi=hi, why=f"'{det} {which} maand': from the "
                             "article month to the next")
        lo = _addm(s.am, -1)
        date, _ = _honest(lo, s.am)
        return end, _Val(date, _fmt(ay, am), future=False, kind="interval", lo=lo,
                         hi=s.am, why=f"'{det} {which} maand': the month up to the "
                         "article date")
    if unit in ("week", "weekend"):
        fut = True if which in NEXT_WORDS else False if which in PAST_WORDS else None
        days = _week_days(s, which, unit, mod)
        if days is not None and rules.applies("date.week-from-article-day", True):
            first, last = days
            lo, hi = (first.year, first.month), (last.year, last.month)
            date, enddate = _honest(lo, hi)
            if first == last:
                date = _fmt(first.year, first.month, first.day)
            return end, _Val(date, enddate, future=fut, kind="day", lo=lo, hi=hi,
                             why=f"'{which} {unit}': {first} .. {last}, counted from the "
                                 f"article day")
        return end, _Val(_fmt(ay, am), future=fut, kind="day", lo=s.am, hi=s.am,
                         why=f"'{which} {unit}': the article gives only the month")
    if unit == "maand":
        k_ = -1 if which in PAST_WORDS else 1 if which in NEXT_WORDS else 0
        ym = _addm(s.am, k_)
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
