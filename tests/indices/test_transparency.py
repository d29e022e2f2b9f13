"""A transparency index on its published data: 100 binary indicators, one point each, in 3 domains and 23 subdomains.

``data/fmti-2023-10.csv`` is the October 2023 Foundation Model Transparency
Index as its authors publish it (Bommasani et al., arXiv:2310.12941, CC BY 4.0;
see ``data/README.md``): one row per indicator with its domain and subdomain,
one 0/1 column per developer, and a last row of published totals.  The rubric
and the ten proposals are built from it; every expected figure is read or
counted from the CSV with plain :mod:`csv`, independently of rubric.  The
published totals are all distinct (Meta 54 … Amazon 12), so no ranks are tied.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from rubric.cli import main

DATA = Path(__file__).parent / "data" / "fmti-2023-10.csv"
#: The published totals, as the paper's figure gives them, in its order.
PUBLISHED = [("Meta", 54), ("Hugging Face", 53), ("OpenAI", 48), ("Stability AI", 47), ("Google", 40),
             ("Anthropic", 36), ("Cohere", 34), ("AI21 Labs", 25), ("Inflection", 21), ("Amazon", 12)]


def slug(name: str) -> str:
    """A rubric id from a published name (lower case, runs of other characters as one ``-``): 'AI21 Labs' -> 'ai21-labs'."""
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


def read_index():
    """(indicator rows, developers, the Total row) from the CSV; the file starts with a byte-order mark."""
    with DATA.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    developers = [name for name in rows[0] if name not in ("Domain", "Subdomain", "Indicator", "Total")]
    return rows[:-1], developers, rows[-1]


INDICATORS, DEVELOPERS, TOTALS = read_index()


def members(level: str) -> dict[str, list[dict]]:
    """Group id -> its indicator rows, for ``level`` "Domain" or "Subdomain", in the index's order."""
    found: dict[str, list[dict]] = {}
    for row in INDICATORS:
        found.setdefault(slug(row[level]), []).append(row)
    return found


DOMAINS, SUBDOMAINS = members("Domain"), members("Subdomain")


def rubric_text(scheme: str) -> str:
    lines = [
        'id = "fmti"', 'title = "Foundation Model Transparency Index"', 'version = "2023.10"', 'rationale = "optional"',
        'present = ["points", "points", "percent"]',
        "[scale]", "min = 0", "max = 1", 'labels = ["not disclosed", "disclosed"]', "[groups]",
    ]
    for domain, rows in DOMAINS.items():
        lines.append(f"{domain} = {{ title = {json.dumps(rows[0]['Domain'])} }}")
        subs = dict.fromkeys(row["Subdomain"] for row in rows)
        lines += [f"{slug(sub)} = {{ title = {json.dumps(sub.strip())}, parent = \"{domain}\" }}" for sub in subs]
    lines.append("[criteria]")
    lines += [f"{slug(r['Indicator'])} = {{ group = \"{slug(r['Subdomain'])}\", title = {json.dumps(r['Indicator'].strip())} }}"
              for r in INDICATORS]
    return "\n".join(lines) + "\n" + scheme


#: No weight written: a rubric that presents points and declares no scheme gets ``default``, one point per
#: indicator wherever it sits (not equal weights at every level, which would give each domain a third).
NO_WEIGHTS = ""
ONES = "[schemes.points]\nweights = { " + ", ".join(f"{slug(r['Indicator'])} = 1" for r in INDICATORS) + " }\n"


def write_index(tmp_path, scheme: str):
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "fmti.toml").write_text(rubric_text(scheme), encoding="utf-8")
    (tmp_path / "proposals").mkdir()
    for developer in DEVELOPERS:
        ratings = [f'{slug(r["Indicator"])} = {{ rater = "fmti", score = {int(r[developer])} }}' for r in INDICATORS]
        text = f"id = \"{slug(developer)}\"\ntitle = {json.dumps(developer)}\n[assessments.fmti]\n" + "\n".join(ratings) + "\n"
        (tmp_path / "proposals" / f"{slug(developer)}.toml").write_text(text, encoding="utf-8")
    return ["--rubrics", str(tmp_path / "rubrics"), str(tmp_path / "proposals")]


