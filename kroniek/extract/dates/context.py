"""Per document: the article date, the anchor, and which expression dates an event."""
from __future__ import annotations

import re

from ...lexicon import words
from .. import rules
from .calendar import _addm, _fmt
from .expr import TimeExpr
from .scanner import _Scanner
from .segment import _Clauses, _tense
from .words import SPEECH_VERBS

EX = rules.example
rules.define("date.attach-to-own-verb-chain", "date",
             "of the times in the event's clause, one attached to its verb chain wins over "
             "a nearer one that is not",
             EX("Na de verkiezingen in 2021 viel Rusland in 2022 Oekraïne aan.",
                "ASSAULT RUS -> UKR date=2022", date="2024-05"))
rules.define("date.report-date-counts-from-report", "date",
             "'kondigde in maart aan dat het de komende vier jaar levert': a span counted "
             "from now in a reported clause counts from the report",
             EX("België kondigde in maart aan dat het de komende vier jaar F-16's aan "
                "Oekraïne levert.", "AID BEL -> UKR date=2024-03", date="2024-05"))
rules.define("date.happen-clause", "date",
             "'..., maar dat zou eind 2021 zijn gebeurd': a 'gebeuren'/'plaatsvinden' clause "
             "right after the event's dates it",
             EX("Rusland zou Oekraïne hebben aangevallen, maar dat zou in 2021 zijn gebeurd.",
                "ASSAULT RUS -> UKR date=2021", date="2024-05"))
rules.define("date.infinitive-from-governing-clause", "date",
             "a te-infinitive ('om ... te leveren') without a time of its own is dated by "
             "its governing clause",
             EX("Duitsland besloot vorig jaar om tanks aan Oekraïne te leveren.",
                "AID DEU -> UKR date=2023", date="2024-05"))
rules.define("date.fronted-scopes-over-vp-coord", "date",
             "a fronted time scopes over a coordinated verb phrase without its own subject "
             "('Vorige maand legde Brussel sancties op en bevroor tegoeden')",
             EX("Vorig jaar won Poetin de verkiezingen en viel Rusland Oekraïne aan.",
                "ASSAULT RUS -> UKR date=2023", date="2024-05"))


rules.define("date.known-event-dates-itself", "date",
             "an event named by a known event's phrase ('bij de start van de Russische "
             "invasie': the invasion) has that event's date",
             EX("Bij de start van de Russische invasie van Oekraïne leverde Wit-Rusland "
                "munitie aan Rusland.", "ASSAULT RUS -> UKR date=2022-02", date="2024-05"))

rules.define("date.when-clause-shares-time", "date",
             "a 'toen', 'terwijl' or 'vlak voordat' clause without a time of its own has its "
             "governing clause's, and the other way round",
             EX("Poetin bezocht China begin vorig jaar, vlak voordat Rusland Oekraïne aanviel.",
                "ASSAULT RUS -> UKR date=2023", date="2024-05"),
             EX("Toen Rusland in 2014 de Krim annexeerde, legde de EU sancties op aan "
                "Rusland.", "SANCTION EU -> RUS date=2014", date="2024-05"))
rules.define("date.reported-act-by-report-date", "date",
             "an act in a 'dat' clause of saying without a time of its own is dated by the "
             "report's time when that lies before the article month",
             EX("Het Pentagon meldde in maart dat Iran drones aan Rusland had geleverd.",
                "AID IRN -> RUS date=2024-03", date="2024-05"))
rules.define("date.anaphoric-when-clause", "date",
             "'Dat was een paar dagen nadat ...': a clause close in time to an anaphoric "
             "'dat was' has the month the previous sentence gave",
             EX("Rusland en Iran spraken op 14 maart over drones. Dat was een paar dagen "
                "nadat Rusland Oekraïne had aangevallen.", "ASSAULT RUS -> UKR date=2024-03",
                date="2024-05"))
ANAPHORIC_SUBJECTS = words("anaphoric_clause_subjects")
WHEN_CONJS = words("when_clause_conjs")
CLOSE_CONJS = words("close_clause_conjs")
CLOSE_WORDS = words("close_clause_words")


