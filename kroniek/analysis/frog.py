"""Drive the `frog` binary as one long-lived server process.

A Frog start loads its models (~0.9 GB with the modules kroniek skips, 1.9 GB with
all) in 3-12 s, so one process serves a whole run.
Server protocol (frog -S PORT): one request per connection, the text followed by a
line `EOT`; the answer is Frog's tab-separated columns, ending with a line `READY`.
Frog forks a child per connection. After answering, that child spends many CPU
seconds freeing its copy of the models (measured: requests got 3-6x slower as
exiting children piled up), so kroniek kills it with SIGKILL as soon as READY has
arrived. Concurrent requests to one server were slower than sequential ones, so
requests are serialised; parallelism comes from more servers (one per worker).

Faults: a request that fails (the server died, closed the connection, or gave no
answer within the timeout) is tried once more after recovery: the request's child is
killed; a server that is dead or does not answer a tiny health request is restarted
(on a fresh port). A second failure raises FrogError, and the caller quarantines the
document. A server that cannot be started at all raises FrogUnavailable, which should
stop a run rather than quarantine every document.

Attaching: with `address` (or env KRONIEK_FROG=HOST:PORT) FrogServer uses a server that
is already running and that it does not own: it never starts, restarts or stops it,
but still kills its own request's child after each answer (when the server is local).
A Frog process kroniek starts gets PR_SET_PDEATHSIG, so it dies with the kroniek
process even after a SIGKILL (note: with the thread that started it, so start Frog
from a long-lived thread).
"""
from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

UTT = "<utt>"  # forces a sentence break: Frog's server ignores blank lines
# Morphology (a), chunks (c) and named entities (n) are not used (names come from
# kroniek's gazetteer); skipping them saves time: without NER, Frog took 25 % less
# time on the eval articles and 490 MB less memory, with the same tokens, lemmas, tags
# and dependencies. MWU (m) must stay on: Frog disables the parser without it.
FROG_ARGS = ["--skip=acn", f"--uttmarker={UTT}", "--max-parser-tokens=120"]


ENV_ADDRESS = "KRONIEK_FROG"
HEALTH_TIMEOUT = 10.0  # at most this long for a health request after a failure
END = re.compile(rb"(?:\A|\n)READY\s*\Z")  # READY alone on its line ends the answer


class FrogError(RuntimeError):
    """Frog could not analyse this document."""


class FrogUnavailable(FrogError):
    """No Frog server can be had (not installed, does not start, not reachable)."""


# seconds to wait for our own server to fork the child of a request (for a server
# started elsewhere only briefly: it may not be Frog, or not fork, and then it is
# looked for once more after the answer)
HANDLER_WAIT = 1.0


def frog_binary() -> str:
    path = shutil.which("frog")
    if not path:
        raise FrogUnavailable("the `frog` binary is not installed (Debian packages frog and "
                              "frogdata; `make run` installs them)")
    return path


