"""The report's charts, drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, safe
in a web server's threads) and returned as ``data:image/png;base64`` URIs so the page stands alone."""
from __future__ import annotations

import base64
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

CURRENT, TARGET = "#7a8fa6", "#d9822b"  # muted blue for the job you have, orange for the one you want
DPI = 150
WAGE_POINTS = (("annual_p10", "Low end\n10th pct."), ("annual_p25", "\n25th"), ("annual_median", "Middle\nmedian"),
               ("annual_p75", "\n75th"), ("annual_p90", "High end\n90th pct."))


def _uri(fig: Figure) -> str:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")  # each chart lays itself out (tight_layout): no second pass
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _clean(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


def _paired_barh(ax, labels: list[str], current: list[float], target: list[float], names: tuple[str, str], unit: str = "",
                 skip_zero: bool = False) -> None:
    """Two bars per row, the row order top to bottom as given, each bar labelled with its value."""
    height = 0.38
    rows = range(len(labels))
    for offset, values, color, name in ((-height / 2, current, CURRENT, names[0]), (height / 2, target, TARGET, names[1])):
        ys = [r + offset for r in rows]
        bars = ax.barh(ys, [v or 0 for v in values], height=height, color=color, label=name)
        for bar, v in zip(bars, values):
            if skip_zero and not round(v or 0):
                continue
            ax.text(bar.get_width() + 1, bar.get_y() + height / 2, "n/a" if v is None else f"{v:.0f}{unit}",
                    va="center", fontsize=7, color="#333333")
    ax.set_yticks(list(rows))
    ax.set_yticklabels(labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # the first row at the top
    _clean(ax)


def gap_chart(gaps: list[dict], source_title: str, target_title: str) -> str | None:
    """Current vs target level (0-100) of the biggest gaps; ``gaps`` carry element, kind, source and target level."""
    if not gaps:
        return None
    fig = Figure(figsize=(7.2, 0.5 + 0.42 * len(gaps)))
    ax = fig.add_subplot()
    labels = [f"{g['element']} ({g['kind']})" for g in gaps]
    _paired_barh(ax, labels, [g["source_level"] for g in gaps], [g["target_level"] for g in gaps],
                 (f"Typical level in your job ({_short(source_title, 60)})", f"Level the new job needs ({_short(target_title, 60)})"))
    ax.set_xlim(0, 100)
    ax.set_xlabel("Level, 0-100 (O*NET level scale)", fontsize=8)
    ax.legend(fontsize=7.5, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=1, frameon=False)
    fig.tight_layout()
    return _uri(fig)


def education_chart(panels: list[dict], source_title: str, target_title: str) -> str | None:
    """One small chart per distribution (education, experience, training): the share of workers giving each answer.
    ``panels``: [{"title", "rows": [{"short", "from_pct", "to_pct"}], most first}], only answers someone gave."""
    panels = [p for p in panels if p["rows"]]
    if not panels:
        return None
    columns = 2 if len(panels) > 1 else 1
    grid_rows = -(-len(panels) // columns)
    tallest = max(len(p["rows"]) for p in panels)
    fig = Figure(figsize=(7.4, grid_rows * (0.75 + 0.2 * tallest) + 0.35))
    for n, panel in enumerate(panels, 1):
        ax = fig.add_subplot(grid_rows, columns, n)
        rows = list(reversed(panel["rows"]))  # the least education, experience or training first
        _paired_barh(ax, [r["short"] for r in rows], [r["from_pct"] for r in rows], [r["to_pct"] for r in rows],
                     (_short(source_title, 90), _short(target_title, 90)), unit="%", skip_zero=True)
        ax.set_xlim(0, 110)
        ax.set_title(panel["title"], fontsize=9)
        ax.set_xlabel("% of workers", fontsize=8)
    _figure_legend(fig)
    return _uri(fig)


def wage_chart(panels: list[dict], source_title: str, target_title: str) -> str | None:
    """Yearly pay at five points of each job's pay scale, one panel per area (the state, then the nation).
    ``panels``: [{"area": name, "from": wages or None, "to": wages or None}]."""
    panels = [p for p in panels if p["from"] or p["to"]]
    if not panels:
        return None
    fig = Figure(figsize=(7.4, 3.1))
    width = 0.4
    top = max([(p[side] or {}).get(key) or 0 for p in panels for side in ("from", "to") for key, _ in WAGE_POINTS] + [1])
    for n, panel in enumerate(panels, 1):
        ax = fig.add_subplot(1, len(panels), n, sharey=fig.axes[0] if fig.axes else None)
        for offset, side, color, name in ((-width / 2, "from", CURRENT, source_title), (width / 2, "to", TARGET, target_title)):
            wages = panel[side] or {}
            values = [wages.get(key) for key, _ in WAGE_POINTS]
            bars = ax.bar([i + offset for i in range(len(values))], [v or 0 for v in values], width=width, color=color,
                          label=_short(name, 90))
            for bar, v in zip(bars, values):
                ax.text(bar.get_x() + width / 2, bar.get_height(), "n/a" if v is None else f"{v / 1000:.0f}",
                        ha="center", va="bottom", fontsize=6.5)
        ax.set_xticks(range(len(WAGE_POINTS)))
        ax.set_xticklabels([label for _, label in WAGE_POINTS], fontsize=7)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"${v / 1000:.0f}k" if v else "$0"))
        ax.set_ylim(0, top * 1.12)
        ax.set_title(f"Yearly pay, {panel['area']} (thousands of dollars)", fontsize=8.5)
        _clean(ax)
    _figure_legend(fig)
    return _uri(fig)


def _figure_legend(fig: Figure) -> None:
    """The two series' names above the panels (side by side when they fit, else one above the other), then the
    panels laid out below them."""
    handles, labels = fig.axes[0].get_legend_handles_labels()
    columns = 2 if sum(map(len, labels)) < 100 else 1
    fig.legend(handles, labels, fontsize=7.5, loc="upper center", ncol=columns, frameon=False)
    legend_inches = 0.15 + 0.16 * (3 - columns)
    fig.tight_layout(rect=(0, 0, 1, 1 - legend_inches / fig.get_figheight()))


def _short(title: str, limit: int = 34) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip(" ,") + "…"
