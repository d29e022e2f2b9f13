"""The plugin manager and the registry of what every plugin provides.

:func:`create_registry` builds a fresh pluggy manager each time (no module
global, so tests and notebooks never have to undo registrations): built-in
plugins first, then entry points of the group ``rubric``, then plugin files.
It calls every registration hook one implementation at a time, so each
component is stored with the plugin that provided it, and any failure — an
import error, an exception, a wrong return value, a name two plugins claim —
becomes a :class:`~rubric.errors.PluginError` naming the plugin.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, TypeVar

import attrs
import pluggy

from rubric import hookspecs
from rubric.components import AggregationMethod, CriterionKind, OutputFormat, WeightingMethod
from rubric.errors import PLUGIN_FAILURES, PluginError, RubricError, UnknownNameError, did_you_mean

T = TypeVar("T")

__all__ = ["AUTOLOAD_ENV", "PluginInfo", "Registry", "create_registry"]

#: Set this environment variable (to anything but "" or "0") to skip entry points.
AUTOLOAD_ENV = "RUBRIC_DISABLE_PLUGIN_AUTOLOAD"

ENTRY_POINT_GROUP = "rubric"
_BUILTIN_PACKAGES = ("rubric.criteria", "rubric.aggregation", "rubric.weighting", "rubric.formats")

# category, as messages name it -> (hook that provides it, component class)
CATEGORIES = {
    "criterion kind": ("rubric_criterion_kinds", CriterionKind),
    "aggregation method": ("rubric_aggregation_methods", AggregationMethod),
    "weighting method": ("rubric_weighting_methods", WeightingMethod),
    "output format": ("rubric_output_formats", OutputFormat),
}


@attrs.frozen
class PluginInfo:
    """A registered plugin: its name and where it came from."""

    name: str
    source: str


@attrs.frozen
class Registry:
    """Every component by category and name, and the plugin that provided it."""

    components: Mapping[str, Mapping[str, object]]
    providers: Mapping[tuple, PluginInfo]
    plugins: tuple

    def get(self, category: str, name: str):
        """The component of ``category`` called ``name``; :class:`UnknownNameError` if none."""
        try:
            return self.components[category][name]
        except KeyError:
            raise UnknownNameError(category, name, list(self.components[category])) from None

    def names(self, category: str) -> tuple:
        """The names registered in a category, sorted."""
        return tuple(sorted(self.components[category]))

    def provider(self, category: str, name: str) -> PluginInfo:
        """The plugin that provided a component."""
        return self.providers[(category, name)]

    def criterion_kind(self, name: str) -> CriterionKind:
        return self.get("criterion kind", name)

    def aggregation_method(self, name: str) -> AggregationMethod:
        return self.get("aggregation method", name)

    def weighting_method(self, name: str) -> WeightingMethod:
        return self.get("weighting method", name)

    def output_format(self, name: str) -> OutputFormat:
        return self.get("output format", name)

    def plugin_error(self, category: str, name: str, message: str, **culprits: str) -> PluginError:
        """The one shape of a component's failure: ``plugin NAME (SOURCE): MESSAGE``.

        ``culprits`` (``criterion=``, ``proposal=``) are kept on the error for
        callers that report them separately.
        """
        info = self.provider(category, name)
        return PluginError(f"plugin {info.name} ({info.source}): {message}", plugin=info.name, **culprits)

    def call(self, category: str, component: Any, what: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call one of a component's functions; its failure becomes a :class:`PluginError`.

        Every call from rubric into plugin code goes through here, so an
        exception (a stray ``sys.exit()`` included) is reported once, in one
        shape, naming the plugin and ``what`` it was doing.  A
        :class:`~rubric.errors.RubricError` the plugin raises on purpose (bad
        input it found) passes through unchanged.
        """
        try:
            return function(*args, **kwargs)
        except RubricError:
            raise
        except PLUGIN_FAILURES as exc:
            raise self.failure(category, component, what, exc) from None

    def param_problems(
        self, category: str, name: str, params: Mapping[str, Any], rubric: Any, *, where: str = ""
    ) -> list[tuple[str, str]]:
        """What is wrong with a component's parameters, as ``(sub-key, message)`` pairs.

        Unknown names (with a "did you mean") and missing required ones are
        checked here, for every component kind alike; then the component's own
        ``check_params(params, rubric)``, through :meth:`call` (``where`` says
        for which key, should it fail).  A sub-key of ``""`` means the
        parameters' table itself.
        """
        component = self.get(category, name)
        declared = dict(getattr(component, "params", {}))
        problems = [
            (key, f"unknown parameter {key!r} of {category} {name!r}{did_you_mean(key, list(declared))}")
            for key in params
            if key not in declared
        ]
        problems += [
            ("", f"{category} {name!r} needs the parameter {key!r}")
            for key, default in declared.items()
            if default is None and key not in params
        ]
        if problems or component.check_params is None:
            return problems
        what = f"checking its parameters for {where}" if where else "checking its parameters"
        found = self.call(category, component, what, component.check_params, params, rubric)
        return [item if isinstance(item, tuple) else ("", str(item)) for item in found]

    def failure(self, category: str, component: Any, what: str, exc: BaseException) -> PluginError:
        """The error for a component's function that raised ``exc`` while doing ``what``.

        For hot loops that inline :meth:`call`'s ``try`` (one call per value).
        """
        return self.plugin_error(
            category, component.name, f"{category} {component.name!r} failed while {what}: {type(exc).__name__}: {exc}"
        )


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, minus the inspection of dunder attributes.

    pluggy statically inspects every attribute of every plugin for hook
    implementations; dunders never are one, and skipping them saves a fifth
    of a cold start.  Any other name, a misspelt hook included, is still
    inspected, so ``check_pending`` still catches typos.
    """

    def parse_hookimpl_opts(self, plugin, name):
        if name.startswith("__"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def autoload_disabled() -> bool:
    """Whether the environment asks to skip entry-point plugins."""
    return os.environ.get(AUTOLOAD_ENV, "") not in ("", "0")


def create_registry(
    plugin_files: Iterable[os.PathLike | str] = (),
    *,
    autoload: Optional[bool] = None,
    plugins: Iterable[object] = (),
) -> Registry:
    """Build a registry from the built-ins, entry points, files and objects.

    :param plugin_files: Python files to load as plugins (rubric ``plugins``
        entries, already resolved, and ``--plugin`` paths).
    :param autoload: load entry points of the group ``rubric``; default: yes
        unless :data:`AUTOLOAD_ENV` is set.
    :param plugins: extra plugin objects or modules (handy in tests/notebooks).
    """
    pm = _PluginManager("rubric")
    pm.add_hookspecs(hookspecs)
    sources: dict[str, str] = {}

    def register(plugin: object, name: str, source: str) -> None:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:  # pluggy.PluginValidationError, ValueError for duplicates
            raise PluginError(f"plugin {name} ({source}) cannot be registered: {exc}", plugin=name) from None
        sources[name] = source

    for package in _BUILTIN_PACKAGES:
        for module_name in importlib.import_module(package).BUILTINS:
            register(importlib.import_module(module_name), module_name, "built-in")
    if autoload if autoload is not None else not autoload_disabled():
        for name, plugin, source in _entry_point_plugins():
            register(plugin, name, source)
    for path in dict.fromkeys(Path(p).resolve() for p in plugin_files):
        register(_load_plugin_file(path), str(path), "file")
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        register(plugin, name, "object")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        raise PluginError(f"plugin {name} ({sources.get(name, '')}): {exc}", plugin=name) from None
    return _collect(pm, sources)


def _entry_point_plugins():
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        source = f"entry point {ep.value} of {dist.name} {dist.version}" if dist else f"entry point {ep.value}"
        try:
            plugin = ep.load()
        except PLUGIN_FAILURES as exc:
            raise PluginError(
                f"plugin {ep.name} ({source}) failed to import: {type(exc).__name__}: {exc}", plugin=ep.name
            ) from None
        yield ep.name, plugin, source


def _load_plugin_file(path: Path):
    if not path.is_file():
        raise PluginError(f"plugin file {path} does not exist", plugin=str(path))
    # A stable, unique module name: two files called plugin.py must not collide.
    module_name = f"rubric_plugin_{path.stem}_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        del sys.modules[module_name]
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise PluginError(
            f"plugin file {path} failed to import: {type(exc).__name__}: {exc}", plugin=str(path)
        ) from None
    return module


def _collect(pm: pluggy.PluginManager, sources: Mapping[str, str]) -> Registry:
    components: dict[str, dict[str, object]] = {category: {} for category in CATEGORIES}
    providers: dict[tuple, PluginInfo] = {}
    order = {name: index for index, name in enumerate(sources)}
    for category, (hook_name, cls) in CATEGORIES.items():
        # Registration order (built-ins first), not pluggy's LIFO call order, so
        # a duplicate is reported against the plugin that came second.
        impls = sorted(getattr(pm.hook, hook_name).get_hookimpls(), key=lambda i: order[i.plugin_name])
        for impl in impls:
            info = PluginInfo(impl.plugin_name, sources.get(impl.plugin_name, ""))
            who = f"plugin {info.name} ({info.source})"
            try:
                provided = list(impl.function() or ())
            except PLUGIN_FAILURES as exc:
                raise PluginError(f"{who} raised in {hook_name}: {type(exc).__name__}: {exc}", plugin=info.name) from None
            for component in provided:
                if not isinstance(component, cls):
                    raise PluginError(
                        f"{who}: {hook_name} must return {cls.__name__} objects, got {type(component).__name__}",
                        plugin=info.name,
                    )
                if component.name in components[category]:
                    first = providers[(category, component.name)]
                    raise PluginError(
                        f"{category} {component.name!r} is provided twice: by plugin {first.name} "
                        f"({first.source}) and by {who}",
                        plugin=info.name,
                    )
                components[category][component.name] = component
                providers[(category, component.name)] = info
    plugins = tuple(PluginInfo(name, source) for name, source in sources.items())
    return Registry(components=components, providers=providers, plugins=plugins)
