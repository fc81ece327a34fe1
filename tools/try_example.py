"""Run the extractor on Dutch sentences with Frog and print the events, the way a rule
example is checked (`describe` form), with the rules that fired; --off ID switches
rules off. For writing rule examples.

    python tools/try_example.py "Rusland viel Oekraïne aan." ["another text" ...] [--off ID]
"""
from __future__ import annotations

import argparse


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("texts", nargs="+")
    ap.add_argument("--off", default="")
    ap.add_argument("--date", default="2024-05")
    args = ap.parse_args()
    from kroniek.analysis import FrogServer, analyze
    from kroniek.extract import examples, extract, rules
    from kroniek.models import Document
    with FrogServer().start() as frog:
        for text in args.texts:
            analyzed = analyze(Document("example", args.date, text), frog)
            print(f"== {text}")
            for off in ([()] + ([args.off.split(",")] if args.off else [])):
                rules.configure(off)
                events, _ = extract(examples.load(examples.dump(analyzed)))
                label = f"off {','.join(off)}: " if off else ""
                for e in events:
                    print(f"  {label}{examples.describe(e)}   rules={e.rules}")
                if not events:
                    print(f"  {label}no events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
