"""The FastAPI application: pages, JSON API, offline API docs, security guard."""
from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..models import EVENT_TYPES, STATUSES
from ..store import Store, StoreBusy
from . import queries as Q
from .security import Guard

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


class StoreCache:
    """Per-store memo (labels, facets) dropped whenever the database file changes."""

    def __init__(self, path: str):
        self.path = path
        self._key = None
        self._data: dict = {}
        self._lock = threading.Lock()

    def _stamp(self):
        out = []
        for p in (self.path, self.path + ".wal"):
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self, name: str, compute: Callable[[], object]):
        stamp = self._stamp()
        with self._lock:
            if stamp != self._key:
                self._key, self._data = stamp, {}
            if name in self._data:
                return self._data[name]
        value = compute()
        with self._lock:
            if stamp == self._key:
                self._data[name] = value
        return value


@contextlib.contextmanager
def open_db(request: Request) -> Iterator:
    """A read-only connection for one request (waits briefly while a writer is busy)."""
    with request.app.state.store.connect() as con:
        # small queries from many concurrent requests: one DuckDB thread each is faster
        # than every query fanning out over all cores
        con.execute("SET threads = 1")
        yield con


def labels(request: Request, con) -> dict[str, str]:
    return request.app.state.cache.get("labels", lambda: Q.labels(con))


def facets(request: Request, con) -> dict:
    return request.app.state.cache.get("facets", lambda: Q.facets(con))


def event_filter(
        actor: str | None = Query(None, description="Actor code, e.g. RUS, IRN, NATO."),
        recipient: str | None = Query(None, description="Recipient code."),
        type: str | None = Query(None, description="PLOVER event type: "
                                 + ", ".join(EVENT_TYPES)),
        equipment: str | None = Query(None, description="Weapon system name or class "
                                      "(Su-35, Shahed-136, drone ...)."),
        status: str | None = Query(None, description="One of " + ", ".join(STATUSES)),
        since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD."),
        until: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")):
    try:
        return Q.make_filter(actor, recipient, type, equipment, status, since, until)
    except Q.BadQuery as err:
        raise HTTPException(422, str(err)) from None


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(qs=qs, EVENT_TYPES=EVENT_TYPES, STATUSES=STATUSES,
                       safe_url=safe_url, short=short, seg=seg, pretty=pretty)
    return Jinja2Templates(env=env)


def qs(params: dict, **changes) -> str:
    """'?a=1&b=2' from PARAMS with CHANGES applied (None or '' removes a key)."""
    merged = {**params, **changes}
    items = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(items) if items else "?"


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link, else None (no javascript:, data: ...)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def seg(value: str) -> str:
    """VALUE quoted as one URL path segment."""
    return quote(str(value), safe="")


def pretty(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)


def short(text: str, n: int = 240) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def create_app(db_path: str, token: str | None = None) -> FastAPI:
    """The web front end and JSON API over the store at DB_PATH (opened read-only)."""
    from . import api, pages
    app = FastAPI(title="kroniek", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read-only JSON API over a kroniek store: events extracted "
                  "from Dutch news, each traced to its sentence. All list endpoints take "
                  "`limit` and `offset` and return `total`.")
    app.state.store = Store(db_path, read_only=True)
    app.state.cache = StoreCache(str(db_path))
    app.state.templates = make_templates()
    app.state.token = token
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith(("/api/", "/openapi"))

    def error(request: Request, status: int, message: str, headers=None):
        if wants_json(request):
            return JSONResponse({"detail": message}, status, headers=headers)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message},
            status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if wants_json(request):
            return JSONResponse({"detail": jsonable(exc.errors())}, 422)
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", [])[1:]), e.get("msg"))
                 for e in exc.errors()]
        return error(request, 422, "; ".join(parts))

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):
        return error(request, 503, str(exc), {"Retry-After": "2"})

    @app.exception_handler(FileNotFoundError)
    async def missing(request: Request, exc: FileNotFoundError):
        return error(request, 503, str(exc))

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return app.state.templates.TemplateResponse(request, "docs.html", {})

    app.add_middleware(Guard, token=token)
    return app


def jsonable(errors) -> list:
    from fastapi.encoders import jsonable_encoder
    return jsonable_encoder(errors)
