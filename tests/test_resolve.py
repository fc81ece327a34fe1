"""Across documents: syndicated copies, event clusters, corroboration, contradictions.

The end-to-end cases run real Frog and DuckDB on articles written for these tests:
one agency report republished by a second outlet, an independent report citing
Washington, a denial from Tehran, a plan and a later delivery, and an unrelated supply.
"""
from __future__ import annotations

import datetime as dt
import json
from itertools import combinations

import httpx
import pytest

from kroniek.resolve import resolve
from kroniek.resolve.clusters import Report, cluster
from kroniek.resolve.duplicates import document_groups
from kroniek.store import Store, date_range

from conftest import SHARED_EVAL

AGENCY = ("Iran heeft honderden Shahed-drones aan Rusland geleverd, meldt persbureau Reuters. "
          "De drones worden ingezet tegen Oekraïense steden.\n\n"
          "De Oekraïense luchtmacht schoot afgelopen week tientallen drones neer.")
ARTICLES = [
    ("nos-1", "2024-03", "https://nos.nl/artikel/1", AGENCY),
    # the same agency text under the outlet's own heading
    ("tel-1", "2024-03", "https://www.telegraaf.nl/nieuws/99",
     "Binnenland en buitenland in het kort.\n\n" + AGENCY),
    ("nrc-1", "2024-03", "https://www.nrc.nl/a/7",
     "Volgens de Amerikaanse regering heeft Iran Shahed-drones aan Rusland geleverd. "
     "Washington overweegt nieuwe sancties."),
    ("vk-1", "2024-04", "https://www.volkskrant.nl/b/3",
     "Iran ontkent dat het drones aan Rusland heeft geleverd. Het Iraanse ministerie van "
     "Buitenlandse Zaken noemde de beschuldigingen ongegrond."),
    ("ad-1", "2024-03", "https://www.ad.nl/c/1",
     "Volgens Iraanse functionarissen gaat Rusland dit jaar Su-35 straaljagers aan Iran "
     "leveren."),
    ("trouw-1", "2024-04", "https://www.trouw.nl/d/2",
     "Rusland heeft de eerste Su-35 straaljagers aan Iran geleverd."),
    ("nu-1", "2024-03", "https://www.nu.nl/e/5",
     "Noord-Korea heeft artilleriegranaten aan Rusland geleverd."),
]


def keys(items: list[dict]) -> set[str]:
    return {(x.get("country_code") or x.get("entity_name")).upper() for x in items}


@pytest.fixture(scope="module")
def resolved(frog, tmp_path_factory) -> str:
    from kroniek.pipeline import Pipeline
    folder = tmp_path_factory.mktemp("resolve")
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps({"id": i, "date": d, "url": u, "text": t}) + "\n"
                           for i, d, u, t in ARTICLES), encoding="utf-8")
    path = str(folder / "r.duckdb")
    store = Store(path)
    with Pipeline(store, frog=frog) as pipeline:
        pipeline.run([str(src)])
    resolve(store)
    return path


def the_cluster(path: str, event: str, actor: str, recipient: str) -> dict:
    found = [c for c in Store(path, read_only=True).clusters()
             if c["event"] == event and keys(c["actor"]) == {actor}
             and keys(c["recipient"]) == {recipient}]
    assert len(found) == 1, found
    return found[0]


# -- syndicated copies --------------------------------------------------------------
def groups_of(docs):
    texts = {d[0]: d[3] for d in docs}
    return {g.doc_id: g for g in document_groups(docs, lambda ids: {i: texts[i] for i in ids})}


def test_an_agency_copy_under_another_heading_is_one_group_named_after_the_first():
    other = ("De Nederlandse regering stuurt extra F-16's naar Roemenië voor de training van "
             "Oekraïense piloten, zo maakte het ministerie van Defensie vandaag bekend.")
    groups = groups_of([
        ("a", "2024-03", "https://nos.nl/1", AGENCY),
        ("b", "2024-03", "https://www.telegraaf.nl/2", "Het laatste nieuws.\n\n" + AGENCY),
        ("c", "2024-03", "https://nrc.nl/3", other + " " + other.replace("extra", "nog meer")),
    ])
    assert groups["a"].group_id == groups["b"].group_id == "a"
    assert groups["c"].group_id == "c"
    assert groups["b"].outlet == "telegraaf.nl" and groups["b"].similarity >= 0.8


