"""Candidates that read like events but are not: figurative attacks (a debate, 'op X',
a trade war, sport), acts of police and courts on crimes, visits and calls to people who
are no party, warnings about the weather, trade in civil goods, general conditions.
Each check returns why the candidate is no event, or None; report.py runs them after its
own checks."""
from __future__ import annotations

import re

from ..lexicon import load_lexicon, ordered, words
from . import rules
from .frames import Candidate
from .military import MILITARY, military_words as _military_words


@rules.rule("report.attack-needs-target-or-force", "report",
            "an attack verb with no object, target, place, weapon or military word in its clause is "
            "no event: a rider or a team 'valt aan', a politician 'slaat terug'",
            rules.example("Op twintig kilometer van de streep viel de Belg Evenepoel aan.",
                          "no ASSAULT"),
            rules.example("De Amerikaanse president sloeg terug.", "no ASSAULT"))
def _attack_without_target(cand: Candidate, clause_toks) -> str | None:
    verb = any(t.i == cand.token and t.pos == "WW" for t in clause_toks)  # not 'offensief'
    target = any(t.deprel == "obj1" and t.head == cand.token for t in clause_toks)  # dorpen
    if verb and not target and cand.event == "ASSAULT" and cand.trigger.frame == "attack" \
            and not cand.recipient and not cand.equipment and not cand.places and \
            not _military_words(clause_toks):
        return "an attack on no one, with no weapon or military word ('viel aan op de klim')"
    return None


FIGURATIVE = words("figurative_attack_words")


@rules.rule("report.figurative-attack", "report",
            "an attack verb with a word of debate, media, trade or sport in its own phrases "
            "('tijdens het debat', 'op X', 'in de handelsoorlog') and no other military word "
            "in its clause is a figurative attack: no event",
            rules.example("De Franse president heeft de Amerikaanse president op X "
                          "aangevallen.", "no ASSAULT"),
            rules.example("China slaat terug in de handelsoorlog met de Verenigde Staten.",
                          "no ASSAULT"),
            rules.example("De Duitse verdediger werd uitgeschakeld door een blessure.",
                          "no ASSAULT"))
def _figurative_attack(cand: Candidate, clause_toks) -> str | None:
    if cand.event != "ASSAULT" or cand.trigger.frame != "attack" or cand.equipment:
        return None
    vocab = FIGURATIVE | load_lexicon().sports  # sports words (document.sports) too
    found = _verb_phrase_words(cand, clause_toks, vocab)
    if found and not _military_words([t for t in clause_toks
                                      if t.lemma.lower() not in vocab]):
        return f"a figurative attack ('{found[0].text}'): no event"
    return None


def _verb_phrase_words(cand: Candidate, clause_toks, vocab) -> list:
    """The words of VOCAB in the phrases of the clause's verbs (their objects and
    prepositional phrases, up to three links away), not in a noun's own clause."""
    by_i = {t.i: t for t in clause_toks}
    verbs = set(cand.clause.verbs) | {cand.token}

    def of_verb(t) -> bool:
        for _ in range(3):
            if t.head in verbs:
                return True
            if t.head not in by_i:
                return False
            t = by_i[t.head]
        return False
    # the word form too: Frog reads "verdachten" as a form of "verdenken"
    return [t for t in clause_toks
            if (t.lemma.lower() in vocab or t.text.lower() in vocab) and of_verb(t)]


CRIME = words("crime_words")
CRIME_ACTS = {"COERCE", "ASSAULT", "REQUEST", "REJECT", "ACCUSE"}  # not Dutch


@rules.rule("report.criminal-justice", "report",
            "police arresting suspects, a prosecutor demanding a sentence, a court rejecting "
            "an appeal: an act on a crime or a court case, with no other party and no "
            "military word in its clause, is no event",
            rules.example("De Duitse politie arresteerde twee verdachten.", "no COERCE"),
            rules.example("De Belgische rechtbank verwierp het beroep van de verdachte.",
                          "no REJECT"))
