"""Calendar arithmetic: dates at honest precision, month shifts, numbers."""
from __future__ import annotations

import datetime as _dt
import math
import re

from .words import NUMBERS, UNIT_DAYS, UNIT_MONTHS


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


def _shift(n_lo, n_hi, unit):
    """Months an offset of n_lo..n_hi units may amount to: (min, max)."""
    if unit in UNIT_DAYS and n_hi * UNIT_DAYS[unit] <= 14:
        return 0, 0  # days and a week or two stay in the article month (convention)
    f_lo, f_hi = UNIT_MONTHS[unit]
    return math.floor(n_lo * f_lo + 1e-9), math.ceil(n_hi * f_hi - 1e-9)



def _norm(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'")
    return t
