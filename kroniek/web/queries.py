"""Read-only queries behind the pages and the API.

Every function takes an open DuckDB connection and passes user input only as
parameters (`?`); the only text formatted into SQL is fixed fragments from this module.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..models import EVENT_TYPES, STATUSES
from ..store import EventFilter, date_range, has_table

DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
CODE_RE = re.compile(r"^[\w .&'()\-]{1,64}$", re.UNICODE)
ZOOMS = {"year": 4, "month": 7, "day": 10}
FINER = {"year": "month", "month": "day", "day": "day"}

ENTITY_JSON = '[{"raw_text":"VARCHAR","entity_name":"VARCHAR","country_code":"VARCHAR"}]'
EQUIPMENT_JSON = ('[{"raw_text":"VARCHAR","name":"VARCHAR","class":"VARCHAR",'
                  '"origin":"VARCHAR","quantity":"VARCHAR"}]')
ORDER = " ORDER BY date_start NULLS LAST, doc_id, sentence_index, char_start, id"


class BadQuery(ValueError):
    """A filter value that cannot be right (bad date, unknown type ...)."""


def fold(text: str) -> str:
    """Lower case without accents: 'Oekraïne' -> 'oekraine'."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower().strip()


@dataclass
class Query:
    """EventFilter plus what the pages add: an actor-or-recipient code and search terms."""

    flt: EventFilter = field(default_factory=EventFilter)
    involving: str | None = None          # code as actor or recipient
    codes: list[str] = field(default_factory=list)       # search: any role has one of these
    equipment_any: list[str] = field(default_factory=list)  # search: lower-case names
    texts: list[str] = field(default_factory=list)  # search: folded substrings of names

    def where(self) -> tuple[str, list]:
        where, params = self.flt.where()
        clauses = [where[len(" WHERE "):]] if where else []
        if self.involving:
            clauses.append("(list_contains(actors, ?) OR list_contains(recipients, ?))")
            params += [self.involving.upper()] * 2
        ors, oparams = [], []
        if self.codes:
            ors.append("list_has_any(list_concat(actors, recipients, sources), ?::VARCHAR[])")
            oparams.append(list(self.codes))
        if self.equipment_any:
            ors.append("list_has_any(equipment, ?::VARCHAR[])")
            oparams.append(list(self.equipment_any))
        for text in self.texts:
            ors.append(f"contains({HAYSTACK}, ?)")
            oparams.append(text)
        if ors:
            clauses.append("(" + " OR ".join(ors) + ")")
            params += oparams
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Names and surface forms of every role and weapon system of an event, folded.
HAYSTACK = "strip_accents(lower(concat_ws(' | ', " + ", ".join(
    f"array_to_string(json_extract_string(record, '$.{role}[*].{key}'), ' | ')"
    for role, keys in (("actor", ("raw_text", "entity_name")),
                       ("recipient", ("raw_text", "entity_name")),
                       ("attribution", ("raw_text", "entity_name")),
                       ("equipment", ("raw_text", "name", "class")))
    for key in keys) + ")))"


def make_filter(actor=None, recipient=None, type=None, equipment=None, status=None,
                since=None, until=None) -> EventFilter:
    """Validate raw query values ('' counts as absent) into an EventFilter."""
    def clean(v):
        v = (v or "").strip()
        return v or None
    actor, recipient, type, equipment, status, since, until = map(
        clean, (actor, recipient, type, equipment, status, since, until))
    for name, value in (("actor", actor), ("recipient", recipient)):
        if value and not CODE_RE.match(value):
            raise BadQuery(f"{name}: not a valid code")
    if type and type.upper() not in EVENT_TYPES:
        raise BadQuery(f"type: one of {', '.join(EVENT_TYPES)}")
    if status and status.lower() not in STATUSES:
        raise BadQuery(f"status: one of {', '.join(STATUSES)}")
    if equipment and len(equipment) > 100:
        raise BadQuery("equipment: too long")
    for name, value in (("since", since), ("until", until)):
        if value:
            if not DATE_RE.match(value):
                raise BadQuery(f"{name}: use YYYY, YYYY-MM or YYYY-MM-DD")
            try:
                date_range(value)
            except ValueError:
                raise BadQuery(f"{name}: no such date") from None
    return EventFilter(actor=actor, recipient=recipient, type=type, equipment=equipment,
                       status=status, since=since, until=until)


def _records(rows) -> list[dict]:
    return [json.loads(r[0]) for r in rows]


