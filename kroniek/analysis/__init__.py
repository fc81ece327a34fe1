"""Dutch analysis: Frog tokens, lemmas, POS, NER and dependencies with character offsets."""
from __future__ import annotations

from ..models import AnalyzedDocument, Document
from .frog import FrogError, FrogServer
from .tsv import paragraphs, parse_tsv, to_sentences

__all__ = ["FrogError", "FrogServer", "analyze", "analyze_paragraphs"]


def analyze(doc: Document, frog: FrogServer, timeout: float | None = None) -> AnalyzedDocument:
    """Analyse a whole document."""
    spans = paragraphs(doc.text)
    return analyze_paragraphs(doc, spans, list(range(len(spans))), frog, timeout)


def analyze_paragraphs(doc: Document, spans: list[tuple[int, int]], numbers: list[int],
                       frog: FrogServer, timeout: float | None = None) -> AnalyzedDocument:
    """Analyse only the given paragraphs (spans and their numbers in the document)."""
    if not spans:
        return AnalyzedDocument(doc, [])
    # Newlines inside a paragraph would end Frog's input line early; they are spaces here.
    texts = [" ".join(doc.text[s:e].split()) for s, e in spans]
    tsv = frog.analyze(texts, timeout)
    return AnalyzedDocument(doc, to_sentences(doc.text, spans, parse_tsv(tsv), numbers))
