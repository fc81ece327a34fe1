"""Strict misses and false positives of the real articles WORKED FROM (never of the 20
kept aside: their misses are not to be read while rules are written), from the kept
analyses. Optionally only some documents or one event type.

    python tools/misses.py [--docs r01,r02] [--type ASSAULT] [--set dev|seed]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evalkit  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snapshot", default="out/snapshot.pkl")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--docs", default="")
    ap.add_argument("--type", default="")
    ap.add_argument("--set", default="real", choices=("real", "dev", "seed"))
    args = ap.parse_args()
    score = evalkit.scorer(args.eval)
    rows = evalkit.records(evalkit.load_snapshot(args.snapshot))[args.set]
    gold = score.read_jsonl(str(Path(args.eval) / evalkit.GOLD[args.set]))
    base = {"seed": "docs", "dev": "dev/docs", "real": "real/docs"}[args.set]
    ids = {p.stem for p in (Path(args.eval) / base).iterdir() if p.is_file()}
    if args.set == "real":
        ids -= evalkit.HELDOUT
    if args.docs:
        wanted = set(args.docs.split(","))
        if args.set == "real" and wanted & evalkit.HELDOUT:
            print(f"refused: {sorted(wanted & evalkit.HELDOUT)} are kept aside",
                  file=sys.stderr)
            return 2
        ids &= wanted
    if args.type:
        gold = [g for g in gold if g["event"] == args.type]
        rows = [r for r in rows if r["event"] == args.type]
    _, missed, false_pos = score.score_strict(gold, rows, ids)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score.show(missed, false_pos, " (strict)")
    print(buf.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
