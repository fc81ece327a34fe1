"""The Dutch words and patterns the date recognisers read."""
from __future__ import annotations

import re

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
