"""A development-style index written in TOML: the UNDP Human Development Index.

Source: UNDP, *Human Development Report 2020*, Table 1 "Human Development
Index and its components" (2019 data), and the report's Technical note 1:
each indicator is normalised between goalposts, dimension index = (actual −
min) / (max − min), values outside capped — life expectancy 20…85 years,
expected schooling 0…18 years, mean schooling 0…15 years, GNI per capita
(2017 PPP $) 100…75,000 on a natural log scale; education is the arithmetic
mean of its two indices, the HDI the geometric mean of the three dimension
indices, published to three decimals.

Published rows tested (HDI rank, HDI; life expectancy, expected and mean years
of schooling, GNI per capita):

==========  ====  =====  ====  ====  ====  ======
country     rank  HDI    LE    EYS   MYS   GNI
==========  ====  =====  ====  ====  ====  ======
Norway      1     0.957  82.4  18.1  12.9  66,494
Hong Kong   4     0.949  84.9  16.9  12.3  62,985
Iceland     4     0.949  83.0  19.1  12.8  54,682
Sweden      7     0.945  82.8  19.5  12.5  54,508
Australia   8     0.944  83.4  22.0  12.7  48,085
Netherlands 8     0.944  82.3  18.5  12.4  57,707
Denmark     10    0.940  80.9  18.9  12.6  58,662
==========  ====  =====  ====  ====  ====  ======

Two ties (Hong Kong and Iceland 4th, Australia and the Netherlands 8th) are
ties of the published, rounded values only; within the seven rows tested the
published order gives ranks 1, 2=, 2=, 4, 5=, 5=, 7.  Rows whose recomputation from the
table's own rounded indicators falls on the other side of a rounding boundary
(Ireland: 0.9556 from the rounded inputs, published 0.955) are left out: the
published value comes from unrounded data this test does not have.

Hand computation, Norway: health (82.4 − 20) / 65 = 0.96; expected schooling
18.1 capped at 18 → 1; mean schooling 12.9 / 15 = 0.86; education (1 + 0.86) / 2
= 0.93; income (ln 66,494 − ln 100) / (ln 75,000 − ln 100) = 6.49970 / 6.62007
= 0.98182; HDI = (0.96 × 0.93 × 0.98182)^(1/3) = 0.87657^(1/3) = 0.95704 → 0.957.

The tie, by hand: Hong Kong 64.9 / 65 = 0.99846, (16.9 / 18 + 12.3 / 15) / 2 =
(0.93889 + 0.82) / 2 = 0.87944, 6.44548 / 6.62007 = 0.97363, product 0.85493,
HDI 0.94910; Iceland 63 / 65 = 0.96923, (1 + 0.85333) / 2 = 0.92667,
6.30412 / 6.62007 = 0.95227, product 0.85529, HDI 0.94923.  Unrounded, Iceland
is ahead; at three decimals both are 0.949 and share a rank, as published.

Sources checked: the HDI values, the order of the top ten (Norway; Ireland and
Switzerland 0.955; Hong Kong, Iceland; Germany; Sweden; Australia,
Netherlands 0.944; Denmark 0.940) and the rule that equal three-decimal values
share a rank (HDR 2020 Reader's guide) agree with public summaries of the
report; the four indicator columns were entered from Table 1 and could not be
confirmed independently, but every row recomputes to its published HDI.

In the rubric, ``aggregation = { method = "weighted-product", floor = 0, … }``:
``floor = 0`` on a 0…1 scale is the plain weighted geometric mean (the default
floor 0.1 would shift every value before the product), and ``by_group`` makes
education the arithmetic mean of its two indices inside it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import rubric
from rubric.cli import main
from rubric.loading import load_project

RUBRIC = """
id = "hdi"
title = "Human Development Index"
version = "2020"
missing = "error"
precision = 3

[scale]
min = 0
max = 1
labels = ["lowest", "highest"]

[groups.health]
title = "A long and healthy life"

[groups.education]
title = "Knowledge"

[groups.income]
title = "A decent standard of living"

