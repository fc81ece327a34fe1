"""Exports: PLOVER JSON Lines, flat CSV / Parquet, a GraphML actor network, and gold
lines (../shared/eval/FORMAT.md) from the events an analyst confirmed, corrected or
added."""
from __future__ import annotations

import csv
import json
from typing import IO

from .store import EventFilter, Store

FORMATS = ("plover", "csv", "parquet", "graphml", "gold")
JUDGED = ("confirmed", "corrected", "added")  # verdicts that make a report gold
SYMMETRIC = ("AGREE", "CONSULT", "COOPERATE")
LEVELS = ("report", "event")  # one record per report, or per cluster of reports

FLAT_COLUMNS = ["id", "link", "date", "enddate", "event", "status", "actor", "recipient",
                "equipment", "attribution", "doc_id", "doc_date", "sentence_index", "char_start",
                "char_end", "event_text", "reports", "independent_sources", "contradictions",
                "analyst"]


INT_COLUMNS = ("sentence_index", "char_start", "char_end", "reports", "independent_sources")


def _codes(items: list[dict]) -> str:
    return ";".join(x.get("country_code") or x.get("entity_name") or "" for x in items)


def flat(rec: dict) -> dict:
    cite = rec["cite_info"]
    return {
        "id": rec["id"], "link": rec.get("link"), "date": rec["date"],
        "enddate": rec.get("enddate"),
        "event": rec["event"], "status": rec["status"],
        "actor": _codes(rec["actor"]), "recipient": _codes(rec["recipient"]),
        "equipment": ";".join(e.get("name") or e.get("class") for e in rec["equipment"]),
        "attribution": ";".join(a.get("entity_name") or a.get("raw_text") for a in
                                rec["attribution"]),
        "doc_id": cite["doc_id"], "doc_date": cite["doc_date"],
        "sentence_index": cite["sentence_index"], "char_start": cite["char_start"],
        "char_end": cite["char_end"], "event_text": rec["event_text"][0],
        # the event level only: corroboration and disagreement of its reports
        "reports": rec.get("reports"), "independent_sources": rec.get("independent_sources"),
        "contradictions": ";".join(c["kind"] for c in rec.get("contradictions", [])) or None,
        # what an analyst set: the verdict, the fields, by whom and why
        "analyst": _analyst(rec.get("analyst")),
    }


def _analyst(info: dict | None) -> str | None:
    if not info:
        return None
    parts = [info["verdict"]] + [f'{f} by {v["by"]}: {v["why"]}' for f, v in
                                 sorted(info["set"].items())]
    return "; ".join(parts)


def _keys(items: list[dict]) -> list[str]:
    return list(dict.fromkeys(k for x in items
                              if (k := (x.get("country_code") or x.get("entity_name") or ""))))


def gold_line(rec: dict) -> dict:
    """A judged report as a core gold event: the analyst's type, parties, equipment,
    status, source and date."""
    analyst = rec["analyst"]
    return {"doc": rec["cite_info"]["doc_id"], "gid": rec["id"], "core": True,
            "event": rec["event"], "actor": _keys(rec["actor"]),
            "recipient": _keys(rec["recipient"]), "symmetric": rec["event"] in SYMMETRIC,
            "actor_optional": not _keys(rec["actor"]),
            "equipment": list(dict.fromkeys(e.get("name") or e.get("class")
                                            for e in rec["equipment"]
                                            if e.get("name") or e.get("class"))),
            "status": [rec["status"]], "source": _keys(rec["attribution"]),
            "date": rec["date"], "note": rec["event_text"][0][:200],
            "judged": analyst["verdict"], "corrected": analyst["fields"]}


def write_gold(records: list[dict], out: IO[str]) -> None:
    for rec in records:
        if (rec.get("analyst") or {}).get("verdict") in JUDGED:
            out.write(json.dumps(gold_line(rec), ensure_ascii=False) + "\n")


def write_plover(records: list[dict], out: IO[str]) -> None:
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_csv(records: list[dict], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    for rec in records:
        writer.writerow(flat(rec))


def write_parquet(records: list[dict], path: str) -> None:
    import duckdb
    con = duckdb.connect()
    rows = [flat(r) for r in records]
    con.execute("CREATE TABLE t (" + ", ".join(
        f"{c} {'INTEGER' if c in INT_COLUMNS else 'VARCHAR'}"
        for c in FLAT_COLUMNS) + ")")
    if rows:
        con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(FLAT_COLUMNS))})",
                        [[r[c] for c in FLAT_COLUMNS] for r in rows])
    con.execute("COPY t TO ? (FORMAT parquet)", [path])
    con.close()


def network(records: list[dict]):
    """Directed multigraph reduced to one edge per (actor, recipient, event type)."""
    import networkx as nx
    graph = nx.DiGraph()
    for rec in records:
        for a in rec["actor"]:
            for r in rec["recipient"]:
                src = a.get("country_code") or a.get("entity_name")
                dst = r.get("country_code") or r.get("entity_name")
                if not src or not dst or src == dst:
                    continue
                for node, ent in ((src, a), (dst, r)):
                    graph.add_node(node, label=ent.get("entity_name") or node)
                key = (src, dst)
                data = graph.get_edge_data(*key) or {}
                counts = json.loads(data.get("counts", "{}"))
                counts[rec["event"]] = counts.get(rec["event"], 0) + 1
                graph.add_edge(src, dst, counts=json.dumps(counts, sort_keys=True),
                               weight=sum(counts.values()))
    return graph


def export(store: Store, fmt: str, out: str | None, flt: EventFilter | None = None,
           level: str = "report") -> int:
    """Write the store's events in `fmt` to the file `out` (stdout when None): every
    report, or (level "event") every cluster of reports once."""
    import sys
    if fmt == "gold" and level == "event":
        raise ValueError("gold lines are per report: use --level report")
    records = store.clusters(flt) if level == "event" else store.events(flt)
    if fmt == "parquet":
        if not out:
            raise ValueError("parquet needs --out FILE")
        write_parquet(records, out)
        return len(records)
    if fmt == "graphml":
        import networkx as nx
        graph = network(records)
        if out:
            nx.write_graphml(graph, out)
        else:
            sys.stdout.write("\n".join(nx.generate_graphml(graph)) + "\n")
        return len(records)
    if fmt == "gold":
        records = [r for r in records if (r.get("analyst") or {}).get("verdict") in JUDGED]
    writer = {"plover": write_plover, "csv": write_csv, "gold": write_gold}[fmt]
    if out:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            writer(records, handle)
    else:
        writer(records, sys.stdout)
    return len(records)
