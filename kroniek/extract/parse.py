"""One sentence as the rules see it: its tokens, phrases, clauses and their slots,
with the document's memory, dates and the sources found for it. A rule takes this one
object instead of six to ten arguments."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Document, EntityRef, Sentence, Token

if TYPE_CHECKING:
    from .clauses import Clause
    from .dates import DateContext
    from .frames import Slots
    from .memory import Memory
    from .phrases import Participant, Phrase


@dataclass
class Parse:
    sent: Sentence
    doc: Document
    memory: "Memory"
    dates: "DateContext"
    phrases: list["Phrase"] = field(default_factory=list)
    clauses: list["Clause"] = field(default_factory=list)
    exprs: list = field(default_factory=list)  # the sentence's time expressions
    refs: list[EntityRef] = field(default_factory=list)  # its sources
    _slots: dict[int, "Slots"] = field(default_factory=dict, repr=False)

    @property
    def toks(self) -> list[Token]:
        return self.sent.tokens

    @property
    def index(self) -> int:
        return self.sent.index

    def slots(self, clause: "Clause") -> "Slots":
        """The clause's phrases by slot (computed once until `refresh`)."""
        if clause.index not in self._slots:
            from .frames import slots
            self._slots[clause.index] = slots(clause, self.phrases, self.toks)
        return self._slots[clause.index]

    def slots_by_clause(self) -> dict[int, "Slots"]:
        return {c.index: self.slots(c) for c in self.clauses}

    def subjects(self, clause: "Clause") -> list["Participant"]:
        return [p for ph in self.slots(clause).subject for p in ph.parts]

    def forget_slots(self) -> None:
        self._slots.clear()
