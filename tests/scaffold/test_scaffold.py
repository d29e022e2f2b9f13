"""`rubric new`: scaffolded files load as they stand, and nothing is ever overwritten."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli as tomllib  # rubric reads TOML with tomli on every Python

from packages import run_package_tests
from rubric import cli, scaffold
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.errors import RubricError
from rubric.loading import load_project

REPO = Path(__file__).resolve().parents[2]


# --- plugin packages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "distribution", "module"),
    [
        ("speed", "speed", "rubric-speed", "rubric_speed"),
        ("enforcement-burden", "enforcement-burden", "rubric-enforcement-burden", "rubric_enforcement_burden"),
        ("rubric-speed", "speed", "rubric-speed", "rubric_speed"),
    ],
)
def test_plugin_names(name, kind, distribution, module):
    """One name gives the kind, the distribution and the module; rubric- is not doubled."""
    assert scaffold.plugin_names(name) == scaffold.PluginNames(kind, distribution, module)


@pytest.mark.parametrize("name", ["Speed", "my_plugin", "2fast", "a--b", "-x", "", "rubric-"])
def test_unusable_plugin_names_are_refused(tmp_path, name):
    """A name that cannot be a criterion kind and a module is refused before anything is written."""
    with pytest.raises(scaffold.ScaffoldError, match="lowercase words joined by hyphens"):
        scaffold.new_plugin(name, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_plugin_package_is_complete(tmp_path):
    """pyproject with the entry point, README, module with a hookimpl, and a test."""
    written = scaffold.new_plugin("enforcement-burden", tmp_path)
    root = tmp_path / "rubric-enforcement-burden"
    assert sorted(p.relative_to(root).as_posix() for p in written) == [
        "README.md",
        "pyproject.toml",
        "src/rubric_enforcement_burden/__init__.py",
        "tests/test_rubric_enforcement_burden.py",
    ]
    meta = tomllib.loads((root / "pyproject.toml").read_text())
    assert meta["project"]["name"] == "rubric-enforcement-burden"
    assert meta["project"]["entry-points"]["rubric"] == {"enforcement-burden": "rubric_enforcement_burden"}
    assert "@hookimpl" in (root / "src" / "rubric_enforcement_burden" / "__init__.py").read_text()
    assert "rubric plugins" in (root / "README.md").read_text()


def test_plugin_module_registers_its_kind(tmp_path):
    """Loaded as a plugin file, the scaffolded module registers the kind under the plugin's name."""
    scaffold.new_plugin("speed", tmp_path)
    module = tmp_path / "rubric-speed" / "src" / "rubric_speed" / "__init__.py"
    registry = create_registry([module], autoload=False)
    assert "speed" in registry.names("criterion kind")
    info = registry.provider("criterion kind", "speed")
    assert str(module.resolve()) in f"{info.name} {info.source}"


def test_plugin_package_test_passes(tmp_path):
    """The scaffolded package's own test passes as written."""
    scaffold.new_plugin("speed", tmp_path)
    done = run_package_tests(tmp_path / "rubric-speed")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_plugin_folder_is_never_overwritten(tmp_path):
    """An existing package folder is refused by path; nothing inside it changes."""
    (tmp_path / "rubric-speed").mkdir()
    (tmp_path / "rubric-speed" / "README.md").write_text("mine")
    with pytest.raises(scaffold.ScaffoldError, match=re.escape(str(tmp_path / "rubric-speed"))):
        scaffold.new_plugin("speed", tmp_path)
    assert [p.name for p in (tmp_path / "rubric-speed").iterdir()] == ["README.md"]
    assert (tmp_path / "rubric-speed" / "README.md").read_text() == "mine"


def test_force_rewrites_the_plugin_files(tmp_path):
    """force=True writes the skeleton's files into an existing folder, leaving others alone."""
    (tmp_path / "rubric-speed").mkdir()
    (tmp_path / "rubric-speed" / "NOTES.txt").write_text("mine")
    (tmp_path / "rubric-speed" / "README.md").write_text("old")
    scaffold.new_plugin("speed", tmp_path, force=True)
    assert (tmp_path / "rubric-speed" / "NOTES.txt").read_text() == "mine"
    assert "rubric-speed" in (tmp_path / "rubric-speed" / "README.md").read_text()


