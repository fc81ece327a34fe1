"""Extraction, phenomenon by phenomenon, on Dutch sentences written for these tests
(not taken from the evaluation articles). Real Frog, one server per session."""
import pytest

from kroniek.extract import extract


@pytest.fixture(scope="module")
def events(analyze_text):
    def run(text: str, date: str = "2024-06"):
        found, _ = extract(analyze_text(text, date=date))
        return found
    return run


def codes(items):
    return sorted(x.country_code or x.entity_name for x in items)


def one(found, event):
    hits = [e for e in found if e.event == event]
    assert hits, f"no {event} in {[(e.event, codes(e.actor), codes(e.recipient)) for e in found]}"
    return hits[0]


def gear(e):
    return {q.name or q.cls for q in e.equipment} | {q.cls for q in e.equipment}


# -- voice and form ------------------------------------------------------------

def test_active_supply_with_recipient_and_equipment(events):
    e = one(events("Frankrijk heeft vorige week twaalf Caesar-houwitsers aan Oekraïne geleverd."),
            "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["FRA"], ["UKR"])
    assert "artillery" in gear(e) and e.status == "asserted" and e.date == "2024-06"
    assert e.equipment[0].quantity == "twaalf"


def test_passive_with_door_agent_gives_the_attacker(events):
    e = one(events("Een Russisch munitiedepot bij Belgorod werd vannacht vernietigd door "
                   "Oekraïense drones."), "ASSAULT")
    assert codes(e.actor) == ["UKR"] and codes(e.recipient) == ["RUS"]
    assert "drone" in gear(e)


def test_nominal_delivery_under_an_announcement_is_planned(events):
    e = one(events("Zweden kondigde gisteren de levering van tien CV90-pantservoertuigen aan "
                   "Oekraïne aan."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["SWE"], ["UKR"])
    assert "CV90" in gear(e) and e.status == "planned"


def test_coordinated_actors_and_equipment(events):
    e = one(events("Polen en Tsjechië leverden tanks en helikopters aan Oekraïne."), "AID")
    assert codes(e.actor) == ["CZE", "POL"] and codes(e.recipient) == ["UKR"]
    assert {"tank", "helicopter"} <= gear(e)


def test_institution_with_country_adjective_is_that_state(events):
    e = one(events("De Britse regering stuurde extra Challenger 2-tanks naar Oekraïne."), "AID")
    assert codes(e.actor) == ["GBR"] and e.actor[0].sector_code == "GOV"
    assert "Challenger 2" in gear(e)


def test_capital_as_metonym_and_denial_of_the_complement(events):
    found = events("Peking ontkent dat het wapens aan Moskou levert.")
    rej = one(found, "REJECT")
    assert codes(rej.actor) == ["CHN"]
    aid = one(found, "AID")
    assert (codes(aid.actor), codes(aid.recipient), aid.status) == (["CHN"], ["RUS"], "denied")


def test_foreign_weapons_in_use_imply_their_supply(events):
    e = one(events("Rusland zet steeds vaker Noord-Koreaanse raketten in."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["PRK"], ["RUS"])


def test_shooting_down_without_a_shooter_leaves_the_actor_empty(events):
    e = one(events("Boven Charkiv werden vannacht twintig Lancet-drones uit de lucht "
                   "geschoten."), "ASSAULT")
    assert e.actor == [] and "Lancet" in gear(e)


# -- factuality ------------------------------------------------------------------

@pytest.mark.parametrize("text,status", [
    ("Iran zou Rusland honderden drones hebben geleverd.", "reported"),
    ("Nederland gaat volgend jaar F-16's aan Oekraïne leveren.", "planned"),
    ("Canada heeft toegezegd pantservoertuigen aan Oekraïne te sturen.", "planned"),
    ("Hongarije leverde ook deze maand geen wapens aan Oekraïne.", "negated"),
    ("Als Iran ballistische raketten aan Rusland levert, volgen nieuwe sancties.",
     "hypothetical"),
    ("Italië overweegt om SAMP/T-systemen aan Oekraïne te leveren.", "hypothetical"),
])
def test_status_of_a_supply(events, text, status):
    assert one(events(text), "AID").status == status


def test_request_and_addressee(events):
    e = one(events("Oekraïne heeft Duitsland opnieuw gevraagd om Taurus-kruisraketten."),
            "REQUEST")
    assert (codes(e.actor), codes(e.recipient)) == (["UKR"], ["DEU"])
    assert "cruise missile" in gear(e)


def test_attempted_purchase_is_an_attempted_request(events):
    e = one(events("Rusland probeerde vorig jaar in Iran ballistische raketten te kopen."),
            "REQUEST")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["RUS"], ["IRN"], "attempted")
    assert e.date == "2023"


# -- attribution -----------------------------------------------------------------

def test_volgens_gives_the_source_and_reported_status(events):
    e = one(events("Volgens de Amerikaanse regering heeft Noord-Korea artilleriegranaten aan "
                   "Rusland geleverd."), "AID")
    assert codes(e.attribution) == ["USA"] and e.status == "reported"


def test_report_verb_after_the_clause(events):
    e = one(events("Rusland heeft Iran Su-35-straaljagers geleverd, meldt persbureau Reuters."),
            "AID")
    assert [a.entity_name for a in e.attribution] == ["Reuters"]
    assert (codes(e.actor), codes(e.recipient)) == (["RUS"], ["IRN"])


def test_dat_meldt_points_back_with_a_chain_of_sources(events):
    found = events("China zou Rusland onderdelen voor drones hebben geleverd. Dat meldt "
                   "persbureau Bloomberg op basis van drie Europese diplomaten.")
    e = one(found, "AID")
    names = [a.entity_name for a in e.attribution]
    assert names[0] == "Bloomberg" and len(names) == 2 and e.sentence_index == 0


def test_quote_with_aldus_and_we_as_the_speakers_state(events):
    e = one(events("'We sturen geen troepen naar Oekraïne', aldus de Franse president."), "AID")
    assert codes(e.actor) == ["FRA"] and e.status == "negated"
    assert codes(e.attribution) == ["FRA"]


def test_attribution_carried_to_a_reportative_sentence(events):
    found = events("Volgens de Britse inlichtingendienst zijn Wagner-huurlingen in Mali actief. "
                   "Die zouden er ook Malinese soldaten trainen.")
    e = one(found, "AID")
    assert codes(e.attribution) == ["GBR"] and e.status == "reported"
    assert codes(e.recipient) == ["MLI"]


# -- dates -----------------------------------------------------------------------

@pytest.mark.parametrize("when,date", [
    ("afgelopen zaterdag", "2024-03"), ("vorige maand", "2024-02"), ("in 2021", "2021"),
    ("in januari", "2024-01"), ("gisteren", "2024-03"),
])
def test_relative_dates_with_honest_precision(events, when, date):
    e = one(events(f"Noorwegen heeft {when} luchtafweersystemen aan Oekraïne geleverd.",
                   date="2024-03"), "AID")
    assert e.date == date


def test_within_a_year_is_an_interval_and_planned(events):
    e = one(events("Zweden levert binnen een jaar Gripen-straaljagers aan Oekraïne.",
                   date="2024-03"), "AID")
    assert (e.date, e.enddate, e.status) == ("2024-03", "2025-03", "planned")


# -- coreference -----------------------------------------------------------------

def test_het_land_and_zulke_vliegtuigen(events):
    found = events("Turkije kocht in 2019 Russische S-400-systemen. Daarna weigerden de "
                   "Verenigde Staten F-35-toestellen aan het land te leveren. Washington zal "
                   "zulke vliegtuigen ook niet aan Hongarije verkopen.")
    aid = [e for e in found if e.event == "AID"]
    assert any(codes(e.actor) == ["RUS"] and codes(e.recipient) == ["TUR"] for e in aid)
    assert any(codes(e.recipient) == ["HUN"] and "F-35" in gear(e) for e in aid)


def test_dit_refers_to_the_previous_claim(events):
    found = events("De Wit-Russische regering zegt dat het geen troepen naar de grens stuurt. "
                   "Kyiv noemt dit een leugen.")
    e = one(found, "ACCUSE")
    assert codes(e.actor) == ["UKR"] and codes(e.recipient) == ["BLR"]


# -- quantities ------------------------------------------------------------------

@pytest.mark.parametrize("amount", ["2.400", "tientallen", "een miljoen"])
def test_quantities_on_equipment(events, amount):
    e = one(events(f"Noord-Korea heeft {amount} artilleriegranaten aan Rusland geleverd."), "AID")
    assert e.equipment[0].quantity == amount


# -- no events -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Oranje won gisteren van Iran in de Nations League. De Iraanse spelverdeler leverde zijn "
    "aanvallers perfecte ballen en hun smashes kwamen binnen als raketten. De bondscoach was "
    "tevreden over de wedstrijd.",
    "De Leopard 2 is een Duitse tank die in de jaren zeventig werd ontwikkeld. Het voertuig "
    "weegt ruim zestig ton.",
    "In het museum is een Russische MiG-21 te zien die in de jaren zestig aan Egypte werd "
    "geleverd.",
])
def test_no_events_from_sports_explainers_and_history(events, text):
    assert events(text) == []


