"""Score exported events against gold events, following the shared FORMAT.md rules.

Same matching as the reference scorer: event type (or an alt type), every gold actor
and recipient key among the predicted ones (swap allowed when symmetric; no actor
allowed when actor_optional), one shared equipment name or class when gold lists any.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path


def norm(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isalnum())


def _keys(items, fields) -> set[str]:
    keys = set()
    for item in items or []:
        if isinstance(item, dict):
            keys.update(norm(item[f]) for f in fields if item.get(f))
        else:
            keys.add(norm(item))
    keys.discard("")
    return keys


ENTITY_FIELDS = ("country_code", "entity_name", "raw_text", "wikidata_id", "code", "name")
EQUIPMENT_FIELDS = ("name", "class", "raw_text")


def _roles_ok(gold: dict, pred: dict) -> bool:
    actors = _keys(pred.get("actor"), ENTITY_FIELDS)
    recipients = _keys(pred.get("recipient"), ENTITY_FIELDS)

    def straight(a, r):
        actor_ok = all(norm(k) in a for k in gold["actor"]) or (gold.get("actor_optional")
                                                                 and not a)
        return actor_ok and all(norm(k) in r for k in gold["recipient"])

    return straight(actors, recipients) or (bool(gold.get("symmetric"))
                                            and straight(recipients, actors))


def matches(gold: dict, pred: dict) -> bool:
    types = pred.get("event")
    types = {norm(t) for t in (types if isinstance(types, list) else [types])}
    if not types & ({norm(gold["event"])} | {norm(t) for t in gold.get("alt_event", [])}):
        return False
    if not _roles_ok(gold, pred):
        return False
    if gold.get("equipment"):
        return bool({norm(e) for e in gold["equipment"]} &
                    _keys(pred.get("equipment"), EQUIPMENT_FIELDS))
    return True


def _attributes(gold: dict, pred: dict) -> dict[str, bool]:
    out = {}
    if gold.get("status"):
        out["status"] = norm(pred.get("status")) in {norm(s) for s in gold["status"]}
    if gold.get("source"):
        sources = _keys(pred.get("attribution"), ENTITY_FIELDS)
        out["source"] = any(norm(s) in sources for s in gold["source"])
    if gold.get("date"):
        out["date"] = str(pred.get("date") or "").startswith(gold["date"])
    return out


def read_jsonl(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{number}: not JSON: {err}") from None
    return rows


def score(gold_rows: list[dict], preds: list[dict], doc_ids: set[str]):
    """Figures, missed core gold events and false positives for the documents doc_ids."""
    by_doc: dict[str, list[dict]] = {}
    for g in gold_rows:
        by_doc.setdefault(g["doc"], []).append(g)
    preds = [p for p in preds if p["cite_info"]["doc_id"] in doc_ids]
    found: dict[str, list[dict]] = {}
    false_pos = []
    for pred in preds:
        hits = [g for g in by_doc.get(pred["cite_info"]["doc_id"], []) if matches(g, pred)]
        if not hits:
            false_pos.append(pred)
        for g in hits:
            found.setdefault(g["gid"], []).append(pred)
    core = [g for g in gold_rows if g.get("core") and g["doc"] in doc_ids]
    missed = [g for g in core if g["gid"] not in found]
    attrs: dict[str, list[int]] = {}
    for g in core:
        best: dict[str, bool] = {}
        for pred in found.get(g["gid"], []):
            for name, ok in _attributes(g, pred).items():
                best[name] = best.get(name, False) or ok
        for name, ok in best.items():
            hit_total = attrs.setdefault(name, [0, 0])
            hit_total[0] += ok
            hit_total[1] += 1
    tp = len(preds) - len(false_pos)
    precision = tp / len(preds) if preds else 0.0
    recall = (len(core) - len(missed)) / len(core) if core else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "documents": len(doc_ids), "predictions": len(preds), "true_positives": tp,
        "core_gold": len(core), "core_found": len(core) - len(missed),
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "attribute_accuracy": {k: round(h / t, 3) for k, (h, t) in sorted(attrs.items())},
        "attribute_counts": {k: v for k, v in sorted(attrs.items())},
    }
    return figures, missed, false_pos


def report(figures: dict, missed: list | None = None, false_pos: list | None = None) -> str:
    lines = [f"{k}: {v}" for k, v in figures.items()]
    if missed is not None:
        lines.append("\nmissed core gold events:")
        lines += [f"  {g['gid']} {g['event']} {g['actor']}->{g['recipient']} {g['equipment']}"
                  f" :: {g.get('note', '')}" for g in missed]
    if false_pos is not None:
        lines.append("\nfalse positives:")
        for p in false_pos:
            who = [a.get("country_code") or a.get("entity_name") for a in p["actor"]]
            whom = [a.get("country_code") or a.get("entity_name") for a in p["recipient"]]
            lines.append(f"  {p['cite_info']['doc_id']} {p['event']} {who}->{whom} "
                         f":: {p['event_text'][0][:120]}")
    return "\n".join(lines)
