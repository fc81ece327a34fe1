"""`make bench`: throughput, memory and scaling figures from one run.

    python -m kroniek.bench [--articles N] [--offtopic 0.5] [--seed 7] [--quick]
                            [--ray-articles N] [--ray-rounds 2] [--gating-articles N]
                            [--memory 1000,10000] [--events 1000000] [--no-ray]

Sections (see BENCHMARKS.md for what they mean and the figures of a run):
 1. corpus   N seeded Dutch articles: a share `--offtopic` entirely off-topic (filler
             written for kroniek: weather, sports, culture, economy ...), the rest
             dev-set military articles with 1-3 off-topic paragraphs mixed in.
 2. run      the pipeline (gating on) over the corpus in a child process attached to
             one Frog server: articles/min, words/s, share of wall time in Frog, the
             pipeline's own overhead, peak RSS of kroniek's process and of Frog.
 3. gating   Frog time with gating on vs off on the same articles; whether the events
             are identical; `make eval` figures with gating on and off; the same cut
             on a feed where 80 % of the articles are off-topic.
 4. ray      throughput with 1 and 2 Ray workers (each with its own Frog), in interleaved
             rounds; the speed-up is that of the summed times.
 5. memory   kroniek's peak RSS at 1,000 and 10,000 articles: the corpus' texts cycled
             with new ids and dates (all stored), Frog's answers replayed by a caching
             stand-in server (a separate process), so a 10,000-article run takes minutes.
 6. timeline p50/p95 of the timeline queries on a store of 1 M synthetic events.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
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


def _paragraph(rng: random.Random, topic: str, lo: int = 2, hi: int = 4) -> str:
    items = TOPICS[topic]
    k = rng.randint(lo, min(hi, len(items)))
    start = rng.randrange(len(items))
    return " ".join(items[(start + j) % len(items)] for j in range(k))


def dev_articles(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(id, date, paragraphs) of the dev-set articles."""
    from .analysis.tsv import paragraphs
    from .ingest import read_sources
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
    topics = sorted(TOPICS)
    out, seen = [], set()
    while len(out) < n:
        i = len(out)
        if rng.random() < offtopic:
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


MOSTLY_OFFTOPIC = 0.8  # a second gating figure: a feed where most news is not military


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


# --------------------------------------------------------------------------- Frog memory
class FrogSampler:
    """Peak RSS of Frog processes (a server and its forked request children) and of
    any other processes named in `pids_fn`, sampled in a thread."""

    def __init__(self, roots_fn, interval: float = 0.2):
        self.roots_fn, self.interval = roots_fn, interval
        self.server_peak: dict[int, int] = {}
        self.child_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self):
        import psutil
        while not self._stop.is_set():
            for proc in self.roots_fn():
                try:
                    rss = proc.memory_info().rss
                    self.server_peak[proc.pid] = max(self.server_peak.get(proc.pid, 0), rss)
                    for c in proc.children():
                        self.child_peak = max(self.child_peak, c.memory_info().rss)
                except psutil.Error:
                    pass
            self._stop.wait(self.interval)


def frog_processes_under(pid: int) -> list:
    """Frog servers among the descendants of PID (their request children excluded)."""
    import psutil
    try:
        procs = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for p in procs:
        try:
            if p.name() == "frog" and p.parent() and p.parent().name() != "frog":
                out.append(p)
        except psutil.Error:
            pass
    return out


