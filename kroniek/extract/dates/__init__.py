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
clause (the extractor's clauses of `clauses.segment`, as `segment.py` refines them).

The parser is table-driven over Frog tokens: lower-cased token texts for the words,
CGN tags to keep numbers in designations and quantities ("F-16", "2.400 drones",
"6,6 miljard", "Leopard 2") and conjunctions ("nu" as 'now that') out.

Modules: `words` (the Dutch tables), `calendar` (arithmetic at honest precision),
`expr` (TimeExpr), `segment` (the clauses by token, and tense), `scanner` (particle,
preposition and modifier around a core), the recognisers of cores in `explicit`,
`deictic` and `durations`, and `context` (DateContext: which expression dates an event).
"""
from __future__ import annotations

from .calendar import _addm, _fmt, _honest, _parse_num, _valid  # noqa: F401
from .context import DateContext  # noqa: F401
from .expr import TimeExpr  # noqa: F401
from .segment import segment  # noqa: F401
# the tables by their constant names: the gate (kroniek/gating.py) reads them from here
from .words import (  # noqa: F401
    APPROX, DAYPARTS, DECADES, DECADE_RE, DEICTIC, DMY_RE,
    HAPPEN, ISO_RE, MODS, MONTHS, MONTH_ABBR, NEXT_WORDS, NOW_WORDS, NUMBERS,
    PAST_WORDS, PREPS, QUANTITY_UNITS, QUANTITY_VERBS, RECENT, SEASONS, SEASON_MONTHS,
    SOON_WORDS, SPEECH_VERBS, TEMPORAL_NOUNS, THIS_WORDS, UNITS,
    UNIT_DAYS, UNIT_MONTHS, UNKNOWN_PAST, VAGUE, VAGUE_RANGE, WEEKDAYS, YEAR_RANGE_RE,
    YEAR_RE)
