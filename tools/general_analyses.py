"""Analyse the general-news controls (tests/data/general/docs) with Frog once and keep the
analyses in tests/data/general/analyses.jsonl, so that tests/test_general.py runs the
extraction on them without Frog.

    python tools/general_analyses.py
"""
from __future__ import annotations

import json
from pathlib import Path

GENERAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "general"


def main() -> int:
    from kroniek.analysis import FrogServer, analyze
    from kroniek.extract import examples
    from kroniek.ingest import read_sources
    from kroniek.models import Document
    docs = sorted((d for d in read_sources([str(GENERAL / "docs")]) if isinstance(d, Document)),
                  key=lambda d: d.id)
    with FrogServer().start() as frog, open(GENERAL / "analyses.jsonl", "w",
                                            encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.id, **examples.dump(analyze(d, frog))},
                                ensure_ascii=False) + "\n")
    print(f"{len(docs)} analyses kept in {GENERAL / 'analyses.jsonl'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
