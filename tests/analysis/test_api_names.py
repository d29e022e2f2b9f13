"""The top-level analysis functions stay functions: no module name shadows them."""

from __future__ import annotations

import inspect
import os
import pkgutil
import subprocess
import sys
import textwrap

import rubric
import rubric.analysis
from conftest import TINY_RUBRIC, tiny_proposal

ANALYSES = ("smaa", "stability", "agreement")


def submodule_names(package) -> set:
    return {info.name for info in pkgutil.iter_modules(package.__path__)}


def test_each_analysis_is_the_function_on_every_call(tmp_path):
    """In a fresh interpreter, ``rubric.smaa`` (and the others) can be called twice, and ``from rubric import smaa`` is the function.

    Importing a submodule binds it on its package, so a submodule named like the
    function once made the second ``rubric.smaa(...)`` call a module.
    """
    (tmp_path / "tiny.toml").write_text(TINY_RUBRIC)
    for pid, scores in (("a", (2, 1, -1)), ("b", (-1, 0, 2))):
        (tmp_path / f"{pid}.toml").write_text(tiny_proposal(pid, *scores))
    script = textwrap.dedent(
        f"""
        import inspect
        import rubric

        evaluation = rubric.evaluate(rubric.load_rubric({str(tmp_path / "tiny.toml")!r}),
                                     rubric.load_proposals([{str(tmp_path / "a.toml")!r}, {str(tmp_path / "b.toml")!r}]))
        for _ in range(2):
            rubric.smaa(evaluation, samples=100)
            rubric.stability(evaluation)
            rubric.agreement(evaluation)
        from rubric import agreement, smaa, stability
        assert all(inspect.isfunction(f) for f in (agreement, smaa, stability)), (agreement, smaa, stability)
        print("ok")
        """
    )
    env = {**os.environ, "RUBRIC_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_top_level_name_is_a_submodule():
    """No name of rubric's public API is also the name of one of its submodules."""
    assert set(rubric.__all__) & submodule_names(rubric) == set()
    assert set(ANALYSES) <= set(rubric.__all__)


def test_no_analysis_function_is_named_like_a_submodule():
    """No public function of an analysis module shares its name with a submodule of rubric or rubric.analysis."""
    import importlib

    modules = submodule_names(rubric) | submodule_names(rubric.analysis)
    clashes = []
    for name in sorted(submodule_names(rubric.analysis)):
        module = importlib.import_module(f"rubric.analysis.{name}")
        for public in getattr(module, "__all__", ()):
            if inspect.isfunction(getattr(module, public)) and public in modules:
                clashes.append(f"rubric.analysis.{name}.{public}")
    assert clashes == []
