"""Request guard: allowed hosts, read-only methods, optional bearer token, strict
security headers.

A plain ASGI middleware (no request buffering) so it costs next to nothing per request.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

COOKIE = "kroniek_token"
# A page on another site that rebinds its DNS name to 127.0.0.1 sends its own name as
# the Host: only the names the server was bound for are served.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ALLOWED_METHODS = ("GET", "HEAD")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
# Swagger UI sets style attributes from its bundled React code.
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def host_name(header: bytes) -> str:
    """The host of a Host header, without the port ('[::1]:8000' -> '::1')."""
    text = header.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[1:text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


class Guard:
    def __init__(self, app, token: str | None = None, allowed_hosts=LOCAL_HOSTS,
                 write: bool = False):
        self.app = app
        self.write = write and token is not None  # POST to /correct/ only, with the token
        self.hosts = {h.lower().strip("[]") for h in allowed_hosts}
        self.token = token.encode() if token else None
        # the cookie carries a digest of the token, never the token itself
        self.cookie_value = hashlib.sha256(self.token).hexdigest() if token else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        csp = (CSP_DOCS if path == "/docs" else CSP).encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                headers += HEADERS + [(b"content-security-policy", csp)]
                if set_cookie:
                    headers.append((b"set-cookie", set_cookie))
                message = {**message, "headers": headers}
            await send(message)

        set_cookie = None
        if "*" not in self.hosts:
            host = host_name(dict(scope.get("headers") or []).get(b"host", b""))
            if host not in self.hosts:
                return await _respond(send_with_headers, 400, {
                    "detail": f"host {host!r} is not served here (kroniek serve "
                              "--allow-host NAME adds one)"}, [])
        if self.token is not None:
            via_query, ok = self._authorised(scope)
            if not ok:
                return await _respond(send_with_headers, 401, {"detail": "token required: send "
                                      "'Authorization: Bearer TOKEN' or add ?token=TOKEN"},
                                      [(b"www-authenticate", b'Bearer realm="kroniek"')])
            if via_query:
                set_cookie = (f"{COOKIE}={self.cookie_value}; Path=/; HttpOnly; "
                              "SameSite=Strict").encode()
                if scope["method"] == "GET" and not path.startswith("/api/") and \
                        _accepts_html(scope):
                    # drop the token from the address bar, so shared links do not carry it
                    query = [(k, v) for k, v in parse_qsl(
                        scope.get("query_string", b"").decode("latin-1"),
                        keep_blank_values=True) if k != "token"]
                    location = path + ("?" + urlencode(query) if query else "")
                    return await _respond(send_with_headers, 303, None,
                                          [(b"location", location.encode("latin-1"))])
        if scope["method"] == "POST" and self.write and path.startswith("/correct/"):
            return await self.app(scope, receive, send_with_headers)
        if scope["method"] not in ALLOWED_METHODS:
            return await _respond(send_with_headers, 405,
                                  {"detail": "read-only: only GET is allowed"},
                                  [(b"allow", b"GET, HEAD")])
        if scope["method"] == "HEAD":  # answer as GET, without the body
            async def send_head(message):
                if message["type"] == "http.response.body":
                    message = {**message, "body": b"", "more_body": False} \
                        if not message.get("more_body") else None
                    if message is None:
                        return
                await send_with_headers(message)
            return await self.app({**scope, "method": "GET"}, receive, send_head)
        await self.app(scope, receive, send_with_headers)

    def _authorised(self, scope) -> tuple[bool, bool]:
        """(token came in the query string, request carries the right token)."""
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer " and hmac.compare_digest(auth[7:].strip(),
                                                                  self.token):
            return False, True
        cookie = headers.get(b"cookie")
        if cookie:
            jar = SimpleCookie()
            try:
                jar.load(cookie.decode("latin-1"))
            except Exception:
                jar = SimpleCookie()
            if COOKIE in jar and hmac.compare_digest(jar[COOKIE].value.encode(),
                                                     self.cookie_value.encode()):
                return False, True
        for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
            if key == "token" and hmac.compare_digest(value.encode("utf-8", "replace"),
                                                      self.token):
                return True, True
        return False, False


def _accepts_html(scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return b"text/html" in headers.get(b"accept", b"")


async def _respond(send, status: int, body: dict | None, headers: list) -> None:
    data = json.dumps(body).encode() if body is not None else b""
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())] + headers})
    await send({"type": "http.response.body", "body": data})
