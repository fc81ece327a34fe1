"""A time expression found in a sentence, and the resolved core of one."""
from __future__ import annotations

from dataclasses import dataclass, field


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
    _known: bool = field(default=False, repr=False)  # names a known event: "de invasie"



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
    known: bool = False  # the core names a known event ("de Russische invasie")
