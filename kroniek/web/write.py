"""The correction form's POST (only with `kroniek serve --write`, which needs a token).

CSRF: the guard lets POST through only to /correct/ and only with the token (a bearer
header, or the SameSite=Strict cookie a cross-site form never carries); the form also
carries a digest of the token and the event id, and a request whose Origin or
Sec-Fetch-Site names another site is refused. Nothing of the article is rendered here.
"""
from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from ..corrections import CorrectionError, confirm, correct, reject, resolve_now
from .templating import seg

router = APIRouter(include_in_schema=False)

FORM_FIELDS = {"status": "status", "actor": "actor", "recipient": "recipient",
               "equipment": "equipment", "date": "date"}


def form_token(secret: str, event_id: str) -> str:
    return hmac.new(secret.encode(), f"correct:{event_id}".encode(),
                    hashlib.sha256).hexdigest()


def current_values(rec: dict) -> dict[str, str]:
    """What the form shows for REC (and what counts as unchanged)."""
    def keys(items):
        return ", ".join(x.get("country_code") or x.get("entity_name") or "" for x in items)
    return {"status": rec["status"], "actor": keys(rec["actor"]),
            "recipient": keys(rec["recipient"]),
            "equipment": ", ".join(e.get("name") or e.get("class") or "" for e in
                                   rec["equipment"]),
            "date": rec["date"]}


def _same_site(request: Request) -> bool:
    """Whether the POST comes from this server's own page. Under Referrer-Policy
    no-referrer a browser sends 'Origin: null' even for its own forms, so then only an
    explicit Sec-Fetch-Site: same-origin (which no page on another site can set) counts."""
    origin = request.headers.get("origin")
    fetch_site = request.headers.get("sec-fetch-site")
    if origin == "null":
        return fetch_site == "same-origin"
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        return False
    return (fetch_site or "same-origin") in ("same-origin", "none")


@router.post("/correct/{event_id:path}")
async def post_correction(request: Request,
                          event_id: str = Path(..., min_length=1, max_length=300)):
    state = request.app.state
    if not state.write:
        raise HTTPException(405, "read-only: start the server with --write to correct")
    if not _same_site(request):
        raise HTTPException(403, "corrections are accepted only from this server's own pages")
    body = (await request.body()).decode("utf-8", "replace")
    form = dict(parse_qsl(body, keep_blank_values=True))
    if not hmac.compare_digest(form.get("csrf", ""), form_token(state.token, event_id)):
        raise HTTPException(403, "the form is stale or not from this server; reload the page")
    action, why = form.get("action", "correct"), form.get("why", "").strip() or None
    by = form.get("by", "").strip() or "web"
    store = state.store
    try:
        if action == "reject":
            reject(store, event_id, why, by)
        elif action == "confirm":
            confirm(store, event_id, why, by)
        elif action == "correct":
            with store.connect() as con:
                row = con.execute("SELECT record FROM events WHERE id = ?",
                                  [event_id]).fetchone()
            if row is None:
                raise CorrectionError(f"unknown event id {event_id!r}")
            import json
            now = current_values(json.loads(row[0]))
            given = {FORM_FIELDS[k]: form[k].strip() for k in FORM_FIELDS
                     if k in form and form[k].strip() != now[k]}
            given = {("event" if k == "type" else k): v for k, v in given.items()}
            correct(store, event_id, given, why, by)
        else:
            raise CorrectionError(f"unknown action {action!r}")
    except CorrectionError as e:
        raise HTTPException(422, f"nothing was changed: {e}") from None
    resolve_now(store)
    return RedirectResponse(f"/event/{seg(event_id)}", status_code=303)