[criteria.life]
group = "health"
title = "Life expectancy index"
kind = "value-function"
params = { fact = "life_expectancy", min = 20, max = 85, unit = "years" }

[criteria.expected-schooling]
group = "education"
title = "Expected years of schooling index"
kind = "value-function"
params = { fact = "expected_schooling", min = 0, max = 18, unit = "years" }

[criteria.mean-schooling]
group = "education"
title = "Mean years of schooling index"
kind = "value-function"
params = { fact = "mean_schooling", min = 0, max = 15, unit = "years" }

[criteria.gni]
group = "income"
title = "GNI index"
kind = "value-function"
params = { fact = "gni_per_capita", min = 100, max = 75_000, transform = "log", unit = "PPP $" }

[schemes.hdi]
title = "HDI"
weights = { health = 1, education = 1, income = 1 }
aggregation = { method = "weighted-product", floor = 0, by_group = { education = "weighted-sum" } }
"""

#: (published rank, published HDI, life expectancy, expected schooling, mean schooling, GNI per capita)
PUBLISHED = {
    "norway": (1, 0.957, 82.4, 18.1, 12.9, 66_494),
    "hong-kong": (4, 0.949, 84.9, 16.9, 12.3, 62_985),
    "iceland": (4, 0.949, 83.0, 19.1, 12.8, 54_682),
    "sweden": (7, 0.945, 82.8, 19.5, 12.5, 54_508),
    "australia": (8, 0.944, 83.4, 22.0, 12.7, 48_085),
    "netherlands": (8, 0.944, 82.3, 18.5, 12.4, 57_707),
    "denmark": (10, 0.940, 80.9, 18.9, 12.6, 58_662),
}
#: Two rows lacking an indicator: not scored, with the reason.
INCOMPLETE = {"monaco": "life_expectancy = 85.9\nexpected_schooling = 19.0\n", "somalia": "life_expectancy = 57.4\n"}
FACTS = ("life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita")


def project(tmp_path, rubric_text: str = RUBRIC):
    (tmp_path / "hdi.toml").write_text(rubric_text, encoding="utf-8")
    folder = tmp_path / "proposals"
    folder.mkdir()
    for pid, (_, _, *indicators) in PUBLISHED.items():
        facts = "\n".join(f"{name} = {value}" for name, value in zip(FACTS, indicators))
        (folder / f"{pid}.toml").write_text(f'id = "{pid}"\ntitle = "{pid}"\n[facts]\n{facts}\n', encoding="utf-8")
    for pid, facts in INCOMPLETE.items():
        (folder / f"{pid}.toml").write_text(f'id = "{pid}"\ntitle = "{pid}"\n[facts]\n{facts}', encoding="utf-8")
    return load_project([tmp_path / "hdi.toml"], [folder], autoload=False)


def published_ranks() -> dict[str, tuple[int, bool]]:
    """Each tested row's competition rank among the tested rows, from the published ranks, and whether it is shared."""
    ranks = [rank for rank, *_ in PUBLISHED.values()]
    return {pid: (1 + sum(r < rank for r in ranks), ranks.count(rank) > 1) for pid, (rank, *_) in PUBLISHED.items()}


def test_published_ranks_within_the_tested_rows():
    """The expected ranks themselves: 1, 4=, 4=, 7, 8=, 8=, 10 in the table are 1, 2=, 2=, 4, 5=, 5=, 7 here."""
    assert sorted(published_ranks().values()) == [(1, False), (2, True), (2, True), (4, False), (5, True),
                                                  (5, True), (7, False)]


def test_dimension_indices_are_the_published_goalpost_formula(tmp_path):
    """Norway's four indices, by hand: 0.96, 1 (18.1 capped at 18), 0.86, 0.98182."""
    loaded = project(tmp_path)
    ev = rubric.evaluate(loaded.rubrics[0], loaded.proposals, registry=loaded.registry, strict=False)
    norway = [v.score for v in ev.values[ev.proposal_index("norway")]]
    assert norway == pytest.approx([0.96, 1.0, 0.86, 0.98182], abs=5e-6)
    assert ev.values[ev.proposal_index("norway")][0].note.startswith(
        "life expectancy 82.4 years → 0.96 between goalposts 20 and 85"
    )


