"""Relevance gating: what is sent to Frog, and that gating never changes the results.

The equivalence tests run the real pipeline twice over the seed articles, the dev set
and articles built to exercise every context rule (off-topic paragraphs around
'Dat meldt ...', reportative 'zou', relative dates, quotes, sports, 'Het gaat om ...'):
once the plain way (one Frog request per whole document, no gating) and once with
gating and batched Frog requests. Events, mentions and `make eval` figures must be
identical, while Frog must have seen fewer sentences.
"""
from __future__ import annotations

import json

import pytest

from conftest import SHARED_EVAL
from kroniek.gating import Gate, Splitter, enabled_by_env, noun_forms, verb_forms
from kroniek.models import Document
from kroniek.pipeline import Pipeline
from kroniek.store import Store

EVAL_DIRS = [SHARED_EVAL / "docs", SHARED_EVAL / "dev" / "docs"]

FILLER = ("Het KNMI verwacht voor het weekend flinke regenbuien in het noorden. De temperatuur "
          "loopt morgen op tot een graad of achttien. Boeren klagen over de droogte.")
CULTURE = ("Het Rijksmuseum opent in het voorjaar een tentoonstelling over Vermeer. De "
           "voorstelling was lovend besproken in de landelijke kranten.")

# Articles that lean on context across sentences and paragraphs, wrapped in off-topic text.
CRAFTED = {
    "ctx-backward": ("2023-05", f"{FILLER}\n\nIran heeft honderden drones aan Rusland "
                     "geleverd. Dat meldt Reuters op basis van vier ingewijden. De voorraad "
                     f"raakt op.\n\n{CULTURE}"),
    "ctx-reportative": ("2023-02", f"{CULTURE} Volgens ingewijden is het besluit al genomen. "
                        "Teheran zou ook raketten aan Moskou leveren. De levering zou in "
                        f"april beginnen.\n\n{FILLER}"),
    "ctx-subject": ("2024-03", f"{FILLER}\n\nDe Chinese minister van Defensie ontmoette "
                    "vorige week zijn Russische ambtgenoot. Ze spraken over meer "
                    "samenwerking. Die zou ook gezamenlijke oefeningen omvatten. Zij "
                    f"beloofden elkaar steun.\n\n{CULTURE}"),
    "ctx-dates": ("2024-09", f"In maart 2022 was het in het noorden van het land erg koud. "
                  f"{FILLER}\n\nEen jaar later leverde Iran de eerste Shahed-drones aan "
                  "Rusland. Dat jaar kocht Moskou ook munitie in Noord-Korea."),
    "ctx-quote": ("2023-11", f"{CULTURE}\n\nDe Oekraïense president reageerde fel. \"Rusland "
                  "vuurt elke nacht drones af op onze steden. Wij vragen het Westen om meer "
                  "luchtverdediging,\" zei Zelensky. \"Zonder hulp houden we dit niet vol.\""),
    "ctx-elaboration": ("2024-01", f"{FILLER} Iran levert steeds meer aan Rusland. Het gaat "
                        f"om drones en munitie. {CULTURE}"),
    "ctx-diplomats": ("2023-06", "Twee Amerikaanse diplomaten spraken met de krant. Volgens "
                      f"hen is het plan klaar. {FILLER} Een van deze diplomaten zei dat "
                      "Noord-Korea artilleriegranaten aan Rusland levert."),
    "ctx-sports": ("2024-06", "Nederland won zondag van Duitsland in een spannende "
                   "wedstrijd. De spits schoot in de tweede helft raak na een snelle aanval. "
                   "De coach van de ploeg was tevreden over zijn spelers. De supporters "
                   "zongen nog lang door. In de finale wacht Spanje."),
    "ctx-long-sports": ("2023-08", "Het Nederlandse elftal speelde gisteren een wedstrijd in "
                        f"Kyiv. {FILLER} {CULTURE} Rusland viel vorige nacht Kyiv aan met "
                        "raketten en drones. De Verenigde Staten veroordeelden de aanval. "
                        f"{FILLER} {CULTURE} {FILLER}"),
    "ctx-talks": ("2024-11", f"{FILLER}\n\nWashington en Seoel spraken woensdag over de "
                  f"Noord-Koreaanse troepen. {CULTURE}"),
    "ctx-additive": ("2025-03", f"{CULTURE} Rusland krijgt drones uit Iran. {FILLER}\n\n"
                     "Nederland levert in de zomer zes F-16's aan Oekraïne. Ook Denemarken "
                     "heeft toestellen toegezegd. Kiev riep Berlijn op om Taurus-raketten te "
                     "sturen."),
    "ctx-unmoved": ("2024-06", f"{FILLER}\n\nMoskou dreigde Polen met vergelding. Polen laat "
                    f"zich niet intimideren. {CULTURE}"),
    # a strong verb's participle under an inseparable prefix takes no 'ge' (verworpen)
    "ctx-prefix-participle": ("2019-05", "Betogers leggen Georgische hoofdstad plat\n\nZe "
                              "zijn boos omdat het Georgische parlement woensdag het "
                              "voorstel van de regering heeft verworpen."),
    "off-no-entity": ("2024-02", f"{FILLER}\n\nDe boer levert zijn melk aan de fabriek. "
                      f"{CULTURE}"),
    "off-country": ("2024-04", "De Nederlandse tennisster versloeg in de eerste ronde een "
                    f"Amerikaanse tegenstander. {FILLER}"),
}


