"""The knowledge catalogue: states, organisations, people, weapon systems and the Dutch
nouns for equipment classes and actor sectors.

States come from pycountry (English) and babel (Dutch) for every ISO state; the YAML in
./data adds aliases, adjectives, demonyms, capitals and everything else. `load_catalog()`
builds it once per process.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

from . import cache
from .heads import HeadLexicon, phrase_in

CLASSES = ("drone", "fighter aircraft", "aircraft", "helicopter", "air defense system",
           "ballistic missile", "cruise missile", "missile", "artillery",
           "artillery ammunition", "ammunition", "tank", "armored vehicle", "rocket launcher",
           "small arms", "warship", "personnel", "other")
SECTORS = ("GOV", "MIL", "SPY", "COP", "LEG", "JUD", "BUS", "MED", "IGO", "NGO", "REB",
           "OPP", "CVL")
HISTORIC = ("SUN", "CSK", "DDR", "YUG")
# English library names that are something else in Dutch text (a first name, a US state).
ENGLISH_SKIP = {"Jordan", "Chad", "Georgia", "Jersey", "Man", "Guinea"}


@dataclass(frozen=True)
class Entity:
    key: str            # "country:RUS", "org:NATO", "person:vladimir-putin"
    kind: str           # country | org | person
    name: str           # English canonical name
    code: str | None    # exported country_code (ISO3, org code) or None
    country: str | None  # home state ISO3
    sector: str | None
    wikidata: str | None
    role: str | None = None
    org_kind: str | None = None  # igo, gov, mil, intel, media, company, ngo, party, armed_group


@dataclass(frozen=True)
class System:
    name: str
    aliases: tuple[str, ...]
    cls: str
    origin: str | None
    nato_name: str | None
    maker: str | None
    wikidata: str | None = None
    ambiguous: tuple[str, ...] = ()  # aliases that need military context


@dataclass(frozen=True)
class ClassWord:
    word: str
    cls: str
    weak: bool


@dataclass(frozen=True)
class SectorWord:
    word: str
    sector: str | None
    inherit: bool = False  # takes the sector of what it speaks for (woordvoerder)


@dataclass(frozen=True)
class Surface:
    """One surface form for the gazetteer."""
    text: str
    kind: str        # country adjective demonym capital org person system place block
    ref: object      # Entity, System or None (block)
    ambiguous: bool = False
    rank: int = 1    # 0 blockers, 1 listed forms, 2 derived forms (lose ties)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


class Catalog:
    def __init__(self, entities: list[Entity], systems: list[System], surfaces: list[Surface],
                 classes: HeadLexicon, class_phrases: list, sectors: HeadLexicon,
                 sector_phrases: list):
        self._entities = {e.key: e for e in entities}
        self._systems = systems
        self._system_index = {}
        for s in systems:
            for form in (s.name, *s.aliases):
                self._system_index.setdefault(form.casefold(), s)
        self.surfaces = tuple(surfaces)
        self._classes, self._class_phrases = classes, class_phrases
        self._sectors, self._sector_phrases = sectors, sector_phrases

    # --- entities ---
    def entity(self, key: str) -> Entity | None:
        return self._entities.get(key)

    def country(self, iso3: str) -> Entity | None:
        return self._entities.get(f"country:{iso3}") if iso3 else None

    def org(self, org_id: str) -> Entity | None:
        return self._entities.get(f"org:{org_id}")

    def person(self, name: str) -> Entity | None:
        return self._entities.get(f"person:{slug(name)}")

    def entities(self, kind: str | None = None) -> list[Entity]:
        return [e for e in self._entities.values() if kind is None or e.kind == kind]

    # --- systems ---
    def system(self, name: str) -> System | None:
        """A system by canonical name or alias, case-insensitive."""
        return self._system_index.get(name.casefold()) if name else None

    def systems(self) -> list[System]:
        return list(self._systems)

    # --- class and sector nouns ---
    def class_word(self, word: str) -> ClassWord | None:
        return self._classes.lookup(word)

    def class_of(self, word: str) -> tuple[str, bool] | None:
        """(class, weak) of a noun or lemma, also as a compound head, else None."""
        hit = self._classes.lookup(word)
        return (hit.cls, hit.weak) if hit else None

    def class_of_phrase(self, words) -> tuple[str, bool] | None:
        """(class, weak) of a multiword class phrase in `words` ("ballistische raketten")."""
        for phrase, hit in self._class_phrases:
            if phrase_in(phrase, words):
                return hit.cls, hit.weak
        return None

    def sector_word(self, word: str) -> SectorWord | None:
        return self._sectors.lookup(word)

    def sector_of(self, word: str) -> str | None:
        """Sector code of an actor noun or lemma; None for unknown and inheriting nouns."""
        hit = self._sectors.lookup(word)
        return hit.sector if hit else None

    def sector_of_phrase(self, words) -> str | None:
        for phrase, hit in self._sector_phrases:
            if phrase_in(phrase, words):
                return hit.sector
        return None


# --- loading ----------------------------------------------------------------------

def _read(name: str) -> str:
    path = resources.files("kroniek.knowledge").joinpath("data", name)
    return path.read_text("utf-8") if path.is_file() else ""


def _good_name(name: str | None) -> bool:
    return bool(name) and not any(c in name for c in ",()") and " - " not in name


def _genitives(name: str) -> list[str]:
    """Dutch genitive of a one-word state name: Ruslands, Oekraïnes, China's, Cyprus'."""
    if " " in name or name.isupper() or len(name) < 3:
        return []
    last = unicodedata.normalize("NFKD", name[-1])[0].lower()
    if last in "sxz":
        return [name + "'"]
    if last in "aiouy":
        return [name + "'s"]
    return [name + "s"]


def _countries(cfg: dict) -> tuple[list[Entity], list[Surface]]:
    import pycountry
    from babel import Locale
    nl, en = Locale("nl").territories, Locale("en").territories
    states: dict[str, tuple[str | None, object]] = {}
    for c in pycountry.countries:
        states[c.alpha_3] = (c.alpha_2, c)
    for c in pycountry.historic_countries:
        if c.alpha_3 in HISTORIC:
            states[c.alpha_3] = (None, c)
    for iso3, extra in cfg.items():
        if iso3 not in states:
            states[iso3] = ("XK" if iso3 == "XKX" else None, None)
    entities, surfaces = [], []
    for iso3, (a2, rec) in states.items():
        extra = cfg.get(iso3) or {}
        en_names = [getattr(rec, "common_name", None), en.get(a2) if a2 else None,
                    getattr(rec, "name", None), getattr(rec, "official_name", None)]
        en_names = [n for n in en_names if _good_name(n) and n not in ENGLISH_SKIP]
        dutch = extra.get("nl") or (nl.get(a2) if a2 else None)
        name = extra.get("name") or (en_names[0] if en_names else dutch or iso3)
        ent = Entity(key=f"country:{iso3}", kind="country", name=name, code=iso3, country=iso3,
                     sector="GOV", wikidata=extra.get("wikidata"))
        entities.append(ent)
        names = [*(extra.get("names") or []), *([dutch] if _good_name(dutch) else []), *en_names, name]
        names = [n for n in dict.fromkeys(names) if n not in ENGLISH_SKIP]
        for n in names:
            surfaces.append(Surface(n, "country", ent))
        english = set(en_names) | {name}
        for n in names:
            if n not in english or n == dutch:
                for g in _genitives(n):
                    surfaces.append(Surface(g, "country", ent, rank=2))
        for g in extra.get("genitive") or []:
            surfaces.append(Surface(g, "country", ent))
        for field, kind in (("adjectives", "adjective"), ("demonyms", "demonym"),
                            ("capitals", "capital")):
            for n in extra.get(field) or []:
                surfaces.append(Surface(n, kind, ent))
    return entities, surfaces


def _orgs(rows: list[dict]) -> tuple[list[Entity], list[Surface]]:
    entities, surfaces = [], []
    for r in rows:
        ent = Entity(key=f"org:{r['id']}", kind="org", name=r["name"], code=r.get("code"),
                     country=r.get("country"), sector=r.get("sector"),
                     wikidata=r.get("wikidata"), org_kind=r.get("kind"))
        entities.append(ent)
        amb = set(r.get("ambiguous") or [])
        # Only the aliases: a canonical name like "Leonardo" or "RT" is too ambiguous.
        for n in dict.fromkeys(r.get("aliases", [])):
            surfaces.append(Surface(n, "org", ent, ambiguous=n in amb))
        for n in r.get("capitals") or []:
            surfaces.append(Surface(n, "capital", ent))
    return entities, surfaces


def _people(rows: list[dict]) -> tuple[list[Entity], list[Surface]]:
    entities, surfaces = [], []
    for r in rows:
        country = r.get("country")
        ent = Entity(key=f"person:{slug(r['name'])}", kind="person", name=r["name"],
                     code=r.get("code", country), country=country, sector=r.get("sector"),
                     wikidata=r.get("wikidata"), role=r.get("role"))
        entities.append(ent)
        amb = set(r.get("ambiguous") or [])
        for n in dict.fromkeys([r["name"], *r.get("aliases", [])]):
            surfaces.append(Surface(n, "person", ent, ambiguous=n in amb))
    return entities, surfaces


# Place names that are also ordinary words or lie in several states.
PLACE_SKIP = {"Engels", "Brest", "Petersburg", "Oman"}


def _places(cfg: dict | None, states: dict[str, Entity], taken: set[str]) -> list[Surface]:
    """Cities and regions (places.yaml) as kind "place", pointing at their state. A name
    that is already something else ("Oman" the country) stays that."""
    out = []
    for iso3, names in (cfg or {}).items():
        for n in names or []:
            if iso3 in states and n not in PLACE_SKIP and n not in taken:
                out.append(Surface(n, "place", states[iso3], rank=2))
    return out


# Designation prefixes whose hyphenless spelling is common ("F16", "S400", "Su35").
_NOHYPHEN = re.compile(r"^(F|Su|MiG|Mig|S|T|Ka|Mi|Tu|Kh|KN|Jak|Yak|AH|UH|CH)-(\d{2,}[A-Za-z0-9]*)$")
_SPACED = re.compile(r"^([A-Z][a-z]{2,})-(\d+)$")      # Shahed-136 -> Shahed 136
_ACRONYM = re.compile(r"^[A-Z]{4,}(-[A-Z]+)?$")       # HIMARS -> Himars
_NO_TITLE = {"HARM"}  # "Harm" is a Dutch first name


def _variants(alias: str) -> list[str]:
    out = []
    if m := _NOHYPHEN.match(alias):
        out.append(m.group(1) + m.group(2))
    if m := _SPACED.match(alias):
        out.append(f"{m.group(1)} {m.group(2)}")
    if re.search(r" \d", alias):
        out.append(re.sub(r" (?=\d)", "-", alias))    # Leopard 2 -> Leopard-2
    if _ACRONYM.match(alias) and alias not in _NO_TITLE:
        out.append("-".join(p.capitalize() if len(p) > 1 else p for p in alias.split("-")))
    return out


def _shell_forms(calibre: int) -> list[str]:
    c, forms = str(calibre), []
    for noun in ("granaat", "granaten", "artilleriegranaat", "artilleriegranaten", "munitie",
                 "artilleriemunitie"):
        forms += [f"{c}mm-{noun}", f"{c} mm-{noun}", f"{c}-mm-{noun}", f"{c}mm {noun}",
                  f"{c} mm {noun}", f"{c}-millimeter{noun}", f"{c} millimeter-{noun}"]
    return forms


def _systems(rows: list[dict], makers: dict[str, list[str]]) -> tuple[list[System], list[Surface]]:
    systems, surfaces = [], []
    for r in rows:
        aliases = list(r.get("aliases") or [])
        if r.get("calibre"):
            aliases += _shell_forms(r["calibre"])
        amb = tuple(r.get("ambiguous") or [])
        s = System(name=r["name"], aliases=tuple(aliases), cls=r["class"], origin=r.get("origin"),
                   nato_name=r.get("nato_name"), maker=r.get("maker"), wikidata=r.get("wikidata"),
                   ambiguous=amb)
        systems.append(s)
        listed = list(dict.fromkeys([s.name, *aliases]))
        for a in listed:
            surfaces.append(Surface(a, "system", s, ambiguous=a in amb))
        derived = [v for a in listed for v in _variants(a)]
        # "Soechoj Su-35", "McDonnell Douglas F-4 Phantom"
        for m in makers.get(s.maker or "", []):
            derived += [f"{m} {a}" for a in listed if a not in amb and not a.startswith(m)]
        for v in dict.fromkeys(derived):
            if v not in listed:
                surfaces.append(Surface(v, "system", s, ambiguous=v in amb, rank=2))
    return systems, surfaces


def _class_lexicon(cfg: dict) -> tuple[HeadLexicon, list]:
    entries, heads, phrases = {}, set(), []
    for cls, spec in cfg["classes"].items():
        for w in spec.get("words") or []:
            entries.setdefault(w.lower(), ClassWord(w, cls, False))
            heads.add(w.lower())
        for w in spec.get("weak") or []:
            entries.setdefault(w.lower(), ClassWord(w, cls, True))
        for p in spec.get("phrases") or []:
            phrases.append((tuple(p), ClassWord(" ".join(p), cls, False)))
    phrases.sort(key=lambda p: -len(p[0]))
    return HeadLexicon(entries, heads, set(w.lower() for w in cfg.get("stop") or [])), phrases


def _sector_lexicon(cfg: dict) -> tuple[HeadLexicon, list]:
    entries, phrases = {}, []
    for sector, words in cfg["sectors"].items():
        for w in words:
            if " " in w:
                phrases.append((tuple(w.split()), SectorWord(w, sector)))
            else:
                entries.setdefault(w.lower(), SectorWord(w, sector))
    for w in cfg.get("inherit") or []:
        entries.setdefault(w.lower(), SectorWord(w, None, inherit=True))
    stop = set(w.lower() for w in cfg.get("stop") or [])
    return HeadLexicon(entries, set(entries), stop), phrases


DATA_FILES = ("countries.yaml", "organisations.yaml", "people.yaml", "equipment.yaml",
              "blockers.yaml", "class_words.yaml", "sector_words.yaml", "places.yaml")


def build_catalog(data: dict[str, object]) -> Catalog:
    """The catalogue from the parsed data files (see DATA_FILES) plus pycountry and babel."""
    c_ent, c_surf = _countries(data["countries.yaml"])
    org_rows = data["organisations.yaml"]
    o_ent, o_surf = _orgs(org_rows)
    p_ent, p_surf = _people(data["people.yaml"])
    makers = {}
    for r in org_rows:
        forms = list(dict.fromkeys([r["name"], *r.get("aliases", [])]))
        for f in forms:
            makers.setdefault(f, forms)
    systems, s_surf = _systems(data["equipment.yaml"], makers)
    blocks = [Surface(b, "block", None, rank=0) for b in data["blockers.yaml"]]
    named = blocks + c_surf + o_surf + p_surf + s_surf
    places = _places(data.get("places.yaml"), {e.code: e for e in c_ent}, {x.text for x in named})
    classes, class_phrases = _class_lexicon(data["class_words.yaml"])
    sectors, sector_phrases = _sector_lexicon(data["sector_words.yaml"])
    return Catalog(c_ent + o_ent + p_ent, systems, named + places,
                   classes, class_phrases, sectors, sector_phrases)


@functools.lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The catalogue, built once per process. Parsing the YAML and the library name
    tables takes ~0.3 s, so the built catalogue is pickled in a user cache directory,
    keyed by a digest of the data, this code and the library versions."""
    texts = {n: _read(n) for n in DATA_FILES}
    path = cache.path_for(texts)
    cat = cache.read(path)
    if isinstance(cat, Catalog):
        return cat
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    cat = build_catalog({n: yaml.load(t, Loader=loader) for n, t in texts.items()})
    cache.write(path, cat)
    return cat
