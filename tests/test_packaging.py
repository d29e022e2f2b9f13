"""The distribution: its free name, its extras, and the files the wheel must carry."""

from __future__ import annotations

import re
from pathlib import Path

import tomli

REPO = Path(__file__).resolve().parents[1]
META = tomli.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = REPO / "src" / "rubric"


def test_distribution_is_policy_rubric_with_command_rubric():
    """`rubric` on the index is another project's: the distribution is policy-rubric, the command rubric."""
    assert META["project"]["name"] == "policy-rubric"
    assert META["project"]["scripts"] == {"rubric": "rubric.cli:main"}


def test_extras():
    """The schema and scaffold tests run under [test]; shell completion is its own extra."""
    extras = META["project"]["optional-dependencies"]
    assert any(req.startswith("jsonschema") for req in extras["test"])
    assert any(req.startswith("shtab") for req in extras["completion"])


def test_bench_extra_names_the_peers():
    """The benchmark peers (pymcdm, scikit-criteria) are an extra of their own, never a dependency."""
    extras = META["project"]["optional-dependencies"]
    assert {req.split(">")[0] for req in extras["bench"]} == {"pymcdm", "scikit-criteria"}
    assert not any(req.startswith(("pymcdm", "scikit-criteria")) for req in META["project"]["dependencies"])
    assert any(req.startswith("tomli-w") for req in META["project"]["dependencies"])


def test_every_data_file_in_the_package_is_package_data():
    """py.typed, JSON Schemas and templates under src/rubric/ all match a package-data glob."""
    globs = META["tool"]["setuptools"]["package-data"]["rubric"]
    shipped = {path for pattern in globs for path in PACKAGE.glob(pattern)}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")}
    assert PACKAGE / "py.typed" in data
    assert any(p.suffix == ".tmpl" for p in data)
    assert data <= shipped, sorted(str(p.relative_to(PACKAGE)) for p in data - shipped)


def test_no_install_line_names_the_wrong_distribution():
    """No `pip install rubric` (or `rubric[...]`, `rubric>=`) is left in docs, templates or code."""
    wrong = re.compile(r"""pip install\s+['"]?rubric\b(?!-)|["']rubric(\[|>=)""")
    texts = [*REPO.glob("*.md"), *REPO.glob("docs/**/*.md"), *REPO.glob("plugins/**/*.toml"), *REPO.glob("plugins/**/*.md")]
    texts += [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.tmpl")]
    found = [f"{p.relative_to(REPO)}: {m[0]}" for p in texts for m in wrong.finditer(p.read_text(encoding="utf-8"))]
    assert found == []
