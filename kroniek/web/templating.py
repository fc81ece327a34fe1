"""The Jinja templates of the pages and the helpers they call."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from ..models import EVENT_TYPES, STATUSES

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"


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