# -- a whole article -----------------------------------------------------------------

ARTICLE = """De Verenigde Staten hebben Oekraïne een nieuw militair steunpakket van 250 miljoen \
dollar toegezegd, met onder meer Stinger-raketten en munitie voor HIMARS-systemen. Dat maakte \
minister van Defensie Lloyd Austin dinsdag bekend in Brussel.

Noord-Korea zou intussen een nieuwe lading artilleriegranaten naar Rusland hebben verscheept, \
meldt de Zuid-Koreaanse inlichtingendienst. Moskou en Pyongyang ontkennen de wapenhandel.

China heeft volgens Amerikaanse functionarissen onderdelen voor drones aan Rusland verkocht. \
Peking spreekt dat tegen."""


def test_article_with_pledges_denials_and_back_references(events):
    found = events(ARTICLE, date="2024-02")
    aid = {(tuple(codes(e.actor)), tuple(codes(e.recipient))): e for e in found
           if e.event == "AID"}
    pledge = aid[("USA",), ("UKR",)]
    assert pledge.status == "planned" and {"Stinger", "HIMARS"} <= gear(pledge)
    assert [a.entity_name for a in pledge.attribution] == ["Lloyd Austin"]
    shells = aid[("PRK",), ("RUS",)]
    assert shells.status == "denied" and "artillery ammunition" in gear(shells)
    parts = aid[("CHN",), ("RUS",)]
    assert parts.status == "denied" and "drone" in gear(parts)
    rejects = {tuple(codes(e.actor)): codes(e.recipient) for e in found if e.event == "REJECT"}
    assert rejects[("CHN",)] == ["USA"]  # 'dat' answers the US officials' claim


