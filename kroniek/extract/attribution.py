"""Who the article says the information comes from.

Sources come from 'volgens X', report verbs ('X meldt', 'zei X', 'aldus X',
'maakte X bekend'), 'op basis van Y' (a further source, listed after X), and
quotes with a speaker. 'Dat meldt Reuters' points back at the previous sentence.
A sentence that goes on in the reportative ('zou/zouden') inherits the sources of
the previous sentence in its paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import EntityRef, EventReport, Sentence
from . import rules
from .clauses import Clause
from .frames import Slots
from .parse import Parse
from ..lexicon import load_lexicon, ordered, words
from .phrases import Participant, Phrase

DETERMINERS = words("source_determiners")  # left out of a source's name
# Footage or documents someone published: what they show is that publisher's claim.
MEDIA_NOUNS = ordered("media_nouns")  # word endings
PUBLISH_VERBS = words("publish_verbs")
CLAIM_NOUNS = words("claim_nouns")
QUOTES = words("quote_chars")
QUOTE_TAG_VERBS = words("quote_tag_verbs")
# a state body with no country ('het kabinet maakte bekend'): which state is left open
DOMESTIC = words("domestic_nouns")


A = "attribution"
rules.define("attribution.volgens", A, "'volgens X': X is a source of what the clause says",
             rules.example("Volgens Reuters levert Iran drones aan Rusland.",
                           "AID IRN -> RUS source=Reuters"))
rules.define("attribution.volgens-maar-contrast", A,
             "'volgens X' in the main clause does not cover a contrasting 'maar' clause with "
             "a subject of its own",
             rules.example("Volgens Reuters levert Iran raketten aan Rusland, maar Teheran "
                           "ontkent dat.", "no REJECT source=Reuters"))
rules.define("attribution.hearsay", A,
             "a contrasting 'maar' clause that is hearsay too ('maar zou ...') stays under "
             "'volgens X'",
             rules.example("Volgens Reuters wilde Iran drones aan Rusland leveren, maar zou "
                           "Teheran de levering hebben uitgesteld.",
                           "AID IRN -> RUS negated source=Reuters"))
rules.define("attribution.report-verb-speaker", A,
             "the speaker of a report verb ('X meldt', 'zei X') is a source of what is said",
             rules.example("Reuters meldt dat Iran drones aan Rusland levert.",
                           "AID IRN -> RUS source=Reuters"))
rules.define("attribution.report-verb-negated", A,
             "'X heeft dat niet bevestigd': a negated report verb gives no source",
             rules.example("Kiev heeft niet bevestigd dat Duitsland Taurus-raketten levert.",
                           "no AID source=UKR"))
rules.define("attribution.op-basis-van", A,
             "'op basis van Y' is a further source once a source is known",
             rules.example("Reuters meldt op basis van inlichtingen dat Iran drones aan "
                           "Rusland levert.", "AID IRN -> RUS source=inlichtingen"))
rules.define("attribution.published-footage", A,
             "'op beelden die X verspreidde': what the footage shows is X's claim",
             rules.example("Op beelden die het Oekraïense leger verspreidde, is te zien hoe "
                           "een Russische tank wordt vernietigd.", "ASSAULT - -> RUS source=UKR"))
rules.define("attribution.aldus", A, "'aldus X' after a quote: X is the source",
             rules.example("'Iran levert drones aan Rusland', aldus Reuters.",
                           "AID IRN -> RUS source=Reuters"))
rules.define("attribution.dat-meldt-backward", A,
             "'Dat meldt Reuters': the source belongs to the previous sentence",
             rules.example("Iran levert drones aan Rusland. Dat meldt Reuters.",
                           "AID IRN -> RUS source=Reuters"))
rules.define("attribution.speech-verb-over-content", A,
             "'X zegt ... te hebben onderschept', 'X meldt dat ...' read as one clause: a finite "
             "report verb whose content verb is another in its clause makes X a source of it",
             rules.example("Van de raketten die Iran op Israël afvuurde, zegt Israël de meeste "
                           "te hebben onderschept.", "ASSAULT IRN -> ISR source=ISR"),
             rules.example("Lavrov schrijft verder dat zijn land uitsluitend militaire doelen "
                           "heeft aangevallen.", "ASSAULT RUS -> - source=RUS"))
rules.define("attribution.speech-finite-with-complement", A,
             "a finite report verb with a 'dat' clause under it reports that clause, also "
             "when its own clause holds another verb",
             rules.example("Oekraïne zegt dat het de meeste drones heeft neergeschoten, al "
                           "waren er ook inslagen in Kiev.",
                           "ASSAULT UKR -> - [drone] source=UKR"))
rules.define("attribution.plain-speaker", A,
             "the subject of a report verb is its speaker also when it names no party "
             "('zegt de burgemeester', 'melden de separatisten'); not a state body with no "
             "country named ('het kabinet')",
             rules.example("Rusland heeft de stad opnieuw met raketten aangevallen, zegt de "
                           "burgemeester.", "ASSAULT RUS -> - [missile] reported "
                           "source=burgemeester"))
rules.define("attribution.blijkt-uit", A,
             "'Dat blijkt uit een rapport van X', 'Uit documenten van X blijkt dat ...': X (or "
             "the document, when it names a party) is the source; 'Dat' points back",
             rules.example("Noord-Korea levert raketten aan Rusland. Dat blijkt uit een "
                           "rapport van de Verenigde Naties.",
                           "AID PRK -> RUS [missile] reported source=UN"),
             rules.example("Uit Amerikaanse inlichtingen blijkt dat Iran drones aan Rusland "
                           "levert.", "AID IRN -> RUS [drone] reported source=USA"))
rules.define("attribution.colon-speaker", A,
             "a person's name and a colon opening the sentence ('Zelensky: ...') make that "
             "person the source of what follows",
             rules.example("Zelensky: Rusland heeft Kiev met drones aangevallen",
                           "ASSAULT RUS -> UKR [drone] reported source=UKR"))
rules.define("attribution.een-van-speakers", A,
             "'zei een van de diplomaten': the speaker is the group after 'een van'",
             rules.example("Iran levert raketten aan Rusland, zei een van de Amerikaanse "
                           "diplomaten.", "AID IRN -> RUS source=USA"))


@dataclass
class Sources:
    refs: list[EntityRef] = field(default_factory=list)
    backward: bool = False  # 'Dat meldt Reuters': the sources belong to the previous sentence
    speech_clauses: set[int] = field(default_factory=set)  # clauses that only report
    speaker: list[Participant] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    by_clause: dict[int, list[EntityRef]] = field(default_factory=dict)  # speaker refs
    unnamed_tag: bool = False  # "..., klonk het": a quote whose speaker is named before
    # which clauses each source covers; None = the whole sentence
    scopes: list[tuple[EntityRef, set[int] | None]] = field(default_factory=list)

    def add(self, ref: EntityRef, scope: set[int] | None = None) -> None:
        if not any(_same(ref, r) for r in self.refs):
            self.refs.append(ref)
        self.scopes.append((ref, scope))

    def for_clause(self, index: int) -> list[EntityRef]:
        out: list[EntityRef] = []
        for ref, scope in self.scopes:
            if (scope is None or index in scope) and not any(_same(ref, r) for r in out):
                out.append(ref)
        return out


def subtree(c: Clause, clauses: list[Clause], kinds=("sub", "rel", "inf", "coord")) -> set[int]:
    """The clause and the clauses under it."""
    out = {c.index}
    for k in clauses:
        if k.parent == c.index and k.kind in kinds:
            out |= subtree(k, clauses, kinds)
    return out


def _same(a: EntityRef, b: EntityRef) -> bool:
    return (a.country_code or a.entity_name) == (b.country_code or b.entity_name) and \
        a.entity_name == b.entity_name


def phrase_ref(ph: Phrase) -> list[EntityRef]:
    """EntityRefs for a source phrase: named entities, or the phrase itself."""
    refs = []
    named = [p for p in ph.parts if p.via in (  # not Dutch
        "name", "capital", "org", "person", "country", "demonym", "coref", "of")]
    for p in named:
        refs.append(EntityRef(raw_text=p.raw, entity_name=p.name, country_code=p.code,
                              wikidata_id=p.wikidata, sector_code=p.sector))
    if not named:
        words = ph.text.split()
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
        name = " ".join(words) or ph.text
        country = (ph.parts or ph.assoc)[0] if (ph.parts or ph.assoc) else None
        refs.append(EntityRef(raw_text=ph.text, entity_name=name,
                              country_code=country.code if country else None,
                              sector_code=country.sector if country else None))
    return refs


def _hearsay(c: Clause, toks) -> bool:
    """Is the clause reportative ('zou', 'zouden')?"""
    return c.finite is not None and toks[c.finite].lemma.lower() == "zullen" and \
        "verl" in toks[c.finite].feats


def find_sources(parse: Parse) -> Sources:
    """Sources and the clauses they cover: 'volgens X' in the main clause and report tags
    (', meldt X', 'aldus X') cover the sentence; 'volgens X' in a subordinate clause covers
    that clause; 'X zegt dat ...' covers what X says, not a clause coordinated with it."""
    sent, clauses, phrases = parse.sent, parse.clauses, parse.phrases
    slots_of = parse.slots_by_clause()
    lex = load_lexicon()
    toks = sent.tokens
    out = Sources()
    comments: set[int] | None = None
    for ph in phrases:  # 'volgens X'
        if not rules.applies("attribution.volgens", ph.prep == "volgens"):
            continue
        home = next((c for c in clauses if c.has(ph.head)), None)
        scope = None if home is None or home.kind in ("main", "coord") else \
            subtree(home, clauses)
        if scope is None:
            comments = _comments(clauses, phrases) if comments is None else comments
            # "Volgens geruchten zou ..., maar Minsk spreekt dat tegen": a contrasting
            # clause with a subject of its own is the outlet's (not when it is hearsay
            # too: "..., maar zou Teheran de levering hebben uitgesteld")
            others = {k for c in clauses if rules.applies(
                "attribution.volgens-maar-contrast", c.kind == "coord" and c.conj == "maar"
                and any(p.parts for p in slots_of[c.index].subject)
                and not rules.applies("attribution.hearsay", _hearsay(c, toks)))
                for k in subtree(c, clauses)} if home is not None else set()
            if comments or others:
                scope = {c.index for c in clauses} - comments - others
        for member in [p for p in phrases if p.group == ph.group]:
            for r in phrase_ref(member):
                out.add(r, scope)
        out.why.append(f"'volgens {ph.text}'")
    for c in clauses:  # report verbs: "X meldt", "zei X", "maakte X bekend"
        lemma = c.lemma or ""
        fl = toks[c.finite].lemma.lower() if c.finite is not None else ""
        if rules.applies("attribution.speech-finite-with-complement",
                         lemma not in lex.speech_verbs and fl in lex.speech_verbs
                         and not lemma.endswith(fl) and any(
                             k.parent == c.index and k.kind == "sub" and k.conj == "dat"
                             for k in clauses)):
            lemma = fl  # "Israël zegt dat ..., al waren er ook inslagen": 'zegt' reports
        if lemma not in lex.speech_verbs and lemma not in ("melden", "zeggen", "bekendmaken",
                                                          "weten", "laten weten"):
            continue
        if lemma in ("ontkennen", "tegenspreken", "noemen", "waarschuwen"):
            continue  # these are events (REJECT, ACCUSE) with their own actor
        s = slots_of.get(c.index)
        speakers = _speakers(c, s, phrases, toks)
        if not rules.applies("attribution.report-verb-speaker", speakers):
            continue
        if rules.applies("attribution.report-verb-negated",
                         any(toks[i].lemma.lower() in ("niet", "geen", "nooit")
                             for i in c.tokens)):
            continue  # "Kyiv heeft dat niet bevestigd": not a source of anything
        tag = c.conj == "parenthetical"
        scope = None if tag else subtree(c, clauses, ("sub", "inf", "rel"))
        for p in speakers:
            for r in phrase_ref(p):
                out.add(r, scope)
                out.by_clause.setdefault(c.index, []).append(r)
            out.speaker.extend(p.parts)
        basis = s.pp("op basis van") if s else []
        for p in (basis if rules.applies("attribution.op-basis-van", basis) else []):
            for member in [q for q in phrases if q.group == p.group]:
                for r in phrase_ref(member):
                    out.add(r, scope)
        out.speech_clauses.add(c.index)
        out.why.append(f"report verb '{lemma}' with speaker '{speakers[0].text}'")
        if rules.applies("attribution.dat-meldt-backward", _points_back(c, s, clauses, toks)):
            out.backward = True
    for c in clauses:  # "X zegt ... te hebben onderschept": the report verb is not the lemma
        content = _speech_over_content(c, toks, lex)
        # the subject slot may hold a party of what is said: the speaker stands before
        # the finite verb ("De televisiezender ..., meldt dat ...")
        front = [p for p in phrases if c.has(p.head) and p.prep is None and p.attach is None
                 and p.end <= c.finite and (p.parts or toks[p.head].pos == "N")
                 and not p.equipment
                 and p.pronoun not in ("dat", "dit", "het")] if content and \
            c.kind in ("main", "coord") else []
        speakers = (front[-1:] or _speakers(c, slots_of.get(c.index), phrases, toks)) \
            if content else []
        if not rules.applies("attribution.speech-verb-over-content", speakers):
            continue
        scope = subtree(c, clauses)
        for p in speakers:
            for r in phrase_ref(p):
                out.add(r, scope)
            out.speaker.extend(p.parts)
        out.why.append(f"report verb '{toks[c.finite].lemma}' over '{c.lemma}' with speaker "
                       f"'{speakers[0].text}'")
    for c in clauses:  # "Dat blijkt uit een rapport van de VN", "Uit ... blijkt dat ..."
        if c.lemma != "blijken" or c.index not in slots_of:
            continue
        s = slots_of[c.index]
        docs = [q for q in s.pp("uit") if q.head_lemma not in ("dat", "dit", "het")]
        owners = [q for d in docs for q in phrases if q.prep == "van" and q.attach is not None
                  and phrases[q.attach] is d and q.parts]
        found = owners or [d for d in docs if d.parts or d.assoc]
        if not rules.applies("attribution.blijkt-uit", found):
            continue
        back = _points_back(c, s, clauses, toks)
        for q in found:
            for member in [x for x in phrases if x.group == q.group]:
                for r in phrase_ref(member):
                    out.add(r, None if back else subtree(c, clauses))
        out.why.append(f"'blijkt uit {found[0].text}'")
        if back:
            out.backward = True
    for c in clauses:  # "op beelden die X verspreidde, is te zien hoe ...": X's footage
        if (c.lemma or "") not in PUBLISH_VERBS:
            continue
        ante = _antecedent(c, phrases)
        if ante is None or not ante.head_lemma.endswith(MEDIA_NOUNS):
            continue
        speakers = _speakers(c, slots_of.get(c.index), phrases)
        if not rules.applies("attribution.published-footage", speakers):
            continue
        for p in speakers:
            for r in phrase_ref(p):
                out.add(r)
        out.why.append(f"'{ante.text}' published by '{speakers[0].text}'")
    head = next((p for p in phrases if p.start <= 1), None)  # "Zelensky: ..." (a headline)
    if rules.applies("attribution.colon-speaker", head is not None and head.parts and all(
            x.via == "person" for x in head.parts) and head.end + 1 < len(toks)
            and toks[head.end].text == ":"):
        for r in phrase_ref(head):
            out.add(r)
        out.speaker.extend(head.parts)
        out.why.append(f"'{head.text}:' opens the sentence")
    for k, t in enumerate(toks):  # "aldus X" at the end of a quote
        if rules.applies("attribution.aldus", t.lemma.lower() == "aldus" and k + 1 < len(toks)):
            nxt = next((p for p in phrases if p.start > k), None)
            if nxt is not None:
                for member in [p for p in phrases if p.group == nxt.group]:
                    for r in phrase_ref(member):
                        out.add(r)
                out.speaker.extend(nxt.parts)
                out.why.append(f"'aldus {nxt.text}'")
    out.unnamed_tag = not out.refs and any(
        c.conj == "parenthetical" and (c.lemma or "") in QUOTE_TAG_VERBS
        and not _speakers(c, slots_of.get(c.index), phrases, toks) for c in clauses)
    if out.refs:  # "op basis van Y" anywhere once a primary source is known
        for ph in phrases:
            if rules.applies("attribution.op-basis-van", ph.prep == "op basis van"):
                for r in phrase_ref(ph):
                    out.add(r)
    return out


def _speech_over_content(c: Clause, toks, lex) -> bool:
    """A finite report verb ('zegt', 'meldt') whose clause has another content verb after
    it, as a te-infinitive or a 'dat' clause the segmenter left in: what X says is there."""
    if c.finite is None or not c.lemma:
        return False
    fl = toks[c.finite].lemma.lower()
    if fl not in lex.speech_verbs and fl not in ("melden", "zeggen"):
        return False
    if c.lemma in lex.speech_verbs or c.lemma.endswith(fl) or c.main is None \
            or c.main <= c.finite:
        return False
    after = [toks[i] for i in c.tokens if c.finite < i < c.main]
    # Frog may tag the 'dat' it could not attach as a pronoun
    return any(t.lemma.lower() in ("te", "dat") for t in after)


SPEECH_ACTS = {"ACCUSE", "THREATEN", "REJECT", "REQUEST"}  # not Dutch


@rules.rule("attribution.speech-act-speaker", A,
            "an accusation, threat, refusal or demand in a sentence that names no source "
            "comes from the one who makes it: its actor is its source",
            rules.example("Polen beschuldigt Rusland van sabotage.",
                          "ACCUSE POL -> RUS source=POL"), off=False)
def speech_act_speaker(e: EventReport, sentence_sources: bool) -> bool:
    """'Boekarest ontkende dat ...', 'Biden noemde de val ... gerechtigheid': what the
    chronicle records is the speaker's own statement. (A reply to a claim the sentence
    attributes, '..., maar Minsk spreekt dat tegen', is the outlet's report.)"""
    if e.event not in SPEECH_ACTS or e.attribution or not e.actor or sentence_sources:
        return False
    e.attribution = [EntityRef(raw_text=a.raw_text, entity_name=a.entity_name,
                               country_code=a.country_code, wikidata_id=a.wikidata_id,
                               sector_code=a.sector_code) for a in e.actor]
    return True


