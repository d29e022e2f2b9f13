"""Grade bands and the GPA mapping: published grades reproduced, bad bands refused where they are written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rubric
from rubric.grades import Band, band_of, bands_from_points

#: The AI Safety Index's letter values (Future of Life Institute, "AI Safety Index", December 2024:
#: "uses the US GPA system for grade boundaries: A+, A, A-, B+, [...], F letter values corresponding
#: to numerical values 4.3, 4.0, 3.7, 3.3, [...], 0").
AI_SAFETY_INDEX = {
    "A+": 4.3, "A": 4.0, "A-": 3.7, "B+": 3.3, "B": 3.0, "B-": 2.7, "C+": 2.3, "C": 2.0, "C-": 1.7,
    "D+": 1.3, "D": 1.0, "D-": 0.7, "F": 0.0,
}


@pytest.mark.parametrize(
    ("company", "gpa", "grade"),
    [
        # AI Safety Index, Summer 2025 (17 July 2025): overall score and grade as published.
        ("Anthropic", 2.64, "C+"),
        ("OpenAI", 2.10, "C"),
        ("Google DeepMind", 1.76, "C-"),
        ("x.AI", 1.23, "D"),
        ("Meta", 1.06, "D"),
        ("Zhipu AI", 0.62, "F"),
        ("DeepSeek", 0.37, "F"),
        # December 2024 edition.
        ("Anthropic 2024", 2.13, "C"),
        ("Google DeepMind 2024", 1.55, "D+"),
        ("OpenAI 2024", 1.32, "D+"),
        ("Zhipu AI 2024", 1.11, "D"),
        ("x.AI 2024", 0.75, "D-"),
        ("Meta 2024", 0.65, "F"),
    ],
)
def test_gpa_mapping_reads_published_scores_back_as_the_published_grades(company, gpa, grade):
    """A number takes the best grade whose points it reaches: 2.64 is a C+ (not the nearer B-), as published."""
    assert band_of(gpa, bands_from_points(AI_SAFETY_INDEX)) == grade, company


def test_a_value_a_hair_below_a_bound_computed_in_floats_still_earns_it():
    """0.1 + 0.2 + ... summing to 2.6999999999999997 is a B-, the grade of 2.7."""
    assert band_of(0.9 * 3, bands_from_points(AI_SAFETY_INDEX)) == "B-"


@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=8, unique=True), st.floats(-100, 100))
def test_bands_partition_the_scale(bounds, value):
    """Every value has exactly one grade: the band whose lower bound it reaches and whose better neighbour's it does not."""
    lowers = sorted(bounds, reverse=True)
    lowers[-1] = -100.0
    bands = [Band(f"g{k}", b) for k, b in enumerate(lowers)]
    label = band_of(value, bands)

    def reaches(k):
        return value >= bands[k].lower - 1e-9 * max(1, abs(bands[k].lower))

    holding = [b.label for k, b in enumerate(bands) if reaches(k) and (k == 0 or not reaches(k - 1))]
    assert holding == [label]


GPA_RUBRIC = """id = "index"
title = "Index"
version = "1"
rationale = "optional"
[scale]
min = 0
max = 4.3
labels = ["F", "A+"]
[grade_points]
"A+" = 4.3
A = 4.0
"A-" = 3.7
"B+" = 3.3
B = 3.0
"B-" = 2.7
"C+" = 2.3
C = 2.0
"C-" = 1.7
"D+" = 1.3
D = 1.0
"D-" = 0.7
F = 0
[groups.g]
title = "G"
[criteria]
risk = { group = "g", title = "Risk assessment" }
harms = { group = "g", title = "Current harms" }
"""


def test_letter_grades_written_as_numbers_are_read_back_as_letters(tmp_path):
    """Reviewers' C+ (2.3) and B (3.0) on one domain, B- (2.7) and C (2.0) on the other: the mean 2.5 is a C+."""
    (tmp_path / "index.toml").write_text(GPA_RUBRIC)
    (tmp_path / "lab.toml").write_text(
        'id = "lab"\ntitle = "Lab"\n'
        '[[assessments.index.risk]]\nrater = "r1"\nscore = 2.3\n[[assessments.index.risk]]\nrater = "r2"\nscore = 3.0\n'
        '[[assessments.index.harms]]\nrater = "r1"\nscore = 2.7\n[[assessments.index.harms]]\nrater = "r2"\nscore = 2.0\n'
    )
    index = rubric.load_rubric(tmp_path / "index.toml")
    ev = rubric.evaluate(index, rubric.load_proposals([tmp_path / "lab.toml"]))
    assert ev.result().totals[0] == pytest.approx(2.5)
    assert ev.grade(ev.result(), None, 0) == "C+"
    assert index.grades.labels[0] == "A+" and index.grades.bands[-1].lower == 0
