"""Drive the `frog` binary as one long-lived server process.

A Frog start loads ~1.9 GB of models in ~12 s, so one process serves a whole run.
Server protocol (frog -S PORT): one request per connection, the text followed by a
line `EOT`; the answer is Frog's tab-separated columns, ending with a line `READY`.
Frog forks a child per connection. After answering, that child spends many CPU
seconds freeing its copy of the models (measured: requests got 3-6x slower as
exiting children piled up), so kroniek kills it with SIGKILL as soon as READY has
arrived. Concurrent requests to one server were slower than sequential ones, so
requests are serialised; parallelism comes from more servers (one per worker).
"""
from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

UTT = "<utt>"  # forces a sentence break: Frog's server ignores blank lines
# Morphology (a) and chunks (c) are not used; skipping them saves time.
# MWU (m) must stay on: Frog disables the parser without it.
FROG_ARGS = ["--skip=ac", f"--uttmarker={UTT}", "--max-parser-tokens=120"]


class FrogError(RuntimeError):
    pass


def frog_binary() -> str:
    path = shutil.which("frog")
    if not path:
        raise FrogError("the `frog` binary is not installed (Debian packages frog and frogdata; "
                        "`make run` installs them)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FrogServer:
    """One managed `frog -S` process: started once, health-checked, restarted if it dies."""

    def __init__(self, port: int | None = None, start_timeout: float = 180.0,
                 request_timeout: float = 120.0):
        self.port = port
        self._fixed_port = port is not None
        self.start_timeout = start_timeout
        self.request_timeout = request_timeout
        self.proc: subprocess.Popen | None = None
        self.restarts = 0
        self._lock = threading.Lock()
        self._request_lock = threading.Lock()
        self._workdir = tempfile.mkdtemp(prefix="kroniek-frog-")
        self._log_path = Path(self._workdir) / "frog.log"

    # -- lifecycle -------------------------------------------------------
    def start(self) -> "FrogServer":
        with self._lock:
            if self.proc and self.proc.poll() is None:
                return self
            self._spawn()
        return self

    def _spawn(self) -> None:
        # A dead server's forked request children may still hold its listening socket:
        # end the whole old process group and listen on a fresh port.
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
        if not self._fixed_port:
            self.port = free_port()
        cmd = [frog_binary(), "-S", str(self.port), *FROG_ARGS]
        log.info("starting %s", " ".join(cmd))
        with open(self._log_path, "ab") as out:
            # Own session: a Ctrl-C in the terminal must not kill Frog before we close it.
            self.proc = subprocess.Popen(cmd, cwd=self._workdir, stdout=out, stderr=out,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise FrogError(f"frog exited during start-up (code {self.proc.returncode}); "
                                f"last lines of its log:\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.25)
        else:
            self._kill()
            raise FrogError(f"frog did not listen on port {self.port} within "
                            f"{self.start_timeout:.0f} s")
        if not self.healthy():
            self._kill()
            raise FrogError("frog answers but gives no analysis:\n" + self.log_tail())

    def log_tail(self, lines: int = 8) -> str:
        try:
            return "\n".join(self._log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def healthy(self) -> bool:
        try:
            out = self._request("Dit is een test .", timeout=30)
        except (OSError, FrogError):
            return False
        return "\ttest\t" in out

    def ensure_alive(self) -> None:
        with self._lock:
            if self.proc is None or self.proc.poll() is not None:
                if self.proc is not None:
                    log.warning("frog died (code %s); restarting", self.proc.returncode)
                    self.restarts += 1
                self._spawn()

    def restart(self) -> None:
        with self._lock:
            self._kill()
            self.restarts += 1
            self._spawn()

    def _kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)  # the server and its forked children
            except ProcessLookupError:
                pass
            self.proc.wait()

    def close(self) -> None:
        with self._lock:
            self._kill()
            self.proc = None
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> "FrogServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """The server and its request children (for memory accounting)."""
        if not self.proc or self.proc.poll() is not None:
            return []
        import psutil
        try:
            parent = psutil.Process(self.proc.pid)
            return [parent.pid] + [c.pid for c in parent.children(recursive=True)]
        except psutil.Error:
            return []

    # -- requests --------------------------------------------------------
    def analyze(self, paragraphs: list[str], timeout: float | None = None) -> str:
        """Analyse paragraphs (each one sentence-broken on its own); returns Frog's TSV.

        A dead server is restarted and the request tried once more; a request that
        times out kills the stuck server so the next request gets a fresh one.
        """
        payload = f"\n{UTT}\n".join(p.replace(UTT, " " * len(UTT)) for p in paragraphs)
        self.ensure_alive()
        try:
            return self._request(payload, timeout or self.request_timeout)
        except socket.timeout:
            log.warning("frog did not answer within %.0f s; restarting it", timeout or
                        self.request_timeout)
            self.restart()
            raise FrogError("frog timed out on this document") from None
        except (OSError, FrogError) as err:
            log.warning("frog request failed (%s); restarting and retrying once", err)
            self.restart()
            try:
                return self._request(payload, timeout or self.request_timeout)
            except socket.timeout:
                self.restart()
                raise FrogError("frog timed out on this document") from None
            except OSError as err2:
                raise FrogError(f"frog failed twice on this document: {err2}") from err2

    def _request(self, payload: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        with self._request_lock, \
                socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            local = sock.getsockname()
            sock.sendall(payload.encode("utf-8") + b"\nEOT\n")
            chunks, tail = [], b""
            try:
                while not tail.rstrip().endswith(b"READY"):
                    sock.settimeout(max(0.1, deadline - time.monotonic()))
                    data = sock.recv(1 << 16)
                    if not data:
                        raise FrogError("frog closed the connection before finishing")
                    chunks.append(data)
                    tail = (tail + data)[-16:]
                    if time.monotonic() > deadline:
                        raise socket.timeout()
            finally:
                self._kill_handler(local)
        return b"".join(chunks).decode("utf-8", errors="replace")

    def _kill_handler(self, local: tuple) -> None:
        """SIGKILL the forked child that served the connection from `local`."""
        import psutil
        if not self.proc:
            return
        try:
            children = psutil.Process(self.proc.pid).children()
        except psutil.Error:
            return
        for child in children:
            try:
                if any(c.raddr and tuple(c.raddr)[:2] == tuple(local)[:2]
                       for c in child.net_connections(kind="tcp")):
                    child.kill()
            except psutil.Error:
                pass