# --------------------------------------------------------------------------- replay
class ReplayFrog(socketserver.ThreadingTCPServer):
    """A stand-in Frog server (Frog's protocol) that answers each document of a request
    from a cache and asks the real Frog only for documents it has not seen; for the
    memory runs, where the same texts come back with new ids and dates."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, upstream: str):
        super().__init__(("127.0.0.1", 0), _ReplayHandler)
        from .analysis import FrogServer
        self.upstream = FrogServer(address=upstream).start()
        self.cache: dict[tuple, list[str]] = {}
        self.sentinel_block: str | None = None
        self.hits = self.misses = 0
        self.lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def answer(self, payload: str) -> str:
        from .analysis.frog import UTT
        from .gating import SENTINEL
        texts = payload.split(f"\n{UTT}\n")
        segments: list[list[str]] = [[]]
        for t in texts:
            if t == SENTINEL:
                segments.append([])
            else:
                segments[-1].append(t)
        keys = [tuple(s) for s in segments]
        with self.lock:
            if any(k not in self.cache for k in keys) or (len(keys) > 1 and
                                                          self.sentinel_block is None):
                self.misses += 1
                tsv = self.upstream.analyze(texts)
                blocks = [b for b in tsv.split("\n\n") if b.strip() and
                          b.strip() != "READY"]
                parts: list[list[str]] = [[]]
                for b in blocks:
                    b = b.strip("\n")
                    if b.endswith("\nREADY"):
                        b = b[:-len("\nREADY")]
                    cols = b.split("\n")
                    if len(cols) == 1 and cols[0].split("\t")[1:2] == [SENTINEL]:
                        self.sentinel_block = b
                        parts.append([])
                    else:
                        parts[-1].append(b)
                if len(parts) == len(keys):
                    for k, p in zip(keys, parts):
                        self.cache[k] = p
                return tsv
            self.hits += 1
            out: list[str] = []
            for n, k in enumerate(keys):
                if n:
                    out.append(self.sentinel_block)
                out += self.cache[k]
            return "\n\n".join(out) + "\n\nREADY\n"


class _ReplayHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = b""
        while not data.endswith(b"\nEOT\n"):
            chunk = self.request.recv(1 << 16)
            if not chunk:
                return
            data += chunk
        payload = data[:-len(b"\nEOT\n")].decode("utf-8")
        self.request.sendall(self.server.answer(payload).encode("utf-8"))


# --------------------------------------------------------------------------- child runs
def child_run(args: dict) -> dict:
    """One pipeline run in this (child) process; prints and returns its figures."""
    import psutil

    from .analysis import FrogServer
    from .pipeline import Pipeline
    from .store import Store
    me = psutil.Process()
    frog = FrogServer(address=args["frog"]).start()
    store = Store(args["db"])
    rss_trace: list[tuple[int, int]] = []
    count = 0

    def on_document(doc, res):
        nonlocal count
        count += 1
        if count % args.get("trace_every", 1000) == 0:
            rss_trace.append((count, me.memory_info().rss))

    with Pipeline(store, frog=frog, gating=args.get("gating", True),
                  frog_batch=args.get("frog_batch", 10)) as pipeline:
        s = pipeline.run([args["corpus"]], on_document=on_document)
    out = {k: v for k, v in vars(s).items() if isinstance(v, (int, float))}
    out["problems"] = len(s.problems)
    out["quarantined"] = len(s.quarantined)
    out["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["rss_trace"] = rss_trace
    if args.get("export"):
        with open(args["export"], "w", encoding="utf-8") as f:
            for rec in store.events():
                f.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    print(json.dumps(out))
    return out


def run_child(args: dict) -> dict:
    cmd = [sys.executable, "-m", "kroniek.bench", "--child", json.dumps(args)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- timeline
EVENT_TYPES = ["AID", "ASSAULT", "ACCUSE", "REQUEST", "SANCTION", "SUPPORT", "CONSULT",
               "COOPERATE", "THREATEN", "REJECT", "AGREE", "COERCE", "MOBILIZE", "PROTEST",
               "RETREAT", "CONCEDE"]
CODES = ["RUS", "UKR", "IRN", "USA", "PRK", "CHN", "DEU", "GBR", "FRA", "NLD", "POL", "TUR",
         "ISR", "BLR", "NATO", "EU", "KOR", "JPN", "ITA", "CAN", "SYR", "IND", "SWE", "FIN"]
EQUIPMENT = ["drone", "shahed-136", "fighter aircraft", "f-16", "su-35", "tank",
             "leopard 2", "missile", "ballistic missile", "artillery", "air defense system",
             "patriot", "himars", "artillery ammunition", "helicopter", "warship"]
STATUSES = ["asserted", "reported", "planned", "requested", "attempted", "denied",
            "negated", "hypothetical"]


def build_event_store(path: str, n: int) -> float:
    """A store with N synthetic events, made in SQL; returns the seconds it took."""
    import duckdb

    from .store import Store
    t0 = time.perf_counter()
    Store(path)  # the schema (and indexes) exactly as kroniek makes them
    con = duckdb.connect(path)

    def arr(items):
        return "[" + ", ".join(f"'{x}'" for x in items) + "]"

    con.execute(f"""
        INSERT INTO events
        WITH base AS (
          SELECT i,
                 DATE '2014-01-01' + CAST(hash(i, 1) % 4383 AS INTEGER) AS d,
                 hash(i, 2) % 10 AS prec,
                 {arr(EVENT_TYPES)}[1 + CAST(floor(power((hash(i, 3) % 1000) / 1000.0, 2) * 16) AS INTEGER)] AS ev,
                 {arr(CODES)}[1 + CAST(floor(power((hash(i, 4) % 1000) / 1000.0, 2) * 24) AS INTEGER)] AS a,
                 {arr(CODES)}[1 + CAST(hash(i, 5) % 24 AS INTEGER)] AS r,
                 {arr(EQUIPMENT)}[1 + CAST(hash(i, 6) % 16 AS INTEGER)] AS q,
                 {arr(STATUSES)}[1 + CAST(floor(power((hash(i, 7) % 1000) / 1000.0, 3) * 8) AS INTEGER)] AS st,
                 {arr(CODES)}[1 + CAST(hash(i, 8) % 24 AS INTEGER)] AS src
          FROM range({int(n)}) t(i)
        ), dated AS (
          SELECT *,
                 CASE WHEN prec < 6 THEN strftime(d, '%Y-%m')
                      WHEN prec < 9 THEN strftime(d, '%Y-%m-%d')
                      ELSE strftime(d, '%Y') END AS ds,
                 CASE WHEN prec < 6 THEN date_trunc('month', d)
                      WHEN prec < 9 THEN d ELSE date_trunc('year', d) END AS lo,
                 CASE WHEN prec < 6 THEN last_day(d)
                      WHEN prec < 9 THEN d
                      ELSE make_date(year(d), 12, 31) END AS hi
          FROM base
        )
        SELECT 'syn-' || i, 'syndoc-' || (i // 6), strftime(d, '%Y-%m'),
               CAST(i % 6 AS INTEGER), CAST((i % 6) * 120 AS INTEGER),
               CAST((i % 6) * 120 + 110 AS INTEGER),
               'Synthetische zin ' || i || ' over ' || a || ' en ' || r || '.',
               ev, st, ds, NULL, lo, hi, [a], [r], [src], [q],
               json_object('id', 'syn-' || i, 'date', ds, 'event', ev,
                 'mode', ['military'], 'context', ['military'],
                 'actor', [json_object('raw_text', a, 'entity_name', a, 'country_code', a)],
                 'recipient', [json_object('raw_text', r, 'entity_name', r, 'country_code', r)],
                 'equipment', [json_object('raw_text', q, 'name', q, 'class', q, 'origin', NULL)],
                 'status', st,
                 'attribution', [json_object('raw_text', src, 'entity_name', src, 'country_code', src)],
                 'location', NULL,
                 'event_text', ['Synthetische zin ' || i || ' over ' || a || ' en ' || r || '.'],
                 'cite_info', json_object('doc_id', 'syndoc-' || (i // 6),
                   'doc_date', strftime(d, '%Y-%m'), 'sentence_index', i % 6,
                   'char_start', (i % 6) * 120, 'char_end', (i % 6) * 120 + 110,
                   'trigger', 'levert'))
        FROM dated
    """)
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[k]


def timeline_latency(path: str, repeat: int = 15) -> dict:
    """The timeline's queries: Store.events(filter, limit=50) (a fresh connection each,
    as the store does) and the web timeline page (counts per month + a page of 50)."""
    import duckdb

    from .store import EventFilter, Store
    from .web import queries as Q
    store = Store(path, read_only=True)
    filters = {
        "all": EventFilter(),
        "actor": EventFilter(actor="RUS"),
        "actor+type+year": EventFilter(actor="IRN", type="AID", since="2023", until="2023"),
        "equipment": EventFilter(equipment="shahed-136"),
        "quarter": EventFilter(since="2024-01", until="2024-03"),
        "recipient+status": EventFilter(recipient="UKR", status="planned"),
    }
    res: dict[str, list[float]] = {"store.events": [], "connect": [], "web page": []}
    per: dict[str, list[float]] = {}
    for name, flt in filters.items():
        store.events(flt, limit=50)  # warm
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = store.events(flt, limit=50)
            dt_ = time.perf_counter() - t0
            res["store.events"].append(dt_)
            per.setdefault(name, []).append(dt_)
        assert isinstance(rows, list)
    for _ in range(repeat * 2):
        t0 = time.perf_counter()
        with store.connect():
            pass
        res["connect"].append(time.perf_counter() - t0)
    con = duckdb.connect(path, read_only=True)
    for name, flt in filters.items():
        q = Q.Query(flt=flt)
        for k in range(repeat):
            t0 = time.perf_counter()
            Q.timeline(con, q, "month")
            Q.list_events(con, q, 50, 0)
            res["web page"].append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    Q.list_events(con, Q.Query(flt=EventFilter()), 50, 50 * 200)
    deep = time.perf_counter() - t0
    con.close()
    out = {k: (pct(v, 0.5), pct(v, 0.95)) for k, v in res.items()}
    out["per filter p95"] = {k: pct(v, 0.95) for k, v in per.items()}
    out["deep page"] = deep
    return out


# --------------------------------------------------------------------------- eval
def eval_figures(frog_address: str, gating: bool, tmp: Path) -> str:
    """`make eval`'s figures (seed articles and dev set) with gating on or off."""
    from .analysis import FrogServer
    from .pipeline import Pipeline
    from .store import Store
    db = tmp / f"eval-{int(gating)}.duckdb"
    store = Store(db)
    frog = FrogServer(address=frog_address).start()
    with Pipeline(store, frog=frog, gating=gating, frog_batch=10 if gating else 1) as p:
        p.run([str(EVAL / "docs"), str(EVAL / "dev" / "docs")])
    out = tmp / f"eval-{int(gating)}.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for rec in store.events():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    text = []
    for gold, docs in ((EVAL / "seeds.gold.jsonl", EVAL / "docs"),
                       (EVAL / "dev" / "dev.gold.jsonl", EVAL / "dev" / "docs")):
        proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(out),
                               "--docs", str(docs)], capture_output=True, text=True)
        text.append(proc.stdout.strip())
    return "\n".join(text)


