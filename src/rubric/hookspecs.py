"""The plugin contract: every hook rubric calls, in one place.

A plugin is any module or object with functions decorated by
:data:`rubric.hookimpl` and named after a hook below.  rubric registers its
own criterion kinds, methods and formats through these same hooks.

Plugins are found in three ways:

* an entry point in the group ``rubric`` of an installed distribution;
* a Python file named in a rubric's ``plugins`` list (relative to the rubric);
* a Python file given with ``--plugin`` on the command line.

Proposal files never load code.  Each hook is called once, when the registry is
built; every returned component carries the name of the plugin that provided
it, and two plugins offering the same name is an error naming both.
"""

from __future__ import annotations

from typing import Iterable

import pluggy

from rubric.components import AggregationMethod, CriterionKind, OutputFormat, SortingMethod, WeightingMethod

hookspec = pluggy.HookspecMarker("rubric")


@hookspec
def rubric_criterion_kinds() -> Iterable[CriterionKind]:
    """Return the criterion kinds this plugin provides.

    A rubric's criterion names its kind with ``kind = "NAME"`` (default
    ``assessed``) and passes it ``params``.  When the rubric loads, rubric
    checks their names against the kind's declared ``params`` and then calls
    ``kind.check_params(params, rubric)``, as for every component kind; the
    helpers in :mod:`rubric.facts` read facts and check values.  During evaluation rubric calls
    ``kind.score(criterion, proposal, rubric)`` once per proposal the rubric
    applies to; it must return a finite number on ``rubric.scale`` or a
    :class:`~rubric.components.CriterionValue`.  For missing data it returns
    :data:`~rubric.components.UNKNOWN` (a fact not given),
    :data:`~rubric.components.NOT_APPLICABLE`, or a
    :class:`~rubric.components.Gap` with a reason, and never raises:
    ``Facts.settle()`` raises :class:`~rubric.errors.MissingDataError` for
    missing facts, which rubric reads the same way.  The rubric's ``missing``
    rule then fills or drops the gap (:mod:`rubric.missing`).  Anything else
    is reported as an error naming the plugin, the criterion and the proposal.

    :returns: an iterable of :class:`~rubric.components.CriterionKind`.
    """


@hookspec
def rubric_aggregation_methods() -> Iterable[AggregationMethod]:
    """Return the aggregation methods this plugin provides.

    A scheme selects one with ``aggregation = "NAME"`` or
    ``aggregation = { method = "NAME", param = value }``.  rubric calls
    ``method.aggregate(matrix, weights, scale=scale, criteria=criteria, **params)``
    once per scheme with the whole proposals × criteria matrix, and once more
    per top-level group with that group's columns for the group sub-scores;
    ``criteria`` are the :class:`~rubric.model.Criterion` of the columns, in
    order, for methods with per-criterion parameters.  Group sub-scores, and
    the scores shown, use ``method.primary`` instead where the method declares
    it (its scores without a tie-break); ranks always follow ``aggregate``.
    ``check_params(params, rubric)`` is called when a rubric is loaded and when
    a scheme built in Python is evaluated.  A method that declares the
    capability ``linear`` (its score is the weighted mean of the values) gets
    the analyses' exact and batched paths.  A method that declares
    ``batched`` has it called by SMAA and weight stability instead of
    ``aggregate`` once per sample:
    ``method.batched(matrices, weights, scale=scale, criteria=criteria, **params)``
    with k weight vectors (a k×m array) and one n×m matrix or k of them
    (k×n×m), returning k×n scores; see
    :class:`~rubric.components.AggregationMethod`.

    :returns: an iterable of :class:`~rubric.components.AggregationMethod`.
    """


@hookspec
def rubric_weighting_methods() -> Iterable[WeightingMethod]:
    """Return the weighting methods this plugin provides.

    A scheme selects one with ``weighting = "NAME"`` or
    ``weighting = { method = "NAME", param = value }``; a scheme with only a
    ``weights`` table uses ``direct``.  rubric calls
    ``method.derive(rubric, params)`` once per scheme and flattens the local
    weights it returns through the rubric's value tree.

    :returns: an iterable of :class:`~rubric.components.WeightingMethod`.
    """


@hookspec
def rubric_sorting_methods() -> Iterable[SortingMethod]:
    """Return the sorting methods this plugin provides.

    A scheme selects one with a ``sorting`` table: ``method = "NAME"``, the
    ``classes`` worst first, and the method's parameters (profiles, thresholds).
    ``check_params(params, rubric)`` is called when the rubric is loaded.
    ``rubric sort`` calls ``method.sort(matrix, weights, scale=scale,
    criteria=criteria, totals=totals, classes=classes, **params)`` once per
    scheme with the whole proposals × criteria matrix, the scheme's flat
    weights and total scores; it must return one
    :class:`~rubric.components.Assignment` per proposal whose classes lie in
    ``classes`` (pessimistic ≤ optimistic).  Anything else is an error naming
    the plugin.  :func:`rubric.testing.check_sorting_method` checks a method
    against the properties it declares.

    :returns: an iterable of :class:`~rubric.components.SortingMethod`.
    """


@hookspec
def rubric_output_formats() -> Iterable[OutputFormat]:
    """Return the output formats this plugin provides.

    ``--format NAME`` selects one; rubric calls ``format.render(tables)`` with
    the list of :class:`~rubric.components.Table` a command produced and
    prints the returned text.

    :returns: an iterable of :class:`~rubric.components.OutputFormat`.
    """
