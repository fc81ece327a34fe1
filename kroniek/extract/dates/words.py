"""The Dutch words and patterns the date recognisers read (tables in kroniek/lang/nl:
time.yaml, verbs.yaml, nouns.yaml, function_words.yaml). The constant names are the
tables' names upper-cased; the gate reads the same tables."""
from __future__ import annotations

import re

from ...lexicon import ordered, table, words

MONTHS = table("months")
# Abbreviations count only with their dot ("jan.") or after a day number ("3 jan"):
# bare "jan" is a first name, "mar" or "dec" other words.
MONTH_ABBR = table("month_abbr")
WEEKDAYS = table("weekdays")
DAYPARTS = ordered("dayparts")
SEASONS = table("seasons")
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
NUMBERS = table("numbers")
# "enkele weken", "een paar maanden", or a plural unit without a number ("al maanden")
VAGUE = words("vague")
VAGUE_RANGE = (2, 6)
APPROX = words("approx")
UNITS = table("units")
# months shifted per unit: (minimum, maximum); days and weeks straddle month ends
UNIT_MONTHS = {"hour": (0, 0), "day": (1 / 31, 1 / 28), "week": (7 / 31, 7 / 28),  # not Dutch
               "month": (1, 1), "year": (12, 12), "decade": (120, 120)}
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7}
# "de eerste helft van 2023": a year after these nouns still dates the clause
TEMPORAL_NOUNS = words("temporal_nouns")
DECADES = table("decades")

PAST_WORDS = words("past_words")
NEXT_WORDS = words("next_words")
THIS_WORDS = words("this_words")
# one-token deictics: days from the article day
DEICTIC = table("deictic")
NOW_WORDS = words("now_words")
RECENT = words("recent")
SOON_WORDS = words("soon_words")
UNKNOWN_PAST = words("unknown_past")

# prepositions that may introduce a time expression
PREPS = words("preps")
MULTIWORD_PREPS = ordered("multiword_preps")  # tried in this order
MOD_PREPS = words("mod_preps")
MODS = table("mods")
# verbs of quantities: "steeg tot 2000" is a number, not a year
QUANTITY_VERBS = words("quantity_verbs")
QUANTITY_UNITS = words("quantity_units")
SPEECH_VERBS = words("dates_speech_verbs")
HAPPEN = ordered("happen")
DURATION_LEADS = words("duration_leads")
UNIT_AFTER_WORDS = words("unit_after_words")
RELATIVE_WORDS = words("relative_words")
RELATIVE_BACK_WORDS = words("relative_back_words")
ANAPHORIC_TIME_DETS = words("anaphoric_time_dets")
ANAPHORIC_DAY_UNITS = words("anaphoric_day_units")

YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
YEAR_RANGE_RE = re.compile(r"^(1[89]\d\d|20\d\d)[-–/](1[89]\d\d|20\d\d|\d\d)$")
DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DECADE_RE = re.compile(r"^'?(\d0)$|^(1[89]\d0|20\d0)$")
