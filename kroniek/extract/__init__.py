"""Event extraction: triggers -> roles -> factuality -> attribution -> dates -> EventReport."""
from __future__ import annotations

from ..models import AnalyzedDocument, EventReport


def extract(analyzed: AnalyzedDocument) -> tuple[list[EventReport], list[tuple]]:
    return [], []
