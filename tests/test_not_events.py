"""Off-topic news full of trigger words -- figurative attacks, nature, trade, police and
courts, sport, strikes, companies delivering goods -- holds no events. Dutch articles
written for these tests (not taken from the evaluation articles). Real Frog."""
import pytest

from kroniek.extract import extract

ARTICLES = {
    "debate": "Wilders viel premier Schoof dinsdag hard aan tijdens het debat in de Tweede "
    "Kamer. De PVV-leider verweet de regering dat zij de grenzen niet sluit. Schoof sloeg terug "
    "en noemde de kritiek 'goedkoop'. Ook GroenLinks-PvdA haalde uit naar het kabinet. De "
    "oppositie dreigt met een motie van wantrouwen als de minister niet met een nieuw plan komt.",
    "wolves": "Een wolf heeft in Drenthe opnieuw schapen aangevallen. Bij een boer in Wapse "
    "werden zaterdag zeven schapen doodgebeten. De provincie onderzoekt of het om hetzelfde dier "
    "gaat dat vorige maand een pony aanviel. In Duitsland en België vallen wolven ook steeds "
    "vaker vee aan.",
    "bear": "Een beer heeft in Slowakije een wandelaar aangevallen. De man raakte zwaargewond. "
    "In Roemenië vallen beren steeds vaker mensen aan, meldt de Roemeense regering.",
    "wildfire": "Bosbranden hebben het zuiden van Griekenland zwaar getroffen. Duizenden "
    "inwoners moesten hun huizen verlaten. Ook Turkije en Spanje worden getroffen door branden. "
    "Een storm trof vrijdag bovendien de kust van Portugal, waarbij bomen omwaaiden.",
    "storm": "Storm Ciarán heeft donderdag Frankrijk en het Verenigd Koninkrijk getroffen. De "
    "orkaan raasde met windstoten van 180 kilometer per uur over Bretagne. Overstromingen "
    "troffen deze week ook Duitsland en België. Een aardbeving trof dinsdag Turkije en Syrië.",
    "warnings": "De Nederlandsche Bank waarschuwt voor een recessie. Frankrijk waarschuwt voor "
    "een nieuwe hittegolf. De Duitse minister van Financiën waarschuwde dat de inflatie verder "
    "zal stijgen.",
    "trade": "China slaat terug in de handelsoorlog met de Verenigde Staten. Peking legt "
    "heffingen op van 34 procent op alle Amerikaanse producten. Het is een vergelding voor de "
    "importtarieven die Washington vorige week aankondigde. China valt daarmee de Amerikaanse "
    "landbouw aan, schrijven analisten.",
    "migrants": "De Italiaanse kustwacht heeft in de nacht van zaterdag op zondag een boot met "
    "honderd migranten onderschept voor de kust van Lampedusa. Ook de Griekse politie "
    "onderschepte een vrachtwagen met twintig migranten uit Syrië.",
    "drugs": "De Nederlandse douane heeft in de haven van Rotterdam 3000 kilo cocaïne "
    "onderschept. De drugs zaten verstopt in een container met bananen uit Ecuador. De "
    "onderschepte drugs hebben een straatwaarde van ruim 200 miljoen euro. Belgische agenten "
    "onderschepten eerder deze maand een lading in Antwerpen. De politie arresteerde twee "
    "verdachten.",
    "police": "De Franse politie viel dinsdag een woning binnen in Marseille. De Belgische "
    "politie pakte drie mannen op na een overval. De Duitse politie arresteerde een drugsbaron "
    "in Hamburg.",
    "court": "De rechter heeft de eis van Shell afgewezen. Het Franse Openbaar Ministerie eist "
    "tien jaar cel tegen de oud-minister. De Duitse rechtbank verwierp het beroep van de "
    "energiereus. Het hof in Den Haag wees het beroep van de Staat af.",
    "vroeg": "Vroeg of laat zal Duitsland moeten kiezen tussen goedkope energie en "
    "klimaatdoelen, zegt de econoom. Ook Frankrijk zal vroeg of laat zijn kerncentrales moeten "
    "vervangen.",
    "staff": "De Franse minister van Onderwijs heeft haar ambtenaren opdracht gegeven om een "
    "nieuw lesplan te schrijven. De Amerikaanse president gaf zijn stafchef opdracht om de "
    "begroting te herschrijven. De Franse premier riep de burgers op om energie te besparen.",
    "visits": "Premier Schoof bezocht donderdag een school in Utrecht. De Spaanse premier sprak "
    "met boeren over de droogte. De Belgische koning ontmoette de winnaars van de prijs.",
    "cycling": "De Sloveen Pogačar viel op de Mur van Hoei aan en reed iedereen uit het wiel. "
    "De Belg Evenepoel verdedigde zijn leiderstrui in de tijdrit. In de finale viel ook de "
    "Nederlander Van der Poel aan, maar hij werd teruggepakt.",
    "football": "Spanje heeft Duitsland in de kwartfinale verslagen. De Spanjaarden vielen "
    "vanaf het begin aan en kwamen na twintig minuten op voorsprong. Duitsland verdedigde te "
    "slordig. De Duitse verdediger werd uitgeschakeld door een blessure.",
    "trains": "Alstom levert vijftig nieuwe treinen aan NS. De Franse fabrikant verwacht de "
    "eerste treinen in 2027 af te leveren. Siemens levert bovendien windturbines aan Denemarken. "
    "Airbus levert tien vliegtuigen aan KLM.",
    "goods": "Nederland levert aardgas aan België en Duitsland. Noorwegen stuurt meer olie naar "
    "Polen. Brazilië levert koffie en soja aan China.",
    "strike": "De vakbond FNV dreigt met een staking bij NS als de werkgever geen beter bod "
    "doet. De Franse spoorbonden dreigen met een nieuwe staking. Italiaanse piloten leggen "
    "vrijdag het werk neer.",
    "strike2": "Duitse machinisten dreigen met een staking als Deutsche Bahn niet met een "
    "beter bod komt. De Franse regering riep de bonden op om de acties op te schorten. Volgens "
    "de Belgische minister zal de staking het land veel geld kosten.",
    "court2": "Een Amsterdamse rechter heeft de eis van Greenpeace tegen de Staat afgewezen. De "
    "Franse rechter veroordeelde de oud-president tot een jaar cel. Het Duitse hof wees het "
    "verzoek van de deelstaat af. Het OM eiste tegen de Turkse verdachte acht jaar cel.",
    "trade2": "De Europese Unie legt importheffingen op Chinese elektrische auto's. Frankrijk "
    "vreest dat China terugslaat. Washington verhoogt ook de tarieven op Chinese chips.",
    "nature2": "Een zware storm heeft Nederland en België getroffen. De orkaan trof ook de "
    "Amerikaanse staat Florida. In Japan richtte een tyfoon grote schade aan. Bosbranden "
    "vernietigden in Canada duizenden hectare bos. Een bliksem doodde in India twaalf mensen.",
    "goods2": "Het Franse Alstom levert honderd metrostellen aan Egypte. Rusland levert gas aan "
    "Hongarije en China levert zonnepanelen aan Duitsland. Zweden stuurt hout naar "
    "Groot-Brittannië.",
    "football2": "Nederland versloeg Duitsland met 3-2. Oranje viel in de slotfase aan en "
    "scoorde via Depay. De Duitsers verdedigden goed, maar Nederland was sterker. De Belgen "
    "schakelden Frankrijk uit met een doelpunt in de laatste minuut.",
    "politics": "De Franse president Macron heeft de Italiaanse premier Meloni hard aangevallen "
    "in een interview. Meloni sloeg terug in een toespraak. Orbán viel de Europese Commissie aan "
    "op een persconferentie in Boedapest. De Britse premier verdedigde zijn beleid in het "
    "Lagerhuis.",
    "police2": "De Spaanse politie heeft in Barcelona tien leden van een drugsbende opgepakt. "
    "Italiaanse agenten schoten een overvaller dood. De Franse gendarmerie onderschepte een bus "
    "met tachtig migranten. De Marokkaanse kustwacht onderschepte een boot met drugs.",
}

