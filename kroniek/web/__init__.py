"""Web front end (timeline, network, event and equipment pages, search) and JSON API.

`create_app(db_path, token=None)` returns the FastAPI application; `kroniek serve` runs it.
"""
from .app import create_app

__all__ = ["create_app"]