def test_articles_on_the_same_event_in_their_own_words_are_not_copies():
    groups = groups_of([
        ("a", "2024-03", None, AGENCY),
        ("b", "2024-03", None, "Rusland heeft honderden drones uit Iran gekregen, meldt "
                               "Reuters. Oekraïense steden worden er dagelijks mee bestookt, "
                               "en de luchtmacht schiet er elke week tientallen neer."),
        ("c", "2024-03", None, "Iran heeft drones geleverd."),  # too short to call a copy
        ("d", "2024-03", None, "Iran heeft drones geleverd."),
    ])
    assert {g.group_id for g in groups.values()} == {"a", "b", "c", "d"}


# -- clusters from records -----------------------------------------------------------
def report(rid: str, month: str, equipment=(("Shahed-136", "drone"),), status="asserted",
           actors=("IRN",), recipients=("RUS",), event="AID", sources=()) -> Report:
    start, end = date_range(month)
    return Report(rid, "doc-" + rid, month, event, status, month, None, start, end,
                  tuple(actors), tuple(recipients), tuple(equipment), tuple(sources))


def test_dates_cluster_only_within_the_window_without_chaining():
    got = cluster([report("mar", "2024-03"), report("apr", "2024-04"),
                   report("may", "2024-05"), report("jun", "2024-06")])
    # May is 31 days after March ends, June 62: June starts an event of its own
    assert sorted(sorted(r.id for r in g) for g in got) == [["apr", "mar", "may"], ["jun"]]


def test_equipment_types_actors_and_kinds_of_status_keep_events_apart():
    got = cluster([
        report("shahed", "2024-03"),
        report("drones", "2024-03", equipment=(( None, "drone"),)),  # class only: joins
        report("mohajer", "2024-03", equipment=(("Mohajer-6", "drone"),)),
        report("nothing", "2024-03", equipment=()),
        report("trainers", "2024-03", equipment=(("Shahed-136", "drone"), (None, "personnel"))),
        report("other-way", "2024-03", actors=("RUS",), recipients=("IRN",)),
        report("asked", "2024-03", status="requested"),
        report("denied", "2024-03", status="denied"),            # meets the claims
        report("attack", "2024-03", event="ASSAULT"),
    ])
    groups = sorted(sorted(r.id for r in g) for g in got)
    assert ["denied", "drones", "shahed"] in groups
    assert ["mohajer"] in groups and ["nothing"] in groups and ["trainers"] in groups
    assert len(groups) == 7


def test_talks_are_one_event_whichever_side_is_named_first():
    got = cluster([report("a", "2024-03", actors=("IRN",), recipients=("RUS",),
                          event="CONSULT", equipment=()),
                   report("b", "2024-03", actors=("RUS",), recipients=("IRN",),
                          event="CONSULT", equipment=())])
    assert len(got) == 1


# -- end to end ---------------------------------------------------------------------
def test_syndicated_copy_counts_once_and_the_denial_stands_beside_the_claims(resolved):
    c = the_cluster(resolved, "AID", "IRN", "RUS")
    docs = {rid.rsplit("-", 1)[0] for rid in c["report_ids"]}
    assert docs == {"nos-1", "tel-1", "nrc-1", "vk-1"}
    # Reuters (the copy adds nothing), Washington, and the outlet carrying the denial
    assert c["independent_sources"] == 3
    assert "telegraaf.nl" not in c["outlets"] and "nos.nl" in c["outlets"]
    assert {"REUTERS", "USA"} <= set(c["sources"])
    assert c["status"] == "reported" and c["first_reported"] == "2024-03"
    assert c["last_reported"] == "2024-04"
    [denial] = [x for x in c["contradictions"] if x["kind"] == "denied"]
    assert [r.rsplit("-", 1)[0] for r in denial["against"]] == ["vk-1"]
    assert {r.rsplit("-", 1)[0] for r in denial["claims"]} == {"nos-1", "tel-1", "nrc-1"}
    rejects = [e for e in Store(resolved, read_only=True).events() if e["event"] == "REJECT"]
    assert denial["denial_events"] == [rejects[0]["id"]]


def test_a_plan_and_a_delivery_reported_apart_disagree_on_status(resolved):
    c = the_cluster(resolved, "AID", "RUS", "IRN")
    assert c["statuses"] == {"asserted": 1, "planned": 1}
    assert [x["kind"] for x in c["contradictions"]] == ["status"]
    assert c["independent_sources"] == 2


