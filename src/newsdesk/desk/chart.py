"""A chart of a tally: launched per weapon kind, a stacked bar a period, the reference's total as a line beside.

``write_chart(result, path)`` writes PNG or SVG by the file's extension (matplotlib, Agg: no display needed);
``check_chart_path(path)`` refuses any other extension before any work is done (exit 2, one line).
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.errors import BadOption, InputError, MissingDependency

FORMATS = {".png": "png", ".svg": "svg"}
_COLOURS = {"drone": "#d95f02", "missile": "#1b9e77", "guided bomb": "#7570b3", "rocket": "#e7298a",
            "artillery": "#66a61e", "aircraft": "#e6ab02", "mixed": "#a6761d"}


def check_chart_path(path: str | Path) -> Path:
    """The chart's path, when its extension says PNG or SVG; BadOption otherwise."""
    path = Path(path)
    if path.suffix.casefold() not in FORMATS:
        raise BadOption(f"cannot write a chart as {path.suffix or 'a file without an extension'!r}: "
                        f"use .png or .svg", source=str(path))
    return path


def write_chart(result: dict, path: str | Path) -> Path:
    """Draw a ``tally()`` result to ``path`` (.png or .svg) and return the path."""
    path = check_chart_path(path)
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise MissingDependency("matplotlib is needed for --chart", install="pip install 'matplotlib>=3.8,<4'") from exc

    rows = result["rows"]
    periods = [row["period"] for row in rows]
    positions = list(range(len(periods)))
    figure = Figure(figsize=(max(6.0, min(0.45 * len(periods) + 2, 24.0)), 4.5), layout="constrained")
    axes = figure.add_subplot()
    bottom = [0] * len(rows)
    for kind in result["kinds"]:
        heights = [row["launched"].get(kind, 0) for row in rows]
        if not any(heights):
            continue
        axes.bar(positions, heights, bottom=bottom, label=f"{kind} launched", color=_COLOURS.get(kind), width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    if result.get("reference"):
        reference = [row["reference"]["total"]["launched"] for row in rows]
        axes.plot(positions, reference, color="black", marker="o", linewidth=1, linestyle="--",
                  label="reference total launched")
    for x, row, height in zip(positions, rows, bottom, strict=True):
        if row["attacks"]:
            axes.annotate(str(row["attacks"]), (x, height), ha="center", va="bottom", fontsize=8,
                          xytext=(0, 2), textcoords="offset points")
    weapon = f" ({result['weapon']})" if result.get("weapon") else ""
    axes.set_title(f"Attacks by {result['by']}{weapon}\nlaunched per weapon kind; the number of attacks above each bar",
                   fontsize=10)
    axes.set_ylabel("launched")
    axes.set_xticks(positions, periods, rotation=45 if len(periods) > 6 else 0, ha="right" if len(periods) > 6
                    else "center", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(frameon=False, fontsize=8)
    if not rows:
        axes.text(0.5, 0.5, "no attacks in this range", ha="center", va="center", transform=axes.transAxes)
    try:
        figure.savefig(path, format=FORMATS[path.suffix.casefold()])
    except OSError as exc:
        raise InputError(f"cannot write the chart ({exc.strerror or exc})", source=str(path)) from exc
    return path