# --------------------------------------------------------------------------- main
def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def machine() -> str:
    import psutil
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    osname = platform.platform()
    try:
        osname = dict(line.strip().split("=", 1) for line in open("/etc/os-release")
                      if "=" in line).get("PRETTY_NAME", osname).strip('"')
    except OSError:
        pass
    return (f"{psutil.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GB, "
            f"{osname}, Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kroniek.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=600, help="articles in the main run")
    ap.add_argument("--offtopic", type=float, default=0.5, help="share of off-topic articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gating-articles", type=int, default=150,
                    help="articles for the gating on/off comparison")
    ap.add_argument("--ray-articles", type=int, default=400,
                    help="articles for the 1 vs 2 Ray workers comparison")
    ap.add_argument("--memory", default="1000,10000", help="article counts of the memory runs")
    ap.add_argument("--events", type=int, default=1_000_000,
                    help="synthetic events for the timeline query")
    ap.add_argument("--ray-rounds", type=int, default=2,
                    help="rounds of the Ray comparison (1 then 2 workers each)")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        child_run(json.loads(a.child))
        return 0
    if a.quick:
        a.articles, a.gating_articles, a.ray_articles, a.ray_rounds = 120, 60, 60, 1
        a.memory, a.events = "300,3000", 200_000
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import psutil

    from .analysis import FrogServer
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=out))
    t_all = time.perf_counter()
    print(f"kroniek bench  {dt.datetime.now():%Y-%m-%d %H:%M}  {machine()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    # 1. corpus
    rows = make_corpus(a.articles, a.offtopic, a.seed)
    corpus = write_jsonl(rows, tmp / "corpus.jsonl")
    words = sum(len(r["text"].split()) for r in rows)
    mil = sum(r["id"].endswith("mil") for r in rows)
    print(f"\n[1] corpus: {len(rows)} articles ({mil} military with off-topic paragraphs, "
          f"{len(rows) - mil} off-topic), {words:,} words, seed {a.seed}")

    # one Frog server for the local runs (children attach to it)
    t0 = time.perf_counter()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the pipeline does (pipeline.py)
    frog = FrogServer().start()
    frog_start = time.perf_counter() - t0
    print(f"    Frog server started in {frog_start:.1f} s")
    roots = lambda: [p for p in [psutil.Process(frog.proc.pid)] if p.is_running()]  # noqa
    results: dict = {"frog_start": frog_start}
    try:
        # 2. main run
        with FrogSampler(roots) as fs:
            r = run_child({"frog": frog.address, "db": str(tmp / "main.duckdb"),
                           "corpus": str(corpus), "gating": True, "trace_every": 10**9})
        wall, frog_s = r["seconds"], r["frog_seconds"]
        own = r["gate_seconds"] + r["extract_seconds"] + r["store_seconds"]
        print(f"\n[2] run (gating on, {r['frog_requests']} Frog requests for "
              f"{r['read']} articles): {wall:.1f} s")
        print(f"    articles per minute       {r['read'] / wall * 60:,.0f}")
        print(f"    words per second          {words / wall:,.0f}")
        print(f"    wall time in Frog         {frog_s / wall:.1%}")
        print(f"    pipeline overhead         {(wall - frog_s) / wall:.1%} of wall time beyond "
              f"Frog (kroniek's own work: {own:.1f} s = gating+ucto {r['gate_seconds']:.1f} s, "
              f"extraction {r['extract_seconds']:.1f} s, store {r['store_seconds']:.1f} s; "
              f"mostly done while Frog works on the next batch)")
        print(f"    Frog saw {r['sentences_sent']:,} of {r['sentences']:,} sentences; "
              f"{r['skipped']} articles needed no Frog, {r['partial']} in part; "
              f"{r['fallbacks']} re-analysed whole; {r['events']} events")
        print(f"    peak RSS kroniek process  {mb(r['peak_rss'])}")
        print(f"    peak RSS Frog server      {mb(max(fs.server_peak.values()))}; request "
              f"child {mb(fs.child_peak)} (a fork: shares the server's pages)")
        results["run"] = r

        # 3. gating on vs off
        sub = write_jsonl(rows[:a.gating_articles], tmp / "gating.jsonl")
        figs = {}
        for name, gating, batch in (("on", True, 10), ("off", False, 10),
                                    ("plain", False, 1)):
            figs[name] = run_child({"frog": frog.address, "db": str(tmp / f"g-{name}.duckdb"),
                                    "corpus": str(sub), "gating": gating, "frog_batch": batch,
                                    "export": str(tmp / f"g-{name}.jsonl")})
        figs["floor"] = run_child({"frog": frog.address, "db": str(tmp / "g-floor.duckdb"),
                                   "corpus": str(write_jsonl(military_text(
                                       rows[:a.gating_articles]), tmp / "floor.jsonl")),
                                   "gating": False, "frog_batch": 10})
        same = (tmp / "g-on.jsonl").read_text() == (tmp / "g-plain.jsonl").read_text()
        same_off = (tmp / "g-off.jsonl").read_text() == (tmp / "g-plain.jsonl").read_text()
        on, off, plain = figs["on"], figs["off"], figs["plain"]
        print(f"\n[3] gating, {a.gating_articles} articles "
              f"({sum(1 for x in rows[:a.gating_articles] if x['id'].endswith('off'))} off-topic)")
        print(f"    Frog time gating off      {off['frog_seconds']:.1f} s "
              f"({off['sentences_sent']:,} sentences)")
        print(f"    Frog time gating on       {on['frog_seconds']:.1f} s "
              f"({on['sentences_sent']:,} sentences)  -> "
              f"{off['frog_seconds'] / max(on['frog_seconds'], 1e-9):.1f}x less")
        fl = figs["floor"]
        print(f"    military text alone       {fl['frog_seconds']:.1f} s ({fl['sentences_sent']:,} "
              f"sentences; {fl['words']:,} of {off['words']:,} words): the most any gate "
              f"could save here is "
              f"{off['frog_seconds'] / max(fl['frog_seconds'], 1e-9):.1f}x")
        print(f"    one request per article   {plain['frog_seconds']:.1f} s Frog "
              f"(no batching, no gating): gating+batching "
              f"{plain['frog_seconds'] / max(on['frog_seconds'], 1e-9):.1f}x less")
        print(f"    events identical (on / batched off vs one request per article): "
              f"{'yes' if same else 'NO'} / {'yes' if same_off else 'NO'} "
              f"({on['events']} events)")
        results["gating"] = figs
        # the same on a feed where most articles are off-topic, as in a newsroom's
        mostly = make_corpus(a.gating_articles, MOSTLY_OFFTOPIC, a.seed)
        mostly_military = military_text(mostly)
        feed = {}
        for name, corpus_rows, gating in (("on", mostly, True), ("off", mostly, False),
                                          ("floor", mostly_military, False)):
            feed[name] = run_child({"frog": frog.address,
                                    "db": str(tmp / f"feed-{name}.duckdb"),
                                    "corpus": str(write_jsonl(corpus_rows,
                                                              tmp / f"feed-{name}.jsonl")),
                                    "gating": gating, "frog_batch": 10,
                                    "export": str(tmp / f"feed-{name}-events.jsonl")})
        feed_same = (tmp / "feed-on-events.jsonl").read_text() == \
            (tmp / "feed-off-events.jsonl").read_text()
        fw = sum(len(r["text"].split()) for r in mostly)
        mw = sum(len(r["text"].split()) for r in mostly_military)
        print(f"    on a feed with {MOSTLY_OFFTOPIC:.0%} off-topic articles "
              f"({sum(r['id'].endswith('off') for r in mostly)} of {len(mostly)}; "
              f"{1 - mw / fw:.0%} of the words off-topic): Frog time "
              f"{feed['off']['frog_seconds']:.1f} s -> {feed['on']['frog_seconds']:.1f} s, "
              f"{feed['off']['frog_seconds'] / max(feed['on']['frog_seconds'], 1e-9):.1f}x "
              f"less (an ideal gate: "
              f"{feed['off']['frog_seconds'] / max(feed['floor']['frog_seconds'], 1e-9):.1f}x)"
              f"; events identical: {'yes' if feed_same else 'NO'} "
              f"({feed['on']['events']} events)")
        results["feed"] = feed
        if not a.no_eval:
            ev_on = eval_figures(frog.address, True, tmp)
            ev_off = eval_figures(frog.address, False, tmp)
            print(f"    make eval figures identical with gating on and off: "
                  f"{'yes' if ev_on == ev_off else 'NO'}")
            for name, block in zip(("seed articles", "dev set"), ev_on.split("documents:")[1:]):
                f = dict(line.split(": ", 1) for line in block.strip().splitlines()[1:]
                         if ": " in line)
                print(f"      {name:14} P {f.get('precision')}  R {f.get('recall')}  "
                      f"F1 {f.get('f1')}  attributes {f.get('attribute_accuracy')}")
            results["eval_same"] = ev_on == ev_off

        # 5. memory (before Ray: the replay server uses the local Frog)
        counts = [int(x) for x in a.memory.split(",") if x.strip()]
        replay = ReplayFrog(frog.address)
        th = threading.Thread(target=replay.serve_forever, daemon=True)
        th.start()
        base = rows[:min(len(rows), 300)]
        mem = {}
        try:
            for n in counts:
                path = write_jsonl(cycled(base, n), tmp / f"mem-{n}.jsonl")
                mem[n] = run_child({"frog": replay.address, "db": str(tmp / f"mem-{n}.duckdb"),
                                    "corpus": str(path), "gating": True,
                                    "trace_every": max(1, n // 5)})
        finally:
            replay.shutdown()
        print(f"\n[5] memory: articles cycling through {len(base)} texts (new ids and dates); "
              f"Frog answers replayed ({replay.hits} requests from cache, "
              f"{replay.misses} from Frog)")
        for n, m in mem.items():
            trace = ", ".join(f"{c:,}: {mb(v)}" for c, v in m["rss_trace"])
            print(f"    {n:>6,} articles: peak RSS {mb(m['peak_rss'])}  "
                  f"({m['read'] / m['seconds'] * 60:,.0f} articles/min without Frog; "
                  f"{m['events']:,} events; RSS after {trace})")
        results["memory"] = mem
    finally:
        frog.close()

    # 4. Ray
    if not a.no_ray:
        from .distributed import run_ray
        from .store import Store
        sub = rows[:a.ray_articles]
        path = write_jsonl(sub, tmp / "ray.jsonl")
        me = os.getpid()
        # Rounds of 1 then 2 workers, interleaved: Frog's speed on this machine drifts by
        # about 10 % over minutes, which one pair of runs cannot tell from the speed-up.
        runs = []
        for k in range(a.ray_rounds):
            for w in (1, 2):
                with FrogSampler(lambda: frog_processes_under(me)) as fs:
                    s = run_ray([str(path)], Store(tmp / f"ray-{k}-{w}.duckdb"), workers=w)
                # from the workers' start-up to the last result stored (not the shutdown
                # of Ray and the Frogs after it)
                runs.append((k, w, s, s.finished_seconds - s.startup_seconds, fs))
        print(f"\n[4] Ray, {len(sub)} articles (gating on), throughput from the workers' "
              f"start-up to the last result stored; {a.ray_rounds} rounds of 1 then 2 workers")
        for k, w, s, busy, fs in runs:
            peak = max(fs.server_peak.values()) if fs.server_peak else 0
            print(f"    round {k + 1}, {w} worker{'s' if w > 1 else ' '}: "
                  f"{s.read / busy * 60:,.0f} articles/min "
                  f"({busy:.1f} s; start-up {s.startup_seconds:.1f} s, shut-down "
                  f"{s.seconds - s.finished_seconds:.1f} s; Frog busy {s.frog_seconds:.1f} s; "
                  f"peak RSS per Frog server {mb(peak)})")
        busy = {w: [b for _, v, _, b, _ in runs if v == w] for w in (1, 2)}
        rounds = ", ".join(f"{b1 / b2:.2f}x" for b1, b2 in zip(busy[1], busy[2]))
        r1, r2 = sum(busy[1]), sum(busy[2])
        print(f"    speed-up 2 vs 1 workers: {r1 / r2:.2f}x over all rounds "
              f"(each round: {rounds})")
        results["ray_speedup"] = r1 / r2

    # 6. timeline query
    db = str(tmp / "events.duckdb")
    build = build_event_store(db, a.events)
    lat = timeline_latency(db)
    size = os.path.getsize(db)
    print(f"\n[6] timeline query, {a.events:,} synthetic events ({mb(size)} store, "
          f"built in {build:.0f} s)")
    for k in ("store.events", "web page", "connect"):
        p50, p95 = lat[k]
        label = {"store.events": "Store.events(filter, limit=50)",
                 "web page": "web timeline page (counts + page)",
                 "connect": "  of which opening the store"}[k]
        print(f"    {label:36} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms")
    print("    p95 per filter: " + ", ".join(f"{k} {v * 1000:.0f} ms"
                                              for k, v in lat["per filter p95"].items()))
    print(f"    page 201 of all events (OFFSET 10000): {lat['deep page'] * 1000:.0f} ms")
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"bench took {(time.perf_counter() - t_all) / 60:.1f} min; files in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
