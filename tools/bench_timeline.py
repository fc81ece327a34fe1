"""The timeline query on a big store: a store of synthetic events made in SQL and the
latency of the timeline's queries on it (tools/bench.py, section 6)."""
from __future__ import annotations

import time


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

    from kroniek.store import Store
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

    from kroniek.store import EventFilter, Store
    from kroniek.web import queries as Q
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
