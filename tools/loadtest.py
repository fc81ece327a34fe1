"""A small load test of the web server.

    python tools/loadtest.py --db FILE [--clients 50] [--seconds 30] [--url URL]

Starts `kroniek serve` on a free loopback port in a child process (unless --url points
at a running server), then CLIENTS concurrent async clients request a mix of pages and
API calls for SECONDS. Prints requests, errors, throughput and latency percentiles.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from urllib.parse import quote

import httpx

from kroniek.web.server import serve_in_process


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def route_of(url: str) -> str:
    """'/event/abc' -> '/event/{id}', '/?actor=X' -> '/'."""
    parts = url.split("?")[0].split("/")
    if (len(parts) == 3 and parts[1] in ("event", "equipment")) or \
            (len(parts) == 4 and parts[1] == "api"):
        parts[-1] = "{id}"
    return "/".join(parts) or "/"


def url_mix(base: str) -> list[str]:
    """Pages and API calls, with real ids taken from the store."""
    with httpx.Client(base_url=base, timeout=30) as client:
        events = client.get("/api/events", params={"limit": 20}).json()["items"]
        equipment = client.get("/api/equipment", params={"limit": 5}).json()["items"]
    urls = ["/", "/?zoom=day", "/network", "/equipment", "/search?q=Iran",
            "/api/events?limit=50", "/api/network", "/api/timeline?zoom=month",
            "/api/search?q=Teheran", "/api/facets", "/api/clusters?limit=50"]
    for e in events[:5]:
        urls += ["/event/" + quote(e["id"], safe=""), "/api/events/" + quote(e["id"], safe="")]
    if events:
        e = events[0]
        code = (e["actor"] or [{}])[0].get("country_code")
        if code:
            urls += [f"/?actor={code}", f"/network?node={code}"]
    for q in equipment[:2]:
        urls.append("/equipment/" + quote(q["name"] or q["class"], safe=""))
    return urls


async def run(base: str, clients: int, seconds: float) -> dict:
    urls = url_mix(base)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    per_url: dict[str, list[float]] = {}
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def worker(i: int) -> None:
            n = i
            while time.perf_counter() < deadline:
                url = urls[n % len(urls)]
                n += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    ok = r.status_code == 200
                    key = f"HTTP {r.status_code}"
                except httpx.HTTPError as err:
                    ok, key = False, type(err).__name__
                dt = time.perf_counter() - t0
                latencies.append(dt)
                per_url.setdefault(route_of(url), []).append(dt)
                if not ok:
                    errors[key] = errors.get(key, 0) + 1
        t_start = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - t_start
    return {"requests": len(latencies), "errors": sum(errors.values()), "error_kinds": errors,
            "seconds": elapsed, "rps": len(latencies) / elapsed if elapsed else 0.0,
            "p50_ms": percentile(latencies, 50) * 1000, "p95_ms": percentile(latencies, 95) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000,
            "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
            "urls": len(urls),
            "per_route_p50_ms": {k: round(percentile(v, 50) * 1000, 1)
                                 for k, v in sorted(per_url.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/loadtest.py",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="The store to serve.")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--url", help="Test this running server instead of starting one.")
    args = ap.parse_args(argv)
    ctx = contextlib.nullcontext(args.url) if args.url else serve_in_process(args.db)
    with ctx as base:
        res = asyncio.run(run(base, args.clients, args.seconds))
    print(f"{args.clients} clients, {res['seconds']:.1f} s, {res['urls']} distinct URLs "
          f"(pages and API) against {base}")
    print(f"requests {res['requests']}  errors {res['errors']}"
          + (f" {res['error_kinds']}" if res["errors"] else "")
          + f"  throughput {res['rps']:.1f}/s")
    print(f"latency p50 {res['p50_ms']:.1f} ms  p95 {res['p95_ms']:.1f} ms  "
          f"p99 {res['p99_ms']:.1f} ms  mean {res['mean_ms']:.1f} ms")
    print("p50 per route: " + ", ".join(f"{k} {v} ms"
                                        for k, v in res["per_route_p50_ms"].items()))
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
