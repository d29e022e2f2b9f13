"""rubric: score and compare policy proposals against TOML rubrics.

The public API::

    import rubric
    rub = rubric.load_rubric("rubrics/open-source-ai.toml")
    proposals = rubric.load_proposals("proposals/")
    result = rubric.evaluate(rub, proposals)
    result                      # a table (HTML in a notebook)
    result.compare().to_records()

Plugins decorate their hook functions with :data:`hookimpl`.
"""

import pluggy

#: Marks a function as an implementation of a hook in :mod:`rubric.hookspecs`.
hookimpl = pluggy.HookimplMarker("rubric")

__version__ = "0.1.0"

# The rest of the API is imported on first use, so that plugins importing
# ``hookimpl`` (and ``rubric --help``) do not pay for the whole engine.
_LAZY = {
    "load_rubric": "rubric.loading",
    "load_rubrics": "rubric.loading",
    "load_proposals": "rubric.loading",
    "evaluate": "rubric.engine",
    "compare": "rubric.engine",
    "stability": "rubric.analysis.weight_stability",
    "smaa": "rubric.analysis.acceptability",
    "agreement": "rubric.analysis.reliability",
    "gaia": "rubric.analysis.geometry",
    "sort": "rubric.assignments",
    "Evaluation": "rubric.results",
    "Comparison": "rubric.comparison",
    "create_registry": "rubric.discovery",
    "InputError": "rubric.errors",
    "PluginError": "rubric.errors",
    "Problem": "rubric.errors",
    "AggregationMethod": "rubric.components",
    "CriterionKind": "rubric.components",
    "CriterionValue": "rubric.components",
    "DerivedWeights": "rubric.components",
    "OutputFormat": "rubric.components",
    "Property": "rubric.components",
    "SortingMethod": "rubric.components",
    "Assignment": "rubric.components",
    "Table": "rubric.components",
    "WeightingMethod": "rubric.components",
}

__all__ = ["hookimpl", "__version__", *_LAZY]


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rubric' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__():
    return sorted(__all__)
