"""Search aliases from the knowledge catalogue, when kroniek.knowledge provides one.

`catalog_aliases()` maps a folded alias ("teheran", "iran", "irn", "rusland",
"geran-2") to what it names: a list of (kind, value, label) with kind "entity"
(value = code) or "equipment" (value = canonical name). Without a catalogue it is
empty and search falls back on what the store itself knows.
"""
from __future__ import annotations

import functools
import logging

from .queries import fold

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def catalog_aliases() -> dict[str, list[tuple[str, str, str]]]:
    try:
        from ..knowledge import load_catalog
    except ImportError:
        return {}
    try:
        return build(load_catalog())
    except Exception as err:  # a catalogue in flux must not break search
        log.warning("search aliases unavailable: %s", err)
        return {}


def build(catalog) -> dict[str, list[tuple[str, str, str]]]:
    """Alias table from the catalogue's surface forms (kroniek.knowledge.Catalog).

    States (names, adjectives, demonyms, capitals) and main organisations stand for
    their code, so "Teheran", "Iraanse" and "Iran" find every IRN event; people and
    sub-organisations stand for their own name (searching "Poetin" should not return
    every Russian event); weapon system aliases stand for the canonical system.
    """
    out: dict[str, list[tuple[str, str, str]]] = {}

    def add(alias, kind, value, label):
        if not alias or not value:
            return
        entry = (kind, value, label or value)
        bucket = out.setdefault(fold(str(alias)), [])
        if entry not in bucket:
            bucket.append(entry)

    def target(ent):
        code = getattr(ent, "code", None)
        kind = getattr(ent, "kind", None)
        if code and (kind == "country" or getattr(ent, "key", "") == f"org:{code}"):
            return "entity", code
        return "name", ent.name

    for ent in catalog.entities():
        kind, value = target(ent)
        for alias in (ent.name, ent.code if kind == "entity" else None):
            add(alias, kind, value, ent.name)
    for system in catalog.systems():
        for alias in (system.name, *system.aliases):
            add(alias, "equipment", system.name, system.name)
    for surface in catalog.surfaces:
        ref = surface.ref
        if ref is None or surface.kind in ("block", "place"):
            continue
        if surface.kind == "system":
            add(surface.text, "equipment", ref.name, ref.name)
        else:
            kind, value = target(ref)
            add(surface.text, kind, value, ref.name)
    return out
