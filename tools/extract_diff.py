"""Re-run extraction on the kept analyses and compare with a saved export: the check
that a refactoring changes no event.

    python tools/extract_diff.py --save out/baseline.jsonl   # before
    python tools/extract_diff.py out/baseline.jsonl          # after: prints the diff
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evalkit  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline", nargs="?")
    ap.add_argument("--save")
    ap.add_argument("--snapshot", default="out/snapshot.pkl")
    args = ap.parse_args()
    rows = evalkit.records(evalkit.load_snapshot(args.snapshot))
    lines = evalkit.canonical([r for rs in rows.values() for r in rs])
    if args.save:
        Path(args.save).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} events saved to {args.save}")
        return 0
    old = Path(args.baseline).read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(old, lines, "before", "after", lineterm="", n=0))
    for line in diff:
        print(line[:400])
    print(f"{len(old)} events before, {len(lines)} after: "
          f"{'identical' if not diff else 'DIFFERENT'}")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