class DateContext:
    """Per document: the article date and the last explicit calendar date seen (anchor)."""

    def __init__(self, doc_date: str):
        m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", doc_date or "")
        if not m:
            raise ValueError(f"unreadable document date {doc_date!r}")
        self.year = int(m.group(1))
        self.month = int(m.group(2)) if m.group(2) else None
        self.day = int(m.group(3)) if m.group(3) else None
        self.anchor: tuple | None = None  # (lo, hi, precision) of the last explicit date
        self._cache: dict[int, tuple] = {}  # id(sentence) -> (sentence, exprs, clauses)
        self.anchor_sentence: int | None = None  # the sentence that set the anchor

    # -- public
    def default(self) -> str:
        """The article month: the date of events nothing in the text dates."""
        return _fmt(self.year, self.month)

    def find(self, sentence, clauses=None) -> list[TimeExpr]:
        """All time expressions in a sentence, left to right; updates the anchor.
        CLAUSES: the sentence's `clauses.segment`, when already made."""
        scanner = _Scanner(self, sentence, clauses)
        before = self.anchor
        exprs = scanner.run(update_anchor=True)
        if self.anchor is not before:
            self.anchor_sentence = sentence.index
        self._cache[id(sentence)] = (sentence, exprs, scanner.clauses)
        return exprs

    def for_event(self, sentence, trigger_index: int,
                  exprs: list[TimeExpr] | None = None) -> TimeExpr | None:
        """The expression dating the event whose trigger is token `trigger_index`."""
        cached = self._cache.get(id(sentence))
        if cached is None or cached[0] is not sentence:
            scanner = _Scanner(self, sentence)
            cached = (sentence, scanner.run(update_anchor=False), scanner.clauses)
        if exprs is None:
            exprs = cached[1]
        if not exprs and (self.anchor is None or not rules.on("date.anaphoric-when-clause")):
            return None
        toks = sentence.tokens
        if not 0 <= trigger_index < len(toks):
            return None
        clauses = cached[2]
        cid = clauses.of[trigger_index]

        def clause_of(e: TimeExpr) -> int:
            return clauses.of[_expr_anchor_token(toks, e)]

        own = next((e for e in exprs if e._known and e.start <= trigger_index < e.end), None)
        if own is not None and rules.applies("date.known-event-dates-itself", True):
            date = _fmt(*own._lo)
            return TimeExpr(own.start, own.end, own.text, date, None, False,
                            f"'{own.text}' names the event itself ({date})", "abs", None,
                            own._lo, own._hi)
        # "het verdrag van 1987", "de Su-27 uit de jaren tachtig" date their noun only
        kept = [e for e in exprs if not e._np or e.start - 1 == trigger_index or
                toks[e.start].head == trigger_index]
        if len(kept) < len(exprs):
            rules.fired("date.np-internal")  # e._np is set only while the rule is on
        exprs = kept
        same = [e for e in exprs if clause_of(e) == cid and not
                (e.start <= trigger_index < e.end)]
        happen = self._happen(exprs, clauses, cid, clause_of)
        if happen is not None and rules.applies(
                "date.happen-clause", all(e.date is None and e.enddate is None for e in same)):
            return happen  # "..., maar dat zou eind 2021 zijn gebeurd"
        if same:
            chain = _verb_chain(toks, trigger_index, clauses)
            attach = rules.on("date.attach-to-own-verb-chain")
            best = min(same, key=lambda e: (attach and not _attached(toks, e, chain),
                                            e.kind == "unknown" and e.enddate is None,
                                            _distance(e, trigger_index)))
            if attach and len(same) > 1 and _attached(toks, best, chain) and \
                    not _attached(toks, min(same, key=lambda e: _distance(e, trigger_index)),
                                  chain):
                rules.fired("date.attach-to-own-verb-chain")
            return self._from_speech_time(best, exprs, clauses, cid, clause_of) or best
        shared = self._when_clause(exprs, clauses, cid, clause_of, toks, trigger_index)
        if shared is not None:
            return shared
        previous = self._after_previous(sentence, clauses, cid, toks, exprs)
        if previous is not None:
            return previous
        reported = self._from_report(exprs, clauses, cid, clause_of, toks)
        if reported is not None:
            return reported
        # a te-infinitive ('om ... te leveren') is dated by its governing clause
        c = clauses.info[cid]
        while c["kind"] == "inf" and c["parent"] is not None and \
                rules.on("date.infinitive-from-governing-clause"):
            cid = c["parent"]
            cands = [e for e in exprs if clause_of(e) == cid]
            if cands:
                rules.fired("date.infinitive-from-governing-clause")
                return min(cands, key=lambda e: _distance(e, trigger_index))
            c = clauses.info[cid]
        # a fronted adverbial scopes over a coordinated verb phrase without own subject:
        # "Vorige maand legde Brussel sancties op en bevroor tegoeden"
        if c["kind"] == "coord" and c.get("vp_coord") and c["parent"] is not None and \
                rules.on("date.fronted-scopes-over-vp-coord"):
            first = clauses.info[c["parent"]]
            fin = first.get("finite")
            cands = [e for e in exprs if clause_of(e) == c["parent"] and fin is not None
                     and e.end <= fin]
            if cands:
                rules.fired("date.fronted-scopes-over-vp-coord")
                return cands[0]
        return None

    def _from_speech_time(self, e: TimeExpr, exprs, clauses, cid, clause_of
                          ) -> TimeExpr | None:
        """'België kondigde vorige maand aan dat het de komende vier jaar levert': an
        interval counted from 'now' inside a reported clause counts from the report."""
        info = clauses.info[cid]
        if not rules.on("date.report-date-counts-from-report"):
            return None
        if e.kind != "future" or e.date != self.default() or info["kind"] != "sub" or \
                info["conj"] != "dat" or info["parent"] is None:
            return None
        said = [p for p in exprs if clause_of(p) == info["parent"] and p.date and
                p.kind in ("day", "cal", "abs") and not p.future and p.end <= e.start]
        if not said:
            return None
        p = said[-1]
        enddate = e.enddate
        if p._lo is not None and p._lo == p._hi and e._hi is not None and len(p.date) >= 7:
            shift = (p._lo[0] * 12 + p._lo[1]) - (self.ym[0] * 12 + self.ym[1])
            enddate = _fmt(*_addm(e._hi, shift)) if e.enddate else None
        rules.fired("date.report-date-counts-from-report")
        return TimeExpr(e.start, e.end, e.text, p.date, enddate, True,
                        f"{e.why}, counted from the report '{p.text}' ({p.date})", e.kind,
                        e.prep, p._lo, e._hi)

    @staticmethod
    def _when_clause(exprs, clauses, cid, clause_of, toks, trigger_index) -> TimeExpr | None:
        """'Poetin bezocht China begin vorig jaar, vlak voordat Rusland Oekraïne aanviel':
        a 'toen' / 'terwijl' / 'vlak voordat' clause and its governing clause happen at
        the same time, so the one without a time takes the other's."""
        def same_time(k: int) -> bool:
            info = clauses.info[k]
            if info["kind"] != "sub" or info["parent"] is None:
                return False
            if info["conj"] in WHEN_CONJS:
                return True
            first = min(i for i, c in enumerate(clauses.of) if c == k)
            return info["conj"] in CLOSE_CONJS and first > 0 and \
                toks[first - 1].text.lower() in CLOSE_WORDS
        if not rules.on("date.when-clause-shares-time"):
            return None
        info = clauses.info[cid]
        if same_time(cid):
            others = {info["parent"]}
        else:
            others = {k for k, c in enumerate(clauses.info) if c["parent"] == cid and
                      same_time(k)}
        cands = [e for e in exprs if clause_of(e) in others and e.date and
                 e.enddate is None and e.kind in ("abs", "cal", "day", "rel", "now")]
        if not cands:
            return None
        rules.fired("date.when-clause-shares-time")
        return min(cands, key=lambda e: _distance(e, trigger_index))

    def _after_previous(self, sentence, clauses, cid, toks, exprs) -> TimeExpr | None:
        """'Ze spraken op 14 juli. Dat was een paar dagen nadat Hegseth de leveringen had
        opgeschort': a clause close in time to an anaphoric 'dat was' has the date the
        previous sentence gave (its month; a day point may lie across a month's end)."""
        info = clauses.info[cid]
        parent = info["parent"]
        if info["kind"] != "sub" or parent is None or self.anchor is None or \
                self.anchor_sentence != sentence.index - 1 or \
                not rules.on("date.anaphoric-when-clause"):
            return None
        if any(clauses.of[e.start] in (cid, parent) for e in exprs):
            return None  # "Dat was vorig jaar, ...": a time of its own
        main = [i for i, c in enumerate(clauses.of) if c == parent]
        if not main or toks[main[0]].text.lower() not in ANAPHORIC_SUBJECTS or \
                clauses.info[parent]["kind"] != "main" or \
                not any(toks[k].lemma.lower() in ("zijn", "gebeuren")  # not Dutch: lemmas
                        for k in clauses.info[parent]["verbs"]):
            return None
        first = min(i for i, c in enumerate(clauses.of) if c == cid)
        before = toks[first - 1].text.lower() if first > 0 else ""
        close = info["conj"] in WHEN_CONJS or info["conj"] in CLOSE_CONJS and (
            before in CLOSE_WORDS or before in ("dag", "dagen"))  # not Dutch: day units
        lo, hi = self.anchor
        if not close or lo != hi:
            return None
        rules.fired("date.anaphoric-when-clause")
        date = _fmt(*lo)
        return TimeExpr(first, first + 1, toks[first].text, date, None, False,
                        f"'dat was ... {info['conj']}': the previous sentence's {date}",
                        "rel", None, lo, hi)

    def _from_report(self, exprs, clauses, cid, clause_of, toks) -> TimeExpr | None:
        """'Het Pentagon meldde in maart dat Iran drones had geleverd': an act reported
        without a time of its own is no later than the report, not of the article's month."""
        info = clauses.info[cid]
        if info["kind"] != "sub" or info["conj"] not in ("dat", "of") or \
                info["parent"] is None or not rules.on("date.reported-act-by-report-date"):
            return None
        parent = info["parent"]
        if not any(toks[k].lemma.lower() in SPEECH_VERBS for k in clauses.info[parent]["verbs"]):
            return None
        if _tense(toks, [i for i, c in enumerate(clauses.of) if c == cid]) == "future":
            return None
        said = [e for e in exprs if clause_of(e) == parent and e.date and e.enddate is None
                and not e.future and e.kind in ("abs", "cal", "day", "rel") and
                e._lo is not None and e._hi < self.ym]
        if not said:
            return None
        rules.fired("date.reported-act-by-report-date")
        return said[-1]

    @staticmethod
    def _happen(exprs, clauses, cid, clause_of) -> TimeExpr | None:
        """'..., maar dat zou eind 2021 zijn gebeurd': a clause right after the event's
        whose verb is 'gebeuren' / 'plaatsvinden' dates the event."""
        k = cid + 1
        if k >= len(clauses.info) or not clauses.info[k].get("happen"):
            return None
        cands = [e for e in exprs if clause_of(e) == k and e.date]
        return cands[0] if cands else None

    # -- helpers for the scanner
    @property
    def ym(self) -> tuple[int, int]:
        return (self.year, self.month or 12)


def _expr_anchor_token(toks, e: TimeExpr) -> int:
    """The token whose clause is the expression's (skip a leading subordinator)."""
    for k in range(e.start, e.end):
        if toks[k].pos not in ("VG",):
            return k
    return e.start


def _verb_chain(toks, i: int, clauses: _Clauses) -> set[int]:
    """The trigger, the verbs of its clause and the tokens above it up to a verb."""
    chain = {i}
    cid = clauses.of[i]
    chain.update(clauses.info[cid]["verbs"])
    k, seen = i, 0
    while 0 <= toks[k].head < len(toks) and seen < 8:
        k = toks[k].head
        seen += 1
        if clauses.of[k] != cid:
            break
        chain.add(k)
        if toks[k].pos == "WW":
            break
    return chain


def _attached(toks, e: TimeExpr, chain: set[int]) -> bool:
    for k in range(e.start, e.end):
        h = toks[k].head
        if not e.start <= h < e.end and h in chain:
            return True
    return False


def _distance(e: TimeExpr, i: int) -> int:
    if i < e.start:
        return e.start - i
    if i >= e.end:
        return i - e.end + 1
    return 0
