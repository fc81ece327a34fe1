"""Screenshots for the README: timeline, network, event page, equipment page.

    python tools/screenshots.py OUTDIR [--db FILE | --demo]

Without --db the sample articles (the repository's `sample/` folder, or --sample DIR)
are run through the real pipeline into a temporary store first. --demo uses the small
hand-built store of tools/demo.py instead (no Frog needed).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import duckdb

from kroniek.web import create_app
from kroniek.web.server import launch_chromium, serve_in_thread

SAMPLE = Path(__file__).resolve().parents[1] / "sample"
VIEWPORT = {"width": 1280, "height": 860}


def build_sample_store(path: str, sample: Path) -> str:
    from kroniek.pipeline import Pipeline
    from kroniek.store import Store, run_lock
    with run_lock(path), Pipeline(Store(path)) as pipeline:
        summary = pipeline.run([str(sample)])
        from kroniek.resolve import resolve
        resolve(pipeline.store)
    print(f"{summary.stored} articles, {summary.events} events from {sample}", file=sys.stderr)
    return path


def pick_targets(db: str) -> dict[str, str]:
    """URLs worth showing: an event whose reports disagree, or else the most reported
    one, an AID event with equipment (RUS -> IRN) first; and the most reported named
    weapon system."""
    con = duckdb.connect(db, read_only=True)
    try:
        row = con.execute("""
            SELECT e.id FROM events e LEFT JOIN event_links l ON l.event_id = e.id
            LEFT JOIN clusters c USING (link)
            ORDER BY coalesce(c.contradicted, false) DESC, coalesce(c.reports, 1) DESC,
                     (e.event = 'AID') DESC,
                     (list_contains(e.actors, 'RUS') AND list_contains(e.recipients, 'IRN')) DESC,
                     json_extract_string(e.record, '$.equipment[0].name') IS NOT NULL DESC,
                     e.status = 'asserted' DESC, len(e.equipment) > 0 DESC, e.date_start, e.id
            LIMIT 1""").fetchone()
        eq = con.execute("""
            SELECT q.name, count(*) n FROM (SELECT unnest(from_json(record->'equipment',
                '[{"name":"VARCHAR"}]')) AS q FROM events) WHERE q.name IS NOT NULL
            GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1""").fetchone()
    finally:
        con.close()
    targets = {"timeline": "/", "network": "/network"}
    if row:
        targets["event"] = "/event/" + quote(row[0], safe="")
    targets["equipment"] = "/equipment/" + quote(eq[0], safe="") if eq else "/equipment"
    return targets


def shoot(db: str, outdir: Path, source: str = "") -> list[Path]:
    from playwright.sync_api import sync_playwright
    outdir.mkdir(parents=True, exist_ok=True)
    targets = pick_targets(db)
    saved = []
    with serve_in_thread(create_app(db)) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            for name, path in targets.items():
                page.goto(base + path, wait_until="networkidle")
                out = outdir / f"{name}.png"
                page.screenshot(path=str(out), full_page=name == "event")
                saved.append(out)
                print(f"{out}  <- {path}", file=sys.stderr)
        finally:
            browser.close()
    (outdir / "screenshots.json").write_text(json.dumps(
        {"pages": targets, "store": source or Path(db).name},
        indent=2) + "\n")
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/screenshots.py",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--db", help="Use this store instead of running the sample.")
    ap.add_argument("--demo", action="store_true", help="Use the hand-built demo store.")
    ap.add_argument("--sample", type=Path, default=SAMPLE, help="Articles to run.")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            db, source = args.db, Path(args.db).name
        elif args.demo:
            from demo import build_demo_store
            db, source = build_demo_store(Path(tmp) / "demo.duckdb"), "hand-built demo store"
        else:
            db = build_sample_store(str(Path(tmp) / "sample.duckdb"), args.sample)
            source = f"real pipeline on {args.sample.name}/"
        shoot(db, args.outdir, source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
