"""A small hand-built store for developing and testing the web front end.

`build_demo_store(path)` writes a few Dutch articles with hand-made EventReports
(offsets computed from the text, so the evidence sentences are exact slices), plus one
article full of hostile markup to prove that the pages show text and never run it.
"""
from __future__ import annotations

from pathlib import Path

from kroniek.models import Document, EntityRef, EquipmentRef, EventReport
from kroniek.store import DocResult, Store, run_lock

RUS = dict(entity_name="Russia", country_code="RUS", wikidata_id="Q159")
IRN = dict(entity_name="Iran", country_code="IRN", wikidata_id="Q794")
UKR = dict(entity_name="Ukraine", country_code="UKR", wikidata_id="Q212")
USA = dict(entity_name="United States", country_code="USA", wikidata_id="Q30")
NLD = dict(entity_name="Netherlands", country_code="NLD", wikidata_id="Q55")
EU = dict(entity_name="European Union", country_code="EU")
REUTERS = dict(entity_name="Reuters", country_code=None)

HOSTILE_TEXT = (
    'Rusland viel op 14 mei 2023 Kyiv aan met drones <script>window.__pwned = "script"'
    '</script> volgens de krant.\n\n'
    'Een foto <img src=x onerror="window.__pwned = \'img\'; alert(1)"> toonde de schade.\n\n'
    'Lees meer: <a href="javascript:window.__pwned=\'link\'">klik hier</a> '
    'of <iframe src="https://evil.example/"></iframe>.'
)

ARTICLES = [
    ("demo_001", "2022-12", "https://nos.nl/artikel/demo-001",
     "Rusland en Iran groeien naar elkaar toe.\n\n"
     "Rusland gaat Soechoj Su-35 straaljagers aan Iran leveren, meldt Reuters. "
     "Iran leverde Rusland honderden Shahed-136 drones. "
     "Afgelopen zaterdag vielen Russische drones het stroomnet van Odesa aan."),
    ("demo_002", "2022-12", None,
     "Volgens het Witte Huis heeft Iran opnieuw Shahed-136 drones aan Rusland geleverd. "
     "De Verenigde Staten leveren Oekraïne Patriot-luchtafweersystemen."),
    ("demo_003", "2023-03", "https://www.nrc.nl/nieuws/demo-003",
     "De EU heeft nieuwe sancties tegen Iran aangekondigd. "
     "Oekraïne vraagt Nederland om F-16 straaljagers. "
     "Teheran ontkent dat het drones aan Moskou heeft geleverd."),
    ("demo_004", "2023-05", "javascript:window.__pwned='url'", HOSTILE_TEXT),
]


def _ent(raw: str, base: dict) -> EntityRef:
    return EntityRef(raw_text=raw, **base)


def _event(doc: Document, sentence: str, event: str, actor, recipient, equipment=(),
           status="asserted", attribution=(), date=None, trigger="", mode=("military",)):
    start = doc.text.index(sentence)
    sentences = [s for s in doc.text.replace("\n\n", " ").split(". ")]
    index = next((i for i, s in enumerate(sentences) if sentence.rstrip(".") in s), 0)
    tpos = doc.text.find(trigger, start) if trigger else start
    return EventReport(
        doc_id=doc.id, doc_date=doc.date, sentence_index=index, char_start=start,
        char_end=start + len(sentence), sentence_text=sentence, event=event, mode=list(mode),
        actor=list(actor), recipient=list(recipient), equipment=list(equipment),
        status=status, attribution=list(attribution), date=date, trigger=trigger,
        trigger_start=tpos, trigger_end=tpos + len(trigger))


