"""The scaffold's templates are package files, and any title a user types gives a file that loads."""

from __future__ import annotations

from importlib import resources

import pytest

from rubric import cli, scaffold
from rubric.loading import load_project
from rubric.model import Proposal
from rubric.scaffold import files

TITLES = ["a\nb", 'The "big" one', "back\\slash", "tab\there", "ünïcode — dash", "'single' and \"\"\"triple\"\"\""]


def template_files() -> set:
    root = resources.files("rubric.scaffold").joinpath("templates")
    found, folders = set(), [("", root)]
    while folders:
        prefix, folder = folders.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                folders.append((f"{prefix}{entry.name}/", entry))
            else:
                found.add(prefix + entry.name)
    return found


def test_every_template_file_is_used(tmp_path, monkeypatch):
    """Scaffolding one of each renders every file in templates/, and nothing else."""
    used = set()
    real = files.render

    def render(template, **values):
        used.add(template)
        return real(template, **values)

    for module in ("files", "documents", "plugin"):
        monkeypatch.setattr(f"rubric.scaffold.{module}.render", render, raising=False)
    scaffold.new_rubric("r", tmp_path)
    rub = load_project([tmp_path / "r.toml"], autoload=False).rubrics[0]
    scaffold.new_scheme("s", rub)
    scaffold.new_proposal("p", tmp_path, rubrics=[rub])
    scaffold.new_plugin("speed", tmp_path)
    scaffold.new_assessment("c", rub, [Proposal("p", "P")], tmp_path)
    assert used == template_files() and len(used) == 12


@pytest.mark.parametrize("title", TITLES)
def test_any_title_loads_back_unchanged(tmp_path, title):
    """Rubric, scheme and proposal titles with newlines, quotes or backslashes load back as typed."""
    scaffold.new_rubric("r", tmp_path / "rubrics", title=title)
    rub = load_project([tmp_path / "rubrics"], autoload=False).rubrics[0]
    scaffold.new_scheme("s", rub, title=title)
    scaffold.new_proposal("p", tmp_path / "proposals", title=title)
    project = load_project([tmp_path / "rubrics"], [tmp_path / "proposals"], autoload=False)
    (rub,) = project.rubrics
    assert rub.title == title
    assert [s.title for s in rub.schemes if s.id == "s"] == [title]
    assert project.proposals[0].title == title


def test_cli_title_with_a_newline_validates(tmp_path, monkeypatch, capsys):
    """`rubric new rubric x --title $'a\\nb'` writes a rubric that `rubric validate` accepts."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cli.main(["new", "rubric", "x", "--title", "a\nb"]) == 0
    assert cli.main(["new", "proposal", "y", "--title", "c\nd"]) == 0
    assert cli.main(["validate"]) == 0, capsys.readouterr().err


def test_the_plugin_template_depends_on_the_distribution_name(tmp_path):
    """The generated package depends on policy-rubric, the name rubric is published under."""
    import tomli

    import rubric

    scaffold.new_plugin("speed", tmp_path)
    meta = tomli.loads((tmp_path / "rubric-speed" / "pyproject.toml").read_text())
    assert meta["project"]["dependencies"] == [f"policy-rubric>={rubric.__version__}"]
