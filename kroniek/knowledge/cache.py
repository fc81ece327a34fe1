"""A pickle of the built catalogue in the user's cache directory.

Keyed by a digest of the data files, the knowledge code and the installed pycountry and
babel, so any change rebuilds it. Set KRONIEK_NO_CACHE=1 to bypass it; KRONIEK_CACHE_DIR
moves it. Any failure (read-only home, stale or foreign pickle) falls back to a rebuild.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from pathlib import Path

CODE_FILES = ("catalog.py", "heads.py", "cache.py")
KEEP = 5


def _cache_dir() -> Path:
    if os.environ.get("KRONIEK_CACHE_DIR"):
        return Path(os.environ["KRONIEK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kroniek"


def _library_stamp(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return module
    return f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}"


def path_for(texts: dict[str, str]) -> Path | None:
    if os.environ.get("KRONIEK_NO_CACHE"):
        return None
    h = hashlib.sha1()
    here = Path(__file__).parent
    for name in CODE_FILES:
        h.update((here / name).read_bytes())
    for name in sorted(texts):
        h.update(name.encode() + b"\0" + texts[name].encode())
    for module in ("pycountry", "babel"):
        h.update(_library_stamp(module).encode())
    return _cache_dir() / f"knowledge-{h.hexdigest()[:16]}.pickle"


def read(path: Path | None):
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:
        return None


def write(path: Path | None, obj) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Keep a few: checkouts of different versions may share the directory.
        old = sorted(path.parent.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        pass
