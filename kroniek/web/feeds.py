"""Atom feeds of the watches (kroniek/watch.py): /feeds/NAME.atom and /feeds/all.atom,
one entry per new or changed event. Read-only: the server never marks a watch seen."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from .. import watch as W
from .deps import open_db

router = APIRouter(include_in_schema=False)
MEDIA = "application/atom+xml; charset=utf-8"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/feeds/all.atom")
def all_feed(request: Request):
    with open_db(request) as con:
        return Response(W.feed(con, None, _base(request)), media_type=MEDIA)


@router.get("/feeds/{name}.atom")
def watch_feed(request: Request, name: str = Path(..., min_length=1, max_length=64)):
    with open_db(request) as con:
        try:
            data = W.feed(con, name, _base(request))
        except W.WatchError as e:
            raise HTTPException(404, str(e)) from None
    return Response(data, media_type=MEDIA)


def watch_counts(request: Request) -> list[dict]:
    """The home page's list: each watch with its count of new items."""
    with open_db(request) as con:
        return [{"name": w.name, "filters": w.describe(), "new": n}
                for w, n in W.counts(con)]