def test_an_unrelated_supply_stays_alone_and_every_report_has_a_link(resolved):
    c = the_cluster(resolved, "AID", "PRK", "RUS")
    assert c["reports"] == 1 and c["contradictions"] == []
    records = Store(resolved, read_only=True).events()
    assert all(r.get("link") for r in records)
    assert {r["link"] for r in records} == {c["link"] for c in
                                            Store(resolved, read_only=True).clusters()}


def test_links_stay_when_an_earlier_report_arrives(resolved, tmp_path, frog):
    import shutil
    from kroniek.pipeline import Pipeline
    path = str(tmp_path / "copy.duckdb")
    shutil.copy(resolved, path)
    before = the_cluster(path, "AID", "PRK", "RUS")["link"]
    src = tmp_path / "early.txt"
    src.write_text(" date 2024-02 Noord-Korea heeft artilleriegranaten aan Rusland geleverd, "
                   "schrijft de krant.\n", encoding="utf-8")
    store = Store(path)
    with Pipeline(store, frog=frog) as pipeline:
        pipeline.run([str(src)])
    resolve(store)
    after = the_cluster(path, "AID", "PRK", "RUS")
    assert after["reports"] == 2 and after["link"] == before


def test_event_level_export_and_api(resolved, tmp_path):
    from kroniek.export import export
    from kroniek.web import create_app
    from kroniek.web.server import serve_in_thread
    store = Store(resolved, read_only=True)
    out = tmp_path / "events.jsonl"
    n = export(store, "plover", str(out), level="event")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(rows) == len(store.clusters()) < len(store.events())
    with serve_in_thread(create_app(resolved)) as base:
        page = httpx.get(base + "/api/clusters", params={"actor": "IRN", "type": "AID"}).json()
        assert page["total"] == 1 and page["items"][0]["independent_sources"] == 3
        link = page["items"][0]["link"]
        one = httpx.get(f"{base}/api/clusters/{link}").json()
        assert len(one["reports"]) == 4
        rid = one["reports"][0]["id"]
        assert httpx.get(f"{base}/api/events/{rid}").json()["cluster"]["link"] == link
        html = httpx.get(f"{base}/event/{rid}").text
        assert "Claimed, and denied" in html and "Iran ontkent" in html


def span(rec: dict) -> tuple[dt.date, dt.date]:
    start, end = date_range(rec["date"])
    return start, date_range(rec["enddate"])[1] if rec.get("enddate") else end


# -- seed and dev articles ------------------------------------------------------------
@pytest.fixture(scope="module")
def eval_store(frog, tmp_path_factory) -> Store:
    from kroniek.pipeline import Pipeline
    store = Store(str(tmp_path_factory.mktemp("evalres") / "e.duckdb"))
    with Pipeline(store, frog=frog) as pipeline:
        pipeline.run([str(SHARED_EVAL / "docs"), str(SHARED_EVAL / "dev" / "docs")])
    resolve(store)
    return store


def test_no_cluster_joins_different_types_actors_or_equipment(eval_store):
    records = {r["id"]: r for r in eval_store.events()}
    clusters = eval_store.clusters()
    assert sum(c["reports"] for c in clusters) == len(records)
    assert any(c["reports"] > 1 for c in clusters)
    for c in clusters:
        for a, b in combinations([records[i] for i in c["report_ids"]], 2):
            assert a["event"] == b["event"], c["link"]
            sides_a, sides_b = (keys(a["actor"]), keys(a["recipient"])), \
                (keys(b["actor"]), keys(b["recipient"]))
            if a["event"] in ("AGREE", "CONSULT", "COOPERATE"):
                assert set().union(*sides_a) == set().union(*sides_b), c["link"]
            else:
                assert sides_a == sides_b, c["link"]
            ea = {x["name"] or x["class"] for x in a["equipment"]} | \
                {x["class"] for x in a["equipment"]}
            eb = {x["name"] or x["class"] for x in b["equipment"]} | \
                {x["class"] for x in b["equipment"]}
            assert (not ea and not eb) or ea & eb, c["link"]
            da, db = span(a), span(b)
            assert max(da[0] - db[1], db[0] - da[1], dt.timedelta(0)).days <= 45