def _antecedent(c: Clause, phrases: list[Phrase]) -> Phrase | None:
    """The phrase a relative clause hangs on: the one right before it."""
    if c.kind != "rel" or not c.tokens:
        return None
    return next((p for p in reversed(phrases) if p.end <= c.tokens[0]), None)


def _comments(clauses: list[Clause], phrases: list[Phrase]) -> set[int]:
    """Relative clauses about a claim ('..., een bewering die Kiev tegenspreekt'): what
    they say of the claim is not part of it, so its 'volgens X' does not cover them."""
    out: set[int] = set()
    for c in clauses:
        ante = _antecedent(c, phrases)
        if ante is not None and ante.head_lemma in CLAIM_NOUNS:
            out |= subtree(c, clauses)
    return out


def _speakers(c: Clause, s: Slots | None, phrases: list[Phrase], toks=None) -> list[Phrase]:
    subj = s.subject if s else []
    if not subj and toks is not None:  # "zegt de ombudsman": a speaker who is no party
        plain = [p for p in phrases if c.has(p.head) and p.prep is None and p.attach is None
                 and any(toks[k].deprel == "su" for k in range(p.start, p.end))
                 and toks[p.head].pos == "N" and p.head_lemma not in DOMESTIC]
        subj = plain[:1] if rules.applies("attribution.plain-speaker", plain) else []
    # an unresolved 'het' ("Het viel te verwachten dat ...") is nobody
    speakers = [p for p in subj if p.pronoun not in ("dat", "dit", "het")
                and not (p.head_lemma == "het" and not p.parts)]
    if not speakers:  # "zei een van deze diplomaten": the group after 'een van'
        group = [p for p in phrases if c.has(p.head) and p.prep == "van"
                 and p.attach is not None and
                 phrases[p.attach].head_lemma in ("een", "één", "twee", "enkele")]
        if rules.applies("attribution.een-van-speakers", group):
            speakers = group
    return speakers


