"""The report's charts as matplotlib figures, from :func:`~rubric.report.data.report_data`.

For ``rubric plot``, the Markdown memo, notebooks and the page's static
charts.  Output is deterministic: a fixed ``svg.hashsalt``, no date in the
metadata, text kept as text (``svg.fonttype = "none"``) and mathtext off, so
a ``$`` in a title is a dollar sign.  Colours mean the same in every chart:
one hue family per top-level group.
"""

from __future__ import annotations

import io
from typing import Any, Callable, Optional

from rubric.errors import RubricError
from rubric.report.requirements import require

__all__ = ["KINDS", "NoChartError", "figure", "group_colours", "save", "svg_text"]


class NoChartError(RubricError):
    """The data holds nothing for the chart asked for (no plane without two groups, no raters chart with one rater)."""

#: One palette per top-level group; a criterion takes a shade of its group's.
PALETTES = (
    ("#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6", "#bdd7ee"),
    ("#843c0c", "#c55a11", "#ed7d31", "#f4b183", "#f8cbad"),
    ("#375623", "#548235", "#70ad47", "#a9d18e", "#c5e0b4"),
    ("#3f3151", "#5f497a", "#8064a2", "#b3a2c7", "#ccc1da"),
)
STYLE: dict[Any, Any] = {"svg.hashsalt": "rubric-report", "svg.fonttype": "none", "text.parse_math": False, "font.size": 9,
         "axes.spines.top": False, "axes.spines.right": False}


def top_group(data: dict, group: Optional[str]) -> Optional[str]:
    parents = {g["id"]: g["parent"] for g in data["rubric"]["groups"]}
    while group is not None and parents.get(group) is not None:
        group = parents[group]
    return group


def group_colours(data: dict) -> dict:
    """A colour per criterion and per group, by its top-level group's palette."""
    tops = [g["id"] for g in data["rubric"]["groups"] if g["parent"] is None]
    colours: dict = {}
    used: dict = {}
    for g in tops:
        colours[g] = PALETTES[tops.index(g) % len(PALETTES)][1]
    for c in data["rubric"]["criteria"]:
        top = top_group(data, c["group"])
        palette = PALETTES[tops.index(top) % len(PALETTES)] if top in tops else PALETTES[0]
        used[top] = used.get(top, -1) + 1
        colours[c["id"]] = palette[used[top] % len(palette)]
    return colours


def titles(data: dict) -> dict:
    return {g["id"]: g["title"] for g in data["rubric"]["groups"]} | {c["id"]: c["title"] for c in data["rubric"]["criteria"]}


def order(scheme: dict, ids: list) -> list:
    return sorted(range(len(ids)), key=lambda i: (scheme["ranks"][i], ids[i]))


def plane(fig, data: dict, scheme: int = 0, label_k: int = 12) -> None:
    """Each proposal's two sub-scores on the axes, quadrants named; labels for all, or the top and bottom k."""
    ax = fig.add_subplot()
    s, (gx, gy) = data["schemes"][scheme], data["axes"]
    names, scale = titles(data), data["rubric"]["scale"]
    ids = [p["id"] for p in data["proposals"]]
    xs, ys = s["groups"][gx], s["groups"][gy]
    mid = (scale["min"] + scale["max"]) / 2
    ax.axhline(mid, color="#999", lw=0.8)
    ax.axvline(mid, color="#999", lw=0.8)
    ax.scatter([x for x in xs if x is not None], [y for x, y in zip(xs, ys) if x is not None], s=28, color="#2e75b6",
               edgecolor="white", zorder=3)
    ranked = order(s, ids)
    shown = set(ranked) if len(ids) <= 2 * label_k else set(ranked[:label_k] + ranked[-label_k:])
    for i in sorted(shown):
        if xs[i] is not None and ys[i] is not None:
            ax.annotate(ids[i], (xs[i], ys[i]), xytext=(4, 3), textcoords="offset points", fontsize=7)
    pad = 0.05 * (scale["max"] - scale["min"])
    ax.set_xlim(scale["min"] - pad, scale["max"] + pad)
    ax.set_ylim(scale["min"] - pad, scale["max"] + pad)
    corners = ((0.99, 0.99, "right", "top"), (0.01, 0.99, "left", "top"), (0.01, 0.01, "left", "bottom"),
               (0.99, 0.01, "right", "bottom"))
    for (x, y, ha, va), text in zip(corners, quadrants(names[gx], names[gy])):
        ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=7, color="#666", style="italic")
    ax.set_xlabel(f"{names[gx]} (sub-score)")
    ax.set_ylabel(f"{names[gy]} (sub-score)")
    ax.set_title(f"{names[gx]} against {names[gy]}: scheme {s['id']}")


