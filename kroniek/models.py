"""Typed records that flow one way through the pipeline.

Document -> AnalyzedDocument (sentences, tokens) -> EventReport.
Offsets always count characters in `Document.text` (the text after the date header).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    id: str
    date: str  # YYYY-MM (or YYYY-MM-DD) as given by the source
    text: str
    url: str | None = None
    source: str | None = None  # file path or "-" for stdin, as the user gave it
    label: str | None = None  # what is stored and shown: the path relative to the run's root
    format: str = "text"  # what it was read from: text, jsonl, html, warc, feed
    outlet: str | None = None  # the publisher a page or feed names (not stored; the
    # store derives outlets from the url)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.date}\n{self.text}".encode()).hexdigest()


@dataclass
class Token:
    i: int  # index within the sentence
    text: str
    lemma: str
    pos: str  # coarse CGN tag: N, WW, ADJ, VZ, ...
    feats: tuple[str, ...]  # CGN features: ("soort", "mv", "basis")
    ner: str  # O, B-LOC, I-PER, ...; '' when Frog's NER is skipped (kroniek's default)
    head: int  # index of the head token in the sentence, -1 for the root
    deprel: str
    start: int  # character offsets in the document text
    end: int

    def has(self, *feats: str) -> bool:
        return all(f in self.feats for f in feats)


@dataclass
class Sentence:
    index: int  # position in the document
    paragraph: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    def children(self, tok: Token) -> list[Token]:
        return [t for t in self.tokens if t.head == tok.i]

    def head_of(self, tok: Token) -> Token | None:
        return self.tokens[tok.head] if 0 <= tok.head < len(self.tokens) else None


@dataclass
class AnalyzedDocument:
    doc: Document
    sentences: list[Sentence]


@dataclass
class EntityRef:
    """An actor, recipient or source as exported (PLOVER actor fields)."""

    raw_text: str
    entity_name: str
    country_code: str | None = None
    wikidata_id: str | None = None
    sector_code: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict:
        out = {"raw_text": self.raw_text, "entity_name": self.entity_name,
               "country_code": self.country_code}
        if self.wikidata_id:
            out["wikidata_id"] = self.wikidata_id
        if self.sector_code:
            out["sector_code"] = self.sector_code
        return out


@dataclass
class EquipmentRef:
    raw_text: str
    name: str | None  # canonical designation, None when only the class is known
    cls: str
    origin: str | None = None
    quantity: str | None = None
    wikidata_id: str | None = None

    def to_json(self) -> dict:
        out = {"raw_text": self.raw_text, "name": self.name, "class": self.cls,
               "origin": self.origin}
        if self.quantity:
            out["quantity"] = self.quantity
        if self.wikidata_id:
            out["wikidata_id"] = self.wikidata_id
        return out


STATUSES = ("asserted", "reported", "planned", "requested", "attempted",
            "denied", "negated", "hypothetical")
EVENT_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT",
               "COOPERATE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT",
               "SANCTION", "SUPPORT", "THREATEN")


@dataclass
class EventReport:
    """One event as one sentence of one document reports it."""

    doc_id: str
    doc_date: str
    sentence_index: int
    char_start: int
    char_end: int
    sentence_text: str
    event: str
    mode: list[str]
    actor: list[EntityRef]
    recipient: list[EntityRef]
    equipment: list[EquipmentRef]
    status: str
    attribution: list[EntityRef]
    date: str | None
    enddate: str | None = None
    location: str | None = None
    trigger: str = ""
    frame: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None
    why: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # ids of the rules that decided it

    @property
    def id(self) -> str:
        key = f"{self.doc_id}|{self.sentence_index}|{self.trigger_start}|{self.event}|" + \
            ",".join(a.country_code or a.entity_name for a in self.actor) + "|" + \
            ",".join(r.country_code or r.entity_name for r in self.recipient)
        return f"{self.doc_id}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"

    def to_plover(self) -> dict:
        out = {
            "id": self.id,
            "date": self.date or self.doc_date,
            "event": self.event,
            "mode": self.mode,
            "context": self.mode,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [r.to_json() for r in self.recipient],
            "equipment": [e.to_json() for e in self.equipment],
            "status": self.status,
            "attribution": [a.to_json() for a in self.attribution],
            "location": self.location,
            "event_text": [self.sentence_text],
            "cite_info": {"doc_id": self.doc_id, "doc_date": self.doc_date,
                          "sentence_index": self.sentence_index,
                          "char_start": self.char_start, "char_end": self.char_end,
                          "trigger": self.trigger},
        }
        if self.enddate:
            out["enddate"] = self.enddate
        return out