def _criminal_justice(cand: Candidate, clause_toks) -> str | None:
    own = {a.code for a in cand.actor}
    if cand.event not in CRIME_ACTS or cand.equipment or any(
            r.code not in own for r in cand.recipient):
        return None
    found = _verb_phrase_words(cand, clause_toks, CRIME)
    if found and not _military_words(clause_toks):
        return f"a crime or a court case ('{found[0].text}'): no event"
    return None


@rules.rule("report.meeting-needs-counterpart", "report",
            "a visit, meeting or talk whose counterpart is named but is no party ('bezocht een "
            "school', 'sprak met boeren', 'ontmoette de winnaars'), or that has one side only "
            "and nothing military in its clause, is no event",
            rules.example("De Spaanse premier sprak met boeren over de droogte.", "no CONSULT"),
            rules.example("De Franse president bezocht een school in Lyon.", "no CONSULT"),
            rules.example("De Duitse kanselier voerde dinsdag gesprekken met de werkgevers.",
                          "no CONSULT"),
            rules.example("De Belgische premier heeft woensdag een bakkerij in het centrum "
                          "van Gent bezocht.", "no CONSULT"))
def _meeting_without_counterpart(cand: Candidate, clause_toks) -> str | None:
    if cand.event != "CONSULT" or cand.recipient or cand.trigger.frame != "meet":
        return None
    lex = load_lexicon()
    # 'met elkaar' is the coordinated subject; 'bracht een bezoek aan' is the event noun
    each_other = any(t.lemma.lower() == "elkaar" for t in clause_toks)
    if each_other or _military_words(clause_toks):
        return None
    named = [t for t in clause_toks if t.head == cand.token and t.pos in ("N", "VZ") and (
        t.deprel == "obj1" or t.lemma.lower() == "met") and not lex.noun(t.lemma)]
    # Frog's relations may miss the one met: one side alone meets no party
    if named or len({a.code for a in cand.actor}) == 1:
        return "a visit or talk with someone who is no party"
    return None


@rules.rule("report.warning-without-threat", "report",
            "a warning naming no one it is against, and no act, weapon or military word in "
            "its sentence ('waarschuwt voor een hittegolf', 'waarschuwde dat de inflatie stijgt'), "
            "is no event",
            rules.example("Frankrijk waarschuwt voor een nieuwe hittegolf.", "no events"),
            rules.example("De Duitse minister waarschuwde dat de prijzen verder zullen "
                          "stijgen.", "no events"))
def _warning_without_threat(cand: Candidate, toks) -> str | None:
    if toks[cand.token].lemma.lower() != "waarschuwen" or cand.recipient or cand.equipment:
        return None
    if _about_nothing(cand, toks):
        return "a warning against no one, about nothing military"
    return None


@rules.rule("report.label-about-nothing", "report",
            "calling something by a quoted word ('noemde de kritiek ‘goedkoop’') with no one "
            "named as its target, and no act, negative label, weapon or military word in the "
            "sentence, is no event",
            rules.example("De Nederlandse premier noemde de kritiek 'goedkoop'.", "no events"))
def _label_about_nothing(cand: Candidate, toks) -> str | None:
    if toks[cand.token].lemma.lower() != "noemen" or cand.recipient or cand.equipment:
        return None
    if _about_nothing(cand, toks):
        return "a quoted name for something, against no one"
    return None


def _about_nothing(cand: Candidate, toks) -> bool:
    """No other act ('waarschuwt dat het Moldavië zal aanvallen'), negative label
    ('escalatie'), weapon or military word in the sentence."""
    lex = load_lexicon()
    acts = [t for t in toks if t.i != cand.token and (
        lex.verbs.get(t.lemma.lower()) or lex.noun(t.lemma))]
    labels = [t for t in toks if t.lemma.lower() in lex.negative_labels]
    return not acts and not labels and not _military_words(toks)


