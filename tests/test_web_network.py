"""The actor network page at its own size: every node inside the canvas, labelled, no two
labels overlapping (checked in Chromium), edges as wide as their counts."""
from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from kroniek.models import Document, EntityRef, EventReport
from kroniek.store import DocResult, Store
from kroniek.web import create_app
from kroniek.web.server import CHROMIUM, launch_chromium, serve_in_thread

# a hub with many leaves and a few heavy pairs, as a real store has
ACTORS = ["RUS", "UKR", "IRN", "USA", "PRK", "CHN", "ISR", "DEU", "GBR", "FRA", "POL",
          "BLR", "TUR", "SYR", "NLD", "SWE", "FIN", "JPN", "KOR", "IND"]


def _store(tmp_path) -> str:
    path = str(tmp_path / "net.duckdb")
    results = []
    for k, other in enumerate(ACTORS[1:]):
        for n in range(1 + (k < 3) * 6):  # the first pairs are heavy
            text = f"Rusland en {other} deden zaken nummer {n}."
            doc = Document(f"d{k}-{n}", "2024-05", text)
            ev = EventReport(doc_id=doc.id, doc_date="2024-05", sentence_index=0,
                             char_start=0, char_end=len(text), sentence_text=text,
                             event="ASSAULT" if k % 2 else "AID", mode=["military"],
                             actor=[EntityRef("Rusland", "Russia", "RUS")],
                             recipient=[EntityRef(other, other, other)], equipment=[],
                             status="asserted", attribution=[], date="2024-05",
                             trigger="x")
            results.append(DocResult(doc, [ev], []))
    # pairs of their own, away from the hub (they stretched the old layout)
    for k, (a, b) in enumerate((("CSK", "SUN"), ("MDA", "ROU"), ("ARM", "AZE"))):
        text = f"{a} en {b} deden zaken."
        doc = Document(f"p{k}", "2024-05", text)
        ev = EventReport(doc_id=doc.id, doc_date="2024-05", sentence_index=0, char_start=0,
                         char_end=len(text), sentence_text=text, event="ACCUSE",
                         mode=["diplomatic"], actor=[EntityRef(a, a, a)],
                         recipient=[EntityRef(b, b, b)], equipment=[], status="asserted",
                         attribution=[], date="2024-05", trigger="x")
        results.append(DocResult(doc, [ev], []))
    Store(path).save(results)
    return path


BOXES = """() => {
  const svg = document.querySelector('svg.network').getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; };
  return {svg: [svg.left, svg.top, svg.right, svg.bottom],
          circles: [...document.querySelectorAll('g.nodes circle')].map(box),
          labels: [...document.querySelectorAll('g.nodes text')].map(box),
          edges: [...document.querySelectorAll('a.edge path')].map(box),
          widths: [...document.querySelectorAll('a.edge path')].map(
              e => parseFloat(getComputedStyle(e).strokeWidth))};
}"""


@pytest.mark.browser
def test_network_nodes_fit_the_canvas_and_labels_never_overlap(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make chromium`")
    from playwright.sync_api import sync_playwright
    with serve_in_thread(create_app(_store(tmp_path))) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/network")
        got = page.evaluate(BOXES)
        browser.close()
    sx0, sy0, sx1, sy1 = got["svg"]
    assert len(got["circles"]) == len(ACTORS) + 6 == len(got["labels"])
    inside = lambda b: sx0 - 1 <= b[0] and b[2] <= sx1 + 1 and sy0 - 1 <= b[1] and \
        b[3] <= sy1 + 1  # noqa: E731
    assert all(inside(b) for b in got["circles"] + got["labels"] + got["edges"])
    labels = got["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # the nodes use the canvas, not a third of it: the middle half of them spans more
    # than a third of each side
    xs = [(b[0] + b[2]) / 2 for b in got["circles"]]
    ys = [(b[1] + b[3]) / 2 for b in got["circles"]]
    qx, qy = statistics.quantiles(xs, n=4), statistics.quantiles(ys, n=4)
    assert qx[2] - qx[0] > 0.33 * (sx1 - sx0) and qy[2] - qy[0] > 0.33 * (sy1 - sy0)
    assert max(got["widths"]) > min(got["widths"])  # heavy pairs draw wider edges
