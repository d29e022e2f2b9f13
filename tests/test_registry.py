"""The plugin registry: built-ins, entry points, files, and errors naming the plugin."""

from __future__ import annotations

import types

import pytest

from rubric import hookimpl
from rubric.components import AggregationMethod, CriterionKind
from rubric.discovery import create_registry
from rubric.errors import PluginError


class FakeDist:
    name = "rubric-fake"
    version = "1.2.3"


class FakeEntryPoint:
    """Stands in for an installed distribution's entry point (as pluggy's own tests do)."""

    def __init__(self, name, plugin=None, error=None):
        self.name, self.value, self.dist = name, f"{name}_module", FakeDist()
        self._plugin, self._error = plugin, error

    def load(self):
        if self._error:
            raise self._error
        return self._plugin


def plugin_module(name: str, **hooks) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module


def kind(name: str) -> CriterionKind:
    return CriterionKind(name, lambda criterion, proposal, rubric: 0.0)


@pytest.fixture
def entry_points(monkeypatch):
    """Install fake entry points for the group `rubric`."""
    installed = []

    def fake(group=None):
        assert group == "rubric"
        return installed

    monkeypatch.setattr("importlib.metadata.entry_points", fake)
    monkeypatch.delenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    return installed


def test_builtins_are_plugins_like_any_other():
    """Every built-in component is registered through the hooks, with its plugin's name."""
    registry = create_registry(autoload=False)
    assert registry.provider("criterion kind", "assessed").name == "rubric.criteria.assessed"
    assert registry.provider("aggregation method", "weighted-sum").source == "built-in"
    assert {"direct", "equal"} <= set(registry.names("weighting method"))
    assert {"json", "csv", "github", "latex", "html"} <= set(registry.names("output format"))


def test_entry_points_are_loaded_with_their_distribution(entry_points):
    """An entry point's components are registered and its source names the distribution."""
    entry_points.append(FakeEntryPoint("fake", plugin_module("fake", rubric_criterion_kinds=lambda: [kind("fake-kind")])))
    registry = create_registry()
    assert registry.provider("criterion kind", "fake-kind").source == "entry point fake_module of rubric-fake 1.2.3"


def test_autoload_can_be_disabled(entry_points, monkeypatch):
    """autoload=False and RUBRIC_DISABLE_PLUGIN_AUTOLOAD both skip entry points."""
    entry_points.append(FakeEntryPoint("fake", plugin_module("fake", rubric_criterion_kinds=lambda: [kind("fake-kind")])))
    assert "fake-kind" not in create_registry(autoload=False).names("criterion kind")
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert "fake-kind" not in create_registry().names("criterion kind")


def test_entry_point_that_fails_to_import(entry_points):
    """An entry point that cannot be imported is named with its distribution."""
    entry_points.append(FakeEntryPoint("broken", error=ImportError("No module named 'numpyy'")))
    expected = (
        r"plugin broken \(entry point broken_module of rubric-fake 1.2.3\) failed to import: "
        r"ImportError: No module named 'numpyy'"
    )
    with pytest.raises(PluginError, match=expected):
        create_registry()


def test_duplicate_names_name_both_plugins():
    """Two plugins offering one name is an error naming both, never a silent overwrite."""
    first = plugin_module("first", rubric_criterion_kinds=lambda: [kind("same")])
    second = plugin_module("second", rubric_criterion_kinds=lambda: [kind("same")])
    with pytest.raises(PluginError, match="criterion kind 'same' is provided twice: by plugin first .* and by plugin second"):
        create_registry(autoload=False, plugins=[first, second])


def test_duplicate_of_a_builtin():
    """A plugin cannot silently replace a built-in method."""
    clash = plugin_module("clash", rubric_aggregation_methods=lambda: [AggregationMethod("weighted-sum", lambda m, w, **k: [])])
    with pytest.raises(PluginError, match="'weighted-sum' is provided twice: by plugin rubric.aggregation.weighted_sum"):
        create_registry(autoload=False, plugins=[clash])


def test_wrong_return_type_names_the_plugin():
    """A hook returning something other than components is reported."""
    bad = plugin_module("bad", rubric_criterion_kinds=lambda: ["not a kind"])
    with pytest.raises(PluginError, match="plugin bad .*rubric_criterion_kinds must return CriterionKind objects, got str"):
        create_registry(autoload=False, plugins=[bad])


def test_hook_that_raises_names_the_plugin():
    """An exception in a registration hook is wrapped with the plugin's name."""

    def boom():
        raise RuntimeError("boom")

    with pytest.raises(PluginError, match="plugin bad .* raised in rubric_output_formats: RuntimeError: boom"):
        create_registry(autoload=False, plugins=[plugin_module("bad", rubric_output_formats=boom)])


def test_misspelt_hook_fails_loudly():
    """A hookimpl whose name is no hook is an error (check_pending), not silently ignored."""
    typo = plugin_module("typo", rubric_criterion_kind=lambda: [])
    with pytest.raises(PluginError, match="plugin typo .*rubric_criterion_kind"):
        create_registry(autoload=False, plugins=[typo])


def test_plugin_file(tmp_path):
    """A plugin file is imported once by path and named by it."""
    path = tmp_path / "my_plugin.py"
    path.write_text(
        "from rubric import hookimpl\n"
        "from rubric.components import CriterionKind\n"
        "@hookimpl\n"
        "def rubric_criterion_kinds():\n"
        "    return [CriterionKind('constant', lambda c, p, r: 1.0)]\n"
    )
    registry = create_registry([path, path], autoload=False)
    info = registry.provider("criterion kind", "constant")
    assert (info.name, info.source) == (str(path), "file")