def _dump(store: Store) -> tuple[list[str], list[tuple]]:
    events = sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in store.events())
    with store.connect() as con:
        mentions = con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall()
    return events, mentions


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crafted")
    for name, (date, text) in CRAFTED.items():
        (folder / f"{name}.txt").write_text(f" date {date} {text}\n", encoding="utf-8")
    return [str(p) for p in EVAL_DIRS] + [str(folder)]


@pytest.fixture(scope="module")
def runs(frog, corpus, tmp_path_factory):
    """The plain run (capturing every analysis) and the gated, batched run."""
    tmp = tmp_path_factory.mktemp("gating")
    plain_store = Store(tmp / "plain.duckdb")
    analyses = {}
    with Pipeline(plain_store, frog=frog, gating=False, frog_batch=1) as plain:
        extract = plain._extract

        def capture(doc, analyzed):
            analyses[doc.id] = analyzed
            return extract(doc, analyzed)
        plain._extract = capture
        plain_summary = plain.run(corpus)
    gated_store = Store(tmp / "gated.duckdb")
    with Pipeline(gated_store, frog=frog, gating=True) as gated:
        gated_summary = gated.run(corpus)
    return {"plain": (plain_store, plain_summary), "gated": (gated_store, gated_summary),
            "analyses": analyses}


def test_gating_changes_nothing_in_events_or_mentions(runs):
    plain_events, plain_mentions = _dump(runs["plain"][0])
    gated_events, gated_mentions = _dump(runs["gated"][0])
    assert len(plain_events) > 100
    assert gated_events == plain_events  # same ids, same records
    assert gated_mentions == plain_mentions


def test_gating_and_batching_saved_frog_work(runs):
    plain, gated = runs["plain"][1], runs["gated"][1]
    assert plain.stored == gated.stored == len(runs["analyses"])
    assert gated.fallbacks == 0  # every planned split was Frog's own
    assert gated.skipped >= 1 and gated.partial >= 5
    assert gated.sentences_sent < gated.sentences
    assert gated.frog_requests < plain.frog_requests / 4


def test_eval_figures_are_identical_with_gating_on_and_off(runs):
    from kroniek.evaluate import read_jsonl, score
    for gold, folder in ((SHARED_EVAL / "seeds.gold.jsonl", SHARED_EVAL / "docs"),
                         (SHARED_EVAL / "dev" / "dev.gold.jsonl", SHARED_EVAL / "dev" / "docs")):
        doc_ids = {p.stem for p in folder.iterdir() if p.is_file()}
        figures = [score(read_jsonl(gold), runs[k][0].events(), doc_ids)[0]
                   for k in ("plain", "gated")]
        assert figures[0] == figures[1]
        assert figures[0]


def test_ucto_splits_sentences_exactly_as_frog(runs):
    """The sentence numbers of skipped text come from ucto: they must be Frog's."""
    analyses = runs["analyses"]
    docs = [a.doc for a in analyses.values()]
    refs = Splitter().split(docs)
    for doc, ref in zip(docs, refs):
        frog_sents = analyses[doc.id].sentences
        assert [(r.start, r.end, r.paragraph, r.tokens) for r in ref] == \
            [(s.start, s.end, s.paragraph, len(s.tokens)) for s in frog_sents], doc.id