# --- rubric, scheme, proposal -----------------------------------------------------------


@pytest.fixture
def made(tmp_path):
    """A scaffolded rubric, scheme and proposal (with the rubric's assessment blocks)."""
    rubric_path = scaffold.new_rubric("civic-tech", tmp_path / "rubrics")
    project = load_project([tmp_path / "rubrics"], autoload=False)
    scheme_path = scaffold.new_scheme("cautious", project.rubrics[0])
    proposal_path = scaffold.new_proposal(
        "open-data-act", tmp_path / "proposals", rubrics=project.rubrics, registry=project.registry
    )
    return tmp_path, rubric_path, scheme_path, proposal_path


def test_scaffolded_files_load(made):
    """Rubric, scheme file and proposal pass the loader as written."""
    tmp_path, rubric_path, scheme_path, proposal_path = made
    assert rubric_path == tmp_path / "rubrics" / "civic-tech.toml"
    assert scheme_path == tmp_path / "rubrics" / "civic-tech.cautious.toml"
    assert proposal_path == tmp_path / "proposals" / "open-data-act.toml"
    project = load_project([tmp_path / "rubrics"], [tmp_path / "proposals"], autoload=False)
    (rubric,) = project.rubrics
    assert rubric.id == "civic-tech" and rubric.title == "Civic tech"
    assert [s.id for s in rubric.schemes] == ["balanced", "risks-first", "cautious"]
    assert [p.id for p in project.proposals] == ["open-data-act"]


def test_validate_accepts_scaffolded_files(made, monkeypatch, capsys):
    """`rubric validate` finds no problem in a scaffolded project."""
    tmp_path = made[0]
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "--no-plugin-autoload"]) == 0, capsys.readouterr().err


def uncomment(text: str) -> str:
    """What an author does first: uncomment the example keys, tables and strings."""
    keys = re.compile(r'# (\[|[a-z_]+ *=|"""|In your own words|\s+#|# )')
    return "\n".join(line[2:] if keys.match(line) else line for line in text.splitlines()) + "\n"


def test_uncommented_proposal_is_valid_and_scores(made):
    """Uncommented, the examples form a valid proposal assessed under the rubric."""
    tmp_path, _, _, proposal_path = made
    proposal_path.write_text(uncomment(proposal_path.read_text()))
    project = load_project([tmp_path / "rubrics"], [tmp_path / "proposals"], autoload=False)
    (proposal,) = project.proposals
    assert proposal.sources[0].id == "source-id"
    ev = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    assert [v.score for v in ev.values[0]] == [0, 0, 0, 0]


def test_uncommented_facts_satisfy_the_feasibility_rubric(tmp_path):
    """The example facts are valid vocabulary: the shipped feasibility rubric scores them."""
    path = scaffold.new_proposal("example", tmp_path)
    path.write_text(uncomment(path.read_text()))
    project = load_project([REPO / "rubrics" / "feasibility.toml"], [path], autoload=False)
    ev = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    assert len(ev.values[0]) == 5


def test_proposal_facts_follow_the_documented_vocabulary():
    """The scaffold offers exactly the facts listed in docs/formats.md."""
    text = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    vocabulary = text.split("## Facts vocabulary", 1)[1]
    documented = re.findall(r"^\| `([a-z_]+)` \|", vocabulary, re.M)
    assert documented and [key for key, _, _ in scaffold.FACTS] == documented


@pytest.mark.parametrize("make", ["rubric", "proposal", "scheme"])
def test_files_are_never_overwritten(made, make):
    """A second scaffold to the same path is refused by path and leaves the file as it was."""
    tmp_path, rubric_path, scheme_path, proposal_path = made
    target = {"rubric": rubric_path, "proposal": proposal_path, "scheme": scheme_path}[make]
    target.write_text(target.read_text() + "# edited\n")
    before = target.read_text()
    rubric = load_project([rubric_path], autoload=False).rubrics[0]
    again = {
        "rubric": lambda **kw: scaffold.new_rubric("civic-tech", tmp_path / "rubrics", **kw),
        "proposal": lambda **kw: scaffold.new_proposal("open-data-act", tmp_path / "proposals", **kw),
        "scheme": lambda **kw: scaffold.new_scheme("cautious", rubric, **kw),
    }[make]
    with pytest.raises(scaffold.ScaffoldError, match=re.escape(str(target))) as raised:
        again()
    assert "--force" in str(raised.value)
    assert target.read_text() == before
    again(force=True)
    assert target.read_text() != before