def test_missing_plugin_file(tmp_path):
    """A plugin path that does not exist is a clear error."""
    with pytest.raises(PluginError, match="does not exist"):
        create_registry([tmp_path / "nope.py"], autoload=False)


def test_plugin_file_python_cannot_import(tmp_path):
    """A plugin file without a suffix Python imports (plugin.txt) is a clear error, not a traceback."""
    path = tmp_path / "plugin.txt"
    path.write_text("from rubric import hookimpl\n")
    with pytest.raises(PluginError, match=r"plugin\.txt cannot be imported: it is not a Python \(\.py\) file") as raised:
        create_registry([path], autoload=False)
    assert raised.value.plugin == str(path)


def test_entry_point_error_says_how_to_run_without_it(entry_points):
    """An entry point's failure names both ways to skip it: -p no:NAME and --no-plugin-autoload."""
    entry_points.append(FakeEntryPoint("broken", error=ImportError("No module named 'numpyy'")))
    with pytest.raises(PluginError, match=r"to run without it: -p no:broken, or --no-plugin-autoload"):
        create_registry()


def test_blocked_entry_point_is_never_imported(entry_points):
    """-p no:NAME leaves an entry point out without loading it, and the registry says so."""
    entry_points.append(FakeEntryPoint("broken", error=AssertionError("must not be loaded")))
    registry = create_registry(block=["broken"])
    assert [(s.name, s.blocked) for s in registry.skipped] == [("broken", True)]
    assert "broken" not in [p.name for p in registry.plugins]
    assert "plugin broken (entry point broken_module of rubric-fake 1.2.3), blocked by -p no:broken" in (
        registry.skipped_providers("criterion kind", "anything")
    )


def test_blocked_builtin_is_named_as_the_provider():
    """A built-in blocked by its module name is left out, and named as what provides its method."""
    registry = create_registry(autoload=False, block=["rubric.aggregation.topsis"])
    assert "topsis" not in registry.names("aggregation method")
    assert "weighted-sum" in registry.names("aggregation method")
    assert registry.skipped_providers("aggregation method", "topsis") == (
        " It is provided by a plugin left out: plugin rubric.aggregation.topsis (built-in), "
        "blocked by -p no:rubric.aggregation.topsis."
    )
    assert registry.skipped_providers("aggregation method", "vikor") == ""


def test_lenient_registry_skips_an_entry_point_that_fails_to_import(entry_points):
    """lenient=True: a broken installed plugin is left out and recorded; the others still load."""
    entry_points.append(FakeEntryPoint("broken", error=ImportError("No module named 'numpyy'")))
    entry_points.append(FakeEntryPoint("fine", plugin_module("fine", rubric_criterion_kinds=lambda: [kind("fine-kind")])))
    registry = create_registry(lenient=True)
    assert "fine-kind" in registry.names("criterion kind")
    (skipped,) = registry.skipped
    assert (skipped.name, skipped.blocked) == ("broken", False)
    assert "failed to import: ImportError: No module named 'numpyy'" in str(skipped)
    hint = registry.skipped_providers("criterion kind", "other")
    assert hint.startswith(" It may be provided by a plugin left out: plugin broken")


def test_lenient_registry_drops_every_component_of_a_failing_plugin(entry_points):
    """A plugin whose second hook raises loses its first hook's kind too, which it is named as offering."""

    def boom():
        raise RuntimeError("boom")

    module = plugin_module("half", rubric_criterion_kinds=lambda: [kind("half-kind")], rubric_output_formats=boom)
    entry_points.append(FakeEntryPoint("half", module))
    registry = create_registry(lenient=True)
    assert "half-kind" not in registry.names("criterion kind")
    assert "half" not in [p.name for p in registry.plugins]
    assert registry.skipped_providers("criterion kind", "half-kind").startswith(
        " It is provided by a plugin left out: plugin half (entry point half_module of rubric-fake 1.2.3) raised in "
        "rubric_output_formats: RuntimeError: boom"
    )


def test_lenient_registry_drops_a_misspelt_entry_point_but_not_a_file(entry_points, tmp_path):
    """A typo'd hook in an entry point is skipped when lenient; plugin files and objects still raise."""
    entry_points.append(FakeEntryPoint("typo", plugin_module("typo", rubric_criterion_kind=lambda: [])))  # noqa: PIE807
    assert [s.name for s in create_registry(lenient=True).skipped] == ["typo"]
    with pytest.raises(PluginError, match="plugin bad .* raised in rubric_output_formats"):
        create_registry(autoload=False, lenient=True, plugins=[plugin_module("bad", rubric_output_formats=lambda: 1 / 0)])


def test_module_installed_and_named_as_a_file_loads_once(entry_points, tmp_path):
    """The same file as an entry point's module and in a rubric's plugins is registered once, not twice."""
    import importlib.util
    import sys

    path = tmp_path / "rubric_twice.py"
    path.write_text(
        "from rubric import hookimpl\n"
        "from rubric.components import CriterionKind\n"
        "@hookimpl\n"
        "def rubric_criterion_kinds():\n"
        "    return [CriterionKind('twice', lambda c, p, r: 1.0)]\n"
    )
    spec = importlib.util.spec_from_file_location("rubric_twice", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "rubric_twice" not in sys.modules
    entry_points.append(FakeEntryPoint("twice", module))
    registry = create_registry([tmp_path / "." / "rubric_twice.py"])
    assert registry.provider("criterion kind", "twice").name == "twice"
    assert [p.name for p in registry.plugins].count("twice") == 1
    assert str(path) not in [p.name for p in registry.plugins]
