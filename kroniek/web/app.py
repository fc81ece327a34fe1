"""The FastAPI application: pages, JSON API, offline API docs, security guard."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..store import Store, StoreBusy
from . import api, feeds, pages, write as write_routes
from .deps import StoreCache
from .security import LOCAL_HOSTS, Guard
from .templating import make_templates

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"


def create_app(db_path: str, token: str | None = None,
               allowed_hosts: tuple[str, ...] | list[str] = LOCAL_HOSTS,
               write: bool = False) -> FastAPI:
    """The web front end and JSON API over the store at DB_PATH (opened read-only),
    answering only requests whose Host is one of ALLOWED_HOSTS ('*': any). WRITE (which
    needs a TOKEN): event pages carry a correction form, and the store is opened for
    writing (per request, as a run does)."""
    if write and not token:
        raise ValueError("write access needs a token")
    app = FastAPI(title="kroniek", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read-only JSON API over a kroniek store: events extracted "
                  "from Dutch news, each traced to its sentence. All list endpoints take "
                  "`limit` and `offset` and return `total`.")
    # writing: every connection of this process is a writing one (DuckDB does not mix
    # read-only and read-write connections to one file in one process)
    app.state.store = Store(db_path, read_only=not write)
    app.state.write = write
    app.state.cache = StoreCache(str(db_path))
    app.state.templates = make_templates()
    app.state.token = token
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(feeds.router)
    app.include_router(write_routes.router)

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

    app.add_middleware(Guard, token=token, allowed_hosts=tuple(allowed_hosts), write=write)
    return app


def jsonable(errors) -> list:
    from fastapi.encoders import jsonable_encoder
    return jsonable_encoder(errors)