def quadrants(x: str, y: str) -> tuple:
    """The quadrants' names, clockwise from the top right."""
    return ("better on both", f"{y} over {x}", "worse on both", f"{x} over {y}")


def ranks(fig, data: dict, scheme: int = 0, label_k: int = 12) -> dict:
    """A bump chart: each proposal's rank under each scheme."""
    ax = fig.add_subplot()
    ids = [p["id"] for p in data["proposals"]]
    schemes = data["schemes"]
    ranked = order(schemes[0], ids)
    shown = ranked if len(ids) <= 2 * label_k else ranked[:label_k] + ranked[-label_k:]
    for i in shown:
        ax.plot(range(len(schemes)), [s["ranks"][i] for s in schemes], marker="o", ms=3, lw=1)
        ax.text(len(schemes) - 1 + 0.08, schemes[-1]["ranks"][i], ids[i], va="center", fontsize=7)
        ax.text(-0.08, schemes[0]["ranks"][i], ids[i], va="center", ha="right", fontsize=7)
    ax.set_xticks(range(len(schemes)), [s["id"] for s in schemes], rotation=30, ha="right")
    side = text_inches([ids[i] for i in shown], 7) + 0.1
    ax.set_xlim(-0.1, len(schemes) - 0.9)
    ax.invert_yaxis()
    ax.set_title("Rank under each scheme (1 = best, at the top)")
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    bottom = text_inches([s["id"] for s in schemes], 9) * 0.5  # rotated 30 degrees
    return {"left": side, "right": side, "bottom": bottom}


