"""Pipeline runs of the bench, each in a child process attached to a Frog server, and
`make eval`'s figures with gating on or off (tools/bench.py, sections 2, 3, 5)."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from bench_corpus import EVAL

BENCH = Path(__file__).resolve().parent / "bench.py"


# --------------------------------------------------------------------------- child runs
def child_run(args: dict) -> dict:
    """One pipeline run in this (child) process; prints and returns its figures."""
    import psutil

    from kroniek.analysis import FrogServer
    from kroniek.pipeline import Pipeline
    from kroniek.store import Store
    me = psutil.Process()
    frog = FrogServer(address=args["frog"]).start()
    store = Store(args["db"])
    rss_trace: list[tuple[int, int]] = []
    count = 0

    def on_document(doc, res):
        nonlocal count
        count += 1
        if count % args.get("trace_every", 1000) == 0:
            rss_trace.append((count, me.memory_info().rss))

    with Pipeline(store, frog=frog, gating=args.get("gating", True),
                  frog_batch=args.get("frog_batch", 10)) as pipeline:
        s = pipeline.run([args["corpus"]], on_document=on_document)
    out = {k: v for k, v in vars(s).items() if isinstance(v, (int, float))}
    out["problems"] = len(s.problems)
    out["quarantined"] = len(s.quarantined)
    out["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["rss_trace"] = rss_trace
    if args.get("export"):
        with open(args["export"], "w", encoding="utf-8") as f:
            for rec in store.events():
                f.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    print(json.dumps(out))
    return out


def run_child(args: dict) -> dict:
    cmd = [sys.executable, str(BENCH), "--child", json.dumps(args)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- eval
def eval_figures(frog_address: str, gating: bool, tmp: Path) -> str:
    """`make eval`'s figures (seed articles and dev set) with gating on or off."""
    from kroniek.analysis import FrogServer
    from kroniek.pipeline import Pipeline
    from kroniek.store import Store
    db = tmp / f"eval-{int(gating)}.duckdb"
    store = Store(db)
    frog = FrogServer(address=frog_address).start()
    with Pipeline(store, frog=frog, gating=gating, frog_batch=10 if gating else 1) as p:
        p.run([str(EVAL / "docs"), str(EVAL / "dev" / "docs")])
    out = tmp / f"eval-{int(gating)}.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for rec in store.events():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    text = []
    for gold, docs in ((EVAL / "seeds.gold.jsonl", EVAL / "docs"),
                       (EVAL / "dev" / "dev.gold.jsonl", EVAL / "dev" / "docs")):
        proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(out),
                               "--docs", str(docs)], capture_output=True, text=True)
        text.append(proc.stdout.strip())
    return "\n".join(text)
