"""Strict, record and lenient F1 of the shared sets from the kept analyses, in seconds
(the real set also split into the 40 articles worked from and the 20 kept aside).

    python tools/figures.py [--snapshot out/snapshot.pkl] [--eval ../shared/eval]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evalkit  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snapshot", default="out/snapshot.pkl")
    ap.add_argument("--eval", default="../shared/eval")
    args = ap.parse_args()
    snapshot = evalkit.load_snapshot(args.snapshot)
    rows = evalkit.records(snapshot)
    fig = evalkit.figures(rows, args.eval, split=True)
    for name, f in fig.items():
        print(f"{name:8} strict {f['strict_f1']:.3f}  record {f['record_f1']:.3f}  "
              f"lenient {f['f1']:.3f}  (strict P {f['precision']:.3f} R {f['recall']:.3f})")
    controls = {"r28", "r29", "r30", "r58", "r59", "r60"}
    stray = [r["cite_info"]["doc_id"] for r in rows.get("real", [])
             if r["cite_info"]["doc_id"] in controls]
    print(f"events in the six controls: {len(stray)} {sorted(set(stray))}")
    general = evalkit.stray(rows)
    if "general" in rows:
        hit = sorted({r["cite_info"]["doc_id"] for r in general})
        print(f"general-news controls: {len(general)} events in {len(hit)} of "
              f"{len(snapshot['general'])} articles {hit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
