"""A rubric's ``requires``: the small requirement parser and the check against installed versions."""

from __future__ import annotations

from importlib import metadata
from types import SimpleNamespace

import pytest

from rubric.loading.documents import Document
from rubric.loading.plugins import check_requirements
from rubric.loading.requirements import check_requirement, parse_requirement


@pytest.fixture
def installed(monkeypatch):
    """Pretend rubric-x 0.1.5 is the only distribution installed."""

    def version(name):
        if name == "rubric-x":
            return "0.1.5"
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", version)


def test_supported_forms_parse():
    """NAME alone and comma-separated OP VERSION clauses parse into numbers."""
    assert parse_requirement("rubric-x") == ("rubric-x", ())
    assert parse_requirement(" rubric_x >= 0.1 , < 2 ") == ("rubric_x", ((">=", (0, 1)), ("<", (2,))))
    assert parse_requirement("a.b~=1.4.2") == ("a.b", (("~=", (1, 4, 2)),))


@pytest.mark.parametrize(
    "text", ["rubric-x[extra]>=1", "rubric-x>=1; python_version>'3'", "rubric-x==1.*", "rubric-x~=1", ">=1", "rubric-x>=1.0rc1"]
)
def test_unsupported_forms_are_refused(text):
    """Extras, markers, wildcards, one-number ~= and pre-release pins are refused, never ignored."""
    with pytest.raises(ValueError, match="cannot read|expected a distribution name"):
        parse_requirement(text)


# Installed 0.1.5, worked by hand: 0.1.5 >= 0.1.0; 0.1.5 < 0.2; ~=0.1 means >=0.1 and 0.*;
# 0.1.5 == 0.1.5.0 (missing numbers are zeros).
@pytest.mark.parametrize(
    "text",
    ["rubric-x", "rubric-x>=0.1", "rubric-x<0.2", "rubric-x~=0.1", "rubric-x~=0.1.4", "rubric-x==0.1.5.0",
     "rubric-x>0.1,!=0.1.4"],
)
def test_met_requirements(installed, text):
    """Each of these holds for version 0.1.5."""
    assert check_requirement(text) is None


# 0.1.5 < 0.2 fails >=0.2; ~=0.1.6 needs >= 0.1.6; ~=1.0 needs 1.*; 0.1.5 is not != 0.1.5.
@pytest.mark.parametrize(
    ("text", "unmet"),
    [("rubric-x>=0.2", ">=0.2"), ("rubric-x~=0.1.6", "~=0.1.6"), ("rubric-x~=1.0", "~=1.0"),
     ("rubric-x>=0.1,!=0.1.5", "!=0.1.5")],
)
def test_unmet_requirement_names_version_and_command(installed, text, unmet):
    """A too-old (or excluded) version is named, with what is needed and the pip command."""
    assert check_requirement(text) == f"needs {text}, but rubric-x 0.1.5 is installed (not {unmet}); run: pip install '{text}'"


def test_missing_distribution_gives_the_install_command(installed):
    """A distribution that is not installed is named with the pip install to run."""
    assert check_requirement("rubric-reversibility>=0.1") == (
        "needs the distribution rubric-reversibility, which is not installed; run: pip install 'rubric-reversibility>=0.1'"
    )


def test_rubric_requirements_are_located(installed, tmp_path):
    """Each unmet entry of a rubric's requires is a problem at requires[i], on its line."""
    path = tmp_path / "r.toml"
    text = 'id = "r"\nrequires = [\n  "rubric-x>=0.1",\n  "rubric-y",\n]\n'
    doc = Document(path, text, {})
    check_requirements(doc, SimpleNamespace(requires=("rubric-x>=0.1", "rubric-y")))
    (problem,) = doc.problems
    assert (problem.key, problem.line) == ("requires[1]", 2)
    assert "rubric-y, which is not installed; run: pip install 'rubric-y'" in problem.message
