"""Word lexicons looked up by word or lemma, also as the head (end) of a Dutch compound."""
from __future__ import annotations

MIN_MODIFIER = 3  # "verkennings|drone": the part before the head has at least 3 letters
MIN_HEAD = 4      # shorter heads ("bom") only match whole words
# Endings that inflect a phrase word: ballistisch-e, raket-ten, vliegtuig-en, adviseur-s.
INFLECTIONS = ("", "e", "en", "s", "n", "'s", "ten", "nen", "len", "men", "ken", "pen", "ren")


def norm_word(word: str) -> str:
    return word.strip(" .,;:!?\"'()[]«»“”‘’").replace("’", "'").lower()


class HeadLexicon:
    """entries: word -> value; heads: words that may end a compound; stop: never a hit."""

    def __init__(self, entries: dict, heads: set[str], stop: set[str]):
        self.entries, self.heads, self.stop = entries, heads, stop

    def lookup(self, word: str):
        w = norm_word(word or "")
        if not w or w in self.stop:
            return None
        hit = self.entries.get(w)
        if hit is not None:
            return hit
        if "-" in w:  # Orlan-10-verkenningsdrone: the last part is the head
            last = w.rsplit("-", 1)[1]
            return self.lookup(last) if len(last) >= 3 else None
        # Longest listed suffix first, so "kruisraket" beats "raket" and a stop word
        # ("denktank") that is longer than the head blocks it.
        for i in range(MIN_MODIFIER, len(w) - MIN_HEAD + 1):
            suffix = w[i:]
            if suffix in self.stop:
                return None
            if suffix in self.heads:
                return self.entries[suffix]
        return None


def _form_ok(token: str, element: str) -> bool:
    t = norm_word(token)
    for alt in element.split("|"):
        if t.startswith(alt) and t[len(alt):] in INFLECTIONS:
            return True
    return False


def phrase_in(phrase: tuple[str, ...], words) -> bool:
    """Whether the lemmas (or words) of `phrase` occur contiguously in `words`."""
    words = list(words)
    n = len(phrase)
    return any(all(_form_ok(words[i + k], phrase[k]) for k in range(n))
               for i in range(len(words) - n + 1))
