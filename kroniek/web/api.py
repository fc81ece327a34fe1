"""JSON API under /api (GET only, paginated lists: limit, offset, total)."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel

from ..store import EventFilter
from . import queries as Q
from .aliases import catalog_aliases
from .deps import event_filter, facets, labels, open_db

router = APIRouter(prefix="/api", tags=["api"])

LIMIT = Query(50, ge=1, le=500, description="At most this many items.")
OFFSET = Query(0, ge=0, le=10_000_000, description="Skip this many items.")


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class EventWithReports(BaseModel):
    event: dict[str, Any]
    cluster: dict[str, Any] | None = None
    reports: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    labels: dict[str, str]


class ClusterWithReports(BaseModel):
    cluster: dict[str, Any]
    reports: list[dict[str, Any]]


class TimelineOut(BaseModel):
    zoom: str
    total: int
    buckets: list[dict[str, Any]]


class NetworkOut(Page):
    nodes: list[dict[str, Any]]


class SearchOut(Page):
    q: str
    understood_as: list[dict[str, Any]]


class EquipmentOut(Page):
    equipment: dict[str, Any]


class DocumentOut(BaseModel):
    document: dict[str, Any]
    events: list[dict[str, Any]]


@router.get("/events", response_model=Page, summary="Events, oldest first")
def events(request: Request, flt: EventFilter = Depends(event_filter),
           limit: int = LIMIT, offset: int = OFFSET):
    """Stored event reports (PLOVER records) matching the filters."""
    with open_db(request) as con:
        total, items = Q.list_events(con, Q.Query(flt=flt), limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/events/{event_id:path}", response_model=EventWithReports,
            summary="One event with every report of it")
def event(request: Request, event_id: str = Path(..., min_length=1, max_length=300)):
    """The report, the event (cluster) it belongs to with its corroboration and
    contradictions, all reports of that event and their articles' metadata."""
    with open_db(request) as con:
        record = Q.get_event(con, event_id)
        if record is None:
            raise HTTPException(404, "no such event")
        cluster, reports = Q.event_reports(con, event_id)
        docs = Q.get_documents(con, sorted({r["cite_info"]["doc_id"] for r in reports}),
                               text=False)
        names = labels(request, con)
    codes = {x.get("country_code") or (x.get("entity_name") or "").upper()
             for r in reports for role in ("actor", "recipient", "attribution")
             for x in r[role]}
    return {"event": record, "cluster": cluster, "reports": reports, "documents": docs,
            "labels": {c: names[c] for c in sorted(codes) if c in names}}


@router.get("/clusters", response_model=Page, summary="Events with all their reports")
def clusters(request: Request, flt: EventFilter = Depends(event_filter),
             limit: int = LIMIT, offset: int = OFFSET):
    """One record per event: its reports, independent sources, outlets and
    contradictions (status and date are the best-supported ones)."""
    with open_db(request) as con:
        total, items = Q.list_clusters(con, Q.Query(flt=flt), limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/clusters/{link:path}", response_model=ClusterWithReports,
            summary="One event with its reports")
def cluster(request: Request, link: str = Path(..., min_length=1, max_length=100)):
    with open_db(request) as con:
        found = Q.get_cluster(con, link)
        if found is None:
            raise HTTPException(404, "no such event")
        reports = Q.reports_by_id(con, found["report_ids"])
    return {"cluster": found, "reports": reports}


@router.get("/timeline", response_model=TimelineOut, summary="Event counts per period")
def timeline(request: Request, flt: EventFilter = Depends(event_filter),
             zoom: Literal["year", "month", "day"] = Query("month")):
    """Counts per period and event type. Events dated less precisely than ZOOM keep
    their own period ("2022" among months)."""
    with open_db(request) as con:
        buckets = Q.timeline(con, Q.Query(flt=flt), zoom)
    return {"zoom": zoom, "total": sum(b["total"] for b in buckets), "buckets": buckets}


@router.get("/network", response_model=NetworkOut, summary="Actor network")
def network(request: Request, flt: EventFilter = Depends(event_filter),
            limit: int = Query(200, ge=1, le=5000), offset: int = OFFSET):
    """Actors as nodes; directed edges per (actor, recipient, event type) with counts.
    `total`, `limit` and `offset` page through the edges (largest first)."""
    with open_db(request) as con:
        nodes, edges = Q.network(con, Q.Query(flt=flt))
        names = labels(request, con)
    for n in nodes:
        n["label"] = names.get(n["id"], n["id"])
    return {"nodes": nodes, "total": len(edges), "limit": limit, "offset": offset,
            "items": edges[offset:offset + limit]}


@router.get("/equipment", response_model=Page, summary="Weapon systems and classes")
def equipment_list(request: Request, limit: int = LIMIT, offset: int = OFFSET,
                   kind: Literal["system", "class"] | None = Query(None)):
    """Per weapon system (and per class): event count, suppliers, recipients, period."""
    with open_db(request) as con:
        total, items = Q.equipment_list(con, limit, offset, kind)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/equipment/{name:path}", response_model=EquipmentOut,
            summary="One weapon system: who supplied it to whom, and when")
def equipment(request: Request, name: str = Path(..., min_length=1, max_length=100),
              limit: int = LIMIT, offset: int = OFFSET):
    with open_db(request) as con:
        info = Q.equipment_detail(con, name)
        if info is None:
            raise HTTPException(404, "no events with this weapon system")
        total, items = Q.list_events(con, Q.Query(flt=EventFilter(equipment=name)),
                                     limit, offset)
    return {"equipment": info, "total": total, "limit": limit, "offset": offset,
            "items": items}


@router.get("/search", response_model=SearchOut, summary="Search names and aliases")
def search(request: Request, q: str = Query(..., min_length=2, max_length=100),
           limit: int = LIMIT, offset: int = OFFSET):
    """Events whose actor, recipient, source or equipment is called Q (Dutch or English
    name, alias, code, or surface form in the articles), or whose names contain Q."""
    with open_db(request) as con:
        plan, total, items = Q.search(con, q, limit, offset, catalog_aliases())
    return {"q": q, "understood_as": plan.matched, "total": total, "limit": limit,
            "offset": offset, "items": items}


@router.get("/documents", response_model=Page, summary="Stored articles (without text)")
def documents(request: Request, limit: int = LIMIT, offset: int = OFFSET):
    with open_db(request) as con:
        total, items = Q.list_documents(con, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id:path}", response_model=DocumentOut,
            summary="One article with its text and events")
def document(request: Request, doc_id: str = Path(..., min_length=1, max_length=300)):
    with open_db(request) as con:
        doc = Q.get_documents(con, [doc_id]).get(doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        _, items = Q.list_events(con, Q.Query(flt=EventFilter(doc_id=doc_id)), 10_000, 0)
    return {"document": doc, "events": items}


@router.get("/facets", summary="Values for filters, with counts")
def facet_values(request: Request) -> dict[str, Any]:
    """Actor and recipient codes, event types, statuses, equipment and the period
    covered, with counts, plus a display name per code."""
    with open_db(request) as con:
        out = dict(facets(request, con))
        out["labels"] = labels(request, con)
    return out
