"""The bench's corpora: dev-set military articles mixed with off-topic filler written
for the bench, and helpers to write and cycle them (tools/bench.py, section 1)."""
from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

# --------------------------------------------------------------------------- filler
# Off-topic Dutch news sentences written for this benchmark. Like real news they
# sometimes name states, cities or people and use words that are trigger words
# elsewhere ('leveren', 'steun', 'aanval', 'schoot', 'vroeg'), so gating cannot simply
# drop every article that names a country.
TOPICS: dict[str, list[str]] = {
    "weer": [
        "Het KNMI verwacht voor het weekend flinke regenbuien in het noorden van het land.",
        "Vanochtend lag er in Drenthe een dun laagje sneeuw op de velden.",
        "De temperatuur loopt morgen op tot een graad of achttien, met af en toe zon.",
        "Meteorologen waarschuwen voor gladheid op de wegen in het oosten.",
        "Volgens Weeronline wordt het de warmste septembermaand sinds het begin van de metingen.",
        "In de middag trekt een onweersfront van zuidwest naar noordoost over het land.",
        "De wind draait naar het noorden en neemt toe tot kracht zes aan de kust.",
        "Boeren in Zeeland klagen over de aanhoudende droogte van de afgelopen weken.",
        "Het waterpeil van de Rijn bij Lobith is zo laag dat schepen minder vracht meenemen.",
        "Na een natte zomer is de oogst van aardappelen dit jaar tegengevallen.",
    ],
    "voetbal": [
        "Feyenoord won zondag met 3-1 van PSV in een uitverkocht stadion.",
        "De spits schoot de bal in de tweede helft hard in de kruising.",
        "Na rust zette de thuisploeg de aanval steeds feller in.",
        "De trainer was na afloop tevreden over de inzet van zijn spelers.",
        "Het Nederlands elftal speelt volgende maand een oefenwedstrijd tegen België.",
        "De scheidsrechter gaf in de slotfase nog een omstreden strafschop.",
        "Ajax heeft een nieuwe verdediger gekocht van een club uit Portugal.",
        "De supporters zongen tot ver na het laatste fluitsignaal door.",
        "Door een blessure moest de aanvoerder al na twintig minuten van het veld.",
        "De club hoopt komend seizoen weer mee te doen om de landstitel.",
    ],
    "wielrennen": [
        "De Deense renner pakte in de laatste kilometer de leiding in de etappe.",
        "Het peloton reed het grootste deel van de dag in een hoog tempo door de Ardennen.",
        "Een valpartij op een natte afdaling kostte twee favorieten veel tijd.",
        "De ploegleider sprak van een van de mooiste overwinningen van het jaar.",
        "Morgen wacht de renners een zware bergrit met drie beklimmingen.",
        "Het publiek langs de kant van de weg was talrijk en enthousiast.",
        "De jonge Nederlander eindigde als zevende in het algemeen klassement.",
        "Volgens de organisatie keken wereldwijd miljoenen mensen naar de finish.",
    ],
    "cultuur": [
        "Het Rijksmuseum opent in het voorjaar een grote tentoonstelling over Vermeer.",
        "De voorstelling kreeg lovende recensies in de landelijke kranten.",
        "De schrijfster won de Libris Literatuurprijs met haar derde roman.",
        "Het filmfestival in Rotterdam trok dit jaar meer bezoekers dan ooit.",
        "De dirigent leidde het orkest door een avond vol Brahms en Mahler.",
        "Het theater moet sluiten omdat de gemeente de subsidie heeft stopgezet.",
        "De band bracht na acht jaar stilte een nieuw album uit.",
        "In de bibliotheek lezen vrijwilligers elke woensdag voor aan kinderen.",
        "Het schilderij werd op een veiling in Londen voor een recordbedrag verkocht.",
        "De musical speelt tot het einde van de zomer in Utrecht.",
    ],
    "economie": [
        "De inflatie is in oktober gedaald naar 2,4 procent, meldt het CBS.",
        "De huizenprijzen stegen het afgelopen kwartaal opnieuw licht.",
        "Het kabinet trekt extra geld uit voor steun aan ondernemers in de horeca.",
        "De chipmachinemaker verwacht dit jaar meer machines te leveren aan klanten in Azië.",
        "Vakbonden eisen een loonsverhoging van zeven procent voor het personeel.",
        "De Europese Centrale Bank hield de rente ongewijzigd.",
        "Supermarkten zien de omzet van biologische producten weer groeien.",
        "Het bedrijf schrapt driehonderd banen in de administratie.",
        "De beurs in Amsterdam sloot de week af met een kleine winst.",
        "Exporteurs van bloemen profiteren van de lage koers van de euro.",
    ],
    "wetenschap": [
        "Onderzoekers van de Universiteit Leiden ontdekten een nieuwe soort kikker.",
        "De telescoop maakte scherpe beelden van een ver sterrenstelsel.",
        "Een nieuw medicijn tegen migraine blijkt in tests goed te werken.",
        "Biologen tellen dit voorjaar opvallend veel vlinders in de duinen.",
        "Het onderzoek naar de effecten van slaap op het geheugen duurde vier jaar.",
        "De satelliet meet hoe snel het ijs op Groenland smelt.",
        "Studenten bouwden een zonneauto die een race door Australië won.",
        "Archeologen vonden bij Nijmegen resten van een Romeinse boerderij.",
    ],
    "verkeer": [
        "Op de A12 stond vanochtend een file van vijftien kilometer na een ongeluk.",
        "De NS rijdt dit weekend minder treinen tussen Utrecht en Amersfoort.",
        "Door werkzaamheden is de brug tot vrijdag afgesloten voor auto's.",
        "Het aantal verkeersdoden is vorig jaar licht gestegen.",
        "De gemeente legt nieuwe fietspaden aan langs de ringweg.",
        "Een vrachtwagen verloor zijn lading op de snelweg bij Eindhoven.",
        "Reizigers moeten rekening houden met vertraging op Schiphol.",
        "De nieuwe metrolijn wordt volgend jaar in gebruik genomen.",
    ],
    "zorg": [
        "Huisartsen vragen om meer tijd per patiënt.",
        "Het ziekenhuis in Zwolle opent een nieuwe afdeling voor kinderen.",
        "De griepgolf is volgens het RIVM over zijn hoogtepunt heen.",
        "Steeds meer ouderen krijgen hulp bij het huishouden van vrijwilligers.",
        "De wachtlijsten in de jeugdzorg zijn nog altijd lang.",
        "Apothekers melden tekorten aan sommige antibiotica.",
        "Een campagne moet jongeren helpen om te stoppen met roken.",
        "De zorgverzekeraar verhoogt de premie met zes euro per maand.",
    ],
    "lokaal": [
        "De gemeenteraad stemde dinsdagavond in met de bouw van vierhonderd woningen.",
        "Bij een brand in een schuur in Friesland kwamen tientallen schapen om.",
        "Buurtbewoners protesteren tegen de kap van oude eiken in het park.",
        "De markt op zaterdag verhuist tijdelijk naar het stationsplein.",
        "De burgemeester opende de vernieuwde speeltuin met een lintje.",
        "Vrijwilligers ruimden zaterdag kilo's zwerfafval op langs de rivier.",
        "Het zwembad blijft ook deze winter open dankzij een gift van een stichting.",
        "De politie zoekt getuigen van een inbraak in een juwelierszaak.",
        "De kermis trok ondanks de regen duizenden bezoekers.",
        "Het dorpshuis krijgt zonnepanelen op het dak.",
    ],
    "onderwijs": [
        "Scholen kampen met een groot tekort aan leraren.",
        "De minister wil dat leerlingen beter leren lezen en rekenen.",
        "Het aantal internationale studenten in Groningen is gedaald.",
        "De examens beginnen dit jaar een week later dan gebruikelijk.",
        "Leerlingen van een basisschool plantten samen honderd bomen.",
        "De universiteit biedt een nieuwe opleiding aan in data en ethiek.",
        "Docenten krijgen meer begeleiding in hun eerste jaren voor de klas.",
        "Ouders maken zich zorgen over het gebruik van telefoons in de klas.",
    ],
    "eten": [
        "De kok van het restaurant in Maastricht kreeg een Michelinster.",
        "Het recept voor de stamppot komt van haar grootmoeder.",
        "Boeren leveren hun melk steeds vaker rechtstreeks aan de consument.",
        "De haringvangst begon dit jaar later door het koude water.",
        "Bakkers klagen over de gestegen prijs van meel en energie.",
        "Op de markt zijn de eerste aardbeien van het seizoen te koop.",
        "Een wijnboer in Limburg verwacht een goed oogstjaar.",
        "Het festival voor streekproducten lokte veel gezinnen naar het plein.",
    ],
    "tennis": [
        "De Nederlandse tennisster versloeg in de eerste ronde een Amerikaanse tegenstander.",
        "Na een lange rally won zij de tweede set met 7-5.",
        "Haar coach was tevreden over de manier waarop ze de service terugsloeg.",
        "In de kwartfinale wacht een ervaren speelster uit Spanje.",
        "Het toernooi in Rosmalen wordt elk jaar in juni gespeeld.",
        "Door de regen werd de wedstrijd twee uur stilgelegd.",
    ],
}


