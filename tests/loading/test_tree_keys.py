"""Bad values of the value-tree keys are located one-paragraph errors, never tracebacks."""

from __future__ import annotations

import pytest

from rubric.cli import main

RUBRIC = """id = "r"
title = "R"
version = "1"
rationale = "optional"
{top}
[scale]
min = 0
max = 1
labels = ["no", "yes"]
[groups]
a = {{ title = "A" }}
a1 = {{ title = "A1", parent = "a" }}
b = {{ title = "B" }}
[criteria]
x = {{ group = "a1", title = "X" }}
y = {{ group = "b", title = "Y" }}
[schemes.s]
{scheme}
"""


@pytest.mark.parametrize(
    ("top", "scheme", "key", "words"),
    [
        ("", "weights = { x = -1, y = 1 }", "schemes.s.weights.x", "cannot be negative"),
        ("precision = 3.5", "", "precision", "whole number of decimals from 0 to 12, found 3.5"),
        ("precision = 13", "", "precision", "from 0 to 12, found 13"),
        ("", 'aggregation = { method = "weighted-sum", by_group = { a2 = "maximin" } }', "schemes.s.aggregation.by_group.a2",
         "unknown group 'a2'"),
        ("", 'aggregation = { method = "weighted-sum", by_group = { a1 = "maximim" } }', "schemes.s.aggregation.by_group.a1",
         "maximin"),
        ('present = "point"', "", "present", "found 'point'"),
        ("", 'present = ["points", "percnt"]', "schemes.s.present[1]", "found 'percnt'"),
    ],
)
def test_bad_tree_key_is_located(tmp_path, capsys, top, scheme, key, words):
    """Each bad key: exit 2, one paragraph naming the file, the line and the key path, no traceback."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(top=top, scheme=scheme), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["score", "--rubrics", str(path), str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err and key in err and words in err, err
    assert ":" in err.split(key)[0]  # the line number comes before the key