def count(rows: list[dict], developer: str) -> int:
    return sum(int(r[developer]) for r in rows)


def test_the_data_are_the_published_index():
    """The CSV as published: 100 indicators (32/33/35) in 23 subdomains, and a Total row matching the paper's totals."""
    assert len(INDICATORS) == 100 and len(SUBDOMAINS) == 23
    assert {d: len(rows) for d, rows in DOMAINS.items()} == {"upstream": 32, "model": 33, "downstream": 35}
    assert [(d, int(TOTALS[d])) for d in DEVELOPERS] == PUBLISHED
    assert all(count(INDICATORS, d) == int(TOTALS[d]) for d in DEVELOPERS)


@pytest.mark.parametrize("scheme", [NO_WEIGHTS, ONES], ids=["no-weights-written", "one-on-every-indicator"])
def test_score_prints_points_and_percentages(tmp_path, capsys, scheme):
    """Totals as published; each domain's points and each subdomain's percentage as counted from the CSV."""
    paths = write_index(tmp_path, scheme)
    assert main(["score", "--depth", "2", "--format", "csv", *paths]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    shown = {(r["proposal"], r["group"]): float(r["shown"]) for r in rows if r["measure"] == "score"}
    for developer in DEVELOPERS:
        dev = slug(developer)
        assert shown[(dev, "")] == float(TOTALS[developer]), developer
        for domain, members_ in DOMAINS.items():
            assert shown[(dev, domain)] == pytest.approx(count(members_, developer)), (developer, domain)
        for sub, members_ in SUBDOMAINS.items():
            assert shown[(dev, sub)] == pytest.approx(100 * count(members_, developer) / len(members_)), (developer, sub)
    ranks = {r["proposal"]: int(r["value"]) for r in rows if r["measure"] == "rank"}
    assert ranks == {slug(name): k for k, (name, _) in enumerate(PUBLISHED, 1)}
    assert not any(r["tied"] == "True" for r in rows if r["measure"] == "rank")


def test_table_shows_points_out_of_the_maximum(tmp_path, capsys):
    """The text table: total of 100, domains of 32/33/35, subdomains in % at the table's precision, a count note."""
    paths = write_index(tmp_path, NO_WEIGHTS)
    assert main(["score", "--depth", "2", "--format", "github", *paths]) == 0
    out = capsys.readouterr().out
    assert "Score (of 100)" in out and "Upstream (of 32)" in out and "Model (of 33)" in out and "Downstream (of 35)" in out
    assert "Data labor %" in out
    assert "Upstream: 32 criteria, 32 points at most." in out
    lines = [line for line in out.splitlines() if line.startswith("| ") and line.split("|")[2].strip() in
             {slug(d) for d in DEVELOPERS}]
    assert [line.split("|")[2].strip() for line in lines] == [slug(name) for name, _ in PUBLISHED]
    header = next(line for line in out.splitlines() if line.startswith("| Rank"))
    column = {name.strip(): k for k, name in enumerate(header.split("|"))}
    meta = [cell.strip() for cell in lines[0].split("|")]
    # Meta in the CSV: 54 in all; upstream 14 of 32 (data 4 + labor 2 + access 0 + compute 4 + methods 3 +
    # mitigations 1); data labor 2 of 7 = 28.5714 % (six significant digits); model basics 6 of 6 = 100 %.
    assert meta[column["Score (of 100)"]] == "54" and meta[column["Upstream (of 32)"]] == "14"
    assert meta[column["Data labor %"]] == "28.5714" and meta[column["Model basics %"]] == "100"
    assert meta[column["Data access %"]] == "0"
    for line in lines:
        cells = [cell.strip() for cell in line.split("|")]
        developer = DEVELOPERS[[slug(d) for d in DEVELOPERS].index(cells[2])]
        for sub, members_ in SUBDOMAINS.items():
            title = members_[0]["Subdomain"].strip()
            assert cells[column[f"{title} %"]] == f"{100 * count(members_, developer) / len(members_):g}", (developer, sub)