def test_nominal_attack_with_light_verb_and_the_place_of_its_targets(events):
    e = one(events("Israël heeft zaterdag luchtaanvallen uitgevoerd op doelen in de "
                   "Gazastrook."), "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["ISR"], ["PSE"])


def test_coordinated_clause_keeps_the_first_subject(events):
    found = events("De Amerikaanse president veroordeelde de aanval en beloofde Israël extra "
                   "munitie.")
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["USA"], ["ISR"], "planned")


def test_passive_participle_does_not_make_the_main_verb_passive(events):
    e = one(events("Iran ontkent betrokken te zijn bij de aanval."), "REJECT")
    assert codes(e.actor) == ["IRN"]


def test_zo_report_tag_and_the_reported_supply(events):
    e = one(events("Duitsland levert Oekraïne nog dit jaar vier extra IRIS-T-systemen, zo "
                   "bevestigde bondskanselier Scholz woensdag."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["DEU"], ["UKR"]) and "IRIS-T" in gear(e)
    assert [a.entity_name for a in e.attribution] == ["Olaf Scholz"]


def test_talks_about_others_are_between_the_talkers(events):
    found = events("Japan en Zuid-Korea hielden vorige week overleg over de militaire "
                   "samenwerking tussen Rusland en Noord-Korea.")
    talks = one(found, "CONSULT")
    assert codes(talks.actor + talks.recipient) == ["JPN", "KOR"]
    ties = one(found, "COOPERATE")
    assert codes(ties.actor + ties.recipient) == ["PRK", "RUS"]


def test_the_measures_are_the_sanctions_named_before(events):
    found = events("De Europese Unie heeft de sancties tegen Iran verlengd. Teheran heeft de "
                   "maatregelen 'onwettig' genoemd.")
    e = one(found, "ACCUSE")
    assert (codes(e.actor), codes(e.recipient)) == (["IRN"], ["EU"])


def test_het_after_dat_is_the_announcing_body(events):
    e = one(events("Het Pentagon kondigde dinsdag aan dat het nog deze zomer 31 Abrams-tanks "
                   "naar Oekraïne zal sturen."), "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["USA"], ["UKR"], "planned")


def test_signing_a_treaty_is_an_agreement_between_the_signatories(events):
    e = one(events("President Poetin en Kim Jong-un ondertekenden in Pyongyang een verdrag "
                   "over militaire bijstand."), "AGREE")
    assert codes(e.actor + e.recipient) == ["PRK", "RUS"]


def test_relative_clause_of_a_sanctioned_company(events):
    found = events("De Verenigde Staten hebben sancties opgelegd aan twaalf Chinese bedrijven "
                   "die onderdelen voor raketten aan Rusland leverden.")
    sanction = one(found, "SANCTION")
    assert (codes(sanction.actor), codes(sanction.recipient)) == (["USA"], ["CHN"])
    aid = one(found, "AID")
    assert (codes(aid.actor), codes(aid.recipient)) == (["CHN"], ["RUS"])


def test_sources_cover_what_they_report_not_a_coordinated_reply(events):
    found = events("Washington vermoedt dat Chinese bedrijven elektronica voor drones aan "
                   "Russische fabrikanten verkopen, maar Peking ontkent dat.")
    aid = one(found, "AID")
    assert codes(aid.attribution) == ["USA"] and aid.status in ("hypothetical", "denied")
    rej = one(found, "REJECT")
    assert rej.attribution == [] and rej.status == "asserted"
    assert (codes(rej.actor), codes(rej.recipient)) == (["CHN"], ["USA"])


def test_volgens_in_a_subordinate_clause_stays_there(events):
    found = events("Teheran en Moskou zijn bondgenoten, hoewel ze volgens deskundigen ook "
                   "rivalen zijn. Iran levert drones aan Rusland.")
    assert all(e.attribution == [] for e in found if e.sentence_index == 1)


def test_whether_clause_is_hypothetical(events):
    e = one(events("Het is onduidelijk of China ook wapens aan Rusland levert."), "AID")
    assert e.status == "hypothetical"


def test_foreign_troops_put_to_use_imply_their_supply(events):
    e = one(events("Rusland heeft naar verluidt Noord-Koreaanse soldaten ingezet bij "
                   "gevechten in de regio Koersk."), "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["PRK"], ["RUS"], "reported")
    assert "personnel" in gear(e)


def test_participle_modifier_inside_a_noun_phrase(events):
    found = events("Volgens de door Rusland aangestelde gouverneur kwamen twaalf burgers om. "
                   "Een door Iran geleverde drone trof een woonblok in Odesa.")
    e = one(found, "ASSAULT")
    assert codes(e.actor) == [] and codes(e.recipient) == ["UKR"]  # Iran supplied, not fired


def test_a_visit_is_consultation_not_supply(events):
    found = events("De Russische minister van Defensie bracht een bezoek aan Teheran, waar hij "
                   "met zijn Iraanse ambtgenoot sprak over militaire samenwerking.")
    assert not [e for e in found if e.event == "AID"]
    e = one(found, "CONSULT")
    assert (codes(e.actor), codes(e.recipient)) == (["RUS"], ["IRN"])


def test_an_unconfirmed_report_is_not_a_source(events):
    found = events("Oekraïense troepen trokken zich terug uit Krasnohorivka, meldt het "
                   "Russische ministerie van Defensie. Kyiv heeft dat nog niet bevestigd.")
    e = one(found, "RETREAT")
    assert codes(e.attribution) == ["RUS"] and e.status == "reported"


@pytest.mark.parametrize("text,status", [
    ("Japan gaat dit jaar Patriot-raketten aan de Verenigde Staten leveren, zeggen "
     "Japanse functionarissen.", "planned"),
    ("Japan levert Patriot-raketten aan de Verenigde Staten, melden Japanse media.", "reported"),
])
def test_plural_report_tag_after_the_clause(events, text, status):
    e = one(events(text), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["JPN"], ["USA"])
    assert e.status == status and codes(e.attribution) == ["JPN"]


@pytest.mark.parametrize("text, owner", [
    ("Polen steunt het Duitse besluit. Een woordvoerder van het Kremlin noemde het besluit "
     "'een directe aanval op Rusland'.", "DEU"),
    ("Den Haag steunt het Amerikaanse besluit. Moskou noemde het besluit 'vijandig'.", "USA"),
])
def test_a_noun_after_an_article_is_a_noun_though_frog_reads_a_verb(events, text, owner):
    """Frog reads 'het besluit' as the verb 'besluiten' (a root of its own); then the
    decision condemned has no owner and the accusation no recipient."""
    e = one(events(text), "ACCUSE")
    assert (codes(e.actor), codes(e.recipient)) == (["RUS"], [owner])


def test_te_zullen_with_an_infinitive_is_a_plan(events):
    e = one(events("Japan liet gisteren weten Patriot-raketten aan de Verenigde Staten te "
                   "zullen leveren."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["JPN"], ["USA"])
    assert e.status == "planned"


def test_an_adverbial_clause_is_not_what_the_main_clause_plans(events):
    """'instemmen met' makes its complement a plan, not the 'nadat' clause beside it."""
    found = events("Het Amerikaanse ministerie van Buitenlandse Zaken heeft ingestemd met de "
                   "verkoop van F-35's aan Griekenland, een week nadat Athene het "
                   "NAVO-lidmaatschap van Finland had goedgekeurd.")
    e = next(x for x in found if x.event == "AGREE" and codes(x.actor) == ["GRC"])
    assert "FIN" in codes(e.recipient) and e.status == "asserted"
    sale = one(found, "AID")
    assert (codes(sale.actor), codes(sale.recipient)) == (["USA"], ["GRC"])


def test_footage_someone_published_is_their_claim(events):
    e = one(events("Op beelden die het Oekraïense leger gisteren verspreidde, is te zien hoe "
                   "een Russische tank bij Bachmoet wordt vernietigd door een Oekraïense "
                   "drone."), "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["UKR"], ["RUS"])
    assert codes(e.attribution) == ["UKR"]  # the army's own claim (status: report.py)


def test_a_comment_on_a_claim_is_not_part_of_it(events):
    e = one(events("Bij de beschieting kwamen volgens de door Rusland aangestelde gouverneur "
                   "tien burgers om, een bewering die Oekraïne tegenspreekt."), "REJECT")
    assert codes(e.actor) == ["UKR"]
    assert e.attribution == [] and e.status == "asserted"


def test_an_additive_supply_goes_where_the_supply_before_it_went(events):
    # Russia is the article's most named recipient; 'Ook' adds Sweden to Belgium's supply
    found = events("Iran leverde volgens Kiev opnieuw drones aan Rusland. Rusland kreeg ook "
                   "raketten uit Noord-Korea. België stuurt dit jaar vier F-16's naar "
                   "Oekraïne. Ook Zweden heeft vliegtuigen toegezegd.")
    e = next(e for e in found if e.event == "AID" and codes(e.actor) == ["SWE"])
    assert codes(e.recipient) == ["UKR"]


def test_a_source_after_aldus_is_not_a_participant(events):
    e = one(events("Noord-Korea heeft duizenden militairen naar Rusland gestuurd, aldus het "
                   "Pentagon."), "AID")
    assert codes(e.recipient) == ["RUS"] and e.status == "reported"
    assert [a.raw_text for a in e.attribution] == ["Pentagon"]


def test_a_supply_asked_for_is_by_the_one_asked_for_the_one_asking(events):
    found = events("Kiev riep Duitsland maandag op om meer Taurus-raketten te leveren.")
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["DEU"], ["UKR"], "requested")
    assert codes(one(found, "REQUEST").recipient) == ["DEU"]
    # no one named as asked: no supply by the one asking
    found = events("Zelensky riep de bondgenoten op om meer Patriot-systemen te sturen.")
    assert not [e for e in found if e.event == "AID" and codes(e.actor) == ["UKR"]]


def test_the_particle_after_a_split_er_is_the_verbs(events):
    # 'er ... op' is 'erop'; 'aan' makes 'aandringen'
    found = events("Polen drong er bij Washington op aan om F-35's te leveren.")
    assert codes(one(found, "REQUEST").recipient) == ["USA"]


def test_a_supplied_weapon_shot_down_belongs_to_who_got_it_not_its_maker(events):
    found = events("Iran heeft honderden Shahed-drones aan Rusland geleverd. Volgens het "
                   "Oekraïense leger werden afgelopen nacht 45 Shahed-drones neergeschoten "
                   "boven Kiev.")
    e = one(found, "ASSAULT")
    assert codes(e.recipient) == ["RUS"] and "Shahed-136" in gear(e)


def test_the_act_a_sanction_is_for_is_by_the_one_sanctioned(events):
    found = events("Canada kondigde woensdag sancties aan tegen Noord-Korea vanwege de "
                   "levering van artilleriegranaten aan Rusland.")
    assert codes(one(found, "SANCTION").recipient) == ["PRK"]
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["PRK"], ["RUS"])
    assert e.status == "asserted"  # what is announced is the sanction, not the supply
    found = events("Japan bekritiseerde Pyongyang scherp wegens de levering van raketten "
                   "aan Rusland.")
    assert codes(one(found, "ACCUSE").recipient) == ["PRK"]
    assert codes(one(found, "AID").actor) == ["PRK"]


def test_a_sanction_by_verb_and_noun_is_one_event(events):
    found = events("Australië legde Iran gisteren nieuwe sancties op.")
    hits = [e for e in found if e.event == "SANCTION"]
    assert len(hits) == 1 and codes(hits[0].recipient) == ["IRN"]


def test_a_party_saying_it_did_not_happen_denies_it(events):
    e = one(events("Iran heeft geen raketten aan Rusland geleverd, zei een woordvoerder van het "
                   "Iraanse ministerie van Buitenlandse Zaken."), "AID")
    assert e.status == "denied"
    e = one(events("Iran heeft geen raketten aan Rusland geleverd, zei de Britse minister "
                   "van Defensie."), "AID")
    assert e.status == "negated"  # an outsider's word: a negated report, not a denial
    e = one(events("'Wij leveren geen raketten aan Rusland', zei de Iraanse minister."), "AID")
    assert e.status == "negated"  # a stance about now, not a denial of a past act


def test_talks_of_a_coordinated_subject_need_no_met(events):
    e = one(events("Tokio en Seoel spraken dinsdag over de dreiging uit Noord-Korea."), "CONSULT")
    assert codes([*e.actor, *e.recipient]) == ["JPN", "KOR"]
    assert not [e for e in events("Poetin sprak dinsdag over een nieuwe fase in de oorlog.")
                if e.event == "CONSULT"]


def test_the_topic_of_talks_is_not_a_party_to_them(events):
    e = one(events("Macron en Scholz overlegden in Parijs over meer steun aan Oekraïne."),
            "CONSULT")
    assert codes([*e.actor, *e.recipient]) == ["DEU", "FRA"]
    e = one(events("De Franse president bracht maandag een bezoek aan Kiev."), "CONSULT")
    assert codes(e.recipient) == ["UKR"]


def test_sanctions_taken_or_made_are_sanctions(events):
    e = one(events("Londen nam vorige week strafmaatregelen tegen de Iraanse "
                   "luchtvaartmaatschappij Iran Air."), "SANCTION")
    assert codes(e.actor) == ["GBR"] and codes(e.recipient) == ["IRN"]
    e = one(events("Japan trof nieuwe sancties tegen Russische banken."), "SANCTION")
    assert codes(e.recipient) == ["RUS"]


def test_a_noun_is_no_particle_of_the_verb(events):
    # Frog may label 'president' a separable particle of 'ontmoette'
    e = one(events("Op 12 september ontmoette Kim Jong-un president Poetin op de lanceerbasis "
                   "Vostotsjny."), "CONSULT")
    assert codes([*e.actor, *e.recipient]) == ["PRK", "RUS"]


def test_a_threat_with_a_condition_mid_sentence(events):
    found = events("Rusland dreigde met vergelding als de Verenigde Staten langeafstandsraketten "
                   "aan Kiev leveren.")
    assert codes(one(found, "THREATEN").actor) == ["RUS"]
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["USA"], ["UKR"], "hypothetical")
    # a closing verb cluster ('... zal hebben geleverd')
    found = events("Moskou dreigde met maatregelen als Duitsland kruisraketten aan Kiev zal "
                   "leveren.")
    e = one(found, "AID")
    assert (codes(e.actor), e.status) == (["DEU"], "hypothetical")


def test_the_state_compared_with_is_not_the_actor(events):
    e = one(events("Net als Rusland levert Iran drones aan Venezuela."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["IRN"], ["VEN"])


def test_a_particle_before_an_extraposed_pp(events):
    e = one(events("Wit-Rusland trekt troepen samen bij de grens met Polen."), "MOBILIZE")
    assert codes(e.actor) == ["BLR"] and "personnel" in gear(e)


def test_a_joint_exercise_is_cooperation_and_a_lone_one_is_not(events):
    e = one(events("Rusland en China hielden vorige maand een gezamenlijke marine-oefening in de "
                   "Japanse Zee."), "COOPERATE")
    assert codes([*e.actor, *e.recipient]) == ["CHN", "RUS"]
    assert not events("Rusland hield vorige week een grote nucleaire oefening.")


def test_a_refusal_answers_the_request_made_to_the_one_refusing(events):
    found = events("Kiev vroeg Washington vorige week om extra F-16's, maar het Witte Huis "
                   "weigerde.")
    e = one(found, "REJECT")
    assert (codes(e.actor), codes(e.recipient)) == (["USA"], ["UKR"])


def test_denying_ones_own_reported_act_does_not_reach_back_further(events):
    found = events("Het Amerikaanse ministerie van Defensie maakte donderdag bekend dat het een "
                   "nieuw militair steunpakket voor Oekraïne heeft goedgekeurd. Volgens de krant "
                   "The Guardian heeft Iran in januari raketten naar Rusland verscheept. "
                   "Teheran ontkent dat.")
    rej = one(found, "REJECT")
    assert codes(rej.actor) == ["IRN"] and "USA" not in codes(rej.recipient)


def test_aid_given_to_an_indirect_object_under_a_light_verb(events):
    found = events("Iran leverde drones aan Rusland. De NAVO-landen beloofden Oekraïne in 2025 "
                   "40 miljard euro aan militaire hulp te geven.")
    e = next(e for e in found if e.event == "AID" and codes(e.actor) == ["NATO"])
    assert codes(e.recipient) == ["UKR"] and not e.equipment  # not Iran's drones
    # help with no recipient said is not another supplier's supply
    found = events("Iran leverde drones aan Rusland. De NAVO-landen beloofden in 2025 40 "
                   "miljard euro aan militaire hulp.")
    e = next(e for e in found if e.event == "AID" and codes(e.actor) == ["NATO"])
    assert "RUS" not in codes(e.recipient) and not e.equipment


def test_what_one_is_accused_of_is_done_by_the_accused(events):
    found = events("Het Kremlin beschuldigde Kiev ervan een passagiersvliegtuig boven Belgorod "
                   "te hebben neergeschoten.")
    assert codes(one(found, "ACCUSE").recipient) == ["UKR"]
    e = one(found, "ASSAULT")
    assert codes(e.actor) == ["UKR"] and e.status == "reported"


def test_a_weapon_striking_a_target_is_an_attack(events):
    e = one(events("Een Russische drone sloeg dinsdag in op een flatgebouw in Odesa."), "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["RUS"], ["UKR"]) and "drone" in gear(e)
    assert not events("De bliksem sloeg dinsdag in op een boerderij in Friesland.")


def test_what_a_package_contains_is_what_was_supplied(events):
    found = events("Duitsland maakte donderdag een nieuw militair steunpakket voor Oekraïne bekend. "
                   "Het pakket bevat onder meer munitie voor Gepard-tanks en IRIS-T-raketten.")
    e = [e for e in found if e.event == "AID" and e.sentence_index == 1]
    assert e and codes(e[0].actor) == ["DEU"] and {"IRIS-T"} <= gear(e[0])


def test_volgens_hem_is_the_speaker_not_a_place(events):
    found = events("Dat zei de Amerikaanse minister Blinken woensdag. Tientallen Russische "
                   "militairen zijn volgens hem in Iran opgeleid.")
    e = one(found, "AID")
    assert [a.country_code for a in e.attribution] == ["USA"] and e.status == "reported"


def test_what_it_was_about_after_the_sentence_naming_the_source(events):
    found = events("Rusland heeft ballistische raketten uit Iran ontvangen. Dat zegt de "
                   "Amerikaanse minister Blinken. Het gaat volgens hem om Fath-360-raketten.")
    e = [e for e in found if e.event == "AID" and e.sentence_index == 2]
    assert e and "Fath-360" in gear(e[0]) and codes(e[0].actor) == ["IRN"]


def test_a_purchase_agreed_or_announced_is_a_planned_supply_by_the_seller(events):
    found = events("Iran heeft een akkoord gesloten met Rusland over de aankoop van Soechoj "
                   "Su-35-gevechtsvliegtuigen.")
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["RUS"], ["IRN"], "planned")
    assert "Su-35" in gear(e)
    e = one(events("Polen kondigde de aankoop van 96 Apache-helikopters uit de Verenigde Staten "
                   "aan."), "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["USA"], ["POL"], "planned")
    assert not events("De gemeente overweegt de aankoop van nieuwe bussen.")


def test_a_supply_not_yet_made_is_by_the_one_asked(events):
    e = [e for e in events("Teheran vroeg Moskou vorig jaar om 24 Su-35-straaljagers. Zulke "
                           "vliegtuigen zijn nog altijd niet geleverd.") if e.event == "AID"]
    assert e and (codes(e[0].actor), codes(e[0].recipient)) == (["RUS"], ["IRN"])
    assert e[0].status == "negated"


def test_them_in_the_next_sentence_are_the_systems_named_before(events):
    found = events("Oekraïne vraagt de Verenigde Staten al maanden om F-16-straaljagers. "
                   "President Biden zei in januari nog dat hij die niet zou sturen.")
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["USA"], ["UKR"]) and "F-16" in gear(e)
    assert e.status == "negated"  # 'zou' is no past act: not a denial


def test_military_technology_is_something_supplied(events):
    e = one(events("Rusland levert ook geavanceerde militaire technologie aan Teheran."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["RUS"], ["IRN"])
    assert not events("ASML levert onderdelen aan klanten in China.")


def test_the_occasion_of_a_protest_is_the_protested_partys_act(events):
    found = events("Rusland heeft de Nederlandse ambassadeur ontboden na de levering van F-16's "
                   "aan Oekraïne.")
    assert codes(one(found, "ACCUSE").recipient) == ["NLD"]  # not Ukraine
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["NLD"], ["UKR"])


def test_a_leader_named_by_one_word_after_the_full_name(events):
    e = one(events("Kim Jong-un ontving president Poetin in Pyongyang. Poetin en Kim spraken "
                   "af elkaar militair te helpen."), "AGREE")
    assert codes([*e.actor, *e.recipient]) == ["PRK", "RUS"]


def test_measures_are_sanctions_only_against_someone(events):
    e = one(events("Frankrijk en Duitsland kondigden maatregelen aan tegen de Iraanse "
                   "luchtvaartmaatschappij Iran Air."), "SANCTION")
    assert codes(e.recipient) == ["IRN"] and e.status == "planned"
    assert not events("Het Franse kabinet neemt maatregelen tegen de woningnood.")


def test_support_needs_someone_supported(events):
    assert not [e for e in events("De EU nam nieuwe maatregelen om de economie te steunen.")
                if e.event == "SUPPORT"]


def test_fired_towards_a_state_targets_it(events):
    e = one(events("Op 3 maart vuurde Noord-Korea een ballistische raket af richting Japan."),
            "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["PRK"], ["JPN"])


def test_not_letting_oneself_be_intimidated_rejects_the_threat(events):
    found = events("Moskou dreigde Warschau vorige week met vergelding. De Poolse premier zei "
                   "dat Polen zich niet laat intimideren.")
    e = one(found, "REJECT")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["POL"], ["RUS"], "asserted")


def test_permission_for_weapons_is_asked_of_their_maker(events):
    found = events("Berlijn stemde in met de levering van Leopard 2-tanks aan Oekraïne. Finland "
                   "had eerder al om die toestemming gevraagd.")
    e = [e for e in found if e.event == "REQUEST"]
    assert e and (codes(e[0].actor), codes(e[0].recipient)) == (["FIN"], ["DEU"])


def test_who_asks_permission_to_supply_is_the_supplier(events):
    found = events("Nederland vroeg Washington om toestemming om F-16's aan Oekraïne te leveren.")
    assert codes(one(found, "REQUEST").recipient) == ["USA"]
    e = one(found, "AID")
    assert (codes(e.actor), codes(e.recipient), e.status) == (["NLD"], ["UKR"], "hypothetical")


def test_weapons_intercepted_after_an_attack_are_the_attackers(events):
    found = events("Rusland vuurde afgelopen nacht dertig drones af op Odesa. Volgens de "
                   "Oekraïense luchtmacht werden 25 van de 30 drones onderschept.")
    e = [e for e in found if e.event == "ASSAULT" and e.sentence_index == 1]
    assert e and (codes(e[0].actor), codes(e[0].recipient)) == (["UKR"], ["RUS"])
    assert "drone" in gear(e[0])


def test_parts_for_weapons_are_a_supply_of_those_weapons(events):
    e = one(events("China levert volgens de NAVO op grote schaal onderdelen voor drones aan "
                   "Rusland."), "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["CHN"], ["RUS"]) and "drone" in gear(e)


def test_a_supply_continued_or_resumed_is_a_supply(events):
    e = one(events("Turkije heeft de verkoop van Bayraktar-drones aan Oekraïne voortgezet."),
            "AID")
    assert (codes(e.actor), codes(e.recipient)) == (["TUR"], ["UKR"])


def test_strikes_by_national_aircraft_and_what_they_are_condemned_as(events):
    found = events("Amerikaanse en Britse gevechtsvliegtuigen voerden luchtaanvallen uit op "
                   "doelen van de Houthi's. Iran veroordeelde de aanvallen als een schending "
                   "van de soevereiniteit van Jemen.")
    e = one(found, "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["GBR", "USA"], ["YEM"])
    assert codes(one(found, "ACCUSE").recipient) == ["GBR", "USA"]


def test_sides_that_do_it_to_each_other(events):
    e = one(events("Israël en Hezbollah beschieten elkaar al maanden."), "ASSAULT")
    assert (codes(e.actor), codes(e.recipient)) == (["ISR"], ["LBN"])
    e = one(events("Armenië en Azerbeidzjan beschuldigen elkaar van de aanval."), "ACCUSE")
    assert (codes(e.actor), codes(e.recipient)) == (["ARM"], ["AZE"])


def test_a_plural_verb_agrees_with_the_relative_pronoun_not_a_named_state(events):
    found = events("Washington overweegt sancties tegen Chinese bedrijven die Rusland helpen.")
    assert codes(one(found, "SANCTION").recipient) == ["CHN"]
    assert one(found, "SANCTION").status == "hypothetical"
    assert not [e for e in found if codes(e.actor) == ["RUS"]]  # Russia does not help


def test_a_rumour_denied_in_a_contrasting_clause(events):
    found = events("Volgens geruchten zou Wit-Rusland troepen aan de grens met Oekraïne hebben "
                   "samengetrokken, maar Minsk spreekt dat tegen.")
    assert one(found, "MOBILIZE").status == "denied"
    rej = one(found, "REJECT")
    assert codes(rej.actor) == ["BLR"] and rej.attribution == [] and rej.status == "asserted"


@pytest.mark.parametrize("headline", [
    "IS eist aanslag op toeristen in Oezbekistan op",
    "VN-rapporteur maant aan tot kalmte in Georgië",
    "Hamas eist aanval op soldaten in Gaza op",
])
def test_a_phrase_around_the_finite_verb_does_not_crash_the_slots(events, headline):
    """Frog may put the finite verb inside a phrase ('eist aanslag op ... op'): the
    subject is then that phrase, not an IndexError that quarantines the document."""
    events(headline)


@pytest.mark.parametrize("text,event,sides", [
    ("Poetin belde dinsdag met Erdogan over de oorlog.", "CONSULT", {"RUS", "TUR"}),
    ("Het telefoongesprek tussen Macron en Scholz duurde een uur.", "CONSULT",
     {"FRA", "DEU"}),
    ("De ontmoeting tussen Biden en Xi vond plaats in Bali.", "CONSULT", {"USA", "CHN"}),
    ("Het Russische offensief tegen Charkiv is vastgelopen.", "ASSAULT", {"RUS", "UKR"}),
])
def test_calls_meetings_and_offensives_as_nouns_and_verbs(events, text, event, sides):
    e = one(events(text), event)
    assert set(codes(e.actor)) | set(codes(e.recipient)) == sides
    assert not set(codes(e.actor)) & set(codes(e.recipient))


def test_not_denying_leaves_the_claim_standing(events):
    e = one(events("Iran leverde drones aan Rusland. Teheran ontkent dat niet."), "AID")
    assert codes(e.actor) == ["IRN"] and e.status == "asserted"


def test_a_request_without_addressee_goes_to_the_party_just_dealt_with(events):
    e = one(events("Duitsland leverde tanks aan Oekraïne. Kyiv vraagt nu om "
                   "gevechtsvliegtuigen."), "REQUEST")
    assert (codes(e.actor), codes(e.recipient)) == (["UKR"], ["DEU"])


@pytest.mark.parametrize("text,expect", [
    ("Oekraïne heeft zaterdag veertig Russische krijgsgevangenen vrijgelaten.",
     ("CONCEDE", ["UKR"], ["RUS"])),
    ("Polen verdenkt Rusland van sabotage op het spoor.", ("ACCUSE", ["POL"], ["RUS"])),
    ("Russische troepen hebben de Oekraïense stad Avdiivka ingenomen.",
     ("ASSAULT", ["RUS"], ["UKR"])),
    ("Het Russische leger rukt op in de regio Charkiv.", ("ASSAULT", ["RUS"], ["UKR"])),
    ("De Franse president prees de moed van Oekraïne.", ("SUPPORT", ["FRA"], ["UKR"])),
])
def test_release_suspicion_capture_and_praise(events, text, expect):
    e = one(events(text), expect[0])
    assert (codes(e.actor), codes(e.recipient)) == expect[1:]


@pytest.mark.parametrize("text", ["De politie liet de verdachte na een verhoor vrij.",
                                  "Ajax veroverde vorig seizoen de titel.",
                                  "De partij neemt een hard standpunt in over migratie."])
def test_the_same_verbs_in_ordinary_news_are_no_events(events, text):
    assert events(text) == []


def test_an_ally_named_beside_an_attack_is_not_its_implicit_target(events):
    found = events("Rusland bestookt Oekraïne al maanden. Rusland wil meer gebied. "
                   "Wit-Russische troepen vechten aan de zijde van de Russen.")
    assert not [e for e in found if codes(e.actor) == ["BLR"] and "RUS" in codes(e.recipient)]