# a second gating figure: a general-news feed, where most of the words are not about wars
FEED_OFFTOPIC_WORDS = 0.9


def _paragraph(rng: random.Random, topic: str, lo: int = 2, hi: int = 4) -> str:
    items = TOPICS[topic]
    k = rng.randint(lo, min(hi, len(items)))
    start = rng.randrange(len(items))
    return " ".join(items[(start + j) % len(items)] for j in range(k))


def dev_articles(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(id, date, paragraphs) of the dev-set articles."""
    from kroniek.analysis.tsv import paragraphs
    from kroniek.ingest import read_sources
    out = []
    for d in read_sources([str(folder)]):
        if hasattr(d, "text"):
            out.append((d.id, d.date, [d.text[s:e] for s, e in paragraphs(d.text)]))
    return out


def make_corpus(n: int, offtopic: float = 0.5, seed: int = 7,
                dev: Path = EVAL / "dev" / "docs") -> list[dict]:
    """N articles: a share `offtopic` entirely off-topic, the rest a dev-set article
    (all its paragraphs, in order) with 1-3 off-topic paragraphs inserted."""
    rng = random.Random(seed)
    military = dev_articles(dev)
    return _articles(n, rng, lambda out: rng.random() < offtopic, military)


def make_feed(n: int, offtopic_words: float = FEED_OFFTOPIC_WORDS, seed: int = 7,
              dev: Path = EVAL / "dev" / "docs") -> list[dict]:
    """N articles of which at least `offtopic_words` of the words are off-topic, as in a
    general-news feed: a military article (as in make_corpus) comes next whenever the
    dev-set words so far are below their share (the off-topic paragraphs inside it count
    as off-topic words)."""
    rng = random.Random(seed)
    military = dev_articles(dev)
    def offtopic_next(out: list[dict]) -> bool:
        if not out:
            return True
        both = sum(len(r["text"].split()) for r in out)
        mil = sum(len(r["text"].split()) for r in military_text(out))
        # a military article adds about 230 dev-set words (and 90 filler words)
        return (mil + 230) / (both + 320) > 1 - offtopic_words

    return _articles(n, rng, offtopic_next, military)


def _articles(n: int, rng: random.Random, offtopic_next, military) -> list[dict]:
    topics = sorted(TOPICS)
    out, seen = [], set()
    while len(out) < n:
        i = len(out)
        if offtopic_next(out):
            first = rng.choice(topics)
            paras = [_paragraph(rng, first if k == 0 or rng.random() < 0.6
                                else rng.choice(topics)) for k in range(rng.randint(2, 4))]
            date = f"{rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}"
            kind = "off"
        else:
            _, date, paras = rng.choice(military)
            paras = list(paras)
            for _ in range(rng.randint(1, 3)):
                paras.insert(rng.randint(0, len(paras)), _paragraph(rng, rng.choice(topics)))
            kind = "mil"
        text = "\n\n".join(paras)
        if (date, text) in seen:
            continue
        seen.add((date, text))
        out.append({"id": f"bench-{i:05d}-{kind}", "date": date, "text": text})
    return out




def military_text(rows: list[dict]) -> list[dict]:
    """The dev-set text of the military articles alone: what an ideal gate would send
    to Frog (the floor of Frog time)."""
    filler = {x for items in TOPICS.values() for x in items}
    out = []
    for row in rows:
        paras = [p for p in row["text"].split("\n\n")
                 if not any(p.startswith(x) for x in filler)]
        if row["id"].endswith("mil") and paras:
            # a date of its own: the same dev article recurs in the corpus, and a run
            # does not analyse a content hash (date and text) twice
            k = len(out)
            out.append({**row, "text": "\n\n".join(paras),
                        "date": f"{1990 + k // 12}-{k % 12 + 1:02d}"})
    return out


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def cycled(rows: list[dict], n: int) -> list[dict]:
    """N articles cycling through ROWS' texts; new ids and dates make every one new."""
    out = []
    for i in range(n):
        base = rows[i % len(rows)]
        cycle = i // len(rows)
        date = f"{1950 + cycle:04d}-{base['date'][5:7]}"
        out.append({"id": f"mem-{i:06d}", "date": date, "text": base["text"]})
    return out