def test_every_sentence_with_a_trigger_lemma_is_seen_and_every_event_sent(runs):
    """Cue words are surface forms; Frog's lemmas decide. Every sentence whose lemmas
    include a trigger (or a separable verb's base) must show a cue form, and every
    sentence that gave an event in the plain run must have been planned for Frog."""
    from kroniek.lexicon import load_lexicon
    lex = load_lexicon()
    bases = set(lex.verbs)
    for verb in lex.verbs:  # 'viel ... aan': Frog's lemma is the base verb
        for particle in ("aan", "af", "bij", "binnen", "door", "in", "neer", "op", "over",
                         "samen", "terug", "toe", "uit", "voor", "tegen", "gevangen"):
            if verb.startswith(particle) and len(verb) > len(particle) + 3:
                bases.add(verb[len(particle):])
    event_sentences: dict[str, set[int]] = {}
    for rec in runs["plain"][0].events():
        cite = rec["cite_info"]
        event_sentences.setdefault(cite["doc_id"], set()).add(cite["sentence_index"])
    gate = Gate()
    seen = sent = 0
    for analyzed in runs["analyses"].values():
        doc = analyzed.doc
        ref = gate.splitter.split([doc])[0]
        plan = gate.plan_one(doc, ref)
        cs = gate.sentence_cues(doc, ref)
        planned = set(plan.index) if plan.mode == "partial" else \
            set(range(len(ref))) if plan.mode == "full" else set()
        for k in event_sentences.get(doc.id, ()):
            sent += 1
            assert k in planned, (doc.id, ref[k])
        if plan.mode == "skip":  # names no entity: no event possible
            continue
        for s in analyzed.sentences:
            lemmas = {t.lemma.lower() for t in s.tokens}
            if lemmas & bases or any(lex.noun(t.lemma) for t in s.tokens if t.pos == "N"):
                seen += 1
                assert cs[s.index].hit, (doc.id, s.text)
    assert seen > 150 and sent > 100


# -- planning, without Frog ---------------------------------------------------------
def _plan(text: str, date: str = "2024-01"):
    doc = Document(id="t", date=date, text=text)
    return Gate().plan([doc])[0], doc


def test_a_document_naming_no_entity_needs_no_frog():
    plan, _ = _plan(f"{FILLER}\n\nDe boer levert zijn melk aan de fabriek. {CULTURE}")
    assert plan.mode == "skip" and plan.spans == []


def test_off_topic_paragraphs_of_a_military_article_are_not_sent():
    plan, doc = _plan(f"{FILLER}\n\n{CULTURE}\n\nIran heeft drones aan Rusland geleverd. "
                      f"Dat meldt Reuters.\n\n{FILLER}")
    sent = " ".join(doc.text[s:e] for s, e in plan.spans)
    assert plan.mode == "partial"
    assert "Iran heeft drones" in sent and "Dat meldt Reuters" in sent  # backward source
    assert "KNMI" not in sent and "Rijksmuseum" not in sent


def test_the_sentence_before_an_event_is_sent_as_context():
    plan, doc = _plan(f"{FILLER} Volgens ingewijden is het besluit al genomen. "
                      f"Teheran zou raketten aan Moskou leveren.\n\n{CULTURE}")
    sent = " ".join(doc.text[s:e] for s, e in plan.spans)
    assert "Volgens ingewijden" in sent and "KNMI" not in sent
    assert plan.index == sorted(plan.index) and plan.total == 7


def test_mentions_of_a_document_without_events_need_no_frog():
    from kroniek.gating import mentions
    plan, doc = _plan(f"{FILLER} De Nederlandse tennisster won in Parijs. {CULTURE}")
    assert plan.mode == "mentions" and not plan.spans
    rows = mentions(plan)
    assert [(r[0], r[3], r[4]) for r in rows] == [(3, "Nederlandse", "adjective"),
                                                  (3, "Parijs", "capital")]


def test_entities_before_an_event_are_sent_those_after_it_are_not():
    plan, doc = _plan(f"De Franse minister was in Parijs. {FILLER} Rusland viel Kyiv aan "
                      f"met drones. {CULTURE} Het museum ligt in Amsterdam.")
    sent = " ".join(doc.text[s:e] for s, e in plan.spans)
    assert "Franse minister" in sent and "Rusland viel" in sent
    assert "Amsterdam" not in sent and plan.mention_only == [plan.total - 1]


def test_sports_words_turn_on_the_off_topic_check():
    plan, _ = _plan(CRAFTED["ctx-sports"][1])
    assert plan.check_offtopic or plan.mode == "full"


def test_trigger_forms_cover_strong_and_separable_verbs():
    assert {"viel", "vielen"} <= verb_forms("aanvallen")
    assert "verkocht" in verb_forms("verkopen")
    assert {"verworpen", "verwierp"} <= verb_forms("verwerpen")  # no 'ge' after 'ver'
    assert "beschoten" in verb_forms("beschieten")
    assert {"gaf", "gaven", "geef"} <= verb_forms("geven")
    assert "stuur" in verb_forms("sturen") and "schoot" in verb_forms("neerschieten")
    assert any("bondgenoten".startswith(f) for f in noun_forms("bondgenoot"))


def test_gating_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("KRONIEK_GATING", "0")
    assert not enabled_by_env() and Pipeline(None).gating is False
    monkeypatch.setenv("KRONIEK_GATING", "1")
    assert Pipeline(None).gating is True
    assert Pipeline(None, gating=False).gating is False
    plan = Gate(enabled=False).plan([Document("t", "2024-01", f"{FILLER} Iran levert.")])[0]
    assert plan.mode == "full"