def test_rows_missing_an_indicator_are_not_scored_with_the_reason(tmp_path):
    """Monaco and Somalia lack indicators: listed as not scored, saying which; the seven others are scored."""
    loaded = project(tmp_path)
    ev = rubric.evaluate(loaded.rubrics[0], loaded.proposals, registry=loaded.registry, strict=False)
    assert sorted(p.id for p in ev.proposals) == sorted(PUBLISHED)
    reasons = {u.proposal.id: u.reason for u in ev.unscored}
    assert set(reasons) == {"monaco", "somalia"}
    assert "mean-schooling (fact mean_schooling not given)" in reasons["monaco"]
    assert "gni (fact gni_per_capita not given)" in reasons["monaco"]
    assert "expected-schooling (fact expected_schooling not given)" in reasons["somalia"]
    assert 'rule missing = "error"' in reasons["somalia"]
    notes = ev.table().notes
    assert any(note.startswith("not scored: monaco: unknown: ") for note in notes)


def test_score_prints_the_published_hdi_and_ranks(tmp_path, capsys):
    """``rubric score``: every tested row's HDI at three decimals and its rank, ties shared, as published."""
    project(tmp_path)
    paths = ["--rubrics", str(tmp_path / "hdi.toml"), str(tmp_path / "proposals")]
    assert main(["score", "--format", "csv", *paths]) == 0
    rows = [r for r in csv.DictReader(capsys.readouterr().out.splitlines()) if r["group"] == ""]
    shown = {r["proposal"]: float(r["shown"]) for r in rows if r["measure"] == "score" and r["shown"]}
    assert shown == {pid: hdi for pid, (_, hdi, *_) in PUBLISHED.items()}
    ranks = {r["proposal"]: (int(r["value"]), r["tied"] == "true") for r in rows if r["measure"] == "rank"}
    assert ranks == published_ranks()
    reasons = {r["proposal"]: r["reason"] for r in rows if r["reason"]}
    assert set(reasons) == set(INCOMPLETE) and all("not given" in reason for reason in reasons.values())
    assert main(["score", *paths]) == 0
    table = capsys.readouterr().out
    assert "2=      hong-kong      0.949" in table and "2=      iceland        0.949" in table
    assert "not scored: somalia: unknown: expected-schooling (fact expected_schooling not given)" in table


def test_python_api_gives_the_published_hdi_and_ranks(tmp_path):
    """``rubric.evaluate``: the same figures; Iceland's 0.94923 and Hong Kong's 0.94910 share a rank as 0.949."""
    loaded = project(tmp_path)
    ev = rubric.evaluate(loaded.rubrics[0], loaded.proposals, registry=loaded.registry, strict=False)
    result = ev.result("hdi")
    ids = [p.id for p in ev.proposals]
    assert {pid: ev.shown(result, None, i) for i, pid in enumerate(ids)} == {
        pid: hdi for pid, (_, hdi, *_) in PUBLISHED.items()
    }
    assert {pid: (int(result.ranks[i]), result.ranks[i].tied) for i, pid in enumerate(ids)} == published_ranks()
    assert result.totals[ids.index("iceland")] == pytest.approx(0.94923, abs=5e-6)
    assert result.totals[ids.index("hong-kong")] == pytest.approx(0.94910, abs=5e-6)
    assert {u.proposal.id for u in ev.unscored} == set(INCOMPLETE)


def test_readme_shows_this_index(tmp_path, capsys):
    """The README's worked example is this rubric, and its pasted table is what ``rubric score`` prints."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"```toml\n{RUBRIC.lstrip()}```" in readme
    project(tmp_path)
    assert main(["score", "--rubrics", str(tmp_path / "hdi.toml"), str(tmp_path / "proposals")]) == 0
    assert f"```\n{capsys.readouterr().out}```" in readme
