"""Sentences that finish what the sentence before began: 'Het gaat om Mohajer-6-drones'
says what the event just reported was about, 'Dat meldt Reuters' gives its source.
Also the helpers the context rules share (a participant from an earlier event, a state
named by the context)."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..knowledge import load_catalog
from ..models import EntityRef, EventReport
from . import rules
from .phrases import Participant

if TYPE_CHECKING:
    from .memory import Memory
    from .parse import Parse


def _participant(ref: EntityRef, via: str = "coref") -> Participant:
    return Participant(key=f"ref:{ref.country_code or ref.entity_name}", name=ref.entity_name,
                       code=ref.country_code, raw=ref.raw_text, start=ref.start or -1,
                       end=ref.end or -1, via=via, sector=ref.sector_code,
                       wikidata=ref.wikidata_id)


def _state_ref(code: str | None) -> EntityRef | None:
    """A state named by the context, not by the text (no raw text)."""
    state = load_catalog().country(code) if code else None
    return None if state is None else EntityRef(
        raw_text="", entity_name=state.name, country_code=code, wikidata_id=state.wikidata)


def _kinds(equipment) -> set[str]:
    """Names and classes of equipment, to tell whether two events use the same kind."""
    return {e.name or e.cls for e in equipment} | {e.cls for e in equipment}


def mark(e: EventReport, id: str) -> None:
    """Record a rule that changed a finished event (its `rules` list may be shared with a
    copy, so it is replaced, not extended)."""
    e.rules = e.rules + [id] if id not in e.rules else e.rules


PACKAGES = ("pakket", "levering", "zending", "hulp", "steun")  # what a supply consists of


def _reported_in(memory: "Memory", index: int) -> list:
    """The supplies, attacks and requests sentence INDEX reported or held back."""
    kinds = ("AID", "ASSAULT", "REQUEST")
    return [e for e in memory.events if e.sentence_index == index and e.event in kinds] or \
        [e for e in memory.pending if e.sentence_index == index and e.event in kinds]


@rules.rule("postprocess.het-gaat-om", "postprocess",
            "'Het gaat om Mohajer-6-drones' names the equipment of the event just reported",
            rules.example("Iran levert steeds meer aan Rusland. Het gaat om Shahed-drones.",
                          "AID IRN -> RUS [Shahed-136]"), off=())
def _het_gaat_om(p: "Parse", c) -> list:
    """'Het gaat (volgens X) om ...': what the previous event was about."""
    after = c.finite + 1 if c.finite is not None else None
    if c.lemma == "gaan" and (any(p.toks[i].lemma.lower() == "het" for i in c.tokens[:4]) or
                              rules.applies("postprocess.het-gaat-om-inverted",
                                            after in c.tokens and
                                            p.toks[after].lemma.lower() == "het")):
        return [x for x in p.slots(c).pp("om", "naast") if x.equipment or x.personnel]
    return []


@rules.rule("postprocess.package-contains", "postprocess",
            "'Het pakket bevat ...' names the equipment of the supply just reported",
            rules.example("De Verenigde Staten leveren nog meer aan Oekraïne. Het pakket "
                          "bevat munitie voor HIMARS-raketwerpers.",
                          "AID USA -> UKR [HIMARS]"), off=())
def _package_contains(p: "Parse", c) -> list:
    toks = p.toks
    if c.lemma in ("bevatten", "omvatten") and c.finite is not None and any(
            toks[i].lemma.lower().endswith(PACKAGES) for i in c.tokens if i < c.finite):
        return [x for x in p.phrases if c.has(x.head) and (x.equipment or x.personnel)]
    return []


ELABORATIONS = (_het_gaat_om, _package_contains)
rules.define("postprocess.het-gaat-om-inverted", "postprocess",
             "'Volgens X gaat het om ...': a fronted phrase before 'gaat het om' does not "
             "hide what the event was about",
             rules.example("Iran levert steeds meer aan Rusland. Volgens de Amerikaanse "
                           "regering, die het nieuws bekendmaakte, gaat het om Shahed-drones.",
                           "AID IRN -> RUS [Shahed-136]"))
rules.define("postprocess.elaboration-in-paragraph", "postprocess",
             "when the two sentences before report nothing, 'het gaat om ...' is about the "
             "last supply or attack of the paragraph",
             rules.example("Iran stuurde vorige maand wapens naar Rusland. Dat verklaarde "
                           "het Witte Huis. Er kunnen nog meer leveringen volgen. Het gaat "
                           "om drones en raketten.", "AID IRN -> RUS [drone,missile]"))
rules.define("postprocess.elaboration-source-reports", "postprocess",
             "a source of the sentence that says what the event was about makes it reported",
             rules.example("Iran levert steeds meer aan Rusland. Het gaat volgens Reuters om "
                           "Shahed-drones.", "AID IRN -> RUS [Shahed-136] reported"))


def elaboration(p: "Parse") -> list[EventReport]:
    """'Het gaat (volgens X) om Mohajer-6-drones', 'Het pakket bevat ...': the sentence
    names what the event just reported was about; it becomes a report of that event with
    this equipment."""
    from .frames import equipment_of
    sent, memory, refs = p.sent, p.memory, p.refs
    out = []
    for c in p.clauses:
        about, id = [], None
        for how in ELABORATIONS:
            about = how(p, c)
            if about:
                id = how.rule_id
                break
        if not about:
            continue
        # the event just reported: in the previous sentence (also one held back there for
        # want of equipment), or in the one before when the previous one reports nothing
        # ('... Dat zegt Blinken. Het gaat om ...')
        prev = _reported_in(memory, sent.index - 1)
        if not prev and not any(e.sentence_index == sent.index - 1 for e in memory.events):
            prev = _reported_in(memory, sent.index - 2)
        prev = prev or memory.pending[-1:]
        if not prev and not any(e.sentence_index in (sent.index - 1, sent.index - 2)
                                for e in memory.events):
            here = [e for e in memory.events if e.event in ("AID", "ASSAULT", "REQUEST") and
                    sent.index - 4 <= e.sentence_index < sent.index and
                    memory.paragraph.get(e.sentence_index) == sent.paragraph]
            if rules.applies("postprocess.elaboration-in-paragraph", here):
                prev = here[-1:]
        for e in prev[:1]:
            new = copy.copy(e)
            new.equipment = equipment_of(about)
            new.sentence_index, new.char_start, new.char_end = sent.index, sent.start, sent.end
            new.sentence_text = sent.text
            new.attribution = list(refs) or list(e.attribution)
            if rules.applies("postprocess.elaboration-source-reports",
                             refs and new.status == "asserted"):
                new.status = "reported"
            new.why = list(e.why) + [f"sentence {sent.index} says what it was about"]
            new.rules = list(e.rules)
            mark(new, id)
            out.append(new)
    return out


rules.define("attribution.previous-cause-stays-asserted", "attribution",
             "'Dat meldt X' after a sanction over an act: X announced the sanction; the act "
             "given as its ground keeps its status",
             rules.example("De EU heeft sancties ingesteld tegen Iran wegens de levering van "
                           "drones aan Rusland. Dat heeft Tsjechië bekendgemaakt.",
                           "AID IRN -> RUS [drone] asserted"))


@rules.rule("attribution.source-of-previous-sentence", "attribution",
            "'Dat meldt Reuters': the sources a sentence names belong to the events of the "
            "sentence before it, which become reported",
            rules.example("Iran heeft drones aan Rusland geleverd. Dat meldt Reuters.",
                          "AID IRN -> RUS reported source=Reuters"))
def attribute_previous(p: "Parse", refs: list[EntityRef], st) -> bool:
    """'Dat meldt Reuters op basis van ...': the previous sentence's events get the sources."""
    changed = False
    for e in p.memory.events:
        if e.sentence_index == p.index - 1:
            changed = True
            e.attribution = list(refs) + [r for r in e.attribution if r not in refs]
            mark(e, "attribution.source-of-previous-sentence")
            if e.status == "asserted" and not rules.applies(
                    "attribution.previous-cause-stays-asserted",
                    "trigger.cause-blamed" in e.rules):
                e.status = "reported"
                e.why.append("reported: the next sentence names the source")
    st.notes.append("sources apply to the previous sentence")
    return changed


@rules.rule("attribution.quote-tag-covers-quote", "attribution",
            "the tag that closes a quotation of several sentences (', aldus X') gives X as "
            "source to the events of all its sentences, which become reported",
            rules.example("“Rusland heeft Kiev opnieuw met drones aangevallen. Dat is "
                          "verschrikkelijk”, aldus Zelensky.",
                          "ASSAULT RUS -> UKR [drone] reported source=UKR"))
def quote_tag_covers_quote(p: "Parse", refs: list[EntityRef], begun: int) -> bool:
    changed = False
    for e in p.memory.events:
        if begun <= e.sentence_index < p.index and not e.attribution:
            changed = True
            e.attribution = list(refs)
            mark(e, "attribution.quote-tag-covers-quote")
            if e.status == "asserted":
                e.status = "reported"
                e.why.append("reported: the quotation's tag names its speaker")
    return changed
