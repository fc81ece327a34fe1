"""Analyse every registered rule example with Frog once and keep the analyses in
tests/rules/analyses.json, so that the rule tests run without Frog.

    python tools/rule_fixtures.py          # adds the missing ones, drops unused ones
    python tools/rule_fixtures.py --check  # exit 1 when one is missing (no Frog needed)

The kept analyses are plain data (words, lemmas, tags, heads, relations, offsets) and
may be corrected by hand where Frog's parse is not the one a rule is about.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "rules" / "analyses.json"


def wanted() -> dict[str, tuple[str, str]]:
    from kroniek.extract import examples, rules
    return {examples.key(e.text, e.date): (e.text, e.date)
            for r in rules.all_rules() for e in r.examples}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    have = json.loads(FIXTURES.read_text(encoding="utf-8")) if FIXTURES.exists() else {}
    want = wanted()
    missing = {k: v for k, v in want.items() if k not in have}
    if args.check:
        for k in missing:
            print(f"no kept analysis for example {k!r}", file=sys.stderr)
        return 1 if missing else 0
    if missing:
        from kroniek.analysis import FrogServer, analyze
        from kroniek.extract import examples
        from kroniek.models import Document
        with FrogServer().start() as frog:
            for k, (text, date) in missing.items():
                have[k] = examples.dump(analyze(Document("example", date, text), frog))
    kept = {k: have[k] for k in sorted(want)}
    FIXTURES.parent.mkdir(parents=True, exist_ok=True)
    FIXTURES.write_text(json.dumps(kept, ensure_ascii=False, indent=0) + "\n",
                        encoding="utf-8")
    print(f"{len(kept)} analyses kept ({len(missing)} new, "
          f"{len(have) - len(kept)} dropped) in {FIXTURES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
