"""The events written on a set of controls (articles with no event in them): every one
is a false positive. `make eval` prints this for tests/data/general.

    python tools/controls.py EVENTS.jsonl DOCS_DIR [--name NAME] [--show]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", help="exported PLOVER records (kroniek export --format plover)")
    ap.add_argument("docs", help="folder of the control articles (file stem = doc id)")
    ap.add_argument("--name", default="controls")
    ap.add_argument("--show", action="store_true", help="list the events")
    args = ap.parse_args()
    docs = Path(args.docs)
    if not docs.is_dir():
        print(f"controls: {docs} is no folder", file=sys.stderr)
        return 2
    ids = {p.stem for p in docs.iterdir() if p.is_file() and p.suffix == ".txt"}
    try:
        rows = [json.loads(line) for line in Path(args.events).read_text(
            encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as err:
        print(f"controls: cannot read {args.events}: {err}", file=sys.stderr)
        return 2
    stray = [r for r in rows if r["cite_info"]["doc_id"] in ids]
    hit = sorted({r["cite_info"]["doc_id"] for r in stray})
    print(f"{args.name}: {len(stray)} events written, {len(hit)} of {len(ids)} articles "
          f"with any event (target 0) {' '.join(hit)}".rstrip())
    if args.show:
        for r in stray:
            parties = lambda side: ",".join(p.get("country_code") or "?" for p in r[side])  # noqa: E731
            print(f"  {r['cite_info']['doc_id']} {r['event']} {parties('actor')} -> "
                  f"{parties('recipient')}: {r['event_text'][0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
