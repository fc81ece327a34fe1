"""HTML pages: timeline, network, event, equipment, search, document.

Pages are rendered on the server (Jinja2 with autoescape, SVG graphics); every view
state lives in the query string, so any view can be reloaded or shared.
"""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..store import EventFilter
from . import queries as Q
from . import svg
from .aliases import catalog_aliases
from .deps import event_filter, facets, labels, open_db
from .feeds import watch_counts
from .templating import qs

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 50
FILTER_KEYS = ("actor", "recipient", "type", "equipment", "status", "since", "until")
PAGE = Query(1, ge=1, le=100_000)


def render(request: Request, name: str, **ctx):
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def tidy(request: Request):
    """Redirect to the same view without empty parameters (what an unfilled form sends)."""
    items = list(request.query_params.multi_items())
    kept = [(k, v) for k, v in items if v.strip()]
    if len(kept) != len(items):
        return RedirectResponse(request.url.path + qs(dict(kept)), status_code=303)
    return None


def params_of(request: Request, keys=None) -> dict:
    return {k: v for k, v in request.query_params.items()
            if (keys is None or k in keys) and v and k != "token"}


def chips(params: dict, base: str) -> list[dict]:
    """Active filters, each with the link that removes it."""
    return [{"key": k, "value": params[k], "href": base + qs(params, **{k: None, "page": None})}
            for k in FILTER_KEYS if params.get(k)]


