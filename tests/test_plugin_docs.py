"""The plugin guide stays in step with the hook contract and its own example runs."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest

from rubric import hookspecs
from rubric.cli import main
from rubric.engine import evaluate
from rubric.loading import load_project

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "writing-plugins.md"


def hooks() -> list:
    """Every hook declared in hookspecs.py (functions carrying the rubric spec marker)."""
    return [
        function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "rubric_spec")
    ]


def signature(function) -> str:
    """``def name(args) -> Return`` as written in hookspecs.py (annotations as source text)."""
    sig = inspect.signature(function)
    params = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in sig.parameters.values()
    )
    returns = "" if sig.return_annotation is inspect.Signature.empty else f" -> {sig.return_annotation}"
    return f"def {function.__name__}({params}){returns}"


def test_there_are_hooks():
    """The meta-tests below would pass vacuously if no hook were found."""
    assert len(hooks()) >= 4


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: h.__name__)
def test_hook_has_a_docstring(hook):
    """Every hook says what it receives, returns and when it is called."""
    doc = inspect.getdoc(hook) or ""
    assert len(doc.split()) >= 10, f"{hook.__name__} in hookspecs.py lacks a docstring"
    assert ":returns:" in doc, f"{hook.__name__}'s docstring does not say what it returns"


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: h.__name__)
def test_hook_is_in_the_guide_with_its_signature(hook):
    """docs/writing-plugins.md names every hook with the signature hookspecs.py gives it."""
    text = GUIDE.read_text(encoding="utf-8")
    assert f"`{hook.__name__}`" in text, f"{hook.__name__} is not mentioned in {GUIDE.name}"
    assert signature(hook) in text, f"{GUIDE.name} lacks the signature `{signature(hook)}`"


def test_guide_names_no_hook_that_does_not_exist():
    """A hook renamed or removed in hookspecs.py must not linger in the guide."""
    known = {h.__name__ for h in hooks()}
    named = set(re.findall(r"\brubric_[a-z_]+\b", GUIDE.read_text(encoding="utf-8")))
    # Module and distribution names of the examples are not hooks.
    named = {n for n in named if not n.startswith(("rubric_speed", "rubric_reversibility", "rubric_plugin"))}
    assert named <= known, f"not hooks: {sorted(named - known)}"


def minimal_plugin() -> str:
    """The Python block that follows the ``minimal-plugin`` marker in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"<!-- minimal-plugin -->\s*```python\n(.*?)```", text, re.S)
    assert found, "the guide lost its minimal plugin"
    return found[1]


def test_minimal_plugin_in_the_guide_works(tmp_path, monkeypatch, capsys):
    """The guide's minimal plugin, saved as a file and named in a rubric, scores as it says."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "plugins" / "speed.py").write_text(minimal_plugin())
    (tmp_path / "rubrics" / "r.toml").write_text(
        textwrap.dedent(
            """
            id = "r"
            title = "R"
            version = "1"
            plugins = ["../plugins/speed.py"]

            [scale]
            min = -2
            max = 2
            labels = ["bad", "neutral", "good"]

            [groups.practical]
            title = "Practical"

            [criteria.speed]
            group = "practical"
            title = "Speed"
            kind = "speed"
            params = { horizon = 60 }
            """
        )
    )
    (tmp_path / "proposals" / "p.toml").write_text('id = "p"\ntitle = "P"\n[facts]\nmonths_to_effect = 12\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    project = load_project(["rubrics"], ["proposals"])
    value = evaluate(project.rubrics[0], project.proposals, registry=project.registry).values[0][0]
    assert value.score == pytest.approx(2 - 12 / 60 * 4)
    assert "months_to_effect = 12" in value.note
    assert main(["score"]) == 0
    assert "p" in capsys.readouterr().out
    (tmp_path / "proposals" / "p.toml").write_text('id = "p"\ntitle = "P"\n')
    assert main(["score"]) == 2
    assert "[facts.months_to_effect]" in capsys.readouterr().err


def test_guide_lists_every_shipped_computed_kind():
    """Each kind in plugins/feasibility.py is described in the guide's table."""
    from rubric.discovery import create_registry

    registry = create_registry([REPO / "plugins" / "feasibility.py"], autoload=False)
    text = GUIDE.read_text(encoding="utf-8")
    shipped = [n for n in registry.names("criterion kind") if registry.provider("criterion kind", n).source.startswith("file")]
    assert shipped
    for name in shipped:
        assert f"| `{name}` |" in text, f"kind {name} is not in the guide's table"