def test_scheme_id_already_in_the_rubric_is_refused(made):
    """A scheme the rubric already has is refused even with force: it would not load."""
    rubric_path = made[1]
    rubric = load_project([rubric_path], autoload=False).rubrics[0]
    with pytest.raises(scaffold.ScaffoldError, match="already has a scheme 'balanced'"):
        scaffold.new_scheme("balanced", rubric, force=True)


@pytest.mark.parametrize(
    "call",
    [
        lambda d: scaffold.new_rubric("Bad Id", d),
        lambda d: scaffold.new_proposal("bad/id", d),
        lambda d: scaffold.new_proposal("", d),
    ],
)
def test_unusable_ids_are_refused(tmp_path, call):
    """Ids the loader would reject are refused up front, before writing."""
    with pytest.raises(scaffold.ScaffoldError, match="expected an id"):
        call(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_scaffold_error_is_a_rubric_error():
    """The command line reports ScaffoldError as a one-line error with exit status 2."""
    assert issubclass(scaffold.ScaffoldError, RubricError)


def test_titles_default_from_the_id_and_can_be_given(tmp_path):
    """A title is derived from the id unless one is given; quotes are escaped."""
    path = scaffold.new_proposal("tariff-relief", tmp_path, title='The "big" one')
    assert 'title = "The \\"big\\" one"' in path.read_text()
    assert load_project([], [path], autoload=False).proposals[0].title == 'The "big" one'


# --- the command line (runs once `rubric new` is wired in cli.py) ------------------------

needs_cli = pytest.mark.skipif("new" not in cli.COMMANDS, reason="`rubric new` is not wired in cli.py yet")


@needs_cli
def test_cli_new_writes_each_kind_of_file(tmp_path, monkeypatch, capsys):
    """`rubric new rubric|scheme|proposal|plugin` write loadable files and say so on stderr."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cli.main(["new", "rubric", "civic-tech"]) == 0
    assert cli.main(["new", "scheme", "cautious", "--rubric", "civic-tech"]) == 0
    assert cli.main(["new", "proposal", "open-data-act", "--rubric", "civic-tech", "--title", "Open data act"]) == 0
    assert cli.main(["new", "plugin", "speed", "--dir", "plugins"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    for path in ("rubrics/civic-tech.toml", "rubrics/civic-tech.cautious.toml", "proposals/open-data-act.toml"):
        assert (tmp_path / path).is_file() and path in err
    assert (tmp_path / "plugins" / "rubric-speed" / "pyproject.toml").is_file()
    assert "[[assessments.civic-tech.value-a]]" in (tmp_path / "proposals" / "open-data-act.toml").read_text()
    assert cli.main(["validate"]) == 0


@needs_cli
def test_cli_new_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    """A second `rubric new` to the same path: exit 2, the path named, the file untouched; --force overwrites."""
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "proposal", "p"]) == 0
    (tmp_path / "proposals" / "p.toml").write_text('id = "p"\ntitle = "Mine"\n')
    capsys.readouterr()
    assert cli.main(["new", "proposal", "p"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "p.toml already exists" in err and "Traceback" not in err
    assert "Mine" in (tmp_path / "proposals" / "p.toml").read_text()
    assert cli.main(["new", "proposal", "p", "--force"]) == 0
    assert "Mine" not in (tmp_path / "proposals" / "p.toml").read_text()


@needs_cli
def test_cli_new_scheme_needs_a_known_rubric(tmp_path, monkeypatch, capsys):
    """`rubric new scheme` without --rubric is a usage error; an unknown rubric id is named."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cli.main(["new", "rubric", "civic-tech"]) == 0
    with pytest.raises(SystemExit) as raised:
        cli.main(["new", "scheme", "cautious"])
    assert raised.value.code == 2
    capsys.readouterr()
    assert cli.main(["new", "scheme", "cautious", "--rubric", "civic-tec"]) == 2
    assert "did you mean 'civic-tech'" in capsys.readouterr().err