@rules.rule("report.appeal-to-no-party", "report",
            "a call on people who are no party ('riep de burgers op om energie te besparen', "
            "'vroeg de parlementariërs voor te stemmen'), with no act, weapon or military word "
            "in its sentence, is no event",
            rules.example("De Franse premier riep de burgers op om energie te besparen.",
                          "no events"),
            rules.example("De Italiaanse premier riep de bevolking op om water te sparen.",
                          "no events"))
def _appeal_to_no_party(cand: Candidate, toks) -> str | None:
    if cand.event != "REQUEST" or cand.recipient or cand.equipment or \
            cand.trigger.frame != "request":
        return None
    # the one asked, not the asker (Frog may read it as a second subject)
    asked = [t for t in toks if t.head == cand.token and t.deprel in ("obj1", "obj2", "su")
             and t.pos == "N" and not any(a.start <= t.start < a.end for a in cand.actor)]
    if asked and _about_nothing(cand, toks):
        return "a call on people who are no party, for nothing military"
    return None


DOMESTIC = words("domestic_nouns")


@rules.rule("report.request-to-own-government", "report",
            "a call on the government, parliament or police with no other country named "
            "('vroeg de regering om meer agenten') is a request at home, to the asker's own "
            "state; with no weapon or military word in the sentence it is no event",
            rules.example("De Wever sprak van een zwarte dag en vroeg de regering om meer "
                          "agenten.", "no REQUEST"),
            rules.example("De Spaanse premier vroeg het parlement om steun voor de "
                          "begroting.", "no REQUEST"))
def _request_to_own_government(cand: Candidate, toks) -> str | None:
    if cand.event != "REQUEST" or cand.recipient or cand.equipment or \
            cand.trigger.frame != "request":
        return None
    # Frog may read the one asked, after the verb, as a second subject
    asked = [t for t in toks if t.head == cand.token and t.lemma.lower() in DOMESTIC and (
             t.deprel in ("obj1", "obj2") or (t.deprel == "su" and t.i > cand.token)) and
             not any(a.start <= t.start < a.end for a in cand.actor)]
    if asked and not _military_words(toks):
        return f"a request to the asker's own government ('{asked[0].text}')"
    return None


DUAL_USE = {"aircraft", "helicopter"}  # not Dutch


@rules.rule("report.supply-to-no-party", "report",
            "a supply to someone named who is no party ('levert tien vliegtuigen aan KLM'), "
            "with no military word in its clause, is trade: no event",
            rules.example("Airbus levert dit jaar twintig vliegtuigen aan KLM.", "no AID"))
def _supply_to_no_party(cand: Candidate, clause_toks) -> str | None:
    if cand.event != "AID" or cand.recipient or cand.trigger.frame != "give":
        return None
    # 'aan' anywhere in the clause: Frog hangs it under the object or loses the verb
    to = [t for t in clause_toks if t.lemma.lower() == "aan" and t.pos == "VZ"]
    # 'vliegtuigen', 'helikopters' without a type are civil as often as military
    civil = all(e.name is None and e.cls in DUAL_USE for e in cand.equipment)
    lemmas = [t.lemma.lower() for t in clause_toks]
    if to and civil and not any(w.endswith(tuple(MILITARY)) for w in lemmas):
        return "a supply to someone who is no party: trade"
    return None


POLITICAL = words("political_roles")


@rules.rule("report.political-attack", "report",
            "an attack by or on a role of domestic politics (a minister, the opposition, a "
            "rival, a party), with no weapon or military word in its clause, is a verbal "
            "attack: no event",
            rules.example("De Britse premier werd in het parlement aangevallen door de "
                          "oppositie.", "no ASSAULT"),
            rules.example("De Duitse kanselier werd door de oppositie aangevallen.",
                          "no ASSAULT"))