def contributions(fig, data: dict, scheme: int = 0, label_k: int = 20) -> dict:
    """Signed stacked bars: weight × value per criterion, proposals in rank order, coloured by group."""
    ax = fig.add_subplot()
    s = data["schemes"][scheme]
    ids = [p["id"] for p in data["proposals"]]
    ranked = order(s, ids)
    rows = ranked if len(ids) <= 2 * label_k else ranked[:label_k] + ranked[-label_k:]
    colours, names = group_colours(data), titles(data)
    for j, c in enumerate(data["rubric"]["criteria"]):
        parts = [s["weights"][j] * data["matrix"][i][j] for i in rows]
        left = [sum(min(0.0, s["weights"][k] * data["matrix"][i][k]) for k in range(j)) if p < 0 else
                sum(max(0.0, s["weights"][k] * data["matrix"][i][k]) for k in range(j)) for i, p in zip(rows, parts)]
        ax.barh(range(len(rows)), parts, left=left, color=colours[c["id"]], label=names[c["id"]], height=0.7)
    ax.axvline(0, color="#333", lw=0.8)
    ax.set_yticks(range(len(rows)), [ids[i] for i in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("contribution to the score (weight × value)")
    ax.set_title(f"What each criterion adds: scheme {s['id']}")
    lines = -(-len(data["rubric"]["criteria"]) // 2)
    fig.legend(fontsize=7, loc="lower center", ncol=2, frameon=False)
    return {"bottom": 0.05 + 0.15 * lines}


def acceptability(fig, data: dict, scheme: int = 0, label_k: int = 30) -> None:
    """SMAA rank acceptability as a heatmap, proposals × ranks, with the seed and sample count."""
    smaa = data["smaa"]
    ax = fig.add_subplot()
    rows = smaa["acceptability"][:]
    ids = smaa["proposals"]
    expected = sorted(range(len(ids)), key=lambda i: (-sum((1 - r / len(ids)) * a for r, a in enumerate(rows[i])), ids[i]))
    shown = expected[: 2 * label_k]
    cells = [[100 * a for a in rows[i][: 2 * label_k]] for i in shown]
    image = ax.imshow(cells, cmap="Blues", vmin=0, vmax=100, aspect="auto")
    ax.set_yticks(range(len(shown)), [ids[i] for i in shown], fontsize=7)
    ax.set_xticks(range(len(cells[0])), [str(r + 1) for r in range(len(cells[0]))], fontsize=7)
    if len(shown) <= 20:
        for y, row in enumerate(cells):
            for x, value in enumerate(row):
                if round(value) >= 1:
                    ax.text(x, y, f"{value:.0f}", ha="center", va="center", fontsize=6,
                            color="white" if value > 60 else "#222")
    ax.set_xlabel("rank")
    ax.set_title(f"Rank acceptability (%), scheme {smaa['scheme']}: {smaa['samples']:,} samples, seed {smaa['seed']}")
    fig.colorbar(image, ax=ax, shrink=0.6, label="% of samples", use_gridspec=True)


def stability(fig, data: dict, scheme: int = 0, label_k: int = 0) -> None:
    """A tornado chart: each weight's interval within which the ranking stays the same."""
    stable = data["stability"]
    ax = fig.add_subplot()
    intervals = sorted(stable["intervals"], key=lambda w: (w["ranking"][1] - w["ranking"][0]))
    colours = group_colours(data)
    for y, w in enumerate(intervals):
        low, high = w["ranking"]
        ax.barh(y, high - low, left=low, color=colours.get(w["node"], "#888"), height=0.6)
        ax.plot([w["weight"]], [y], marker="|", color="#111", ms=12)
    ax.set_yticks(range(len(intervals)), [w["title"] for w in intervals], fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_xlabel("weight (share of its parent); | marks the scheme's weight")
    ax.set_title(f"Weights within which the ranking holds: scheme {stable['scheme']}")


def raters(fig, data: dict, scheme: int = 0, label_k: int = 0) -> dict:
    """Each rater's score per proposal and criterion where several raters scored it (a dot plot)."""
    cells = data["raters"]["cells"][:60]
    ax = fig.add_subplot()
    names = sorted({r for c in cells for r, _ in c["scores"]})
    markers = "osD^v<>"
    for k, name in enumerate(names):
        points = [(s, y) for y, c in enumerate(cells) for r, s in c["scores"] if r == name]
        ax.scatter([p[0] for p in points], [p[1] for p in points], marker=markers[k % len(markers)], label=name, s=22,
                   alpha=0.8)
    for y, c in enumerate(cells):
        values = [s for _, s in c["scores"]]
        ax.plot([min(values), max(values)], [y, y], color="#d33" if c["flagged"] else "#bbb", lw=1, zorder=0)
    ax.set_yticks(range(len(cells)), [f"{c['proposal']} · {c['criterion']}" for c in cells], fontsize=6)
    ax.invert_yaxis()
    scale = data["rubric"]["scale"]
    ax.set_xlim(scale["min"] - 0.2, scale["max"] + 0.2)
    alpha = data["raters"]["alpha"]
    ax.set_xlabel("score; a red line: raters more than one step apart")
    ax.set_title("Rater disagreement" + (f" (Krippendorff's alpha {alpha:.2f})" if alpha is not None else ""), pad=20)
    ax.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(names), frameon=False)
    return {"top": 0.25}


def gaia(fig, data: dict, scheme: int = 0, label_k: int = 12) -> None:
    """The GAIA plane of the first PROMETHEE scheme: proposals, each criterion's axis, the decision stick, δ."""
    plane = data["gaia"][0]
    ax = fig.add_subplot()
    xs, ys = [p[0] for p in plane["points"]], [p[1] for p in plane["points"]]
    ax.scatter(xs, ys, s=24, color="#2e75b6", edgecolor="white", zorder=3)
    ranked = sorted(range(len(xs)), key=lambda i: -(xs[i] * plane["stick"][0] + ys[i] * plane["stick"][1]))
    for i in ranked if len(xs) <= 2 * label_k else ranked[:label_k] + ranked[-label_k:]:
        ax.annotate(plane["proposals"][i], (xs[i], ys[i]), xytext=(4, 3), textcoords="offset points", fontsize=7)
    reach = max([abs(v) for v in xs + ys] + [1e-9])
    scale = reach / max(max(abs(a[0]), abs(a[1])) for a in plane["axes"]) if any(any(a) for a in plane["axes"]) else 1
    for title, (x, y) in zip(plane["criteria"], plane["axes"]):
        ax.annotate("", (x * scale, y * scale), (0, 0), arrowprops={"arrowstyle": "->", "color": "#843c0c", "lw": 0.8})
        ax.text(x * scale * 1.05, y * scale * 1.05, title, fontsize=6, color="#843c0c", ha="center", va="center")
    sx, sy = plane["stick"]
    ax.annotate("", (sx * scale, sy * scale), (0, 0), arrowprops={"arrowstyle": "-|>", "color": "#111", "lw": 1.6})
    ax.axhline(0, color="#bbb", lw=0.6)
    ax.axvline(0, color="#bbb", lw=0.6)
    low, high = min(xs + [-reach]), max(xs + [reach])
    ax.set_xlim(low - 0.1 * (high - low), high + 0.35 * (high - low))  # room for the labels on the right
    ax.set_xlabel("first principal component of the unicriterion net flows; black arrow: the decision stick")
    ax.set_ylabel("second principal component")
    ax.set_title(f"GAIA plane, scheme {plane['scheme']} (δ = {plane['delta']:.0%} of the variance kept)")


#: ``rubric plot KIND``: what each chart needs in the data, and how it is drawn.
KINDS: dict[str, tuple[str, Callable]] = {
    "plane": ("axes", plane),
    "ranks": ("schemes", ranks),
    "contributions": ("schemes", contributions),
    "acceptability": ("smaa", acceptability),
    "stability": ("stability", stability),
    "raters": ("raters", raters),
    "gaia": ("gaia", gaia),
}


def available(data: dict, kind: str) -> bool:
    """Whether the data holds what a chart needs (no plane without two groups, no raters chart with one rater)."""
    key = KINDS[kind][0]
    found = data.get(key)
    if kind == "raters":
        return bool(found and found["cells"])
    return bool(found) and bool(data["proposals"])


def figure(data: dict, kind: str, scheme: int = 0, figure_class: Optional[type] = None):
    """A matplotlib :class:`~matplotlib.figure.Figure` (or ``figure_class``) of one chart."""
    require()
    import matplotlib
    from matplotlib.figure import Figure

    make: Any = figure_class or Figure

    n = len(data["proposals"])
    cells = len((data.get("raters") or {}).get("cells", ()))
    intervals = len((data.get("stability") or {}).get("intervals", ()))
    rows = {"contributions": min(n, 40), "acceptability": min(n, 60), "raters": min(cells, 60),
            "stability": intervals}.get(kind, 0)
    height = max(4.0, 1.5 + 0.18 * rows)
    with matplotlib.rc_context(STYLE):
        fig = make(figsize=(7.5, height))
        margins = KINDS[kind][1](fig, data, scheme) or {}
        fit(fig, **margins)
    return fig


def text_inches(texts, size: float) -> float:
    """The width of the longest text at ``size`` points, as the charts' sans-serif runs (0.58 em a character)."""
    return max((len(t) for t in texts), default=0) * 0.58 * size / 72


def fit(fig, *, left: Optional[float] = None, right: float = 0.0, bottom: float = 0.0, top: float = 0.0) -> None:
    """Margins from the labels' lengths, in inches (``left`` default: the longest y tick label).

    Constrained layout measures every text on each draw, which made the charts three times as slow
    to write; their labels are short texts of known size, so their room is reckoned here instead.
    """
    width, height = fig.get_size_inches()
    ax = fig.axes[0]
    if left is None:
        labels = [t for t in ax.get_yticklabels() if t.get_text()]
        left = text_inches([t.get_text() for t in labels], labels[0].get_fontsize()) if labels else 0.3
    title = (0.45 if ax.get_title() else 0.15) + top
    fig.subplots_adjust(left=min(0.6, (left + 0.55) / width), right=1 - min(0.4, (right + 0.25) / width),
                        bottom=min(0.5, (bottom + 0.55) / height), top=1 - min(0.35, title / height))


def save(fig, target, fmt: str) -> None:
    """Write a figure as SVG, PNG or PDF, with no date in it (the same input gives the same bytes)."""
    import matplotlib

    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {}}[fmt]
    with matplotlib.rc_context(STYLE):
        fig.savefig(target, format=fmt, metadata=metadata, dpi=150 if fmt == "png" else None)


def svg_text(fig) -> str:
    """A figure as an ``<svg>`` element to inline in HTML (no XML declaration or doctype)."""
    buffer = io.StringIO()
    save(fig, buffer, "svg")
    text = buffer.getvalue()
    return text[text.index("<svg"):]
