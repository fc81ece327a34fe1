"""`make bench`: throughput, memory and scaling figures from one run.

    python tools/bench.py [--articles N] [--offtopic 0.5] [--seed 7] [--quick]
                          [--ray-articles N] [--ray-rounds 2] [--gating-articles N]
                          [--memory 1000,10000] [--events 1000000] [--no-ray]
                          [--frogs N] [--frogs-articles N] [--frogs-rounds 2] [--no-frogs]
                          [--only-frogs] [--feed-offtopic 0.9] [--only-feed]

Sections (see BENCHMARKS.md for what they mean and the figures of a run):
 1. corpus   N seeded Dutch articles: a share `--offtopic` entirely off-topic (filler
             written for kroniek: weather, sports, culture, economy ...), the rest
             dev-set military articles with 1-3 off-topic paragraphs mixed in.
 2. run      the pipeline (gating on) over the corpus in a child process attached to
             one Frog server: articles/min, words/s, share of wall time in Frog, the
             pipeline's own overhead, peak RSS of kroniek's process and of Frog.
 3. gating   Frog time with gating on vs off on the same articles; whether the events
             are identical; `make eval` figures with gating on and off; the same cut
             on a general-news feed, `--feed-offtopic` (0.9) of its words off-topic,
             with an ideal gate's floor beside it. `--only-feed`: this feed alone.
 4. ray      throughput with 1 and 2 Ray workers (each with its own Frog), in interleaved
             rounds; the speed-up is that of the summed times.
 4b. frogs   a local run (no Ray) with 1 Frog and with N (`--frogs`, default one per core
             within memory, at least 2), in interleaved rounds like [4]; whether the
             stores' events are identical. `--only-frogs`: the corpus and this alone.
 5. memory   kroniek's peak RSS at 1,000 and 10,000 articles: the corpus' texts cycled
             with new ids and dates (all stored), Frog's answers replayed by a caching
             stand-in server (a separate process), so a 10,000-article run takes minutes.
 6. timeline p50/p95 of the timeline queries on a store of 1 M synthetic events.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import (FEED_OFFTOPIC_WORDS, ROOT, cycled, make_corpus,  # noqa: E402
                          make_feed, military_text, write_jsonl)
from bench_frog import FrogSampler, ReplayFrog, frog_processes_under  # noqa: E402
from bench_runs import child_run, eval_figures, run_child  # noqa: E402
from bench_timeline import build_event_store, timeline_latency  # noqa: E402


# --------------------------------------------------------------------------- main
def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def machine() -> str:
    import psutil
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    osname = platform.platform()
    try:
        osname = dict(line.strip().split("=", 1) for line in open("/etc/os-release")
                      if "=" in line).get("PRETTY_NAME", osname).strip('"')
    except OSError:
        pass
    return (f"{psutil.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GB, "
            f"{osname}, Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/bench.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=600, help="articles in the main run")
    ap.add_argument("--offtopic", type=float, default=0.5, help="share of off-topic articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gating-articles", type=int, default=150,
                    help="articles for the gating on/off comparison")
    ap.add_argument("--ray-articles", type=int, default=400,
                    help="articles for the 1 vs 2 Ray workers comparison")
    ap.add_argument("--memory", default="1000,10000", help="article counts of the memory runs")
    ap.add_argument("--events", type=int, default=1_000_000,
                    help="synthetic events for the timeline query")
    ap.add_argument("--ray-rounds", type=int, default=2,
                    help="rounds of the Ray comparison (1 then 2 workers each)")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--frogs", type=int, default=None,
                    help="Frogs of the local comparison (default: one per core, at least 2)")
    ap.add_argument("--frogs-articles", type=int, default=400,
                    help="articles for the 1 vs N local Frogs comparison")
    ap.add_argument("--frogs-rounds", type=int, default=2,
                    help="rounds of the local Frogs comparison (1 then N Frogs each)")
    ap.add_argument("--no-frogs", action="store_true")
    ap.add_argument("--only-frogs", action="store_true",
                    help="only the corpus and the local Frogs comparison")
    ap.add_argument("--feed-offtopic", type=float, default=FEED_OFFTOPIC_WORDS,
                    help="share of the words off-topic in the feed of the gating figure")
    ap.add_argument("--only-feed", action="store_true",
                    help="only the gating figure on the feed (gating on, off, ideal gate)")
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        child_run(json.loads(a.child))
        return 0
    if a.quick:
        a.articles, a.gating_articles, a.ray_articles, a.ray_rounds = 120, 60, 60, 1
        a.frogs_articles, a.frogs_rounds = 60, 1
        a.memory, a.events = "300,3000", 200_000
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import psutil

    from kroniek.analysis import FrogServer
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=out))
    t_all = time.perf_counter()
    print(f"kroniek bench  {dt.datetime.now():%Y-%m-%d %H:%M}  {machine()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    # 1. corpus
    rows = make_corpus(a.articles, a.offtopic, a.seed)
    corpus = write_jsonl(rows, tmp / "corpus.jsonl")
    words = sum(len(r["text"].split()) for r in rows)
    mil = sum(r["id"].endswith("mil") for r in rows)
    print(f"\n[1] corpus: {len(rows)} articles ({mil} military with off-topic paragraphs, "
          f"{len(rows) - mil} off-topic), {words:,} words, seed {a.seed}")

    if a.only_frogs:
        local_frogs(rows, a, tmp)
        return 0
    if a.only_feed:
        a.no_eval = True

    # one Frog server for the local runs (children attach to it)
    t0 = time.perf_counter()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the pipeline does (pipeline.py)
    frog = FrogServer().start()
    frog_start = time.perf_counter() - t0
    print(f"    Frog server started in {frog_start:.1f} s")
    roots = lambda: [p for p in [psutil.Process(frog.proc.pid)] if p.is_running()]  # noqa
    if a.only_feed:
        try:
            feed_gating(frog.address, a, tmp)
        finally:
            frog.close()
        return 0
    results: dict = {"frog_start": frog_start}
    try:
        # 2. main run
        with FrogSampler(roots) as fs:
            r = run_child({"frog": frog.address, "db": str(tmp / "main.duckdb"),
                           "corpus": str(corpus), "gating": True, "trace_every": 10**9})
        wall, frog_s = r["seconds"], r["frog_seconds"]
        own = r["gate_seconds"] + r["extract_seconds"] + r["store_seconds"]
        print(f"\n[2] run (gating on, {r['frog_requests']} Frog requests for "
              f"{r['read']} articles): {wall:.1f} s")
        print(f"    articles per minute       {r['read'] / wall * 60:,.0f}")
        print(f"    words per second          {words / wall:,.0f}")
        print(f"    wall time in Frog         {frog_s / wall:.1%}")
        print(f"    pipeline overhead         {(wall - frog_s) / wall:.1%} of wall time beyond "
              f"Frog (kroniek's own work: {own:.1f} s = gating+ucto {r['gate_seconds']:.1f} s, "
              f"extraction {r['extract_seconds']:.1f} s, store {r['store_seconds']:.1f} s; "
              f"mostly done while Frog works on the next batch)")
        print(f"    Frog saw {r['sentences_sent']:,} of {r['sentences']:,} sentences; "
              f"{r['skipped']} articles needed no Frog, {r['partial']} in part; "
              f"{r['fallbacks']} re-analysed whole; {r['events']} events")
        print(f"    peak RSS kroniek process  {mb(r['peak_rss'])}")
        print(f"    peak RSS Frog server      {mb(max(fs.server_peak.values()))}; request "
              f"child {mb(fs.child_peak)} (a fork: shares the server's pages)")
        results["run"] = r

        # 3. gating on vs off
        sub = write_jsonl(rows[:a.gating_articles], tmp / "gating.jsonl")
        figs = {}
        for name, gating, batch in (("on", True, 10), ("off", False, 10),
                                    ("plain", False, 1)):
            figs[name] = run_child({"frog": frog.address, "db": str(tmp / f"g-{name}.duckdb"),
                                    "corpus": str(sub), "gating": gating, "frog_batch": batch,
                                    "export": str(tmp / f"g-{name}.jsonl")})
        figs["floor"] = run_child({"frog": frog.address, "db": str(tmp / "g-floor.duckdb"),
                                   "corpus": str(write_jsonl(military_text(
                                       rows[:a.gating_articles]), tmp / "floor.jsonl")),
                                   "gating": False, "frog_batch": 10})
        same = (tmp / "g-on.jsonl").read_text() == (tmp / "g-plain.jsonl").read_text()
        same_off = (tmp / "g-off.jsonl").read_text() == (tmp / "g-plain.jsonl").read_text()
        on, off, plain = figs["on"], figs["off"], figs["plain"]
        print(f"\n[3] gating, {a.gating_articles} articles "
              f"({sum(1 for x in rows[:a.gating_articles] if x['id'].endswith('off'))} off-topic)")
        print(f"    Frog time gating off      {off['frog_seconds']:.1f} s "
              f"({off['sentences_sent']:,} sentences)")
        print(f"    Frog time gating on       {on['frog_seconds']:.1f} s "
              f"({on['sentences_sent']:,} sentences)  -> "
              f"{off['frog_seconds'] / max(on['frog_seconds'], 1e-9):.1f}x less")
        fl = figs["floor"]
        print(f"    military text alone       {fl['frog_seconds']:.1f} s ({fl['sentences_sent']:,} "
              f"sentences; {fl['words']:,} of {off['words']:,} words): the most any gate "
              f"could save here is "
              f"{off['frog_seconds'] / max(fl['frog_seconds'], 1e-9):.1f}x")
        print(f"    one request per article   {plain['frog_seconds']:.1f} s Frog "
              f"(no batching, no gating): gating+batching "
              f"{plain['frog_seconds'] / max(on['frog_seconds'], 1e-9):.1f}x less")
        print(f"    events identical (on / batched off vs one request per article): "
              f"{'yes' if same else 'NO'} / {'yes' if same_off else 'NO'} "
              f"({on['events']} events)")
        results["gating"] = figs
        results["feed"] = feed_gating(frog.address, a, tmp)
        if not a.no_eval:
            ev_on = eval_figures(frog.address, True, tmp)
            ev_off = eval_figures(frog.address, False, tmp)
            print(f"    make eval figures identical with gating on and off: "
                  f"{'yes' if ev_on == ev_off else 'NO'}")
            for name, block in zip(("seed articles", "dev set"), ev_on.split("documents:")[1:]):
                f = dict(line.split(": ", 1) for line in block.strip().splitlines()[1:]
                         if ": " in line)
                print(f"      {name:14} P {f.get('precision')}  R {f.get('recall')}  "
                      f"F1 {f.get('f1')}  attributes {f.get('attribute_accuracy')}")
            results["eval_same"] = ev_on == ev_off

        # 5. memory (before Ray: the replay server uses the local Frog)
        counts = [int(x) for x in a.memory.split(",") if x.strip()]
        replay = ReplayFrog(frog.address)
        th = threading.Thread(target=replay.serve_forever, daemon=True)
        th.start()
        base = rows[:min(len(rows), 300)]
        mem = {}
        try:
            for n in counts:
                path = write_jsonl(cycled(base, n), tmp / f"mem-{n}.jsonl")
                mem[n] = run_child({"frog": replay.address, "db": str(tmp / f"mem-{n}.duckdb"),
                                    "corpus": str(path), "gating": True,
                                    "trace_every": max(1, n // 5)})
        finally:
            replay.shutdown()
        print(f"\n[5] memory: articles cycling through {len(base)} texts (new ids and dates); "
              f"Frog answers replayed ({replay.hits} requests from cache, "
              f"{replay.misses} from Frog)")
        for n, m in mem.items():
            trace = ", ".join(f"{c:,}: {mb(v)}" for c, v in m["rss_trace"])
            print(f"    {n:>6,} articles: peak RSS {mb(m['peak_rss'])}  "
                  f"({m['read'] / m['seconds'] * 60:,.0f} articles/min without Frog; "
                  f"{m['events']:,} events; RSS after {trace})")
        results["memory"] = mem
    finally:
        frog.close()

    # 4. Ray
    if not a.no_ray:
        from kroniek.distributed import run_ray
        from kroniek.store import Store
        sub = rows[:a.ray_articles]
        path = write_jsonl(sub, tmp / "ray.jsonl")
        me = os.getpid()
        # Rounds of 1 then 2 workers, interleaved: Frog's speed on this machine drifts by
        # about 10 % over minutes, which one pair of runs cannot tell from the speed-up.
        runs = []
        for k in range(a.ray_rounds):
            for w in (1, 2):
                with FrogSampler(lambda: frog_processes_under(me)) as fs:
                    s = run_ray([str(path)], Store(tmp / f"ray-{k}-{w}.duckdb"), workers=w)
                # from the workers' start-up to the last result stored (not the shutdown
                # of Ray and the Frogs after it)
                runs.append((k, w, s, s.finished_seconds - s.startup_seconds, fs))
        print(f"\n[4] Ray, {len(sub)} articles (gating on), throughput from the workers' "
              f"start-up to the last result stored; {a.ray_rounds} rounds of 1 then 2 workers")
        for k, w, s, busy, fs in runs:
            peak = max(fs.server_peak.values()) if fs.server_peak else 0
            print(f"    round {k + 1}, {w} worker{'s' if w > 1 else ' '}: "
                  f"{s.read / busy * 60:,.0f} articles/min "
                  f"({busy:.1f} s; start-up {s.startup_seconds:.1f} s, shut-down "
                  f"{s.seconds - s.finished_seconds:.1f} s; Frog busy {s.frog_seconds:.1f} s; "
                  f"peak RSS per Frog server {mb(peak)})")
        busy = {w: [b for _, v, _, b, _ in runs if v == w] for w in (1, 2)}
        rounds = ", ".join(f"{b1 / b2:.2f}x" for b1, b2 in zip(busy[1], busy[2]))
        r1, r2 = sum(busy[1]), sum(busy[2])
        print(f"    speed-up 2 vs 1 workers: {r1 / r2:.2f}x over all rounds "
              f"(each round: {rounds})")
        results["ray_speedup"] = r1 / r2

    # 4b. local Frogs
    if not a.no_frogs:
        results["frogs_speedup"] = local_frogs(rows, a, tmp)

    # 6. timeline query
    db = str(tmp / "events.duckdb")
    build = build_event_store(db, a.events)
    lat = timeline_latency(db)
    size = os.path.getsize(db)
    print(f"\n[6] timeline query, {a.events:,} synthetic events ({mb(size)} store, "
          f"built in {build:.0f} s)")
    for k in ("store.events", "web page", "connect"):
        p50, p95 = lat[k]
        label = {"store.events": "Store.events(filter, limit=50)",
                 "web page": "web timeline page (counts + page)",
                 "connect": "  of which opening the store"}[k]
        print(f"    {label:36} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms")
    print("    p95 per filter: " + ", ".join(f"{k} {v * 1000:.0f} ms"
                                              for k, v in lat["per filter p95"].items()))
    print(f"    page 201 of all events (OFFSET 10000): {lat['deep page'] * 1000:.0f} ms")
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"bench took {(time.perf_counter() - t_all) / 60:.1f} min; files in {tmp}")
    return 0


def feed_gating(frog_address: str, a, tmp: Path) -> dict:
    """[3] on a general-news feed (`--feed-offtopic` of the words off-topic): Frog time
    with gating off, on, and for the military text alone (an ideal gate's floor);
    whether the events are the same with gating on and off. Runs off, on, floor, then
    on and off again (Frog's speed drifts over minutes); times are the sums."""
    rows = make_feed(a.gating_articles, a.feed_offtopic, a.seed)
    floor_rows = military_text(rows)
    inputs = {"on": (rows, True), "off": (rows, False), "floor": (floor_rows, False)}
    runs: dict[str, list[dict]] = {k: [] for k in inputs}
    for k, name in enumerate(("off", "on", "floor", "on", "off")):
        corpus_rows, gating = inputs[name]
        runs[name].append(run_child({
            "frog": frog_address, "db": str(tmp / f"feed-{name}-{k}.duckdb"),
            "corpus": str(write_jsonl(corpus_rows, tmp / f"feed-{name}.jsonl")),
            "gating": gating, "frog_batch": 10,
            "export": str(tmp / f"feed-{name}-{k}-events.jsonl")}))
    exports = {k: (tmp / f"feed-{name}-{k}-events.jsonl").read_text()
               for k, name in enumerate(("off", "on", "floor", "on", "off"))}
    same = exports[0] == exports[1] == exports[3] == exports[4]
    frog_s = {k: sum(r["frog_seconds"] for r in v) for k, v in runs.items()}
    frog_s["floor"] *= 2  # one floor run against two of each other
    fw = sum(len(r["text"].split()) for r in rows)
    mw = sum(len(r["text"].split()) for r in floor_rows)
    on, off = runs["on"][0], runs["off"][0]

    def each(name: str) -> str:
        return " + ".join(f"{r['frog_seconds']:.1f}" for r in runs[name])
    print(f"\n[3] gating on a general-news feed: {len(rows)} articles "
          f"({sum(r['id'].endswith('off') for r in rows)} off-topic), {fw:,} words of which "
          f"{1 - mw / fw:.1%} off-topic (the {len(floor_rows)} military articles' "
          f"{mw:,} dev-set words are the rest)")
    print(f"    Frog time gating off      {frog_s['off']:.1f} s over 2 runs "
          f"({each('off')} s; "
          f"{off['sentences_sent']:,} sentences)")
    print(f"    Frog time gating on       {frog_s['on']:.1f} s over 2 runs "
          f"({each('on')} s; {on['sentences_sent']:,} of {on['sentences']:,} sentences): "
          f"{frog_s['off'] / max(frog_s['on'], 1e-9):.1f}x less")
    print(f"    military text alone       {frog_s['floor'] / 2:.1f} s a run: an ideal gate "
          f"would cut {frog_s['off'] / max(frog_s['floor'], 1e-9):.1f}x")
    print(f"    events identical with gating on and off (both runs each): "
          f"{'yes' if same else 'NO'} ({on['events']} events)")
    return {"runs": runs, "same": same,
            "cut": frog_s["off"] / max(frog_s["on"], 1e-9),
            "ideal": frog_s["off"] / max(frog_s["floor"], 1e-9)}


def local_frogs(rows: list[dict], a, tmp: Path) -> float:
    """[4b] One local run with 1 Frog and one with N, in interleaved rounds; returns the
    speed-up of the summed times (from the Frogs ready to the last batch stored)."""
    from kroniek.analysis.pool import frog_count
    from kroniek.pipeline import Pipeline
    from kroniek.store import Store
    n = a.frogs or max(2, frog_count()[0])
    sub = rows[:a.frogs_articles]
    path = write_jsonl(sub, tmp / "frogs.jsonl")
    me = os.getpid()
    runs, exports = [], {}
    for k in range(a.frogs_rounds):
        for w in (1, n):
            store = Store(tmp / f"frogs-{k}-{w}.duckdb")
            with FrogSampler(lambda: frog_processes_under(me)) as fs:
                with Pipeline(store, frogs=w) as p:
                    t0 = time.perf_counter()
                    started = p.pool.ready()
                    startup = time.perf_counter() - t0
                    s = p.run([str(path)])
            exports[(k, w)] = sorted(json.dumps(e, sort_keys=True, ensure_ascii=False)
                                     for e in store.events())
            runs.append((k, w, started, s, startup, fs))
    print(f"\n[4b] local Frogs, {len(sub)} articles (gating on), throughput from the Frogs "
          f"ready to the last batch stored; {a.frogs_rounds} rounds of 1 then {n} Frogs")
    for k, w, started, s, startup, fs in runs:
        peak = max(fs.server_peak.values()) if fs.server_peak else 0
        print(f"    round {k + 1}, {w} Frog{'s' if w > 1 else ' '}: "
              f"{s.read / s.seconds * 60:,.0f} articles/min ({s.seconds:.1f} s; "
              f"{started} Frog{'s' if started > 1 else ''} started in {startup:.1f} s; "
              f"Frog busy {s.frog_seconds:.1f} s summed, the Frogs idle "
              f"{1 - s.frog_seconds / (started * s.seconds):.1%} of the run; peak RSS per "
              f"Frog server {mb(peak)})")
    busy = {w: [s.seconds for _, v, _, s, _, _ in runs if v == w] for w in (1, n)}
    rounds = ", ".join(f"{b1 / b2:.2f}x" for b1, b2 in zip(busy[1], busy[n]))
    r1, rn = sum(busy[1]), sum(busy[n])
    same = all(exports[(k, n)] == exports[(k, 1)] for k in range(a.frogs_rounds))
    print(f"    speed-up {n} vs 1 Frogs: {r1 / rn:.2f}x over all rounds (each round: "
          f"{rounds}); events identical: {'yes' if same else 'NO'} "
          f"({len(exports[(0, 1)])} events)")
    return r1 / rn


if __name__ == "__main__":
    sys.exit(main())
