"""Ids with '/' (a URL as a JSON Lines id) open in the web app and the API."""
from __future__ import annotations

from urllib.parse import quote

import httpx

from kroniek.models import Document, EntityRef, EventReport
from kroniek.store import DocResult, Store
from kroniek.web import create_app
from kroniek.web.server import serve_in_thread


def test_ids_with_slashes_open_everywhere(tmp_path):
    path = str(tmp_path / "k.duckdb")
    doc = Document("https://nieuws.example/2024/05/drones", "2024-05",
                   "Iran levert drones aan Rusland.")
    ev = EventReport(doc_id=doc.id, doc_date="2024-05", sentence_index=0, char_start=0,
                     char_end=len(doc.text), sentence_text=doc.text, event="AID",
                     mode=["military"], actor=[EntityRef("Iran", "Iran", "IRN")],
                     recipient=[EntityRef("Rusland", "Russia", "RUS")], equipment=[],
                     status="asserted", attribution=[], date="2024-05", trigger="levert")
    Store(path).save([DocResult(doc, [ev], [])])
    with serve_in_thread(create_app(path)) as base:
        for url in (f"/api/documents/{quote(doc.id, safe='')}", f"/document/{quote(doc.id, safe='')}",
                    f"/api/events/{quote(ev.id, safe='')}", f"/event/{quote(ev.id, safe='')}"):
            r = httpx.get(base + url, timeout=10)
            assert r.status_code == 200, (url, r.status_code)
        page = httpx.get(base + "/", timeout=10).text
        link = page.split('href="/event/')[1].split('"')[0]
        assert httpx.get(f"{base}/event/{link}", timeout=10).status_code == 200