def pager(total: int, page: int, params: dict, base: str, size: int = PAGE_SIZE) -> dict:
    pages = max(1, -(-total // size))
    return {"page": page, "pages": pages, "total": total, "first": (page - 1) * size + 1,
            "last": min(total, page * size),
            "prev": base + qs(params, page=page - 1 if page > 2 else None) if page > 1 else None,
            "next": base + qs(params, page=page + 1) if page < pages else None}


@router.get("/")
def timeline(request: Request, flt: EventFilter = Depends(event_filter),
             zoom: Literal["year", "month", "day"] = Query("month"), page: int = PAGE):
    if (r := tidy(request)) is not None:
        return r
    q = Q.Query(flt=flt)
    with open_db(request) as con:
        buckets = Q.timeline(con, q, zoom)
        total, items = Q.list_events(con, q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        names, fac = labels(request, con), facets(request, con)
    params = params_of(request, FILTER_KEYS + ("zoom", "page"))
    chart = svg.bars(buckets)
    for col in chart["columns"]:
        col["href"] = "/" + qs(params, since=col["period"], until=col["period"],
                               zoom=Q.FINER[zoom] if len(col["period"]) == Q.ZOOMS[zoom]
                               else zoom, page=None)
    type_totals: dict[str, int] = {}
    for b in buckets:
        for t, n in b["counts"].items():
            type_totals[t] = type_totals.get(t, 0) + n
    groups: list[dict] = []
    for r in items:
        key = r["date"][:Q.ZOOMS[zoom]]
        if not groups or groups[-1]["period"] != key:
            groups.append({"period": key, "items": []})
        groups[-1]["items"].append(r)
    return render(request, "timeline.html", nav="timeline", params=params, zoom=zoom,
                  chart=chart, groups=groups, names=names, facets=fac,
                  type_totals=type_totals, chips=chips(params, "/"),
                  pager=pager(total, page, params, "/"), total=total, base="/",
                  watches=watch_counts(request))


@router.get("/network")
def network(request: Request, flt: EventFilter = Depends(event_filter),
            node: str | None = Query(None, max_length=64),
            source: str | None = Query(None, max_length=64),
            target: str | None = Query(None, max_length=64),
            etype: str | None = Query(None, max_length=20), page: int = PAGE):
    if (r := tidy(request)) is not None:
        return r
    for value in (node, source, target):
        if value and not Q.CODE_RE.match(value):
            raise HTTPException(422, "not a valid actor code")
    with open_db(request) as con:
        nodes, edges = Q.network(con, Q.Query(flt=flt))
        names, fac = labels(request, con), facets(request, con)
        selection, total, items = None, 0, []
        if source and target:
            sel = Q.Query(flt=EventFilter(**{**flt.__dict__, "actor": source,
                                             "recipient": target,
                                             "type": etype or flt.type}))
            selection = {"kind": "edge", "source": source.upper(), "target": target.upper(),
                         "type": (etype or "").upper() or None}
        elif node:
            sel = Q.Query(flt=flt, involving=node)
            selection = {"kind": "node", "id": node.upper()}
        if selection:
            try:
                Q.make_filter(type=sel.flt.type)
            except Q.BadQuery as err:
                raise HTTPException(422, str(err)) from None
            total, items = Q.list_events(con, sel, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    params = params_of(request, FILTER_KEYS)
    full = params_of(request, FILTER_KEYS + ("node", "source", "target", "etype", "page"))
    drawing = svg.graph(nodes, edges)
    for n in drawing["nodes"]:
        n["href"] = "/network" + qs(params, node=n["id"])
        n["label"] = names.get(n["id"], n["id"])
        n["selected"] = bool(selection) and (
            selection.get("id") == n["id"] or n["id"] in (selection.get("source"),
                                                          selection.get("target")))
    for e in drawing["edges"]:
        e["href"] = "/network" + qs(params, source=e["source"], target=e["target"],
                                    etype=e["type"])
        e["selected"] = bool(selection) and (
            (selection["kind"] == "edge" and (e["source"], e["target"]) ==
             (selection["source"], selection["target"]) and
             selection["type"] in (None, e["type"])) or
            (selection["kind"] == "node" and selection["id"] in (e["source"], e["target"])))
    types_present = sorted({e["type"] for e in edges})
    return render(request, "network.html", nav="network", params=params, drawing=drawing,
                  selection=selection, items=items, names=names, facets=fac,
                  types_present=types_present, chips=chips(params, "/network"),
                  pager=pager(total, page, full, "/network"), total=total,
                  edges=edges, base="/")


def segments(text: str, spans: list[tuple[int, int, str, bool]]) -> list[dict]:
    """Split TEXT into plain and marked pieces for SPANS (start, end, event id, current)."""
    out, pos, seen = [], 0, set()
    for start, end, event_id, current in sorted(spans, key=lambda s: (s[0], not s[3])):
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if (start, end) in seen:
            if current:  # the same sentence as another report: mark it as the current one
                for seg in out:
                    if seg.get("span") == (start, end):
                        seg["current"] = True
            continue
        if start < pos or end <= start:
            continue
        seen.add((start, end))
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "mark": True, "id": event_id,
                    "current": current, "span": (start, end)})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


@router.get("/event/{event_id:path}")
def event(request: Request, event_id: str = Path(..., min_length=1, max_length=300)):
    with open_db(request) as con:
        record = Q.get_event(con, event_id)
        if record is None:
            raise HTTPException(404, "No event with this id in the store.")
        cluster, reports = Q.event_reports(con, event_id)
        reports = reports or [record]
        doc_ids = []
        for r in reports:
            if r["cite_info"]["doc_id"] not in doc_ids:
                doc_ids.append(r["cite_info"]["doc_id"])
        own = record["cite_info"]["doc_id"]
        doc_ids.sort(key=lambda d: d != own)
        docs = Q.get_documents(con, doc_ids)
        names = labels(request, con)
    articles = []
    for doc_id in doc_ids:
        doc = docs.get(doc_id)
        mine = [r for r in reports if r["cite_info"]["doc_id"] == doc_id]
        if doc is None:
            articles.append({"id": doc_id, "missing": True, "reports": mine})
            continue
        spans = [(r["cite_info"]["char_start"], r["cite_info"]["char_end"], r["id"],
                  r["id"] == record["id"]) for r in mine]
        articles.append({"id": doc_id, "doc": doc, "reports": mine, "open": doc_id == own,
                         "segments": segments(doc["text"], spans),
                         "mismatch": [r["id"] for r in mine if doc["text"][
                             r["cite_info"]["char_start"]:r["cite_info"]["char_end"]]
                             != r["event_text"][0]]})
    statuses = sorted({r["status"] for r in reports})
    by_id = {x["id"]: x for x in reports}
    sides = [{"kind": c["kind"], "claims": [by_id[i] for i in c["claims"] if i in by_id],
              "against": [by_id[i] for i in c["against"] if i in by_id],
              "denials": c.get("denial_events", [])}
             for c in (cluster or {}).get("contradictions", [])]
    form = None
    if request.app.state.write:
        from .write import current_values, form_token
        form = {"csrf": form_token(request.app.state.token, record["id"]),
                "values": current_values(record)}
    return render(request, "event.html", nav=None, r=record, reports=reports,
                  cluster=cluster, sides=sides, form=form,
                  articles=articles, names=names, statuses=statuses, params={}, base="/")


@router.get("/document/{doc_id:path}")
def document(request: Request, doc_id: str = Path(..., min_length=1, max_length=300)):
    with open_db(request) as con:
        doc = Q.get_documents(con, [doc_id]).get(doc_id)
        if doc is None:
            raise HTTPException(404, "No article with this id in the store.")
        _, items = Q.list_events(con, Q.Query(flt=EventFilter(doc_id=doc_id)), 10_000, 0)
        names = labels(request, con)
    spans = [(r["cite_info"]["char_start"], r["cite_info"]["char_end"], r["id"], False)
             for r in items]
    return render(request, "document.html", nav=None, doc=doc, items=items, names=names,
                  segments=segments(doc["text"], spans), params={}, base="/")


@router.get("/equipment")
def equipment_list(request: Request, page: int = PAGE):
    size = 200
    with open_db(request) as con:
        total, items = Q.equipment_list(con, size, (page - 1) * size)
        names = labels(request, con)
    systems = [i for i in items if i["name"]]
    classes = [i for i in items if not i["name"]]
    return render(request, "equipment_list.html", nav="equipment", systems=systems,
                  classes=classes, names=names, total=total, params={}, base="/",
                  pager=pager(total, page, {}, "/equipment", size))


@router.get("/equipment/{name:path}")
def equipment(request: Request, name: str = Path(..., min_length=1, max_length=100),
              page: int = PAGE):
    with open_db(request) as con:
        info = Q.equipment_detail(con, name)
        if info is None:
            raise HTTPException(404, "No events with this weapon system in the store.")
        total, items = Q.list_events(con, Q.Query(flt=EventFilter(equipment=name)),
                                     PAGE_SIZE, (page - 1) * PAGE_SIZE)
        names = labels(request, con)
    return render(request, "equipment.html", nav="equipment", info=info, items=items,
                  names=names, params={}, base="/", total=total,
                  pager=pager(total, page, {}, request.url.path))


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=100), page: int = PAGE):
    plan, total, items = None, 0, []
    q = q.strip()
    with open_db(request) as con:
        if len(q) >= 2:
            plan, total, items = Q.search(con, q, PAGE_SIZE, (page - 1) * PAGE_SIZE,
                                          catalog_aliases())
        names = labels(request, con)
    return render(request, "search.html", nav="search", q=q, plan=plan, items=items,
                  total=total, names=names, params={}, base="/",
                  pager=pager(total, page, {"q": q}, "/search"))
