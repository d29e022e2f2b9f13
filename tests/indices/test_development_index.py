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
ties of the published, rounded values only.  Rows whose recomputation from the
table's own rounded indicators falls on the other side of a rounding boundary
(Ireland: 0.9556 from the rounded inputs, published 0.955) are left out: the
published value comes from unrounded data this test does not have.

Hand computation, Norway: health (82.4 − 20) / 65 = 0.96; expected schooling
18.1 capped at 18 → 1; mean schooling 12.9 / 15 = 0.86; education (1 + 0.86) / 2
= 0.93; income (ln 66,494 − ln 100) / (ln 75,000 − ln 100) = 6.49969 / 6.62007
= 0.98182; HDI = (0.96 × 0.93 × 0.98182)^(1/3) = 0.87657^(1/3) = 0.957.
"""

from __future__ import annotations

import pytest

import rubric
from rubric.loading import load_project

RUBRIC = """
id = "hdi"
title = "Human Development Index"
version = "2020"
missing = "error"

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
