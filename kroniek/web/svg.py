"""Geometry for the two graphics (plain SVG drawn by the templates, no JS library).

`bars()` lays out the stacked timeline bars, `graph()` lays out the actor network with
networkx's force layout (fixed seed), spread over the canvas, nodes pushed apart until no
two circles or labels overlap, edge width by count.
"""
from __future__ import annotations

import functools
import math

from ..models import EVENT_TYPES

CHART_W, CHART_H = 1000, 240
PAD_L, PAD_R, PAD_T, PAD_B = 40, 10, 10, 34


def nice_scale(value: int) -> tuple[int, int]:
    """(top, step): a round axis maximum >= VALUE and a tick step giving 2-5 ticks."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if value <= step * 5:
            return step * math.ceil(value / step), step
    step = 10 ** (len(str(value)) - 1)
    return step * math.ceil(value / step), step


def bars(buckets: list[dict]) -> dict:
    """Rectangles per (period, event type), ticks and labels for a stacked bar chart."""
    n = max(len(buckets), 1)
    inner_w = CHART_W - PAD_L - PAD_R
    inner_h = CHART_H - PAD_T - PAD_B
    top, step = nice_scale(max((b["total"] for b in buckets), default=0))
    slot = inner_w / n
    width = max(slot * 0.8, 1.0) if n > 1 else min(slot * 0.5, 120)
    every = max(1, math.ceil(n / 12))
    columns = []
    for i, b in enumerate(buckets):
        x = PAD_L + i * slot + (slot - width) / 2
        y = PAD_T + inner_h
        segs = []
        for t in sorted(b["counts"], key=lambda t: EVENT_TYPES.index(t)
                        if t in EVENT_TYPES else 99):
            h = inner_h * b["counts"][t] / top
            y -= h
            segs.append({"type": t, "count": b["counts"][t], "x": round(x, 2),
                         "y": round(y, 2), "w": round(width, 2), "h": round(h, 2)})
        columns.append({"period": b["period"], "total": b["total"], "segments": segs,
                        "coarse": b.get("coarse", False),
                        "cx": round(PAD_L + (i + 0.5) * slot, 2),
                        "label": b["period"] if i % every == 0 else None,
                        "hit_x": round(PAD_L + i * slot, 2), "hit_w": round(slot, 2)})
    ticks = [{"value": v, "y": round(PAD_T + inner_h - inner_h * v / top, 2)}
             for v in range(0, top + 1, step)]
    return {"w": CHART_W, "h": CHART_H, "columns": columns, "ticks": ticks,
        "x0": PAD_L, "x1": CHART_W - PAD_R, "base": PAD_T + inner_h,
        "label_y": CHART_H - 12}


GRAPH_W, GRAPH_H = 900, 600
MARGIN = 60


@functools.lru_cache(maxsize=64)
def layout(nodes: tuple[str, ...], links: tuple[tuple[int, int, float], ...],
           iterations: int = 200) -> tuple[tuple[float, float], ...]:
    """Positions in the unit square for NODES (ordered by importance) and weighted LINKS:
    networkx's force layout (Fruchterman-Reingold, fixed seed, so the same store always
    gives the same picture), spread over the whole square by rank so that one far-off
    actor does not squeeze the others into a corner."""
    import networkx as nx
    n = len(nodes)
    if n == 0:
        return ()
    if n == 1:
        return ((0.5, 0.5),)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b, w in links:
        g.add_edge(a, b, weight=1 + math.log1p(w))
    pos = nx.spring_layout(g, k=1.6 / math.sqrt(n), iterations=iterations, seed=7,
                           weight="weight")
    return tuple(zip(_spread([pos[i][0] for i in range(n)]),
                     _spread([pos[i][1] for i in range(n)])))


def _spread(values: list[float]) -> list[float]:
    """Mostly rank, partly position (between the 10th and 90th percentiles, so that an
    actor far off does not set the scale): keeps the order of the layout along each axis
    but fills the canvas evenly."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    n = len(values)
    rank = [0.0] * n
    for r, i in enumerate(order):
        rank[i] = r / max(1, n - 1)
    lo, hi = values[order[n // 10]], values[order[(9 * n) // 10 if n > 9 else n - 1]]
    span = (hi - lo) or 1.0
    return [0.7 * rank[i] + 0.3 * min(1.0, max(0.0, (v - lo) / span))
            for i, v in enumerate(values)]


def _separate(nodes: list[dict], width: float, height: float, rounds: int = 200) -> None:
    """Push apart nodes whose circles or labels would overlap, and keep every node and
    its label inside the canvas (positions in place)."""
    def half_width(nd):  # the label is centred on the node, ~7 px a character
        return max(nd["r"], 3.6 * len(str(nd["id"])) + 4)

    def clamp(nd):
        hw = half_width(nd)
        nd["x"] = min(max(nd["x"], hw + 4), width - hw - 4)
        nd["y"] = min(max(nd["y"], nd["r"] + 4), height - nd["r"] - 4)

    for nd in nodes:
        clamp(nd)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                need_x = half_width(a) + half_width(b) + 6
                need_y = a["r"] + b["r"] + 6
                dx, dy = b["x"] - a["x"], b["y"] - a["y"]
                if abs(dx) >= need_x or abs(dy) >= need_y:
                    continue
                # move apart along the axis that needs the least push
                if need_x - abs(dx) < need_y - abs(dy):
                    push, axis, d = (need_x - abs(dx)) / 2 + 0.5, "x", dx
                else:
                    push, axis, d = (need_y - abs(dy)) / 2 + 0.5, "y", dy
                sign = 1.0 if d > 0 or (d == 0 and i % 2) else -1.0
                a[axis] -= sign * push
                b[axis] += sign * push
                clamp(a)
                clamp(b)
                moved = True
        if not moved:
            break
    for nd in nodes:
        nd["x"], nd["y"] = round(nd["x"], 1), round(nd["y"], 1)


def graph(nodes: list[dict], edges: list[dict], max_nodes: int = 50) -> dict:
    """SVG geometry: circles for actors, curved arrows per (source, target, type)."""
    shown = nodes[:max_nodes]
    index = {nd["id"]: i for i, nd in enumerate(shown)}
    edges = [e for e in edges if e["source"] in index and e["target"] in index]
    pair_weight: dict[tuple[int, int], float] = {}
    for e in edges:
        key = tuple(sorted((index[e["source"]], index[e["target"]])))
        pair_weight[key] = pair_weight.get(key, 0) + e["count"]
    links = tuple((a, b, w) for (a, b), w in sorted(pair_weight.items()))
    unit = layout(tuple(nd["id"] for nd in shown), links)
    top = max((nd["events"] for nd in shown), default=1)
    out_nodes = []
    for nd, (ux, uy) in zip(shown, unit):
        r = 9 + 20 * math.sqrt(nd["events"] / top)
        out_nodes.append({**nd, "x": MARGIN + ux * (GRAPH_W - 2 * MARGIN),
                          "y": MARGIN + uy * (GRAPH_H - 2 * MARGIN), "r": round(r, 1)})
    _separate(out_nodes, GRAPH_W, GRAPH_H)
    by_id = {nd["id"]: nd for nd in out_nodes}
    # curve parallel edges of one pair apart, in a frame fixed by the sorted pair
    groups: dict[tuple[str, str], list[dict]] = {}
    for e in edges:
        groups.setdefault(tuple(sorted((e["source"], e["target"]))), []).append(e)
    top_count = max((e["count"] for e in edges), default=1)
    out_edges = []
    for (p, q), group in groups.items():
        group.sort(key=lambda e: (e["source"] != p, EVENT_TYPES.index(e["type"])
                                  if e["type"] in EVENT_TYPES else 99))
        P, Q = by_id[p], by_id[q]
        dx, dy = Q["x"] - P["x"], Q["y"] - P["y"]
        dist = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / dist, dx / dist
        m = len(group)
        for i, e in enumerate(group):
            offset = (i - (m - 1) / 2) * 34 if m > 1 else 0.0
            # the curve's control point stays on the canvas, so no edge runs off it
            cx = min(max((P["x"] + Q["x"]) / 2 + nx * offset * 2, 4), GRAPH_W - 4)
            cy = min(max((P["y"] + Q["y"]) / 2 + ny * offset * 2, 4), GRAPH_H - 4)
            S, T = by_id[e["source"]], by_id[e["target"]]
            sx, sy = _towards(S, cx, cy, S["r"] + 2)
            tx, ty = _towards(T, cx, cy, T["r"] + 3)
            lx, ly = 0.25 * sx + 0.5 * cx + 0.25 * tx, 0.25 * sy + 0.5 * cy + 0.25 * ty
            out_edges.append({**e, "d": f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} "
                                        f"{tx:.1f},{ty:.1f}",
                              "width": round(1.5 + 5 * math.sqrt(e["count"] / top_count), 1),
                              "lx": round(lx, 1), "ly": round(ly, 1)})
    return {"w": GRAPH_W, "h": GRAPH_H, "nodes": out_nodes, "edges": out_edges,
            "hidden": max(0, len(nodes) - len(shown))}


def _towards(node: dict, x: float, y: float, by: float) -> tuple[float, float]:
    dx, dy = x - node["x"], y - node["y"]
    d = math.hypot(dx, dy) or 1.0
    return node["x"] + dx / d * by, node["y"] + dy / d * by
