"""The Markdown memo: the report's content as pipe tables and prose, with the charts as files beside it.

``memo.md`` gets a folder ``memo_files/`` holding each chart as SVG (and PNG,
for editors that do not take SVG).  Text from proposals is escaped for
Markdown: HTML's ``<``, ``>`` and ``&`` become entities and Markdown's own
marks are backslashed, so a rationale can neither add markup nor a link;
sources are linked only for http(s) addresses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from rubric.report import figures
from rubric.report.build import write_report
from rubric.report.requirements import require

__all__ = ["escape", "memo_text", "write_memo"]

MARKS = "\\`*_[]|#"


def escape(text) -> str:
    """Text from a file, inert in Markdown: no HTML, no emphasis, no link, no table cell break."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for mark in MARKS:
        text = text.replace(mark, "\\" + mark)
    return " ".join(text.split())


def number(value) -> str:
    from rubric.report.html import number as shown

    return shown(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def link(source: dict) -> str:
    title = escape(source["title"])
    if source.get("link"):
        return f"[{title}](<{source['link']}>)"
    return title + (f" ({escape(source['url'])})" if source.get("url") else "")


def memo_text(data: dict, charts: dict) -> list:
    """One rubric's part of the memo; ``charts`` maps a chart kind to its file's relative path."""
    rubric, ids = data["rubric"], [p["id"] for p in data["proposals"]]
    lines = [f"# {escape(rubric['title'])}", "",
             f"Rubric `{rubric['id']}` v{escape(rubric['version'])}, {len(ids)} proposals.", ""]
    c = data["comparison"]
    lines += [
        "## What holds under every scheme", "",
        f"- In the top {c['top']} under all {len(data['schemes'])} schemes: {', '.join(c['always_top']) or 'none'}.",
        f"- In the bottom {c['top']} under all of them: {', '.join(c['always_bottom']) or 'none'}.",
        f"- Keeps its rank under every scheme: {', '.join(c['stable_rank']) or 'none'}.",
        f"- {c['agreement']}", "",
        "## Scores and ranks by scheme", "",
    ]
    schemes = data["schemes"]
    lines += table(["Proposal", *(s["id"] for s in schemes)],
                   [[ids[i], *(f"{number(s['scores'][i])} (#{s['ranks'][i]}{'=' * s['tied'][i]})" for s in schemes)]
                    for i in data["order"]])
    groups = [g for g in rubric["groups"]]
    for s in schemes:
        lines += ["", f"### Scheme {s['id']}: {escape(s['title'])} ({s['method']})", ""]
        order = sorted(range(len(ids)), key=lambda i: (s["ranks"][i], ids[i]))
        lines += table(["Rank", "Proposal", "Score", *(escape(g["title"]) for g in groups)],
                       [[str(s["ranks"][i]), ids[i], number(s["scores"][i]), *(number(s["groups"][g["id"]][i]) for g in groups)]
                        for i in order])
    lines.append("")
    for kind, path in charts.items():
        lines += [f"![{kind}]({path})", ""]
    lines += ["## Proposals", ""]
    for i in data["order"]:
        card = data["cards"][i]
        lines += [f"### {escape(card['title'])} (`{card['id']}`)", ""]
        if card["summary"]:
            lines += [escape(card["summary"]), ""]
        lines += [f"- {escape(k)}: {escape(v)}" for k, v in card["about"] + [[f"fact: {k}", v] for k, v in card["facts"]]]
        lines.append("")
        for r in card["ratings"]:
            cited = "; ".join(link(s) for s in r["sources"])
            lines.append(f"- **{escape(r['criterion'])}**, {escape(r['rater'])}: {r['score']:g}. {escape(r['rationale'])}"
                         + (f" Sources: {cited}." if cited else ""))
        lines.append("")
    return lines


def write_memo(target: Path, documents: Sequence[dict], provenance: dict, *, force: bool = False) -> list:
    """Write the memo and its chart files (``TARGET_files/``); return the paths written."""
    require()
    folder = target.with_name(f"{target.stem}_files")
    if target.exists() and not force:
        write_report(target, "", force=False)  # refuses, naming the file
    written, lines = [], []
    folder.mkdir(parents=True, exist_ok=True)
    for k, data in enumerate(documents):
        charts = {}
        for kind in figures.KINDS:
            if figures.available(data, kind):
                fig = figures.figure(data, kind)
                for fmt in ("svg", "png"):
                    path = folder / f"{k + 1}-{data['rubric']['id']}-{kind}.{fmt}"
                    figures.save(fig, path, fmt)
                    written.append(path)
                charts[kind] = f"{folder.name}/{k + 1}-{data['rubric']['id']}-{kind}.svg"
        lines += memo_text(data, charts)
    packages = ", ".join(f"{name} {version}" for name, version in provenance["packages"].items())
    when = f"rubric {provenance['version']}, {provenance['date']}, SMAA seed {provenance['seed']}; {packages}."
    lines += ["## Provenance", "", when, ""]
    lines += table(["Input file", "SHA-256"], [[escape(path), f"`{digest}`"] for path, digest in provenance["inputs"].items()])
    written.insert(0, write_report(target, "\n".join(lines) + "\n", force=True))
    return written
