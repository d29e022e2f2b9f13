"""A transparency-style index: 100 binary indicators, one point each, in 3 domains and their subdomains.

Built from the Foundation Model Transparency Index (Bommasani et al., "The
Foundation Model Transparency Index", October 2023, arXiv:2310.12941): 100
indicators in the domains upstream (32), model (33) and downstream (35), split
into subdomains (the sizes below are as we read the paper's indicator list).
The published totals out of 100 tested here are Meta (Llama 2) 54, OpenAI
(GPT-4) 48 and Amazon (Titan Text) 12.  Per-indicator data are not reproduced:
each developer's satisfied indicators are built so that they give the
published total, with a split across domains chosen for the test (stated in
``SATISFIED``), and every expected figure below is counted by hand from it.
"""

from __future__ import annotations

import pytest

from rubric.cli import main

#: Domain -> [(subdomain, number of indicators)], in the index's order.
DOMAINS = {
    "upstream": [("data", 10), ("labor", 7), ("data-access", 2), ("compute", 7), ("methods", 4), ("data-mitigations", 2)],
    "model": [("basics", 6), ("access", 3), ("capabilities", 5), ("limitations", 3), ("risks", 7),
              ("model-mitigations", 5), ("trustworthiness", 2), ("inference", 2)],
    "downstream": [("distribution", 7), ("usage-policy", 5), ("behavior-policy", 3), ("interface", 2),
                   ("user-data", 3), ("updates", 3), ("feedback", 3), ("impact", 7), ("documentation", 2)],
}

#: Developer -> subdomain -> indicators satisfied (the first ones of the subdomain).
#: meta: upstream 10+2+0+3+4+0 = 19, model 6+3+5+3+3+2+0+2 = 24, downstream 7+0+0+2+0+0+0+0+2 = 11; 54.
#: openai: upstream 3+0+0+2+2+1 = 8, model 4+2+5+3+4+3+2+1 = 24, downstream 5+5+0+1+0+1+1+1+2 = 16; 48.
#: amazon: upstream 0, model 2+0+1+0+0+0+0+0 = 3, downstream 1+3+0+1+2+1+1+0+0 = 9; 12.
SATISFIED = {
    "meta": {"data": 10, "labor": 2, "compute": 3, "methods": 4, "basics": 6, "access": 3, "capabilities": 5,
             "limitations": 3, "risks": 3, "model-mitigations": 2, "inference": 2, "distribution": 7, "interface": 2,
             "documentation": 2},
    "openai": {"data": 3, "compute": 2, "methods": 2, "data-mitigations": 1, "basics": 4, "access": 2, "capabilities": 5,
               "limitations": 3, "risks": 4, "model-mitigations": 3, "trustworthiness": 2, "inference": 1,
               "distribution": 5, "usage-policy": 5, "interface": 1, "updates": 1, "feedback": 1, "impact": 1,
               "documentation": 2},
    "amazon": {"basics": 2, "capabilities": 1, "distribution": 1, "usage-policy": 3, "interface": 1, "user-data": 2,
               "updates": 1, "feedback": 1},
}


def indicators():
    """(subdomain, indicator id, position in its subdomain) for all 100 indicators."""
    found, number = [], 0
    for subdomains in DOMAINS.values():
        for sub, size in subdomains:
            for k in range(size):
                number += 1
                found.append((sub, f"i{number:03d}", k))
    return found


def rubric_text(scheme: str) -> str:
    lines = [
        'id = "fmti"', 'title = "Foundation model transparency"', 'version = "2023.10"', 'rationale = "optional"',
        'present = ["points", "points", "percent"]',
        "[scale]", "min = 0", "max = 1", 'labels = ["not disclosed", "disclosed"]', "[groups]",
    ]
    for domain, subdomains in DOMAINS.items():
        lines.append(f'{domain} = {{ title = "{domain.capitalize()}" }}')
        lines += [f'{sub} = {{ title = "{sub}", parent = "{domain}" }}' for sub, _ in subdomains]
    lines.append("[criteria]")
    lines += [f'{cid} = {{ group = "{sub}", title = "Indicator {cid}" }}' for sub, cid, _ in indicators()]
    return "\n".join(lines) + "\n" + scheme


EQUAL = '[schemes.points]\nweighting = "equal"\n'
ONES = "[schemes.points]\nweights = { " + ", ".join(f"{cid} = 1" for _, cid, _ in indicators()) + " }\n"


def write_index(tmp_path, scheme: str):
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "fmti.toml").write_text(rubric_text(scheme), encoding="utf-8")
    (tmp_path / "proposals").mkdir()
    for developer, satisfied in SATISFIED.items():
        ratings = [f'{cid} = {{ rater = "fmti", score = {int(k < satisfied.get(sub, 0))} }}' for sub, cid, k in indicators()]
        text = f'id = "{developer}"\ntitle = "{developer}"\n[assessments.fmti]\n' + "\n".join(ratings) + "\n"
        (tmp_path / "proposals" / f"{developer}.toml").write_text(text, encoding="utf-8")
    return ["--rubrics", str(tmp_path / "rubrics"), str(tmp_path / "proposals")]


@pytest.mark.parametrize("scheme", [EQUAL, ONES], ids=["equal-weighting", "one-on-every-indicator"])
def test_score_prints_points_and_percentages(tmp_path, capsys, scheme):
    """Totals 54, 48, 12 of 100; domains' points of 32/33/35; subdomains as percentages (meta's labor 2 of 7 = 28.5714 %)."""
    paths = write_index(tmp_path, scheme)
    assert main(["score", "--depth", "2", "--format", "csv", *paths]) == 0
    records = [line.split(",") for line in capsys.readouterr().out.splitlines()]
    header = records[0]
    rows = [dict(zip(header, r)) for r in records[1:]]
    shown = {(r["proposal"], r["group"]): float(r["shown"]) for r in rows if r["measure"] == "score"}
    assert [shown[(d, "")] for d in ("meta", "openai", "amazon")] == pytest.approx([54, 48, 12])
    assert [shown[("meta", d)] for d in DOMAINS] == pytest.approx([19, 24, 11])
    assert [shown[("openai", d)] for d in DOMAINS] == pytest.approx([8, 24, 16])
    assert [shown[("amazon", d)] for d in DOMAINS] == pytest.approx([0, 3, 9])
    assert shown[("meta", "labor")] == pytest.approx(200 / 7)
    assert shown[("openai", "risks")] == pytest.approx(400 / 7)
    assert shown[("amazon", "user-data")] == pytest.approx(200 / 3)
    ranks = {r["proposal"]: r["value"] for r in rows if r["measure"] == "rank"}
    assert ranks == {"meta": "1", "openai": "2", "amazon": "3"}


def test_table_shows_points_out_of_the_maximum(tmp_path, capsys):
    """The text table: total of 100, each domain of its indicators (32, 33, 35), subdomains in %, and a count note."""
    paths = write_index(tmp_path, EQUAL)
    assert main(["score", "--depth", "2", "--format", "github", *paths]) == 0
    out = capsys.readouterr().out
    assert "Score (of 100)" in out and "Upstream (of 32)" in out and "Model (of 33)" in out and "Downstream (of 35)" in out
    assert "labor %" in out
    assert "Upstream: 32 criteria, 32 points at most." in out
    meta = next(line for line in out.splitlines() if " meta " in line)
    assert meta.split("|")[3].strip() == "54" and meta.split("|")[4].strip() == "19"
    assert "28.5714" in meta
