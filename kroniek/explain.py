"""`kroniek explain`: sentence by sentence, what was recognised and why an event was
or was not produced."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from .extract import Trace, extract
from .extract.rules import unique
from .models import AnalyzedDocument


def _ents(items) -> str:
    return ", ".join(e.country_code or e.entity_name for e in items) or "-"


def render(analyzed: AnalyzedDocument, console: Console) -> Trace:
    trace = Trace()
    extract(analyzed, trace)
    doc = analyzed.doc
    console.rule(f"[bold]{escape(doc.id)}[/bold] ({doc.date})")
    for note in trace.doc_notes:
        console.print(f"[yellow]document: {escape(note)}[/yellow]")
    if trace.rules:
        console.print(f"[yellow]document rules: {escape(', '.join(unique(trace.rules)))}[/yellow]")
    for st in trace.sentences:
        sent = st.sentence
        console.print(f"\n[bold]#{sent.index}[/bold] [dim]{sent.start}-{sent.end}[/dim] "
                      f"{escape(sent.text)}")
        for ph in st.phrases:
            bits = []
            if ph.parts:
                bits.append("who=" + ",".join(p.id for p in ph.parts))
            if ph.assoc:
                bits.append("of=" + ",".join(p.id for p in ph.assoc))
            if ph.places:
                bits.append("in=" + ",".join(p.id for p in ph.places))
            if ph.origin:
                bits.append("made in=" + ",".join(p.id for p in ph.origin))
            if ph.equipment:
                bits.append("equipment=" + ",".join(
                    (e.name or e.cls) + (f" x{e.quantity}" if e.quantity else "")
                    for e in ph.equipment))
            if bits:
                prep = f"{ph.prep} " if ph.prep else ""
                console.print(f"  [cyan]{escape(prep + ph.text)}[/cyan]: {escape(' '.join(bits))}")
        for c in st.clauses:
            if c.lemma:
                console.print(f"  [dim]clause {c.index} ({c.kind}"
                              f"{', ' + c.conj if c.conj else ''}): verb {escape(c.lemma)}"
                              f"{' passive' if c.passive else ''}[/dim]")
        for note in st.notes:
            console.print(f"  [magenta]{escape(note)}[/magenta]")
        for e in st.events:
            src = ", ".join(a.entity_name for a in e.attribution)
            equip = ", ".join(q.name or q.cls for q in e.equipment)
            console.print(f"  [green]EVENT {e.event}[/green] {_ents(e.actor)} -> "
                          f"{_ents(e.recipient)} \\[{escape(equip)}] status={e.status} "
                          f"date={e.date}{' source=' + escape(src) if src else ''} "
                          f"(trigger '{escape(e.trigger)}')")
            for why in e.why:
                console.print(f"      [dim]because {escape(why)}[/dim]")
            if e.rules:
                console.print(f"      [blue]rules: {escape(', '.join(e.rules))}[/blue]")
        for trig, reason, *ids in st.rejected:
            named = f" [blue]rules: {escape(', '.join(ids[0]))}[/blue]" if ids and ids[0] else ""
            console.print(f"  [red]no event[/red] from {escape(trig)}: {escape(reason)}{named}")
        if st.rules:
            console.print(f"  [blue]sentence rules: {escape(', '.join(st.rules))}[/blue]")
    return trace
