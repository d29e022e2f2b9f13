"""The plugin manager and the registry of what every plugin provides.

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
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Protocol, TypeVar, cast

import attrs
import pluggy

from rubric import hookspecs
from rubric.components import AggregationMethod, Component, CriterionKind, OutputFormat, ParamCheck, WeightingMethod
from rubric.errors import PLUGIN_FAILURES, PluginError, RubricError, UnknownNameError, did_you_mean
from rubric.model import Rubric

T = TypeVar("T")

__all__ = ["AUTOLOAD_ENV", "PluginInfo", "Registry", "SkippedPlugin", "create_registry"]

#: Set this environment variable (to anything but "" or "0") to skip entry points.
AUTOLOAD_ENV = "RUBRIC_DISABLE_PLUGIN_AUTOLOAD"

ENTRY_POINT_GROUP = "rubric"
_BUILTIN_PACKAGES = ("rubric.criteria", "rubric.aggregation", "rubric.weighting", "rubric.formats")

# category, as messages name it -> (hook that provides it, component class)
CATEGORIES: dict[str, tuple[str, type[Component]]] = {
    "criterion kind": ("rubric_criterion_kinds", CriterionKind),
    "aggregation method": ("rubric_aggregation_methods", AggregationMethod),
    "weighting method": ("rubric_weighting_methods", WeightingMethod),
    "output format": ("rubric_output_formats", OutputFormat),
}

ENTRY_POINT = "entry point"

# (category, hook name, component class, a plugin's implementation of the hook)
Hooked = tuple[str, str, type[Component], pluggy.HookImpl]


@attrs.frozen
class PluginInfo:
    """A registered plugin: its name and where it came from."""

    name: str
    source: str


@attrs.frozen
class SkippedPlugin:
    """A plugin left out: blocked by name, or (lenient registry) an entry point that failed.

    ``reason`` is ``"blocked"`` or the failure's message; ``offered`` holds the
    ``(category, name)`` of the components it would have provided, where that
    is known (a blocked built-in, a plugin whose hooks ran).
    """

    name: str
    source: str
    reason: str
    blocked: bool = False
    offered: frozenset[tuple[str, str]] = frozenset()

    def __str__(self) -> str:
        if self.blocked:
            return f"plugin {self.name} ({self.source}), blocked by -p no:{self.name}"
        return self.reason


@attrs.frozen
class Registry:
    """Every component by category and name, and the plugin that provided it."""

    components: Mapping[str, Mapping[str, Component]]
    providers: Mapping[tuple[str, str], PluginInfo]
    plugins: tuple[PluginInfo, ...]
    skipped: tuple[SkippedPlugin, ...] = ()

    def get(self, category: str, name: str) -> Component:
        """The component of ``category`` called ``name``; :class:`UnknownNameError` if none."""
        try:
            return self.components[category][name]
        except KeyError:
            raise UnknownNameError(category, name, list(self.components[category])) from None

    def has(self, category: str, name: str) -> bool:
        """Whether a component of ``category`` is called ``name``."""
        return name in self.components[category]

    def names(self, category: str) -> tuple[str, ...]:
        """The names registered in a category, sorted."""
        return tuple(sorted(self.components[category]))

    def provider(self, category: str, name: str) -> PluginInfo:
        """The plugin that provided a component."""
        return self.providers[(category, name)]

    # Each category holds only its own class: _plugin_components refuses anything else.
    def criterion_kind(self, name: str) -> CriterionKind:
        return cast(CriterionKind, self.get("criterion kind", name))

    def aggregation_method(self, name: str) -> AggregationMethod:
        return cast(AggregationMethod, self.get("aggregation method", name))

    def weighting_method(self, name: str) -> WeightingMethod:
        return cast(WeightingMethod, self.get("weighting method", name))

    def output_format(self, name: str) -> OutputFormat:
        return cast(OutputFormat, self.get("output format", name))

    def skipped_providers(self, category: str, name: str) -> str:
        """For an unknown component: a sentence naming the skipped plugins that provide it, or may.

        A plugin known to offer it is named alone; otherwise every skipped
        plugin whose offer is unknown (it failed to import, or was blocked
        before import) is a candidate.  "" if there is none.
        """
        known = [s for s in self.skipped if (category, name) in s.offered]
        candidates = known or [s for s in self.skipped if not s.offered]
        if not candidates:
            return ""
        lead = "It is provided by" if known else "It may be provided by"
        return f" {lead} a plugin left out: {'; '.join(map(str, candidates))}."

    def plugin_error(self, category: str, name: str, message: str, **culprits: str) -> PluginError:
        """The one shape of a component's failure: ``plugin NAME (SOURCE): MESSAGE``.

        ``culprits`` (``criterion=``, ``proposal=``) are kept on the error for
        callers that report them separately.
        """
        info = self.provider(category, name)
        return PluginError(f"plugin {info.name} ({info.source}): {message}{skip_hint(info)}", plugin=info.name, **culprits)

    def call(
        self, category: str, component: Component, what: str, function: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T:
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
        self, category: str, name: str, params: Mapping[str, Any], rubric: Rubric, *, where: str = ""
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
        check: Optional[ParamCheck] = getattr(component, "check_params", None)  # an output format has none
        if problems or check is None:
            return problems
        what = f"checking its parameters for {where}" if where else "checking its parameters"
        found = self.call(category, component, what, check, params, rubric)
        return [item if isinstance(item, tuple) else ("", str(item)) for item in found]

    def failure(self, category: str, component: Component, what: str, exc: BaseException) -> PluginError:
        """The error for a component's function that raised ``exc`` while doing ``what``.

        For hot loops that inline :meth:`call`'s ``try`` (one call per value).
        ``exc`` stays attached as the context, for ``--traceback``, also when
        the error is collected rather than raised.
        """
        error = self.plugin_error(
            category, component.name, f"{category} {component.name!r} failed while {what}: {type(exc).__name__}: {exc}"
        )
        error.__context__ = exc
        return error


def skip_hint(info: PluginInfo) -> str:
    """How to run without an entry-point plugin, for its error messages ("" for others)."""
    if not info.source.startswith(ENTRY_POINT):
        return ""
    return f" (to run without it: -p no:{info.name}, or --no-plugin-autoload for every installed plugin)"


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

    for package in _BUILTIN_PACKAGES:
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
