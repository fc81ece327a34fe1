"""Dates' own linear clause segmentation of a sentence, and the tense of a clause."""
from __future__ import annotations

from .words import AMBIGUOUS_SUBORDINATORS, COORDINATORS, HAPPEN, SUBORDINATORS_SKIP


class _Clauses:
    def __init__(self, n: int):
        self.of = [0] * n
        self.info: list[dict] = []


def _is_finite(t) -> bool:
    return t.pos == "WW" and "pv" in t.feats


def _is_verb(t) -> bool:
    return t.pos == "WW" and "prenom" not in t.feats and "nom" not in t.feats


def _verb_ahead(toks, i: int) -> bool:
    for k in range(i, len(toks)):
        t = toks[k]
        if t.text in (",", ";", ".", ":", "?", "!"):
            return False
        if _is_verb(t):
            return True
    return False


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


def segment(toks) -> _Clauses:
    """Linear clause segmentation: clause id per token, and per clause its kind
    (main | sub | rel | inf | coord), parent, conjunction and first finite verb."""
    out = _Clauses(len(toks))
    info = out.info

    def new(kind: str, conj: str | None, parent: int | None) -> int:
        info.append({"kind": kind, "conj": conj, "parent": parent, "finite": None,  # not Dutch
                     "verbs": [], "happen": False})
        return len(info) - 1

    stack = [new("main", None, None)]
    for i, t in enumerate(toks):
        w = t.text.lower()
        cur = stack[-1]
        has_finite = info[cur]["finite"] is not None
        prev = toks[i - 1].text if i else ""
        if w in (";", ":"):
            stack = [new("main", None, None)]
            out.of[i] = stack[-1]
            continue
        if t.pos == "VG" and "onder" in t.feats and w not in SUBORDINATORS_SKIP \
                and (_finite_ahead(toks, i + 1) or w not in AMBIGUOUS_SUBORDINATORS
                     and _verb_ahead(toks, i + 1)):
            stack.append(new("sub", w, cur))
        elif t.pos == "VNW" and "betr" in t.feats and _finite_ahead(toks, i + 1):
            stack.append(new("rel", w, cur))
        elif (t.pos == "VZ" and i + 1 < len(toks) and toks[i + 1].text.lower() in
              ("wie", "welke", "wat") and prev == "," and _finite_ahead(toks, i + 2)):
            stack.append(new("rel", w, cur))  # ", van wie ...", ", met wie ..."
        elif t.pos == "BW" and w.startswith("waar") and len(w) > 4 and prev == "," \
                and _finite_ahead(toks, i + 1):
            stack.append(new("rel", w, cur))  # ", waarvan ...", ", waarbij ..."
        elif w == "om" and t.pos == "VZ" and _te_ahead(toks, i):
            stack.append(new("inf", "om", cur))
        elif t.pos == "VG" and "neven" in t.feats and w in COORDINATORS \
                and _finite_ahead(toks, i + 1, stop_at_clauses=True) and \
                (has_finite or info[cur]["verbs"] or prev == ","):
            c = info[cur]
            parent = c["parent"] if c["kind"] in ("sub", "rel", "inf", "coord") else cur
            kind = c["kind"] if c["kind"] in ("sub", "rel") else "coord"
            stack.pop()
            k = new(kind, w, parent)
            # "en bevroor ...": a coordinated verb phrase sharing the subject
            info[k]["vp_coord"] = i + 1 < len(toks) and _is_finite(toks[i + 1])
            stack.append(k)
        elif w == "," and len(stack) == 1 and has_finite and _report_ahead(toks, i + 1):
            # "..., zo meldde het ministerie gisteren": a parenthetical report clause
            out.of[i] = cur
            stack = [new("coord", "parenthetical", cur)]
            continue
        elif w == "," and len(stack) > 1 and (info[cur]["finite"] is not None or
                                              info[cur]["kind"] == "inf"
                                              and info[cur].get("te")):
            out.of[i] = cur
            stack.pop()
            continue
        elif info[cur]["kind"] in ("sub", "rel") and _is_finite(t) and has_finite and \
                i > 0 and _is_verb(toks[i - 1]) and len(stack) > 1:
            stack.pop()  # "dat ... samenwerken is slecht nieuws": back in the matrix
        cur = stack[-1]
        out.of[i] = cur
        if _is_verb(t):
            info[cur]["verbs"].append(i)
            if _is_finite(t) and info[cur]["finite"] is None:
                info[cur]["finite"] = i
            if w.startswith(HAPPEN) or t.lemma.lower() in ("gebeuren", "plaatsvinden"):
                info[cur]["happen"] = True
        if w == "te" and i + 1 < len(toks) and _is_verb(toks[i + 1]):
            info[cur]["te"] = True
        if info[cur]["kind"] == "inf" and w not in ("te",) and _is_verb(t) and \
                "inf" in t.feats and i > 0 and toks[i - 1].text.lower() == "te" and \
                not (i + 1 < len(toks) and _is_verb(toks[i + 1])) and len(stack) > 1:
            stack.pop()
    _extraposed_infinitives(toks, out)
    return out


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


def _report_ahead(toks, i: int) -> bool:
    """', meldt X' / ', zo zei X' / ', aldus X' after a complete clause."""
    if i < len(toks) and toks[i].text.lower() in ("zo", "aldus"):
        i += 1
        if i < len(toks) and toks[i - 1].text.lower() == "aldus":
            return True
    return i < len(toks) and _is_finite(toks[i])


def _te_ahead(toks, i: int) -> bool:
    for k in range(i + 1, min(len(toks), i + 25)):
        if toks[k].text in (",", ";", ".") or toks[k].pos == "VG":
            return False
        if toks[k].text.lower() == "te" and k + 1 < len(toks) and toks[k + 1].pos == "WW":
            return True
    return False


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
