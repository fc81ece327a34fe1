"""Dates' view of the extractor's clauses, and the tense of a clause.

The clauses are those of `clauses.segment` (one clause model for the whole extractor),
seen per token (`of`: its clause) and per clause (`info`: kind, conj, parent, first
finite verb, verbs, a 'gebeuren'/'plaatsvinden' verb, and for a coordinated clause
whether it is a verb phrase sharing the subject: 'en bevroor ...'). Dates refines them
in two places where a time must not reach across: ', van wie ... zouden zijn
gesneuveld' is a relative clause of its own, and 'heeft toegezegd [binnen een jaar
batterijen te sturen]' has an extraposed te-infinitive clause. (Without these two the
kept evaluation exports change: dev16 sentence 3 dates the pledge 'toegezegd' by the
infinitive's 'binnen een jaar', dev09 sentence 2 dates 'gestuurd' by the relative
clause's 'inmiddels'.)
"""
from __future__ import annotations

from types import SimpleNamespace

from ..clauses import segment as clause_segment
from .words import HAPPEN


class _Clauses:
    def __init__(self, n: int):
        self.of = [0] * n
        self.info: list[dict] = []


def _is_finite(t) -> bool:
    return t.pos == "WW" and "pv" in t.feats


def _is_verb(t) -> bool:
    return t.pos == "WW" and "prenom" not in t.feats and "nom" not in t.feats


def _finite_ahead(toks, i: int, stop_at_clauses: bool = False) -> bool:
    for k in range(i, len(toks)):
        t = toks[k]
        if t.text in (",", ";", ".", ":", "?", "!"):
            return False
        if stop_at_clauses and (t.pos == "VG" and "onder" in t.feats or
                                t.pos == "VNW" and "betr" in t.feats):
            return False
        if _is_finite(t):
            return True
    return False


def segment(toks, clauses=None) -> _Clauses:
    """The clauses of `clauses.segment` (or CLAUSES, already computed for the sentence)
    by token, with dates' two refinements."""
    if clauses is None:
        clauses = clause_segment(SimpleNamespace(tokens=toks))
    out = _Clauses(len(toks))
    for c in clauses:
        for i in c.tokens:
            out.of[i] = c.index
    for c in clauses:
        idx = sorted(c.tokens)
        out.info.append(_info(toks, idx, c.kind, c.conj, c.parent))
        if c.kind == "coord":
            # "en bevroor ...": a coordinated verb phrase sharing the subject
            out.info[-1]["vp_coord"] = bool(idx) and toks[idx[0]].pos == "VG" and \
                idx[0] + 1 < len(toks) and _is_finite(toks[idx[0] + 1])
    _relatives_after_comma(toks, out)
    _extraposed_infinitives(toks, out)
    return out


def _info(toks, idx: list[int], kind: str, conj: str | None, parent: int | None) -> dict:
    verbs = [i for i in idx if _is_verb(toks[i])]
    return {"kind": kind, "conj": conj, "parent": parent,  # not Dutch
            "finite": next((i for i in verbs if _is_finite(toks[i])), None), "verbs": verbs,
            "happen": any(toks[i].text.lower().startswith(HAPPEN) or
                          toks[i].lemma.lower() in ("gebeuren", "plaatsvinden") for i in verbs)}


def _relatives_after_comma(toks, out: _Clauses) -> None:
    """', van wie er inmiddels zo'n driehonderd zouden zijn gesneuveld': a preposition
    with 'wie'/'welke'/'wat' after a comma opens a relative clause up to the next comma."""
    for i in range(1, len(toks) - 1):
        if not (toks[i].pos == "VZ" and toks[i + 1].text.lower() in ("wie", "welke", "wat")
                and toks[i - 1].text == "," and _finite_ahead(toks, i + 2)):
            continue
        cid, k, idx = out.of[i], i, []
        while k < len(toks) and out.of[k] == cid and toks[k].text not in (",", ";"):
            idx.append(k)
            k += 1
        new = len(out.info)
        out.info.append(_info(toks, idx, "rel", toks[i].text.lower(), cid))
        for k in idx:
            out.of[k] = new
        rest = [k for k, c in enumerate(out.of) if c == cid]
        keep = out.info[cid].get("vp_coord")
        out.info[cid] = _info(toks, rest, out.info[cid]["kind"], out.info[cid]["conj"],
                              out.info[cid]["parent"]) | (
            {"vp_coord": keep} if keep is not None else {})


def _extraposed_infinitives(toks, out: _Clauses) -> None:
    """'Noorwegen heeft toegezegd [binnen een jaar batterijen te sturen]': what follows
    the matrix verb cluster up to 'te' + infinitive is the infinitive's own clause."""
    for cid in range(len(out.info)):
        idx = [i for i, c in enumerate(out.of) if c == cid]
        fin = out.info[cid]["finite"]
        if fin is None:
            continue
        for k in idx:
            t = toks[k]
            if not (t.text.lower() == "te" and k + 1 < len(toks) and
                    out.of[k + 1] == cid and _is_verb(toks[k + 1]) and
                    "inf" in toks[k + 1].feats):
                continue
            matrix = [i for i in idx if fin < i < k and _is_verb(toks[i]) and
                      ("vd" in toks[i].feats or "inf" in toks[i].feats) and
                      toks[i - 1].text.lower() != "te"]
            if not matrix or max(matrix) + 1 >= k:
                continue
            last = k + 1  # "te zullen leveren": the whole verb cluster
            while last + 1 < len(toks) and out.of[last + 1] == cid and \
                    _is_verb(toks[last + 1]) and "inf" in toks[last + 1].feats:
                last += 1
            new = len(out.info)
            verbs = list(range(k + 1, last + 1))
            out.info.append({"kind": "inf", "conj": "te", "parent": cid,  # not Dutch
                             "finite": None, "verbs": verbs, "happen": False, "te": True})
            for i in range(max(matrix) + 1, last + 1):
                if out.of[i] == cid:
                    out.of[i] = new
            out.info[cid]["verbs"] = [v for v in out.info[cid]["verbs"] if v not in verbs]
            break


def _tense(toks, idx: list[int]) -> str:
    """past | future | present for a clause's tokens."""
    verbs = [toks[i] for i in idx if _is_verb(toks[i])]
    fin = [t for t in verbs if "pv" in t.feats]
    lemmas = {t.lemma.lower() for t in verbs}
    has_vd = any("vd" in t.feats for t in verbs)
    perfect_aux = any(t.lemma.lower() in ("hebben", "zijn") for t in verbs)
    fin_lemmas = {t.lemma.lower() for t in fin}
    if "zullen" in fin_lemmas:
        return "past" if has_vd and perfect_aux and "worden" not in lemmas else "future"
    if "gaan" in fin_lemmas and any("inf" in t.feats for t in verbs):
        return "future"
    if any("verl" in t.feats for t in fin):
        return "past"
    if has_vd and fin_lemmas & {"hebben", "zijn"}:
        return "past"
    return "present"
