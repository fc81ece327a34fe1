"""Events every news reader can date, named instead of dated: 'bij de start van de
Russische invasie', 'sinds de annexatie van de Krim' (table `known_events`)."""
from __future__ import annotations

from ...lexicon import ordered, table, words
from .. import rules
from .calendar import _fmt, _valid
from .expr import _Val

EX = rules.example
KNOWN_EVENTS = ordered("known_events")
KNOWN_EVENT_STARTS = ordered("known_event_starts")
# a point event ('de invasie') is dated at, since, after or before it; a state ('de oorlog')
# only at its start, since or before it ('na de oorlog' is after its end)
HOLIDAYS = table("holidays")
HOLIDAY_PLURALS = table("holiday_plurals")
HOLIDAY_PREPS = words("holiday_preps")
EVENT_PREPS = words("known_event_preps")
STATE_PREPS = words("known_state_preps")
# 'kort voor de invasie': 'voor' is 'before' after these or at the sentence start
BEFORE_LEADS = words("known_event_before_leads")


def _phrase_end(s, k: int) -> tuple[int, int] | None:
    """'de Russische invasie (van Oekraïne)' from the determiner at k: (end, head noun)."""
    if s.word(k) not in ("de", "het"):
        return None
    end = s._np_end(k + 1)
    if end is None or s.toks[end - 1].pos != "N":
        return None
    head = end - 1
    if s.word(end) in ("van", "in", "op", "tegen") and end + 1 < len(s.toks):
        k2 = end + 1 + (s.word(end + 1) in ("de", "het"))
        end = s._np_end(k2) or end
    return end, head


@rules.rule("date.known-event", "date",
            "'bij de start van de Russische invasie', 'sinds de annexatie van de Krim': an "
            "event every reader can date (table known_events) dates the clause, if it lies "
            "before the article",
            EX("Bij de start van de Russische invasie leverde Wit-Rusland munitie aan "
               "Rusland.", "AID BLR -> RUS date=2022-02", date="2024-05"),
            EX("Sinds de annexatie van de Krim legt de EU sancties op aan Rusland.",
               "SANCTION EU -> RUS date=2014-03", date="2024-05"))
def c_known_event(s, j, prep, mod, particle, cued):
    k = j
    bij = prep is None and s.word(k) == "bij"
    if bij:
        k += 1
    start = next((p for p in KNOWN_EVENT_STARTS if tuple(s.w[k:k + len(p)]) == p), None)
    if start:
        k += len(start)
    if not (bij or start or mod == "begin" or prep in EVENT_PREPS):
        return None
    if prep == "voor" and not start and s.word(j - 2) not in BEFORE_LEADS and j > 1:
        return None  # "wapens voor de oorlog in Oekraïne": for it, not before it
    found = _phrase_end(s, k)
    if found is None:
        return None
    end, head = found
    noun = s.toks[head].lemma.lower()
    said = set(s.w[k:end])
    for known in KNOWN_EVENTS:
        point = noun in known["events"]
        if not (point or noun in known["states"]) or not said & set(known["with"]):
            continue
        if not point and not (start or mod == "begin" or prep in STATE_PREPS):
            continue
        y, m = (int(x) for x in known["date"].split("-"))
        if (y, m) > s.am:
            return None  # not yet happened: another (or an expected) event
        text = s.text(j, end)
        return end, _Val(known["date"], kind="abs", lo=(y, m), hi=(y, m), future=False,
                         why=f"'{text}': a known event of {known['date']}", known=True)
    return None


@rules.rule("date.holiday", "date",
            "'op eerste kerstdag', 'met Kerstmis', 'in de kerstnacht': a named day of the "
            "year, in the year inferred as for a month",
            EX("Op eerste kerstdag viel Rusland Oekraïne aan.",
               "ASSAULT RUS -> UKR date=2024-12-25", date="2025-01"))
def c_holiday(s, j, prep, mod, particle, cued):
    k = j
    if prep is None and s.word(k) in HOLIDAY_PREPS:
        k += 1
    elif prep is None and not cued:
        return None
    if s.word(k) in ("de", "het"):
        k += 1
    shift = {"eerste": 0, "tweede": 1}.get(s.word(k))  # not Dutch: ordinals of 'kerstdag'
    if shift is not None and s.word(k + 1) == "kerstdag":
        k += 1
    word = s.word(k)
    if word in HOLIDAY_PLURALS:
        mo = HOLIDAY_PLURALS[word]
        y = s._infer_year(mo, j, prep, mod, particle)
        return k + 1, _Val(_fmt(y, mo), why=f"'{word}' in {y}", kind="cal", lo=(y, mo),
                           hi=(y, mo))
    if word not in HOLIDAYS:
        return None
    mo, day = HOLIDAYS[word]
    day += shift or 0
    y = s._infer_year(mo, j, prep, mod, particle)
    if not _valid(y, mo, day):
        return None
    return k + 1, _Val(_fmt(y, mo, day), why=f"'{word}' = {day}-{mo} of {y}", kind="cal",
                       lo=(y, mo), hi=(y, mo))
