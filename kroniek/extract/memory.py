"""What the reader remembers while going through an article: recent states,
equipment, events and sources -- for coreference and implicit participants."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..lexicon import table, words
from ..models import EntityRef, EquipmentRef, Sentence
from .phrases import Participant, Phrase

# anaphoric nouns and the classes they can pick up (None: any), in the file's order
CLASS_NOUNS = {noun: None if classes is None else set(classes)
               for noun, classes in table("class_nouns").items()}


@dataclass
class Memory:
    states: list[tuple[int, int, Participant]] = field(default_factory=list)  # (sent, tok, p)
    equipment: list[tuple[int, EquipmentRef, list[Participant]]] = field(default_factory=list)
    events: list = field(default_factory=list)  # EventReports so far
    sources: dict[int, list[EntityRef]] = field(default_factory=dict)  # per sentence
    speakers: dict[int, list[Participant]] = field(default_factory=dict)
    paragraph: dict[int, int] = field(default_factory=dict)
    subjects: dict[int, list[Participant]] = field(default_factory=dict)
    places: list[Participant] = field(default_factory=list)
    persons: list[Participant] = field(default_factory=list)
    actors: dict[int, list[Participant]] = field(default_factory=dict)  # per sentence
    pending: list = field(default_factory=list)  # events held back for lack of equipment
    mentions: Counter = field(default_factory=Counter)  # state code -> times named
    owners: dict[str, Participant] = field(default_factory=dict)  # "besluit" -> Germany
    # sentence -> the sentence of its paragraph where a quotation still open after it began
    quote_open: dict[int, int] = field(default_factory=dict)

    def remember(self, sent: Sentence, phrases: list[Phrase]) -> None:
        self.paragraph[sent.index] = sent.paragraph
        self.actors[sent.index] = [p for ph in phrases for p in ph.parts
                                   if p.via != "coref" or ph.pronoun is None]
        for ph in phrases:
            for p in ph.parts:
                if p.via != "coref":
                    self.states.append((sent.index, ph.head, p))
                if p.via == "person":
                    self.persons.append(p)
            for p in ph.places:
                self.places.append(p)
            if ph.prep in ("in", "bij", "op") and ph.parts:
                self.places.extend(x for x in ph.parts if x.via in ("capital", "name", "place"))
            for e in ph.equipment:
                if e.name:
                    self.equipment.append((sent.index, e, list(ph.assoc)))
            if ph.assoc and not ph.equipment and not ph.parts:
                self.owners[ph.head_lemma] = ph.assoc[0]  # "het Duitse besluit"

    def recent_country(self, exclude: set[str], before_sent: int) -> Participant | None:
        for s, _, p in reversed(self.states):
            if s < before_sent and p.code and p.code not in exclude and is_state(p):
                return p
        return None

    def recent_states(self, n: int, before_sent: int, exclude: set[str]) -> list[Participant]:
        out = []
        for s, _, p in reversed(self.states):
            if s < before_sent and is_state(p) and p.code not in exclude and \
                    p.code not in {o.code for o in out}:
                out.append(p)
                if len(out) == n:
                    break
        return out

    def equipment_like(self, head_lemma: str) -> tuple[EquipmentRef, list[Participant]] | None:
        classes = CLASS_NOUNS.get(_stem(head_lemma), "missing")
        if classes == "missing":
            return None
        for _, e, assoc in reversed(self.equipment):
            if classes is None or e.cls in classes:
                return e, assoc
        return None

    def local_country(self) -> Participant | None:
        return self.places[-1] if self.places else None


def is_state(p: Participant) -> bool:
    return p.key.startswith("country:") or p.via == "adjective"


def _stem(lemma: str) -> str:
    for noun in CLASS_NOUNS:
        if lemma.endswith(noun):
            return noun
    return lemma


def copy_participant(p: Participant, raw: str, start: int, end: int) -> Participant:
    return Participant(key=p.key, name=p.name, code=p.code, raw=raw, start=start, end=end,
                       via="coref", sector=p.sector, wikidata=p.wikidata)


DOMESTIC = words("domestic_nouns")  # bodies of the country in the news


def self_local(memory: Memory) -> Participant | None:
    """The country where the article's events take place: the last place named as a
    location; a plain country name counts only through a city or capital."""
    return memory.local_country()