def demo_results() -> list[DocResult]:
    docs = {i: Document(id=i, date=d, url=u, text=t, source=f"demo/{i}.txt")
            for i, d, u, t in ARTICLES}
    d1, d2, d3, d4 = (docs[k] for k in ("demo_001", "demo_002", "demo_003", "demo_004"))
    su35 = EquipmentRef("Soechoj Su-35 straaljagers", "Su-35", "fighter aircraft", "RUS")
    shahed = EquipmentRef("Shahed-136 drones", "Shahed-136", "drone", "IRN",
                          quantity="honderden")
    drones = EquipmentRef("drones", None, "drone", None)
    patriot = EquipmentRef("Patriot-luchtafweersystemen", "Patriot", "air defense system",
                           "USA")
    f16 = EquipmentRef("F-16 straaljagers", "F-16", "fighter aircraft", "USA")
    results = [
        DocResult(d1, [
            _event(d1, "Rusland gaat Soechoj Su-35 straaljagers aan Iran leveren, meldt "
                   "Reuters.", "AID", [_ent("Rusland", RUS)], [_ent("Iran", IRN)], [su35],
                   status="planned", attribution=[_ent("Reuters", REUTERS)],
                   date="2022-12", trigger="leveren"),
            _event(d1, "Iran leverde Rusland honderden Shahed-136 drones.", "AID",
                   [_ent("Iran", IRN)], [_ent("Rusland", RUS)], [shahed], date="2022-12",
                   trigger="leverde"),
            _event(d1, "Afgelopen zaterdag vielen Russische drones het stroomnet van Odesa "
                   "aan.", "ASSAULT", [_ent("Russische", RUS)], [_ent("Odesa", UKR)],
                   [drones], date="2022-12-10", trigger="vielen"),
        ], [(1, d1.text.index("Iran leverde"), d1.text.index("Iran leverde") + 4, "Iran",
             "country", "IRN", "IRN")]),
        DocResult(d2, [
            _event(d2, "Volgens het Witte Huis heeft Iran opnieuw Shahed-136 drones aan "
                   "Rusland geleverd.", "AID", [_ent("Iran", IRN)], [_ent("Rusland", RUS)],
                   [shahed], status="reported",
                   attribution=[_ent("het Witte Huis", USA)], date="2022-12",
                   trigger="geleverd"),
            _event(d2, "De Verenigde Staten leveren Oekraïne Patriot-luchtafweersystemen.",
                   "AID", [_ent("De Verenigde Staten", USA)], [_ent("Oekraïne", UKR)],
                   [patriot], date="2022-12", trigger="leveren"),
        ], []),
        DocResult(d3, [
            _event(d3, "De EU heeft nieuwe sancties tegen Iran aangekondigd.", "SANCTION",
                   [_ent("De EU", EU)], [_ent("Iran", IRN)], date="2023-03",
                   trigger="sancties", mode=("economic",)),
            _event(d3, "Oekraïne vraagt Nederland om F-16 straaljagers.", "REQUEST",
                   [_ent("Oekraïne", UKR)], [_ent("Nederland", NLD)], [f16],
                   status="requested", date="2023-03", trigger="vraagt",
                   mode=("diplomatic",)),
            _event(d3, "Teheran ontkent dat het drones aan Moskou heeft geleverd.", "AID",
                   [_ent("Teheran", IRN)], [_ent("Moskou", RUS)], [drones],
                   status="denied", attribution=[_ent("Teheran", IRN)], date="2023-03",
                   trigger="geleverd"),
        ], [(2, d3.text.index("Teheran"), d3.text.index("Teheran") + 7, "Teheran",
             "country", "IRN", "IRN")]),
        DocResult(d4, [
            _event(d4, HOSTILE_TEXT.split("\n\n")[0], "ASSAULT",
                   [_ent('Rusland<img src=x onerror="window.__pwned=\'actor\'">', RUS)],
                   [_ent("Kyiv", UKR)], [drones], date="2023-05-14", trigger="viel",
                   attribution=[_ent("<script>window.__pwned='src'</script>",
                                     dict(entity_name="<b>de krant</b>",
                                          country_code=None))]),
        ], []),
    ]
    return results


def build_demo_store(path: str | Path) -> str:
    """Write the demo articles and events into a (new) store at PATH."""
    from kroniek.resolve import resolve
    with run_lock(path):
        store = Store(path)
        store.save(demo_results())
        resolve(store)
    return str(path)


if __name__ == "__main__":  # python tools/demo.py FILE
    import sys
    print(build_demo_store(sys.argv[1] if len(sys.argv) > 1 else "demo.duckdb"))
