"""The registry of what every plugin provides, and the one guard for calls into plugin code.

A :class:`Registry` holds every component by category and name with the
plugin that provided it (:mod:`rubric.discovery` builds one).  Every call
from rubric into plugin code goes through :meth:`Registry.call` (or, in a hot
loop, :meth:`Registry.failure`), and :meth:`Registry.plugin_error` is the one
place that shapes a plugin's failure, so every such error names the plugin in
the same words.  :meth:`Registry.param_problems` is the one place that checks
a component's parameters.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, TypeVar, cast

import attrs

from rubric.components import (
    AggregationMethod,
    Component,
    CriterionKind,
    OutputFormat,
    ParamCheck,
    SortingMethod,
    WeightingMethod,
)
from rubric.errors import PLUGIN_FAILURES, PluginError, RubricError, UnknownNameError, did_you_mean
from rubric.model import Rubric

T = TypeVar("T")

__all__ = ["ENTRY_POINT", "PluginInfo", "Registry", "SkippedPlugin", "skip_hint"]


ENTRY_POINT = "entry point"


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

    def sorting_method(self, name: str) -> SortingMethod:
        return cast(SortingMethod, self.get("sorting method", name))

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
