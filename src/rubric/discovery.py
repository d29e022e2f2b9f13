"""Finding, loading and registering plugins: the factory that builds a :class:`~rubric.registry.Registry`.

:func:`create_registry` builds a fresh pluggy manager each time (no module
global, so tests and notebooks never have to undo registrations): built-in
plugins first, then entry points of the group ``rubric``, then plugin files.
It calls every registration hook one implementation at a time, so each
component is stored with the plugin that provided it, and any failure — an
import error, an exception, a wrong return value, a name two plugins claim —
becomes a :class:`~rubric.errors.PluginError` naming the plugin.

Built-ins and entry points can be blocked by name (``-p no:NAME``), and a
lenient registry skips an entry point that fails instead of raising: an
installed plugin is there for every project, so its failure must not stop work
that does not need it.  What was skipped is kept, so an unknown component can
name the plugin that would have provided it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Iterator, Mapping, Optional, Protocol, cast

import pluggy

from rubric import hookspecs
from rubric.components import AggregationMethod, Component, CriterionKind, OutputFormat, SortingMethod, WeightingMethod
from rubric.errors import PLUGIN_FAILURES, PluginError
from rubric.registry import ENTRY_POINT, PluginInfo, Registry, SkippedPlugin, skip_hint

__all__ = ["AUTOLOAD_ENV", "BUILTIN_PACKAGES", "CATEGORIES", "autoload_disabled", "create_registry"]

#: Set this environment variable (to anything but "" or "0") to skip entry points.
AUTOLOAD_ENV = "RUBRIC_DISABLE_PLUGIN_AUTOLOAD"

ENTRY_POINT_GROUP = "rubric"
BUILTIN_PACKAGES = ("rubric.criteria", "rubric.aggregation", "rubric.weighting", "rubric.sorting", "rubric.formats")

# category, as messages name it -> (hook that provides it, component class)
CATEGORIES: dict[str, tuple[str, type[Component]]] = {
    "criterion kind": ("rubric_criterion_kinds", CriterionKind),
    "aggregation method": ("rubric_aggregation_methods", AggregationMethod),
    "weighting method": ("rubric_weighting_methods", WeightingMethod),
    "sorting method": ("rubric_sorting_methods", SortingMethod),
    "output format": ("rubric_output_formats", OutputFormat),
}

# (category, hook name, component class, a plugin's implementation of the hook)
Hooked = tuple[str, str, type[Component], pluggy.HookImpl]


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, minus the inspection of dunder attributes.

    pluggy statically inspects every attribute of every plugin for hook
    implementations; dunders never are one, and skipping them saves a fifth
    of a cold start.  Any other name, a misspelt hook included, is still
    inspected, so ``check_pending`` still catches typos.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Optional[pluggy.HookimplOpts]:
        if name.startswith("__"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def autoload_disabled() -> bool:
    """Whether the environment asks to skip entry-point plugins."""
    return os.environ.get(AUTOLOAD_ENV, "") not in ("", "0")


class GiveUp(Protocol):
    """What :func:`create_registry` does with a plugin that failed: skip it, or raise."""

    def __call__(
        self,
        name: str,
        source: str,
        message: str,
        offered: Iterable[tuple[str, str]] = ...,
        cause: Optional[BaseException] = ...,
    ) -> None: ...


def create_registry(
    plugin_files: Iterable[os.PathLike[str] | str] = (),
    *,
    autoload: Optional[bool] = None,
    plugins: Iterable[object] = (),
    block: Iterable[str] = (),
    lenient: bool = False,
) -> Registry:
    """Build a registry from the built-ins, entry points, files and objects.

    :param plugin_files: Python files to load as plugins (rubric ``plugins``
        entries, already resolved, and ``--plugin`` paths).  A file that an
        entry point already imported (same resolved path) is not loaded again.
    :param autoload: load entry points of the group ``rubric``; default: yes
        unless :data:`AUTOLOAD_ENV` is set.
    :param plugins: extra plugin objects or modules (handy in tests/notebooks).
    :param block: names of built-in modules (``rubric.aggregation.topsis``) or
        entry points to leave out, as ``-p no:NAME`` does; they are never imported.
    :param lenient: an entry point that fails to import or register is left out
        and listed in :attr:`Registry.skipped` instead of raising.
    """
    blocked = set(block)
    pm = _PluginManager("rubric")
    pm.add_hookspecs(hookspecs)
    sources: dict[str, str] = {}
    skipped: list[SkippedPlugin] = []

    def give_up(
        name: str,
        source: str,
        message: str,
        offered: Iterable[tuple[str, str]] = frozenset(),
        cause: Optional[BaseException] = None,
    ) -> None:
        """Skip an entry point in a lenient registry; raise for anything else.

        ``cause`` is chained for ``--traceback``; the message already says what it was.
        """
        if not (lenient and source.startswith(ENTRY_POINT)):
            raise PluginError(message, plugin=name) from cause
        skipped.append(SkippedPlugin(name, source, message, offered=frozenset(offered)))

    def register(plugin: object, name: str, source: str) -> None:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:  # pluggy.PluginValidationError, ValueError for duplicates
            hint = skip_hint(PluginInfo(name, source))
            return give_up(name, source, f"plugin {name} ({source}) cannot be registered: {exc}{hint}")
        sources[name] = source

    for package in BUILTIN_PACKAGES:
        for module_name in importlib.import_module(package).BUILTINS:
            module = importlib.import_module(module_name)
            if module_name in blocked:
                skipped.append(SkippedPlugin(module_name, "built-in", "blocked", True, _offers(module)))
            else:
                register(module, module_name, "built-in")
    if autoload if autoload is not None else not autoload_disabled():
        for name, source, plugin in _entry_point_plugins(blocked, skipped, give_up):
            register(plugin, name, source)
    loaded = {Path(f).resolve() for p in pm.get_plugins() if (f := getattr(p, "__file__", None))}
    for path in dict.fromkeys(Path(p).resolve() for p in plugin_files):
        if path not in loaded:
            register(_load_plugin_file(path), str(path), "file")
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        register(plugin, name, "object")
    _check_pending(pm, sources, give_up)
    return _collect(pm, sources, skipped, give_up)


def _offers(module: ModuleType) -> frozenset[tuple[str, str]]:
    """What a built-in module registers, read without registering it (for a blocked one)."""
    return frozenset(
        (category, component.name)
        for category, (hook_name, _) in CATEGORIES.items()
        for component in (getattr(module, hook_name, lambda: ())() or ())
    )


def _entry_point_plugins(
    blocked: set[str], skipped: list[SkippedPlugin], give_up: GiveUp
) -> Iterator[tuple[str, str, object]]:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        source = f"{ENTRY_POINT} {ep.value} of {dist.name} {dist.version}" if dist else f"{ENTRY_POINT} {ep.value}"
        if ep.name in blocked:
            skipped.append(SkippedPlugin(ep.name, source, "blocked", True))
            continue
        try:
            plugin = ep.load()
        except PLUGIN_FAILURES as exc:
            hint = skip_hint(PluginInfo(ep.name, source))
            message = f"plugin {ep.name} ({source}) failed to import: {type(exc).__name__}: {exc}{hint}"
            give_up(ep.name, source, message, cause=exc)
            continue
        yield ep.name, source, plugin


def _load_plugin_file(path: Path) -> ModuleType:
    if not path.is_file():
        raise PluginError(f"plugin file {path} does not exist", plugin=str(path))
    # A stable, unique module name: two files called plugin.py must not collide.
    module_name = f"rubric_plugin_{path.stem}_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:  # no loader for the suffix: plugin.txt, say
        raise PluginError(f"plugin file {path} cannot be imported: it is not a Python (.py) file", plugin=str(path))
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


def _check_pending(pm: pluggy.PluginManager, sources: dict[str, str], give_up: GiveUp) -> None:
    """A hookimpl that matches no hook (a typo) is an error; a lenient registry drops its plugin."""
    while True:
        try:
            return pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = pm.get_name(exc.plugin) or repr(exc.plugin)
            info = PluginInfo(name, sources.get(name, ""))
            give_up(name, info.source, f"plugin {name} ({info.source}): {exc}{skip_hint(info)}", cause=exc)
            pm.unregister(exc.plugin)
            del sources[name]


def _collect(pm: pluggy.PluginManager, sources: dict[str, str], skipped: list[SkippedPlugin], give_up: GiveUp) -> Registry:
    # Plugin by plugin, in registration order (built-ins first), so a duplicate
    # is reported against the plugin that came second, and a plugin a lenient
    # registry drops takes all of its components with it.
    impls: dict[str, list[Hooked]] = {name: [] for name in sources}
    for category, (hook_name, cls) in CATEGORIES.items():
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            impls[impl.plugin_name].append((category, hook_name, cls, impl))
    components: dict[str, dict[str, Component]] = {category: {} for category in CATEGORIES}
    providers: dict[tuple[str, str], PluginInfo] = {}
    for name in list(sources):
        info = PluginInfo(name, sources[name])
        offered: dict[tuple[str, str], Component] = {}
        problem, cause = _plugin_components(info, impls[name], providers, offered)
        if problem:
            give_up(info.name, info.source, problem, offered, cause)
            del sources[name]
            continue
        for (category, component_name), component in offered.items():
            components[category][component_name] = component
            providers[(category, component_name)] = info
    plugins = tuple(PluginInfo(name, source) for name, source in sources.items())
    return Registry(components=components, providers=providers, plugins=plugins, skipped=tuple(skipped))


def _plugin_components(
    info: PluginInfo,
    impls: list[Hooked],
    providers: Mapping[tuple[str, str], PluginInfo],
    offered: dict[tuple[str, str], Component],
) -> tuple[str, Optional[BaseException]]:
    """Fill ``offered`` with one plugin's components; its first failure: message and exception."""
    who = f"plugin {info.name} ({info.source})"
    for category, hook_name, cls, impl in impls:
        try:
            # Whatever the plugin returned: list() refuses a non-iterable, isinstance below the rest.
            provided: list[Any] = list(cast(Iterable[Any], impl.function() or ()))
        except PLUGIN_FAILURES as exc:
            return f"{who} raised in {hook_name}: {type(exc).__name__}: {exc}{skip_hint(info)}", exc
        for component in provided:
            if not isinstance(component, cls):
                got = type(component).__name__
                return f"{who}: {hook_name} must return {cls.__name__} objects, got {got}{skip_hint(info)}", None
            key = (category, component.name)
            if key in providers or key in offered:
                first = providers.get(key, info)
                hints = skip_hint(first) or skip_hint(info)
                twice = f"{category} {component.name!r} is provided twice"
                return f"{twice}: by plugin {first.name} ({first.source}) and by {who}{hints}", None
            offered[key] = component
    return "", None