# -- events -----------------------------------------------------------------
def list_events(con, q: Query, limit: int, offset: int) -> tuple[int, list[dict]]:
    where, params = q.where()
    total = con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
    rows = con.execute(f"SELECT record FROM events{where}{ORDER} LIMIT ? OFFSET ?",
                       params + [limit, offset]).fetchall()
    return total, _records(rows)


def get_event(con, event_id: str) -> dict | None:
    row = con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def cluster_of(con, event_id: str) -> dict | None:
    """The event (cluster of reports, kroniek/resolve) that report EVENT_ID belongs to."""
    if not has_table(con, "event_links"):
        return None
    row = con.execute("SELECT c.record FROM event_links l JOIN clusters c USING (link) "
                      "WHERE l.event_id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def get_cluster(con, link: str) -> dict | None:
    if not has_table(con, "clusters"):
        return None
    row = con.execute("SELECT record FROM clusters WHERE link = ?", [link]).fetchone()
    return json.loads(row[0]) if row else None


def list_clusters(con, q: Query, limit: int, offset: int) -> tuple[int, list[dict]]:
    if not has_table(con, "clusters"):
        return 0, []
    where, params = q.where()
    total = con.execute(f"SELECT count(*) FROM clusters{where}", params).fetchone()[0]
    rows = con.execute(f"SELECT record FROM clusters{where} ORDER BY date_start NULLS LAST, "
                       "link LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
    return total, _records(rows)


def reports_by_id(con, ids: list[str]) -> list[dict]:
    rows = con.execute(f"SELECT record FROM events WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                       f"{ORDER}", [ids]).fetchall()
    return _records(rows)


def event_reports(con, event_id: str) -> tuple[dict | None, list[dict]]:
    """The cluster of report EVENT_ID (None before the store is resolved) and all its
    reports, itself included."""
    found = cluster_of(con, event_id)
    if found is not None:
        return found, reports_by_id(con, found["report_ids"])
    return None, reports_of(con, event_id)


def reports_of(con, event_id: str) -> list[dict]:
    """For a store not yet resolved: the reports of the same event as EVENT_ID, those
    that share the event type, the actor codes and the recipient codes, fall in the
    same month (or the same coarser period) and whose equipment overlaps (names or
    classes; two without equipment also match)."""
    rows = con.execute("""
        WITH me AS (SELECT * FROM events WHERE id = ?)
        SELECT e.record FROM events e, me
        WHERE e.event = me.event
          AND list_sort(e.actors) = list_sort(me.actors)
          AND list_sort(e.recipients) = list_sort(me.recipients)
          AND substr(coalesce(e.date, e.doc_date), 1, 7)
              = substr(coalesce(me.date, me.doc_date), 1, 7)
          AND ((len(e.equipment) = 0 AND len(me.equipment) = 0)
               OR len(list_intersect(e.equipment, me.equipment)) > 0)
        ORDER BY e.doc_date, e.doc_id, e.sentence_index, e.char_start, e.id
    """, [event_id]).fetchall()
    return _records(rows)


# -- documents --------------------------------------------------------------
DOC_COLS = ["id", "date", "url", "source", "status", "note", "added_at"]


def get_documents(con, ids: list[str], text: bool = True) -> dict[str, dict]:
    if not ids:
        return {}
    cols = DOC_COLS + (["text"] if text else [])
    rows = con.execute(f"SELECT {', '.join(cols)} FROM documents "
                       "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
    out = {}
    for row in rows:
        d = dict(zip(cols, row))
        d["added_at"] = d["added_at"].isoformat(timespec="seconds") if d["added_at"] else None
        out[d["id"]] = d
    return out


def list_documents(con, limit: int, offset: int) -> tuple[int, list[dict]]:
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    rows = con.execute(f"""
        SELECT {', '.join('d.' + c for c in DOC_COLS)}, length(d.text),
               (SELECT count(*) FROM events e WHERE e.doc_id = d.id)
        FROM documents d ORDER BY d.date, d.id LIMIT ? OFFSET ?""",
                       [limit, offset]).fetchall()
    items = []
    for row in rows:
        d = dict(zip(DOC_COLS + ["length", "events"], row))
        d["added_at"] = d["added_at"].isoformat(timespec="seconds") if d["added_at"] else None
        items.append(d)
    return total, items


def document_event_ids(con, doc_id: str) -> list[str]:
    return [r[0] for r in con.execute(
        f"SELECT id FROM events WHERE doc_id = ?{ORDER}", [doc_id]).fetchall()]


# -- facets and labels ------------------------------------------------------
def labels(con) -> dict[str, str]:
    """Display name per actor/recipient/source code (the most frequent entity_name)."""
    rows = con.execute(f"""
        SELECT upper(coalesce(x.country_code, x.entity_name)) AS code, mode(x.entity_name)
        FROM (SELECT unnest(list_concat(
                from_json(record->'actor', '{ENTITY_JSON}'),
                from_json(record->'recipient', '{ENTITY_JSON}'),
                from_json(record->'attribution', '{ENTITY_JSON}'))) AS x FROM events)
        WHERE x.entity_name IS NOT NULL OR x.country_code IS NOT NULL
        GROUP BY ALL""").fetchall()
    return {code: name or code for code, name in rows if code}


def facets(con) -> dict:
    """Values with counts for the filter controls."""
    def pairs(sql):
        return [list(r) for r in con.execute(sql).fetchall()]
    return {
        "actors": pairs("SELECT a, count(*) n FROM (SELECT unnest(actors) a FROM events) "
                        "GROUP BY a ORDER BY n DESC, a"),
        "recipients": pairs("SELECT r, count(*) n FROM (SELECT unnest(recipients) r FROM "
                            "events) GROUP BY r ORDER BY n DESC, r"),
        "types": pairs("SELECT event, count(*) n FROM events GROUP BY event "
                       "ORDER BY n DESC, event"),
        "statuses": pairs("SELECT status, count(*) n FROM events GROUP BY status "
                          "ORDER BY n DESC, status"),
        "equipment": [{"key": k, "name": n, "class": c, "events": e}
                      for k, n, c, e in equipment_rows(con)],
        "period": [str(x) if x else None for x in con.execute(
            "SELECT min(date_start), max(date_end) FROM events").fetchone()],
    }


# -- timeline ---------------------------------------------------------------
def timeline(con, q: Query, zoom: str) -> list[dict]:
    """Counts per period and event type; periods coarser than ZOOM stay as they are."""
    n = ZOOMS[zoom]
    where, params = q.where()
    rows = con.execute(f"""
        SELECT substr(coalesce(date, doc_date), 1, ?) AS k, event, count(*)
        FROM events{where} GROUP BY ALL ORDER BY k, event""", [n] + params).fetchall()
    buckets: dict[str, dict[str, int]] = {}
    for key, event, count in rows:
        buckets.setdefault(key, {})[event] = count
    for key in fill_periods(list(buckets), zoom):
        buckets.setdefault(key, {})
    return [{"period": k, "counts": buckets[k], "total": sum(buckets[k].values()),
             "coarse": len(k) < n} for k in sorted(buckets)]


def fill_periods(keys: list[str], zoom: str, limit: int = 240) -> list[str]:
    """Every period between the first and last key at ZOOM, unless there are too many."""
    n = ZOOMS[zoom]
    full = sorted(k for k in keys if len(k) == n)
    if len(full) < 2:
        return full
    first, last = date_range(full[0])[0], date_range(full[-1])[0]
    out, cur = [], first
    while cur <= last and len(out) <= limit:
        out.append(cur.isoformat()[:n])
        if zoom == "day":
            cur += dt.timedelta(days=1)
        elif zoom == "month":
            cur = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
        else:
            cur = dt.date(cur.year + 1, 1, 1)
    return out if len(out) <= limit else full


# -- network ----------------------------------------------------------------
def network(con, q: Query) -> tuple[list[dict], list[dict]]:
    """Actors as nodes; one directed edge per (actor, recipient, event type) with counts."""
    where, params = q.where()
    nodes = con.execute(f"""
        SELECT code, count(DISTINCT id) AS n,
               count(DISTINCT id) FILTER (WHERE role = 'a') AS as_actor,
               count(DISTINCT id) FILTER (WHERE role = 'r') AS as_recipient
        FROM (SELECT id, unnest(actors) AS code, 'a' AS role FROM events{where}
              UNION ALL
              SELECT id, unnest(recipients) AS code, 'r' AS role FROM events{where})
        GROUP BY code ORDER BY n DESC, code""", params + params).fetchall()
    edges = con.execute(f"""
        SELECT a, r, event, count(DISTINCT id) AS n, min(d), max(d)
        FROM (SELECT id, event, coalesce(date, doc_date) AS d, unnest(actors) AS a, recipients
              FROM events{where}) t, unnest(t.recipients) AS u(r)
        WHERE a <> r
        GROUP BY a, r, event ORDER BY n DESC, a, r, event""", params).fetchall()
    return ([{"id": c, "events": n, "as_actor": na, "as_recipient": nr}
             for c, n, na, nr in nodes],
            [{"source": a, "target": r, "type": t, "count": n,
              "first": str(f) if f else None, "last": str(l) if l else None}
             for a, r, t, n, f, l in edges])


# -- equipment --------------------------------------------------------------
def equipment_rows(con) -> list[tuple]:
    """(key, name, class, events) for every weapon system name and every class."""
    return con.execute(f"""
        WITH q AS (SELECT id, unnest(from_json(record->'equipment', '{EQUIPMENT_JSON}')) AS q
                   FROM events)
        SELECT lower(q.name), mode(q.name), mode(q."class"), count(DISTINCT id) AS n
        FROM q WHERE q.name IS NOT NULL GROUP BY 1
        UNION ALL
        SELECT lower(c), NULL, c, count(DISTINCT id) FROM (
            SELECT id, q."class" AS c FROM q WHERE q."class" IS NOT NULL) GROUP BY c
        ORDER BY 2 NULLS LAST, 4 DESC, 1""").fetchall()


def equipment_list(con, limit: int, offset: int, kind: str | None = None
                   ) -> tuple[int, list[dict]]:
    """Weapon systems (and classes) with who supplied them to whom and when."""
    sql = f"""
        WITH q AS (SELECT e.id, e.event, e.status, e.actors, e.recipients,
                          coalesce(e.date, e.doc_date) AS d, x.q AS q
                   FROM events e,
                        unnest(from_json(e.record->'equipment', '{EQUIPMENT_JSON}')) AS x(q)),
        keyed AS (SELECT lower(q.name) AS key, q.name AS name, q."class" AS cls, * EXCLUDE (q)
                  FROM q WHERE q.name IS NOT NULL
                  UNION ALL
                  SELECT lower(q."class"), NULL, q."class", * EXCLUDE (q)
                  FROM q WHERE q."class" IS NOT NULL)
        SELECT key, mode(name) AS name, mode(cls) AS cls,
               count(DISTINCT id) AS events,
               count(DISTINCT id) FILTER (WHERE event = 'AID') AS supplies,
               list_sort(list_distinct(flatten(list(actors) FILTER (WHERE event = 'AID')))),
               list_sort(list_distinct(flatten(list(recipients) FILTER (WHERE event = 'AID')))),
               min(d), max(d)
        FROM keyed {{where}} GROUP BY key
    """
    where = ""
    if kind == "system":
        where = "WHERE name IS NOT NULL"
    elif kind == "class":
        where = "WHERE name IS NULL"
    sql = sql.replace("{where}", where)
    total = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    rows = con.execute(f"SELECT * FROM ({sql}) ORDER BY name IS NULL, events DESC, key "
                       "LIMIT ? OFFSET ?",
                       [limit, offset]).fetchall()
    return total, [{"key": k, "name": n, "class": c, "events": e, "supplies": s,
                    "suppliers": a or [], "recipients": r or [],
                    "first": str(f) if f else None, "last": str(l) if l else None}
                   for k, n, c, e, s, a, r, f, l in rows]


def equipment_detail(con, key: str) -> dict | None:
    """One system (or class): its AID flows per supplier and recipient, and all events."""
    k = key.strip().lower()
    info = con.execute(f"""
        SELECT mode(q.name) FILTER (WHERE lower(q.name) = ?), mode(q."class"),
               mode(q.origin), list_sort(list_distinct(list(q.raw_text)))
        FROM (SELECT unnest(from_json(record->'equipment', '{EQUIPMENT_JSON}')) AS q
              FROM events WHERE list_contains(equipment, ?))
        WHERE lower(q.name) = ? OR lower(q."class") = ?""", [k, k, k, k]).fetchone()
    if info is None or (info[0] is None and info[1] is None):
        return None
    is_class = info[0] is None
    flows = con.execute("""
        SELECT a, r, status, count(*), min(d), max(d)
        FROM (SELECT unnest(CASE WHEN len(actors) = 0 THEN [NULL] ELSE actors END) AS a,
                     recipients, status, coalesce(date, doc_date) AS d
              FROM events WHERE event = 'AID' AND list_contains(equipment, ?)) t,
             unnest(CASE WHEN len(t.recipients) = 0 THEN [NULL] ELSE t.recipients END) u(r)
        GROUP BY ALL ORDER BY min(d), a, r, status""", [k]).fetchall()
    return {"key": k, "name": info[0], "class": info[1], "is_class": is_class,
            "origin": info[2], "surface_forms": info[3] or [],
            "flows": [{"supplier": a, "recipient": r, "status": s, "count": n,
                       "first": str(f) if f else None, "last": str(l) if l else None}
                      for a, r, s, n, f, l in flows]}


# -- search -----------------------------------------------------------------
@dataclass
class SearchPlan:
    texts: list[str]
    codes: list[str]
    equipment: list[str]
    matched: list[dict]  # what the query was understood as, for display

    def query(self, flt: EventFilter | None = None) -> Query:
        return Query(flt=flt or EventFilter(), codes=self.codes,
                     equipment_any=self.equipment, texts=self.texts)


def plan_search(con, q: str, aliases=None) -> SearchPlan:
    """Work out which entity codes and weapon systems a search term stands for.

    Sources, in order: the knowledge catalogue's aliases (when available, passed in as
    ALIASES: folded alias -> list of (kind, value, label) with kind "entity" (a code),
    "equipment" (a system name) or "name" (an entity name)), the store's own
    mentions table (surface form -> code), and the codes, names and surface forms
    stored with the events themselves.
    """
    text = fold(q)
    texts = [text]
    codes: dict[str, str] = {}
    equipment: dict[str, str] = {}
    matched: list[dict] = []

    def add(kind, value, label, via):
        if not value:
            return
        if kind == "name":
            if fold(value) not in texts:
                texts.append(fold(value))
                matched.append({"kind": kind, "value": value, "label": label, "via": via})
        elif kind == "equipment":
            if value.lower() not in equipment:
                equipment[value.lower()] = value
                matched.append({"kind": kind, "value": value, "label": label, "via": via})
        elif value.upper() not in codes:
            codes[value.upper()] = label or value
            matched.append({"kind": "entity", "value": value.upper(), "label": label,
                            "via": via})

    for kind, value, label in (aliases or {}).get(text, []):
        add(kind, value, label, "catalogue")
    # surface forms the extraction recognised in the articles
    for code, ref, kind in con.execute(
            "SELECT DISTINCT code, ref, kind FROM mentions "
            "WHERE strip_accents(lower(text)) = ?", [text]).fetchall():
        if kind == "system":
            add("equipment", ref, ref, "articles")
        elif kind in ("country", "adjective", "demonym", "capital", "org"):
            add("entity", code, None, "articles")
    # names, codes and surface forms stored with the events
    for code, name in con.execute(f"""
            SELECT DISTINCT upper(coalesce(x.country_code, x.entity_name)), x.entity_name
            FROM (SELECT unnest(list_concat(
                    from_json(record->'actor', '{ENTITY_JSON}'),
                    from_json(record->'recipient', '{ENTITY_JSON}'),
                    from_json(record->'attribution', '{ENTITY_JSON}'))) AS x FROM events)
            WHERE strip_accents(lower(x.raw_text)) = ?
               OR strip_accents(lower(x.entity_name)) = ?
               OR lower(x.country_code) = ?""", [text, text, text]).fetchall():
        add("entity", code, name, "events")
    for name, in con.execute(f"""
            SELECT DISTINCT coalesce(q.name, q."class")
            FROM (SELECT unnest(from_json(record->'equipment', '{EQUIPMENT_JSON}')) AS q
                  FROM events)
            WHERE strip_accents(lower(q.raw_text)) = ? OR lower(q.name) = ?
               OR lower(q."class") = ?""", [text, text, text]).fetchall():
        add("equipment", name, name, "events")
    for code, label in list(codes.items()):
        if label == code:
            codes[code] = code
    return SearchPlan(texts=texts, codes=sorted(codes), equipment=sorted(equipment),
                      matched=matched)


def search(con, q: str, limit: int, offset: int, aliases=None,
           flt: EventFilter | None = None) -> tuple[SearchPlan, int, list[dict]]:
    plan = plan_search(con, q, aliases)
    total, items = list_events(con, plan.query(flt), limit, offset)
    return plan, total, items


def with_filter(q: Query, **changes) -> Query:
    return replace(q, flt=replace(q.flt, **changes))
