"""Trigger words in a clause: verbs by frame, and nouns ("de levering van ... aan ...")
whose roles come from their own phrases or, under a light verb, from the clause."""
from __future__ import annotations

from .clauses import Clause
from .frames import Candidate, Slots, assign
from ..lexicon import Trigger
from .phrases import Phrase
from .status import UNMOVED


def candidates(clause: Clause, clauses, phrases, toks, s: Slots, lex,
               nominal_only: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    for index, verb in ([] if nominal_only else clause.content):
        trig = lex.verbs.get(verb)
        if verb == "waarschuwen" and any(c.parent == clause.index and c.conj == "dat"
                                         for c in clauses):
            trig = Trigger("waarschuwen", "THREATEN", "accuse")  # warns that ... will happen
        if verb == "noemen" and _negative_label(clause, toks, lex):
            trig = Trigger("noemen", "ACCUSE", "accuse")
        if trig is not None:
            cand = assign(trig, index, clause, s, phrases, toks)
            cand.why.insert(0, f"verb '{verb}' -> {trig.event} ({trig.frame})")
            out.append(cand)
    # "bezorgd over" -> ACCUSE
    for i in clause.tokens:
        if toks[i].lemma.lower() == "bezorgd" and s.pp("over"):
            trig = Trigger("bezorgd", "ACCUSE", "accuse")
            cand = assign(trig, i, clause, s, phrases, toks)
            cand.why.insert(0, "'bezorgd over' -> ACCUSE")
            out.append(cand)
    # "zijn land zou graag terugkeren in het programma": a wish is a request
    words = {toks[i].lemma.lower() for i in clause.tokens}
    if "graag" in words and words & {"zullen", "willen"} and not out and clause.main is not None:
        trig = Trigger("graag", "REQUEST", "request")
        cand = assign(trig, clause.main, clause, s, phrases, toks)
        cand.why.insert(0, "'graag' + 'zou/wil': a wish addressed to whoever can grant it")
        cand.status = "requested"
        out.append(cand)
    # "Nederland laat zich niet intimideren": refusing to give in to a threat
    if words & UNMOVED and {"zich", "laten"} <= words and words & lex.negation and not out \
            and clause.main is not None:
        word = sorted(words & UNMOVED)[0]
        trig = Trigger("intimideren", "REJECT", "reject")
        cand = assign(trig, clause.main, clause, s, phrases, toks)
        cand.why.insert(0, f"'laat zich niet {word}' -> REJECT (refuses to give in)")
        out.append(cand)
    # nominal triggers: "de levering van ... aan ...", "Amerikaanse sancties tegen ..."
    for ph in phrases:
        if not clause.has(ph.head):
            continue
        trig = lex.noun(toks[ph.head].lemma)
        if trig is None:
            continue
        cand = nominal(trig, ph, clause, s, phrases, toks, lex)
        if cand is not None:
            if cand.why[-1].startswith("actor from the subject of light verb"):
                # "stemde in met de levering": one event, the supply; not also an AGREE
                out = [c for c in out if not (c.token in dict(clause.content) and
                                              c.event == "AGREE")]
            out.append(cand)
    return out


def _negative_label(clause: Clause, toks, lex) -> bool:
    words = {toks[i].lemma.lower() for i in clause.tokens}
    if words & lex.negative_labels:
        return True
    return any(toks[i].text in ("'", "‘", '"', "“") for i in clause.tokens)


BLAME = {"SANCTION", "ACCUSE", "PROTEST"}


def _blamed(ph: Phrase, clause: Clause, s: Slots, phrases, toks, lex) -> list:
    """Who a sanction, accusation or protest in the clause is against: its 'tegen' PP
    (on the noun or on the clause), or the object of a blaming verb."""
    from .frames import who
    nouns = [q for q in phrases if q is not ph and clause.has(q.head)
             and getattr(lex.noun(toks[q.head].lemma), "event", None) in BLAME]
    verbs = [v for _, v in clause.content if v in lex.verbs and lex.verbs[v].event in BLAME]
    if not nouns and not verbs:
        return []
    targets = [q for q in s.pp("tegen") if q.attach is None or
               any(q.attach == phrases.index(n) for n in nouns)]
    if verbs:
        targets += [q for q in s.objects if q.parts]
    return who(targets, use_assoc=True)


def nominal(trig: Trigger, ph: Phrase, clause: Clause, s: Slots, phrases, toks, lex
            ) -> Candidate | None:
    """A noun trigger: its own modifiers and PPs give the roles; a light verb
    ("stemde in met de levering", "legden sancties op") gives its subject as actor."""
    from .frames import CAUSES, attached, equipment_of, uniq, who
    # its own arguments: PPs on the noun, and those on its 'van' phrase ("de levering van
    # tanks aan Polen"), not PPs of nouns further down ("overleg over de samenwerking
    # tussen A en B" is not talks between A and B)
    idx = phrases.index(ph)
    direct = [p for p in phrases if p.attach == idx]
    att = direct + [q for p in direct if p.prep == "van" for q in attached(p, phrases)]
    words = {t.lemma.lower() for t in toks[ph.start:ph.end]}
    event = trig.military_event if trig.military_event and "militair" in words else trig.event
    c = Candidate(event=event, trigger=trig, token=ph.head, clause=clause)
    c.why.append(f"noun '{toks[ph.head].lemma}' -> {event} ({trig.frame})")
    own = list(ph.parts) or list(ph.assoc)  # "Irans steun", "Amerikaanse sancties"
    by = {prep: [p for p in att if p.prep == prep] for prep in
          ("van", "aan", "tegen", "met", "tussen", "door", "voor", "naar", "op")}
    light = lex.light_verbs.get(clause.lemma or "")
    if light is not None and (trig.frame not in light.get("frames", []) or
                              ph.prep in CAUSES):
        light = None  # "kondigde sancties aan vanwege de levering": not announcing that
    verb_trigger = any(v in lex.verbs for _, v in clause.content)
    if light is None and verb_trigger and ph.attach is None and ph.prep not in CAUSES and (
            ph in s.objects or any(ph in v for v in s.pps.values())):
        return None  # "schortte het partnerschap op": the noun is the verb's theme
    governed = ph in s.objects or ph in s.subject or any(ph in v for v in s.pps.values())
    clause_subject = who(s.subject) if ph not in s.subject and governed else []
    if not clause_subject and governed and ph not in s.subject and trig.frame == "attack" and \
            any(p.equipment for p in s.subject):
        # "Amerikaanse en Britse gevechtsvliegtuigen voerden luchtaanvallen uit": the
        # weapons' side
        clause_subject = uniq([x for p in s.subject for x in p.assoc])
    frame = trig.frame
    if frame == "buy":
        # "een akkoord met Rusland over de aankoop van Su-35's": Russia sells, Iran buys
        buyer = own or clause_subject
        theme = [p for p in by["van"] if p.equipment] + ([ph] if ph.equipment else [])
        seller = who([p for p in by["van"] + by["door"] if p.parts and not p.equipment] +
                     [p for p in direct if p.prep in ("bij", "uit")] +
                     (s.pp("met") if ph.attach is not None else []))
        seller = [x for x in seller if x.id not in {b.id for b in buyer}]
        if not seller:
            seller = [x for p in theme for x in p.assoc + p.origin
                      if x.id not in {b.id for b in buyer}]
        if not (buyer and seller and theme):
            return None
        c.event, c.actor, c.recipient, c.theme = "AID", seller, buyer, theme
        c.why.append("purchase: AID seller -> buyer")
        # agreed, talked about or announced: planned
        agreed = [toks[q.head].lemma for q in phrases if clause.has(q.head) and
                  getattr(lex.noun(toks[q.head].lemma), "event", None) in ("AGREE", "CONSULT")]
        announced = lex.light_verbs.get(clause.lemma or "", {}).get("status")
        if agreed or announced == "planned":
            c.status = "planned"
            c.why.append(f"agreed or announced ('{agreed[0] if agreed else clause.lemma}')")
        c.actor, c.recipient = uniq(c.actor), uniq(c.recipient)
        c.equipment = equipment_of(c.theme)
        return c
    if frame in ("meet", "join"):
        members = uniq(own + who(by["tussen"] + by["met"], use_assoc=True))
        # "na overleg met zijn Britse ambtgenoot": the subject took part
        direct = ph.attach is None and (ph.prep in ("na", "voor", "tijdens", "bij", "in", None))
        if (light is not None or direct) and len(members) < 2:
            members = uniq(clause_subject + members + who(s.pp("met"), use_assoc=True))
        if len(members) < 2:
            return None  # talks or an alliance need two sides
        c.actor, c.recipient = members[:1], members[1:]
    else:
        c.actor = own or who(by["door"])
        van = by["van"]
        theme = [p for p in van if p.equipment] + ([ph] if ph.equipment else [])
        if not c.actor and van and not theme and frame != "attack":
            c.actor = who(van)
        c.recipient = who(by["aan"] + by["tegen"] + by["voor"] + by["naar"], use_assoc=True)
        if frame == "attack":
            c.recipient = who(by["op"] + by["tegen"] + van, use_assoc=True, use_places=True)
        if not c.recipient and light is not None:  # "legde sancties op aan X", "steun ... voor X"
            preps = ("op", "tegen") if frame == "attack" else ("aan", "tegen", "voor")
            # the clause's own PPs, not those inside another phrase ("vanwege de levering
            # van drones aan Rusland")
            targets = [p for p in s.pp(*preps) if p.attach is None or p.attach == idx]
            if frame in ("give", "help", "support"):  # "Oekraïne ... hulp te geven"
                targets += [p for p in s.objects if p is not ph and p.parts and not p.equipment]
            # "sancties aan bedrijven in Iran"; "aanvallen op doelen van de Houthi's"
            targets += [q for p in targets for q in attached(p, phrases)
                        if q.prep == "in" or (frame == "attack" and q.parts)]
            c.recipient = who(targets, use_assoc=True, use_places=frame == "attack")
        c.theme = theme
        if not c.actor and clause_subject and light is not None:
            if clause.passive:  # "krijgt sancties opgelegd": the subject undergoes it
                c.recipient = c.recipient or clause_subject
            else:
                c.actor = clause_subject
                c.why.append(f"actor from the subject of light verb '{clause.lemma}'")
    if not c.actor and ph.prep in CAUSES and frame in ("give", "attack"):
        # "sancties tegen Iran vanwege de levering van drones": the one punished did it
        c.actor = [x for x in _blamed(ph, clause, s, phrases, toks, lex)
                   if x.id not in {r.id for r in c.recipient}]
        if c.actor:
            c.why.append("actor: the one sanctioned or accused for it")
    if not c.actor:
        return None  # a nominal event whose doer the text does not give is not recorded
    if light is not None:
        c.status = light.get("status")
    c.actor, c.recipient = uniq(c.actor), [r for r in uniq(c.recipient)
                                           if r.id not in {a.id for a in c.actor}]
    c.equipment = equipment_of(c.theme)
    return c
