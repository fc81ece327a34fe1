"""Military words in a clause: the lemma endings of military_words and the catalogue's
equipment, read by the checks of report.py and not_events.py."""
from __future__ import annotations

from ..knowledge import load_catalog
from ..lexicon import words

MILITARY = words("military_words")  # lemma endings (the gate reads them too)


def military_words(tokens) -> bool:
    cat = load_catalog()
    for t in tokens:
        lemma = t.lemma.lower()
        if any(lemma.endswith(w) for w in MILITARY) or cat.class_of(t.text):
            return True
    return False
