"""Geometry for the two graphics (plain SVG drawn by the templates, no JS library).

`bars()` lays out the stacked timeline bars, `graph()` lays out the actor network with a
small deterministic force-directed layout (Fruchterman-Reingold, fixed start positions).
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
           iterations: int = 160) -> tuple[tuple[float, float], ...]:
    """Positions in the unit square for NODES (ordered by importance) and weighted LINKS."""
    n = len(nodes)
    if n == 0:
        return ()
    if n == 1:
        return ((0.5, 0.5),)
    # start on a circle in the given order, which keeps the result deterministic
    pos = [[0.5 + 0.35 * math.cos(2 * math.pi * i / n + 0.3),
            0.5 + 0.35 * math.sin(2 * math.pi * i / n + 0.3)] for i in range(n)]
    k = 0.9 * math.sqrt(1.0 / n)
    temp = 0.1
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = dx * dx + dy * dy or 1e-6
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for a, b, w in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-3
            f = d / k * (1 + math.log1p(w) * 0.5)
            disp[a][0] -= dx * f
            disp[a][1] -= dy * f
            disp[b][0] += dx * f
            disp[b][1] += dy * f
        for i in range(n):  # gravity keeps unconnected actors near the middle
            disp[i][0] += (0.5 - pos[i][0]) * k * 2
            disp[i][1] += (0.5 - pos[i][1]) * k * 2
            dx, dy = disp[i]
            d = math.sqrt(dx * dx + dy * dy) or 1e-9
            step = min(d, temp)
            pos[i][0] += dx / d * step
            pos[i][1] += dy / d * step
        temp *= 0.97
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return tuple(((x - min(xs)) / w, (y - min(ys)) / h) for x, y in pos)


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
        out_nodes.append({**nd, "x": round(MARGIN + ux * (GRAPH_W - 2 * MARGIN), 1),
                          "y": round(MARGIN + uy * (GRAPH_H - 2 * MARGIN), 1),
                          "r": round(r, 1)})
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
            cx = (P["x"] + Q["x"]) / 2 + nx * offset * 2
            cy = (P["y"] + Q["y"]) / 2 + ny * offset * 2
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
