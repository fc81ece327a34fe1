"""What each rule is worth: the strict and record F1 on the shared sets with that rule
switched off, against all rules on (`make ablate`).

    python tools/ablate.py [--snapshot out/snapshot.pkl] [--eval ../shared/eval]
                           [--rules id,id] [--jobs 2] [--json FILE]

Extraction runs on kept Frog analyses (tools/snapshot.py), so one rule costs about two
seconds. A rule whose removal changes no event on these sets is listed at the end: a
candidate for removal, or for a better example and test. `make eval RULES_OFF=id` gives
the same figures for one rule with a full run.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evalkit  # noqa: E402

SETS = ("seed", "dev", "real")


def _measure(args: tuple[str, tuple[str, ...], str]) -> tuple[tuple[str, ...], dict, list[str]]:
    snapshot, off, eval_dir = args
    from kroniek.extract import rules
    rules.configure(off)
    rows = evalkit.records(evalkit.load_snapshot(snapshot))
    lines = evalkit.canonical([r for rs in rows.values() for r in rs])
    return off, evalkit.figures(rows, eval_dir), lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snapshot", default="out/snapshot.pkl")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--rules", default="", help="only these ids (comma-separated)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default="", help="also write the figures here")
    args = ap.parse_args()
    from kroniek.extract import rules
    every = rules.all_rules()
    chosen = [r for r in every if not args.rules or r.id in args.rules.split(",")]
    jobs = [(args.snapshot, (), args.eval)] + [(args.snapshot, (r.id,), args.eval)
                                               for r in chosen]
    ctx = mp.get_context("fork")
    with ctx.Pool(max(1, args.jobs)) as pool:
        results = pool.map(_measure, jobs, chunksize=1)
    _, base, base_lines = results[0]
    base_set = set(base_lines)
    print("all rules on: " + "  ".join(
        f"{s} strict {base[s]['strict_f1']:.3f} record {base[s]['record_f1']:.3f}"
        for s in SETS))
    print(f"\n{'rule':52} {'stage':12} " + " ".join(f"{s + ' strict':>12} {s + ' rec':>9}"
                                                  for s in SETS) + f" {'events':>7}")
    out, idle = [], []
    for (off, fig, lines), r in zip(results[1:], chosen):
        changed = len(base_set.symmetric_difference(lines))
        delta = {s: {k: round(fig[s][k] - base[s][k], 3) for k in ("strict_f1", "record_f1")}
                 for s in SETS}
        out.append({"rule": r.id, "stage": r.stage, "events_changed": changed,
                    "figures": fig, "delta": delta})
        if not changed:
            idle.append(r.id)
        cells = " ".join(f"{delta[s]['strict_f1']:>+12.3f} {delta[s]['record_f1']:>+9.3f}"
                         for s in SETS)
        print(f"{r.id:52} {r.stage:12} {cells} {changed:>7}")
    print(f"\n{len(chosen)} rules; {len(idle)} change no event on these sets "
          f"(candidates for removal or a better test):")
    for i in idle:
        print(f"  {i}")
    if args.json:
        Path(args.json).write_text(json.dumps({"base": base, "rules": out}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
