"""Rule examples without Frog: sentences built from words, lemmas, tags, heads and
relations (like spaCy's `Doc(words, heads, deps)`), kept analyses of the registered
examples, and the outcome language of `Example.expect` (see rules.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.tsv import split_tag
from ..models import AnalyzedDocument, Document, EventReport, Sentence, Token

STATUSES = {"asserted",  # not Dutch
             "reported", "planned", "requested", "attempted", "denied",
            "negated", "hypothetical"}


# -- sentences by hand ---------------------------------------------------------------
def sentence(words: list[str], heads: list[int], deps: list[str],
             lemmas: list[str] | None = None, tags: list[str] | None = None,
             index: int = 0, paragraph: int = 0, offset: int = 0) -> Sentence:
    """One sentence from its words. HEADS are 1-based as Frog writes them (0 = root);
    TAGS are CGN tags such as 'WW(pv,tgw,ev)'; lemmas default to the lower-cased words.
    Words are joined by single spaces, starting at character OFFSET."""
    lemmas = lemmas or [w.lower() for w in words]
    tags = tags or ["N(soort,ev,basis)"] * len(words)
    toks, pos = [], offset
    for i, (w, lem, tag, head, dep) in enumerate(zip(words, lemmas, tags, heads, deps)):
        coarse, feats = split_tag(tag)
        toks.append(Token(i=i, text=w, lemma=lem, pos=coarse, feats=feats, ner="",
                          head=head - 1, deprel=dep, start=pos, end=pos + len(w)))
        pos += len(w) + 1
    text = " ".join(words)
    return Sentence(index=index, paragraph=paragraph, start=offset, end=offset + len(text),
                    text=text, tokens=toks)


def document(sentences: list[Sentence], date: str = "2024-05", doc_id: str = "example"
             ) -> AnalyzedDocument:
    """A document of hand-built sentences (each on a line of its own)."""
    text = "\n".join(s.text for s in sentences)
    return AnalyzedDocument(Document(doc_id, date, text), sentences)


# -- kept analyses -------------------------------------------------------------------
def dump(analyzed: AnalyzedDocument) -> dict:
    """An analysis as plain data (tests/rules/analyses/)."""
    return {"text": analyzed.doc.text, "date": analyzed.doc.date, "sentences": [
        {"index": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end,
         "tokens": [[t.text, t.lemma, t.pos, list(t.feats), t.head, t.deprel, t.start, t.end]
                    for t in s.tokens]} for s in analyzed.sentences]}


def load(data: dict, doc_id: str = "example") -> AnalyzedDocument:
    text = data["text"]
    sents = []
    for s in data["sentences"]:
        toks = [Token(i=i, text=w, lemma=lem, pos=pos, feats=tuple(feats), ner="", head=head,
                      deprel=dep, start=a, end=b)
                for i, (w, lem, pos, feats, head, dep, a, b) in enumerate(s["tokens"])]
        sents.append(Sentence(index=s["index"], paragraph=s["paragraph"], start=s["start"],
                              end=s["end"], text=text[s["start"]:s["end"]], tokens=toks))
    return AnalyzedDocument(Document(doc_id, data["date"], text), sents)


def key(text: str, date: str) -> str:
    return f"{date} {text}"


def file_key(text: str, date: str) -> str:
    """The file name (without .json) of an example's kept analysis."""
    import hashlib
    return hashlib.sha1(key(text, date).encode("utf-8")).hexdigest()[:16]


# -- outcomes ------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    negative: bool
    event: str | None          # None: any type ("no events")
    actor: frozenset | None    # None: not judged
    recipient: frozenset | None
    equipment: tuple[str, ...] = ()
    status: str | None = None
    source: str | None = None
    date: str | None = None


def _side(text: str) -> frozenset:
    return frozenset() if text == "-" else frozenset(
        x.replace("_", " ") for x in text.split(",") if x)


def parse_expect(expect: str) -> Expect:
    words = expect.split()
    negative = bool(words) and words[0] == "no"
    if negative:
        words = words[1:]
    if negative and words == ["events"]:
        return Expect(True, None, None, None)
    if not words:
        raise ValueError(f"empty expectation {expect!r}")
    event, rest = words[0], words[1:]
    actor = recipient = None
    if "->" in rest:
        k = rest.index("->")
        if k != 1 or len(rest) < 3:
            raise ValueError(f"expectation {expect!r}: write 'TYPE A,B -> C'")
        actor, recipient, rest = _side(rest[0]), _side(rest[2]), rest[3:]
    equipment, status, source, date = (), None, None, None
    text = " ".join(rest)
    m = re.search(r"\[([^\]]*)\]", text)
    if m:
        equipment = tuple(x.strip() for x in m.group(1).split(",") if x.strip())
        text = text[:m.start()] + text[m.end():]
    for w in text.split():
        if w in STATUSES:
            status = w
        elif w.startswith("source="):
            source = w[7:].replace("_", " ")
        elif w.startswith("date="):
            date = w[5:]
        else:
            raise ValueError(f"expectation {expect!r}: what is {w!r}?")
    return Expect(negative, event, actor, recipient, equipment, status, source, date)


def _codes(items) -> frozenset:
    return frozenset(x.country_code or x.entity_name for x in items)


def fits(e: Expect, ev: EventReport) -> bool:
    if e.event and ev.event != e.event:
        return False
    if e.actor is not None and _codes(ev.actor) != e.actor:
        return False
    if e.recipient is not None and _codes(ev.recipient) != e.recipient:
        return False
    have = {x for q in ev.equipment for x in (q.name, q.cls) if x}
    if any(x not in have for x in e.equipment):
        return False
    if e.status and ev.status != e.status:
        return False
    if e.source and not any(e.source.lower() in (a.entity_name or "").lower() or
                            e.source == a.country_code for a in ev.attribution):
        return False
    if e.date and not (ev.date or ev.doc_date or "").startswith(e.date):
        return False
    return True


def holds(expect: str, events: list[EventReport]) -> bool:
    e = parse_expect(expect)
    found = any(fits(e, ev) for ev in events)
    return not found if e.negative else found


def describe(ev: EventReport) -> str:
    side = lambda xs: ",".join(sorted(_codes(xs))).replace(" ", "_") or "-"  # noqa: E731
    equip = ",".join(q.name or q.cls for q in ev.equipment)
    src = ",".join(a.entity_name.replace(" ", "_") + (f"/{a.country_code}" if a.country_code
                                                      else "") for a in ev.attribution)
    return (f"{ev.event} {side(ev.actor)} -> {side(ev.recipient)}"
            f"{' [' + equip + ']' if equip else ''} {ev.status}"
            f"{' source=' + src if src else ''} date={ev.date}")
