"""Extraction over the kept analyses of the shared sets (tools/snapshot.py), scored in
process with the shared scorer: what `extract_diff.py` and `ablate.py` build on."""
from __future__ import annotations

import importlib.util
import json
import pickle
from pathlib import Path

GOLD = {"seed": "seeds.gold.jsonl", "dev": "dev/dev.gold.jsonl", "real": "real/real.gold.jsonl"}


def load_snapshot(path: str = "out/snapshot.pkl") -> dict[str, list]:
    """A fresh copy each call: extraction retags tokens in place."""
    with open(path, "rb") as fh:
        return pickle.load(fh)


def records(snapshot: dict[str, list]) -> dict[str, list[dict]]:
    """PLOVER records (without the cluster link) per set; a document whose extraction
    fails gives none, as a quarantined document does in a run."""
    from kroniek.extract import extract
    out: dict[str, list[dict]] = {}
    for name, docs in snapshot.items():
        rows: list[dict] = []
        for analyzed in docs:
            try:
                events, _ = extract(analyzed)
            except Exception:  # noqa: BLE001 - quarantined in a real run
                continue
            rows += [e.to_plover() for e in events]
        out[name] = rows
    return out


def scorer(eval_dir: str):
    spec = importlib.util.spec_from_file_location("score", Path(eval_dir) / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# the real articles kept aside (as the Makefile's HELDOUT): every third one
HELDOUT = {f"r{k:02d}" for k in range(3, 61, 3)}


def figures(rows: dict[str, list[dict]], eval_dir: str = "../shared/eval",
            split: bool = False) -> dict[str, dict]:
    """Strict F1 and record F1 per set, with lenient F1 beside them; with SPLIT also for
    the real articles worked from and those kept aside."""
    score = scorer(eval_dir)
    base = {"seed": "docs", "dev": "dev/docs", "real": "real/docs"}
    parts = [(name, name, None) for name in rows if name in GOLD]
    if split and "real" in rows:
        parts += [("worked", "real", False), ("heldout", "real", True)]
    out = {}
    for label, name, aside in parts:
        preds = rows[name]
        gold = score.read_jsonl(str(Path(eval_dir) / GOLD[name]))
        ids = {p.stem for p in (Path(eval_dir) / base[name]).iterdir() if p.is_file()}
        if aside is not None:
            ids = {i for i in ids if (i in HELDOUT) == aside}
        lenient, _, _ = score.score(gold, preds, ids)
        strict, _, _ = score.score_strict(gold, preds, ids)
        out[label] = {"f1": lenient["f1"], "strict_f1": strict["f1"],
                      "record_f1": strict["record_f1"], "precision": strict["precision"],
                      "recall": strict["recall"]}
    return out


def stray(rows: dict[str, list[dict]], name: str = "general") -> list[dict]:
    """The records written on a set of controls (every one a false positive)."""
    return rows.get(name, [])


def canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps({k: v for k, v in r.items() if k != "link"}, ensure_ascii=False,
                             sort_keys=True) for r in rows)
