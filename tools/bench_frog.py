"""Frog for the bench: a sampler of Frog processes' memory, and a stand-in Frog server
that replays cached answers for the memory runs (tools/bench.py, sections 2, 4, 5)."""
from __future__ import annotations

import socketserver
import threading


# --------------------------------------------------------------------------- Frog memory
class FrogSampler:
    """Peak RSS of Frog processes (a server and its forked request children) and of
    any other processes named in `pids_fn`, sampled in a thread."""

    def __init__(self, roots_fn, interval: float = 0.2):
        self.roots_fn, self.interval = roots_fn, interval
        self.server_peak: dict[int, int] = {}
        self.child_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self):
        import psutil
        while not self._stop.is_set():
            for proc in self.roots_fn():
                try:
                    rss = proc.memory_info().rss
                    self.server_peak[proc.pid] = max(self.server_peak.get(proc.pid, 0), rss)
                    for c in proc.children():
                        self.child_peak = max(self.child_peak, c.memory_info().rss)
                except psutil.Error:
                    pass
            self._stop.wait(self.interval)


def frog_processes_under(pid: int) -> list:
    """Frog servers among the descendants of PID (their request children excluded)."""
    import psutil
    try:
        procs = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for p in procs:
        try:
            if p.name() == "frog" and p.parent() and p.parent().name() != "frog":
                out.append(p)
        except psutil.Error:
            pass
    return out


# --------------------------------------------------------------------------- replay
class ReplayFrog(socketserver.ThreadingTCPServer):
    """A stand-in Frog server (Frog's protocol) that answers each document of a request
    from a cache and asks the real Frog only for documents it has not seen; for the
    memory runs, where the same texts come back with new ids and dates."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, upstream: str):
        super().__init__(("127.0.0.1", 0), _ReplayHandler)
        from kroniek.analysis import FrogServer
        self.upstream = FrogServer(address=upstream).start()
        self.cache: dict[tuple, list[str]] = {}
        self.sentinel_block: str | None = None
        self.hits = self.misses = 0
        self.lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def answer(self, payload: str) -> str:
        from kroniek.analysis.frog import UTT
        from kroniek.gating import SENTINEL
        texts = payload.split(f"\n{UTT}\n")
        segments: list[list[str]] = [[]]
        for t in texts:
            if t == SENTINEL:
                segments.append([])
            else:
                segments[-1].append(t)
        keys = [tuple(s) for s in segments]
        with self.lock:
            if any(k not in self.cache for k in keys) or (len(keys) > 1 and
                                                          self.sentinel_block is None):
                self.misses += 1
                tsv = self.upstream.analyze(texts)
                blocks = [b for b in tsv.split("\n\n") if b.strip() and
                          b.strip() != "READY"]
                parts: list[list[str]] = [[]]
                for b in blocks:
                    b = b.strip("\n")
                    if b.endswith("\nREADY"):
                        b = b[:-len("\nREADY")]
                    cols = b.split("\n")
                    if len(cols) == 1 and cols[0].split("\t")[1:2] == [SENTINEL]:
                        self.sentinel_block = b
                        parts.append([])
                    else:
                        parts[-1].append(b)
                if len(parts) == len(keys):
                    for k, p in zip(keys, parts):
                        self.cache[k] = p
                return tsv
            self.hits += 1
            out: list[str] = []
            for n, k in enumerate(keys):
                if n:
                    out.append(self.sentinel_block)
                out += self.cache[k]
            return "\n\n".join(out) + "\n\nREADY\n"


class _ReplayHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = b""
        while not data.endswith(b"\nEOT\n"):
            chunk = self.request.recv(1 << 16)
            if not chunk:
                return
            data += chunk
        payload = data[:-len(b"\nEOT\n")].decode("utf-8")
        self.request.sendall(self.server.answer(payload).encode("utf-8"))
