"""Web front end (timeline, network, event and equipment pages, search) and JSON API.

`create_app(db_path, token=None)` returns the FastAPI application; `kroniek serve` runs it.
The app is imported on first use, so that the command line's use of `web.queries` (the
filter checks) does not load FastAPI.
"""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(f"module 'kroniek.web' has no attribute {name!r}")
