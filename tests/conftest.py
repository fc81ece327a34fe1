"""Shared fixtures: one real Frog server per test session, stores built from real runs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def frog():
    """One Frog server for the whole session (a start costs ~12 s and 1.9 GB)."""
    if not shutil.which("frog"):
        pytest.fail("frog is not installed: run `make test`, which installs it")
    from kroniek.analysis import FrogServer
    server = FrogServer().start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def analyze_text(frog):
    """Analyse a Dutch text (no header) into an AnalyzedDocument."""
    from kroniek.analysis import analyze
    from kroniek.models import Document

    def run(text: str, date: str = "2024-06", doc_id: str = "t") -> object:
        return analyze(Document(id=doc_id, date=date, text=text), frog)
    return run


@pytest.fixture(scope="session")
def seed_db(frog, tmp_path_factory) -> str:
    """A store built by the real pipeline from the bundled sample (the two seed articles)."""
    from kroniek.pipeline import Pipeline
    from kroniek.store import Store
    path = str(tmp_path_factory.mktemp("seed") / "seed.duckdb")
    from kroniek.resolve import resolve
    store = Store(path)
    with Pipeline(store, frog=frog) as pipeline:
        pipeline.run([str(SAMPLE)])
    resolve(store)
    return path
