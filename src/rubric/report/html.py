"""The self-contained HTML report: one file, inline CSS, charts and script, no network when opened.

Jinja2 renders the page with autoescape on, so every text from a proposal is
escaped; the data the script reads goes in ``<script type="application/json">``
blocks with ``<``, ``>`` and ``&`` written as JSON escapes, so no text can
close the block.  The Content-Security-Policy forbids every remote load and
lets only the page's own script run (by its SHA-256), so even a ``<script>``
that slipped through would not.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Sequence

from rubric.report import features, figures
from rubric.report.data import live_data
from rubric.report.requirements import require

__all__ = ["render_html", "script_json"]

ASSETS = Path(__file__).with_name("assets")
#: The static charts of each rubric's section, drawn by matplotlib; the plane and the bars are drawn live by the script.
STATIC = ("ranks", "acceptability", "stability", "raters", "gaia")


def script_json(value) -> str:
    """JSON that cannot end a ``<script>`` element or open a comment in it."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def csp(script: str) -> str:
    """No remote loads; images only as data, styles inline, and only this script."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"


def number(value, digits: int = 3) -> str:
    """A score as the tables show it: fixed decimals, never ``-0.000``."""
    if value is None:
        return "n/a"
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def grouped(scheme: dict, key: str, proposals: Sequence[dict]) -> list:
    """``(label, [proposal ids])`` for each grade or class of a scheme, best label first, proposals in rank order."""
    found: dict = {}
    for i in sorted(range(len(proposals)), key=lambda i: (scheme["ranks"][i], proposals[i]["id"])):
        found.setdefault(scheme[key][i], []).append(proposals[i]["id"])
    best = scheme["labels"][key]
    return sorted(found.items(), key=lambda item: best.index(item[0]) if item[0] in best else len(best))


def charts(data: dict) -> dict:
    """Each static chart of one rubric's data as inline SVG (left out where the data has none)."""
    return {kind: figures.svg_text(figures.figure(data, kind)) for kind in STATIC if figures.available(data, kind)}


def render_html(documents: Sequence[dict], provenance: dict) -> str:
    """The page for one or more rubrics' :func:`~rubric.report.data.report_data`."""
    require()
    import jinja2
    from markupsafe import Markup

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["num"] = number
    environment.globals["grade_groups"] = grouped
    environment.globals["red_line_lines"] = features.red_line_lines
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    sections = [
        {
            "data": d,
            "json": Markup(script_json({**live_data(d), "colours": figures.group_colours(d)})),
            "charts": {kind: Markup(svg) for kind, svg in charts(d).items()},
        }
        for d in documents
    ]
    return environment.get_template("report.html.j2").render(
        sections=sections,
        provenance=provenance,
        css=Markup((ASSETS / "report.css").read_text(encoding="utf-8")),
        script=Markup(script),
        csp=csp(script),
        open_cards=sum(len(d["proposals"]) for d in documents) <= 40,
    )