def frog_env() -> dict[str, str]:
    """Frog's environment: its models on transparent huge pages (glibc's malloc asks for
    them; ignored by an older glibc or with THP off). Measured on the eval articles:
    Frog 5 % faster, and forking a request's child from a 0.9 GB server 27 -> 5 ms."""
    env = dict(os.environ)
    tunables = env.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.hugetlb" not in tunables:
        env["GLIBC_TUNABLES"] = ":".join(filter(None, [tunables, "glibc.malloc.hugetlb=1"]))
    return env


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def escape_line(line: str) -> str:
    """A line that is exactly `EOT` would end the request early: indent it (Frog then
    reads it as the word EOT, and offsets are found in the original text anyway)."""
    return " EOT" if line.strip() == "EOT" else line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FrogServer:
    """One managed `frog -S` process: started once, health-checked, restarted if it dies."""

    def __init__(self, port: int | None = None, start_timeout: float = 180.0,
                 request_timeout: float = 120.0, address: str | None = None):
        if address is None and port is None:
            address = os.environ.get(ENV_ADDRESS) or None
        self.host = "127.0.0.1"
        self.external = address is not None
        if address is not None:
            host, _, number = address.rpartition(":")
            if not number.isdigit():
                raise FrogUnavailable(f"Frog address {address!r} is not HOST:PORT")
            self.host, port = host or "127.0.0.1", int(number)
        self._server_pid: int | None = None  # the external server's pid, when local
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
    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def _local(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1")

    def start(self) -> "FrogServer":
        if self.external:
            if self._server_pid is None and self._local:
                self._server_pid = _listener_pid(self.port)
            if not self.healthy():
                raise FrogUnavailable(f"no Frog server answers at {self.address} "
                                      f"(given by {ENV_ADDRESS} or address=)")
            if self._server_pid is None and self._local:
                log.warning("cannot see the process behind port %d; its request children "
                            "are not killed after answering (slower)", self.port)
            return self
        with self._lock:
            if self.proc and self.proc.poll() is None:
                return self
            self._spawn()
        return self

    def _spawn(self) -> None:
        """Start the server; a start that fails early is tried once more on a fresh port."""
        try:
            self._spawn_once()
        except FrogUnavailable as err:
            if self._fixed_port or "exited during start-up" not in str(err):
                raise
            log.warning("%s; trying once more on another port", str(err).splitlines()[0])
            self._spawn_once()

    def _spawn_once(self) -> None:
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
            # Own session: a Ctrl-C in the terminal must not kill Frog before we close it;
            # the death signal: a kroniek killed outright must not leave ~1 GB behind.
            self.proc = subprocess.Popen(cmd, cwd=self._workdir, stdout=out, stderr=out,
                                         stdin=subprocess.DEVNULL, start_new_session=True,
                                         preexec_fn=_die_with_parent, env=frog_env())
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise FrogUnavailable(f"frog exited during start-up (code "
                                      f"{self.proc.returncode}); last lines of its log:\n"
                                      f"{self.log_tail()}")
            if self._listening():
                break
            time.sleep(0.25)
        else:
            self._kill()
            raise FrogUnavailable(f"frog did not listen on port {self.port} within "
                                  f"{self.start_timeout:.0f} s")
        if not self.healthy():
            self._kill()
            raise FrogUnavailable("frog answers but gives no analysis:\n" + self.log_tail())

    def _listening(self) -> bool:
        """Whether the server listens yet. Asked of the OS, not by connecting: Frog
        forks a child for every connection, and a probe's child would spend seconds
        of CPU on an empty request while the first real ones run."""
        import psutil
        try:
            conns = psutil.Process(self.proc.pid).net_connections(kind="tcp")
        except psutil.Error:
            return False
        return any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == self.port
                   for c in conns)

    def log_tail(self, lines: int = 8) -> str:
        try:
            return "\n".join(self._log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def healthy(self, timeout: float = 30.0) -> bool:
        try:
            out = self._request("Dit is een test .", timeout=timeout)
        except (OSError, FrogError):
            return False
        return "\ttest\t" in out

    def ensure_alive(self) -> None:
        if self.external:
            return
        with self._lock:
            if self.proc is None or self.proc.poll() is not None:
                if self.proc is not None:
                    log.warning("frog died (code %s); restarting", self.proc.returncode)
                    self.restarts += 1
                self._spawn()

    def restart(self) -> None:
        if self.external:
            log.warning("the Frog server at %s is not kroniek's to restart", self.address)
            return
        with self._lock:
            self._kill()
            self.restarts += 1
            self._spawn()

    def recover(self, timeout: float = HEALTH_TIMEOUT) -> None:
        """After a failed request: restart the server unless it still answers."""
        if self.external:
            if not self.healthy(timeout):
                log.warning("the Frog server at %s does not answer", self.address)
            return
        alive = self.proc is not None and self.proc.poll() is None
        if alive and self.healthy(timeout):
            return  # only that request's child was stuck, and it has been killed
        alive = self.proc is not None and self.proc.poll() is None
        log.warning("frog %s; restarting it", "does not answer" if alive else "died")
        self.restart()

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
        """The server and its request children (for memory accounting; own server only)."""
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

        A failed request is retried once after recovery (see the module docstring);
        the second failure raises FrogError naming both reasons.
        """
        timeout = timeout or self.request_timeout
        payload = f"\n{UTT}\n".join(p.replace(UTT, " " * len(UTT)) for p in paragraphs)
        payload = "\n".join(escape_line(line) for line in payload.split("\n"))
        self.ensure_alive()
        reasons: list[str] = []
        for attempt in (1, 2):
            try:
                return self._request(payload, timeout)
            except socket.timeout:
                reasons.append(f"no answer within {timeout:g} s")
            except (OSError, FrogError) as err:
                reasons.append(str(err) or type(err).__name__)
            log.warning("frog request failed (%s)%s", reasons[-1],
                        "; retrying once" if attempt == 1 else "")
            self.recover(min(HEALTH_TIMEOUT, max(3.0, timeout)))
        if reasons[0] == reasons[1]:
            raise FrogError(f"frog failed twice on this document: {reasons[0]}")
        raise FrogError(f"frog failed twice on this document: {reasons[0]}; then {reasons[1]}")

    def _request(self, payload: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        with self._request_lock:
            # our own server has no other clients: its new child is this request's
            before = _children(self.proc.pid) if self.proc else None
            with socket.create_connection((self.host, self.port), timeout=timeout) as sock:
                return self._exchange(sock, payload, deadline, before)

    def _exchange(self, sock, payload: str, deadline: float, before: set[int] | None) -> str:
        local = sock.getsockname()
        # found before the request is sent, while the child surely holds the
        # connection: once it has answered it may close it and is then not found
        handler = self._handler(local, wait=HANDLER_WAIT if self.proc else 0.05, before=before)
        sock.sendall(payload.encode("utf-8") + b"\nEOT\n")
        chunks, tail = [], b""
        try:
            while not END.search(tail):
                sock.settimeout(max(0.1, deadline - time.monotonic()))
                data = sock.recv(1 << 16)
                if not data:
                    raise FrogError("frog closed the connection before finishing")
                chunks.append(data)
                tail = (tail + data)[-32:]
                if time.monotonic() > deadline:
                    raise socket.timeout()
        finally:
            child = handler or self._handler(local)
            if child:
                with contextlib.suppress(Exception):
                    child.kill()  # psutil checks the pid still is that process
        return b"".join(chunks).decode("utf-8", errors="replace")

    def _handler(self, local: tuple, wait: float = 0.0, before: set[int] | None = None):
        """The forked child (psutil.Process) serving the connection from `local`,
        waiting up to WAIT seconds for the server to accept and fork. With BEFORE (the
        server's children before connecting; own server only) the one new child is
        it, found from /proc without reading every child's sockets (that took 30 ms of
        CPU a request)."""
        import psutil
        pid = self.proc.pid if self.proc else self._server_pid
        if not pid:
            return None
        deadline = time.monotonic() + wait
        while True:
            try:
                if before is None:
                    children = psutil.Process(pid).children()
                else:
                    children = [psutil.Process(c) for c in _children(pid) - before]
                    if len(children) == 1:
                        return children[0]
            except psutil.Error:
                return None
            for child in children:
                try:
                    if any(c.raddr and tuple(c.raddr)[:2] == tuple(local)[:2]
                           for c in child.net_connections(kind="tcp")):
                        return child
                except psutil.Error:
                    pass
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.002)


def _children(pid: int) -> set[int]:
    """The pids of PID's children, from /proc (cheap); empty when it cannot be read."""
    out: set[int] = set()
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.update(int(x) for x in f.read().split())
    except (OSError, ValueError):
        pass
    return out


def _listener_pid(port: int) -> int | None:
    """The pid of the local process listening on PORT (None if not visible to us)."""
    import psutil
    try:
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port \
                    and conn.pid:
                return conn.pid
    except psutil.Error:
        pass
    return None