def _political_attack(cand: Candidate, clause_toks) -> str | None:
    if cand.event != "ASSAULT" or cand.trigger.frame != "attack" or cand.equipment:
        return None
    found = _verb_phrase_words(cand, clause_toks, POLITICAL)
    if found and not _military_words([t for t in clause_toks
                                      if t.lemma.lower() not in POLITICAL]):
        return f"a verbal attack in domestic politics ('{found[0].text}'): no event"
    return None


BILLS = words("bill_words")


@rules.rule("report.legislative-vote", "report",
            "a parliament or council accepting or rejecting a motion, a bill or a budget "
            "('verwierp de motie'), with no other party and no military or sanction word in "
            "its clause, is domestic politics: no event",
            rules.example("Het Franse parlement verwierp de motie van wantrouwen tegen de "
                          "regering.", "no REJECT"))
def _legislative_vote(cand: Candidate, clause_toks) -> str | None:
    own = {a.code for a in cand.actor}
    if cand.event not in ("REJECT", "AGREE") or cand.equipment or any(
            r.code not in own for r in cand.recipient):
        return None
    lex = load_lexicon()
    sanction = any(getattr(lex.noun(t.lemma), "event", None) == "SANCTION"
                   for t in clause_toks)
    found = _verb_phrase_words(cand, clause_toks, BILLS)
    if found and not sanction and not _military_words(clause_toks):
        return f"a vote on a bill or motion ('{found[0].text}'): no event"
    return None


MIGRANTS = words("migration_words")


@rules.rule("report.border-control", "report",
            "police, coast guard or border guards stopping, picking up or sending back "
            "migrants, with no other party and no military word in the clause, is no event",
            rules.example("De Griekse politie hield honderd migranten tegen bij de grens.",
                          "no REJECT"))
def _border_control(cand: Candidate, clause_toks) -> str | None:
    if cand.recipient or cand.equipment or not cand.actor or \
            any(a.sector != "COP" for a in cand.actor):
        return None
    found = _verb_phrase_words(cand, clause_toks, MIGRANTS)
    if found and not _military_words(clause_toks):
        return f"police or border guards and migrants ('{found[0].text}'): no event"
    return None


SPACE = ordered("space_words")
ROCKETS = ("raket", "raketten")  # the plain word: 'luchtdoelraket' stays a weapon


@rules.rule("report.spaceflight-rocket", "report",
            "in an article about spaceflight (satellites, ESA, a space probe) a plain "
            "'raket' with no designation, and no other military word in the clause, is a "
            "launcher: its launch or its parts are no event",
            rules.example("Japan lanceerde een raket met een weersatelliet.", "no ASSAULT"),
            rules.example("Het Europese ruimtevaartagentschap ESA test een nieuwe raket. "
                          "Nederlandse bedrijven leverden onderdelen voor de raket.",
                          "no AID"))
def spaceflight_rocket(cand: Candidate, clause_toks, text: str) -> str | None:
    if not cand.equipment or not all(
            e.name is None and e.cls == "missile" and
            e.raw_text.lower().split()[-1:] in ([w] for w in ROCKETS)
            for e in cand.equipment):
        return None
    # whole words ('satellietbeelden' of a battlefield are no spaceflight)
    folded = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    if not any(f" {w} " in folded for w in SPACE):
        return None
    rest = [t for t in clause_toks if t.lemma.lower() not in ROCKETS
            and t.text.lower() not in ROCKETS]
    if not _military_words(rest):
        return "a launcher in an article about spaceflight: no weapon"
    return None


CLAUSE_CHECKS = (_figurative_attack, _criminal_justice, _attack_without_target,
                 _meeting_without_counterpart, _supply_to_no_party, _political_attack,
                 _legislative_vote, _border_control)
SENTENCE_CHECKS = (_warning_without_threat, _appeal_to_no_party, _label_about_nothing,
                   _request_to_own_government)


def sentence_reason(cand: Candidate, toks) -> str | None:
    """Why the candidate is no event, by the checks that read its whole sentence TOKS."""
    for check in SENTENCE_CHECKS:
        reason = check(cand, toks)
        if reason:
            return reason
    return None
