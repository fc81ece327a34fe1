"""Analyse every registered rule example with Frog once and keep the analyses in
tests/rules/analyses/ (one file per example), so that the rule tests run without Frog.

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

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "rules" / "analyses"


def wanted() -> dict[str, tuple[str, str]]:
    from kroniek.extract import examples, rules
    return {examples.key(e.text, e.date): (e.text, e.date)
            for r in rules.all_rules() for e in r.examples}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    from kroniek.extract import examples
    have = {f.stem: f for f in FIXTURES.glob("*.json")} if FIXTURES.exists() else {}
    want = {examples.file_key(text, date): (text, date) for text, date in wanted().values()}
    missing = {k: v for k, v in want.items() if k not in have}
    if args.check:
        for k in missing:
            print(f"no kept analysis for example {k!r}", file=sys.stderr)
        return 1 if missing else 0
    if missing:
        from kroniek.analysis import FrogServer, analyze
        from kroniek.extract import examples
        from kroniek.models import Document
        FIXTURES.mkdir(parents=True, exist_ok=True)
        with FrogServer().start() as frog:
            for k, (text, date) in missing.items():
                data = examples.dump(analyze(Document("example", date, text), frog))
                (FIXTURES / f"{k}.json").write_text(
                    json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    dropped = [f for k, f in have.items() if k not in want]
    for f in dropped:
        f.unlink()
    print(f"{len(want)} analyses kept ({len(missing)} new, {len(dropped)} dropped) "
          f"in {FIXTURES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