# a politician attacked on social media: criticism may be an accusation, never an attack
ON_X = ("De Amerikaanse president Trump heeft de Franse president Macron op X aangevallen. "
        "Macron reageerde niet op de aanval.")


@pytest.fixture(scope="module")
def events(analyze_text):
    def run(text: str, date: str = "2024-06"):
        found, _ = extract(analyze_text(text, date=date))
        return found
    return run


def show(found):
    return [(e.event, e.trigger, e.sentence_text[:60]) for e in found]


@pytest.mark.parametrize("kind", sorted(ARTICLES))
def test_off_topic_news_holds_no_events(events, kind):
    found = events(ARTICLES[kind])
    assert found == [], show(found)


def test_an_attack_on_x_is_no_assault(events):
    found = events(ON_X)
    assert not [e for e in found if e.event == "ASSAULT"], show(found)


def test_a_real_attack_and_supply_still_hold(events):
    found = events("Rusland viel Oekraïne aan tijdens de onderhandelingen. Duitsland levert "
                   "helikopters aan de Oekraïense luchtmacht. Israël onderschepte tientallen "
                   "projectielen uit Libanon.")
    assert {e.event for e in found} == {"ASSAULT", "AID"}, show(found)


@pytest.mark.parametrize("text, parties", [
    ("Rusland viel Oekraïne aan, ondanks de kritiek van de Verenigde Naties.", ("RUS", "UKR")),
    ("Rusland viel een markt in Cherson aan.", ("RUS", "UKR")),
    ("Oekraïne viel een Russisch gasplatform in de Zwarte Zee aan.", ("UKR", "RUS")),
])
def test_attacks_with_words_of_other_news_still_hold(events, text, parties):
    found = [e for e in events(text) if e.event == "ASSAULT"]
    assert [(a.country_code, r.country_code) for e in found for a in e.actor
            for r in e.recipient] == [parties], show(found)
