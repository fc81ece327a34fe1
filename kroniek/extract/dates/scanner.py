"""The scanner: a time expression at each token, from an optional particle, preposition
and modifier and a recogniser's core."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import rules
from .calendar import _addm, _fmt, _honest, _norm, _parse_num
from .deictic import DEICTIC_WORDS, c_calendar, c_weekday
from .durations import (c_ago, c_anaphoric, c_duration, c_lang, c_relative_to_anchor,
                        c_since_event, c_then)
from .explicit import c_daymonth, c_decade, c_month, c_numeric, c_season, c_year
from .expr import TimeExpr, _Val
from .known import c_holiday, c_known_event
from .segment import _tense, segment
from .words import (APPROX, MODS, MOD_PREPS, MONTHS, MONTH_ABBR, MULTIWORD_PREPS,
                    NEXT_WORDS, PAST_WORDS, PREPS, SEASONS, SPEECH_VERBS, TEMPORAL_NOUNS,
                    THIS_WORDS, UNITS, VAGUE, VAGUE_RANGE, YEAR_RE)

if TYPE_CHECKING:
    from .context import DateContext

EX = rules.example
rules.define("date.eind-begin-medio", "date",
             "'eind', 'begin', 'medio', 'halverwege' and 'eerder'/'later' before a time "
             "cue it and keep its precision",
             EX("Eind december viel Rusland Oekraïne aan.", "ASSAULT RUS -> UKR date=2023-12",
                date="2024-05"))
rules.define("date.history-before-article", "date",
             "a month after the article month in a past-tense clause is last year's",
             EX("In augustus viel Rusland Oekraïne aan.", "ASSAULT RUS -> UKR date=2023-08",
                date="2024-05"))
rules.define("date.range", "date",
             "'van 2019 tot 2021', 'tussen maart en mei': two times make one interval",
             EX("Rusland heeft van 2019 tot 2021 tanks aan Syrië geleverd.",
                "AID RUS -> SYR date=2019", date="2024-05"))
rules.define("date.until", "date",
             "'tot 2021': an interval ending then, its start unknown (or the article month "
             "when the end lies ahead)",
             EX("Tot 2021 leverde Rusland tanks aan Syrië.", "AID RUS -> SYR date=2024-05",
                date="2024-05"))
rules.define("date.before", "date",
             "'voor 2020': an interval ending then, its start unknown",
             EX("Voor 2020 leverde Rusland tanks aan Syrië.", "AID RUS -> SYR date=2024-05",
                date="2024-05"))
rules.define("date.after", "date",
             "'na 2020': from the period after it up to the article date, at the precision "
             "certain",
             EX("Na 2020 leverde Rusland tanks aan Syrië.", "AID RUS -> SYR date=2021",
                date="2024-05"))
rules.define("date.np-internal", "date",
             "'tanks uit 1980', 'het verdrag van 1987': a time inside a noun phrase dates "
             "that noun only, not the clause's event",
             EX("Rusland leverde tanks uit 1980 aan Syrië.", "AID RUS -> SYR date=2024-05",
                date="2024-05"))

# tried in this order at each token; the first that reads a core wins
RECOGNISERS = (c_numeric, c_decade, c_daymonth, c_month, c_year, c_season, *DEICTIC_WORDS,
               c_weekday, c_calendar, c_duration, c_ago, c_relative_to_anchor, c_anaphoric,
               c_then, c_known_event, c_holiday, c_since_event, c_lang)


class _Scanner:
    def __init__(self, ctx: DateContext, sentence, clauses=None):
        self.ctx = ctx
        self.sent = sentence
        self.toks = sentence.tokens
        self.w = [_norm(t.text) for t in self.toks]
        self.clauses = segment(self.toks, clauses)
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
                if (between or ranged) and p.date and (e.enddate or e.date) and \
                        rules.applies("date.range", True):
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
        for multi in MULTIWORD_PREPS:
            if tuple(w[j:j + len(multi)]) == multi:
                prep = " ".join(multi)
                j += len(multi)
                break
        else:
            if w[j] in PREPS and \
                    toks[j].pos in ("VZ", "N", "ADJ", "BW", "SPEC", "WW") and \
                    (w[j] not in MOD_PREPS or rules.applies("date.eind-begin-medio", True)):
                prep = w[j]
                j += 1
        mod = None
        self._mod_word = None
        if prep in MODS:
            self._mod_word = prep
        if j < n and w[j] in MODS and j + 1 < n:
            if (w[j] not in ("eerder", "later", "laat", "vroeg") or
                    w[j + 1] in THIS_WORDS | PAST_WORDS | NEXT_WORDS) and \
                    rules.applies("date.eind-begin-medio", True):
                mod = MODS[w[j]]
                self._mod_word = w[j]
                j += 1
        if prep in MOD_PREPS:
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
        out = self.finish(i, end, val, prep, mod, particle)
        out._known = val.known
        return out

    # -- cores: (end index, _Val) or None
    def core(self, j, prep, mod, particle, cued):
        if prep == "over":  # "over twee weken"; not "het rapport over april"
            return c_duration(self, j, prep, mod, particle, cued)
        for fn in RECOGNISERS:
            r = fn(self, j, prep, mod, particle, cued)
            if r is not None:
                return r
        return None

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
        return ay - 1 if rules.applies("date.history-before-article", t == "past") else ay

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
        elif prep in ("tot", "tot en met", "t/m") and point and date and \
                rules.applies("date.until", True):
            if lo > self.am or (hi >= self.am and fut):
                why = f"until {date}: ongoing from the article month ({why})"
                date, enddate = _fmt(ay, am), date
                fut = False
            else:
                why = f"until {date}, start unknown ({why})"
                date, enddate = None, date
                fut = False
            kind = "interval"
        elif prep in ("voor", "vóór") and point and date and \
                rules.applies("date.before", kind != "day"):
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
        elif prep == "na" and point and date and kind != "day" and \
                rules.applies("date.after", True):
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
        np_internal = rules.on("date.np-internal") and prep in ("van", "uit", "voor") and \
            i > 0 and \
            self.toks[i - 1].pos in ("N", "SPEC") and particle is None and \
            self.toks[i - 1].lemma.lower() not in TEMPORAL_NOUNS
        return TimeExpr(i, end, text, date, enddate, fut, why, kind, prep, lo, hi,
                        anchor, np_internal)
