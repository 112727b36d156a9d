"""The tally as an inline SVG drawn on the server: launched per weapon kind, a stacked bar a period, the
number of attacks above each bar. Colours come from the stylesheet (classes, no inline style: the CSP
forbids it), so the chart follows dark mode.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 12, 24, 60


def nice_max(value: int) -> int:
    """A round top for the axis: 1, 2 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def kind_class(kind: str) -> str:
    return "k-" + "".join(c if c.isalnum() else "-" for c in kind.casefold())


def tally_chart(result: dict) -> Markup:
    """The ``tally()`` result as ``<svg>`` markup (every label escaped); a note when there is nothing to draw."""
    rows = result.get("rows") or []
    kinds = [k for k in result.get("kinds") or [] if any((r["launched"].get(k) or 0) for r in rows)]
    if not rows:
        return Markup('<p class="empty">No attacks in this range: nothing to chart.</p>')
    totals = [sum(r["launched"].get(k) or 0 for k in kinds) for r in rows]
    top = nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)
    bar = max(min(slot * 0.7, 48), 3.0)
    label = f"Launched per weapon kind by {result.get('by')}; the number of attacks above each bar"
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
           'xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(label)}</title>"]
    for i in range(5):  # gridlines and their values
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_short(value)}</text>')
    every = max(1, math.ceil(len(rows) / 14))  # at most ~14 period labels
    for n, row in enumerate(rows):
        x = LEFT + slot * n + (slot - bar) / 2
        base = TOP + plot_h
        for kind in kinds:
            value = row["launched"].get(kind) or 0
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            out.append(f'<rect class="bar {kind_class(kind)}" x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" '
                       f'height="{h:.1f}"><title>{escape(row["period"])}: {value:,} {escape(kind)} launched'
                       "</title></rect>")
        if row.get("attacks"):
            out.append(f'<text class="count" x="{x + bar / 2:.1f}" y="{base - 4:.1f}" text-anchor="middle">'
                       f'{row["attacks"]}</text>')
        if n % every == 0:
            cx, cy = x + bar / 2, TOP + plot_h + 14
            turn = f' transform="rotate(-35 {cx:.1f} {cy:.1f})"' if len(rows) > 6 else ""
            anchor = "end" if len(rows) > 6 else "middle"
            out.append(f'<text class="axis" x="{cx:.1f}" y="{cy:.1f}" text-anchor="{anchor}"{turn}>'
                       f'{escape(row["period"])}</text>')
    out.append(f'<line class="baseline" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    out.append("</svg>")
    legend = "".join(f'<li><span class="swatch {kind_class(k)}"></span>{escape(k)} launched</li>' for k in kinds)
    if not kinds:
        legend = "<li>no launched figures: the attacks are counted above the axis</li>"
    return Markup("".join(out) + f'<ul class="legend">{legend}</ul>')


def _short(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"
