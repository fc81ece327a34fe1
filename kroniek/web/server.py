"""Helpers to run the app on a free loopback port and drive Debian's Chromium.

Used by the screenshot command, the load test and the browser tests.
"""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from typing import Iterator

import httpx

# Seconds an idle keep-alive connection stays open (uvicorn's default is 5). When the
# server closes one just as a client sends on it, that request fails with a reset;
# under load (50 clients) this hit about one run in five. As long as nginx's default.
KEEP_ALIVE = 75

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 20.0, proc: subprocess.Popen | None = None
                  ) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise TimeoutError(f"server at {url} did not start")


@contextlib.contextmanager
def serve_in_thread(app, port: int | None = None) -> Iterator[str]:
    """Run APP with uvicorn in a thread of this process; yields the base URL."""
    import uvicorn
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off", timeout_keep_alive=KEEP_ALIVE)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def serve_in_process(db: str, port: int | None = None, token: str | None = None
                     ) -> Iterator[str]:
    """Run `kroniek serve` in a child process (own interpreter, own GIL)."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "kroniek.cli", "serve", "--db", db, "--port", str(port)]
    if token:
        cmd += ["--token", token]
    proc = subprocess.Popen(cmd)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/static/favicon.svg" + (f"?token={token}" if token else ""),
                      proc=proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch_chromium(playwright):
    """Debian's Chromium, headless (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      headless=True)