def _points_back(c: Clause, s: Slots | None, clauses: list[Clause], toks) -> bool:
    """'Dat meldt Reuters' / 'Reuters meldde dat gisteren': about the previous sentence."""
    if any(k.parent == c.index and k.kind == "sub" for k in clauses):
        return False
    first = toks[c.tokens[0]] if c.tokens else None
    if c.index == 0 and first is not None and first.lemma.lower() in ("dat", "dit") and \
            first.pos == "VNW":
        return True
    if any(o.pronoun in ("dat", "dit") for o in (s.objects if s else [])):
        return True
    return c.finite is not None and any(
        toks[i].lemma.lower() in ("dat", "dit") and toks[i].pos == "VNW"
        and "pron" in toks[i].feats and i > c.finite for i in c.tokens)


OPENING, CLOSING = "“„‘«", "”’»"  # not Dutch: quotation marks; '"' opens or closes


def quote_begun(sent: Sentence, memory) -> tuple[int | None, bool]:
    """The sentence of the paragraph where a quotation this sentence is part of began
    (None: no quotation reaches into or out of it), and whether one that began earlier
    closes here; records the quotation still open after the sentence."""
    prev = sent.index - 1
    start = memory.quote_open.get(prev) if memory.paragraph.get(prev) == sent.paragraph \
        else None
    begun, closes = start, False
    for t in sent.tokens:
        if t.text in OPENING or (t.text == '"' and start is None):
            start = sent.index
        elif t.text in CLOSING or t.text == '"':
            closes = closes or (start is not None and start < sent.index)
            start = None
    if start is not None:
        memory.quote_open[sent.index] = start
        begun = start if begun is None else begun
    return begun, closes
