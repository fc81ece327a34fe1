"""Analyse the shared evaluation sets once with Frog and keep the analyses, so that
extraction can be re-run in seconds (`tools/extract_diff.py`, `tools/ablate.py`).

    python tools/snapshot.py [--eval ../shared/eval] [--out out/snapshot.pkl]
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

SETS = {"seed": "docs", "dev": "dev/docs", "real": "real/docs"}
# the project's own sets, beside the shared ones (tests/data/general: controls, no events)
OWN = {"general": Path(__file__).resolve().parent.parent / "tests" / "data" / "general" / "docs"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--out", default="out/snapshot.pkl")
    args = ap.parse_args()
    from kroniek.analysis import FrogServer, analyze
    from kroniek.ingest import read_sources
    from kroniek.models import Document
    out: dict[str, list] = {}
    with FrogServer().start() as frog:
        dirs = {name: Path(args.eval) / sub for name, sub in SETS.items()} | OWN
        for name, folder in dirs.items():
            docs = [d for d in read_sources([str(folder)])
                    if isinstance(d, Document)]
            out[name] = [analyze(d, frog) for d in docs]
            print(f"{name}: {len(docs)} documents", file=sys.stderr)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as fh:
        pickle.dump(out, fh)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
