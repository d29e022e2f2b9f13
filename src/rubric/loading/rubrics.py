"""Rubric and scheme files: their structure, checked on its own, and the model built from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional

from rubric.components import is_real_number
from rubric.criteria.assessed import MERGE_RULES
from rubric.errors import describe, did_you_mean
from rubric.loading.documents import Document
from rubric.loading.fields import (
    OPTIONAL,
    REQUIRED,
    Fields,
    check_id,
    check_table,
    is_date,
    is_method,
    is_str,
    is_str_list,
    is_str_or_str_list,
    is_table,
    is_table_list,
)
from rubric.loading.rules import grades_from, parse_grade_on, parse_grade_points, parse_grades, parse_red_lines
from rubric.missing import MISSING_RULES
from rubric.model import Criterion, Group, MethodChoice, Rubric, Scale, Scheme, Source
from rubric.tree import PRESENTATIONS

#: What a rubric's ``rationale`` may say: whether every rating must give its reasons.
RATIONALE_RULES = ("required", "optional")

RUBRIC_FIELDS = Fields({
    "id": (is_str, REQUIRED),
    "title": (is_str, REQUIRED),
    "version": (is_str, REQUIRED),
    "perspective": (is_str, OPTIONAL),
    "description": (is_str, OPTIONAL),
    "merge_raters": (is_str, OPTIONAL),
    "plugins": (is_str_list, OPTIONAL),
    "requires": (is_str_list, OPTIONAL),
    "rationale": (is_str, OPTIONAL),
    "present": (is_str_or_str_list, OPTIONAL),
    "precision": (is_real_number, OPTIONAL),
    "missing": (is_str, OPTIONAL),
    "min_coverage": (is_real_number, OPTIONAL),
    "scale": (is_table, REQUIRED),
    "sources": (is_table_list, OPTIONAL),
    "groups": (is_table, REQUIRED),
    "criteria": (is_table, REQUIRED),
    "schemes": (is_table, OPTIONAL),
    # Rules that do not compensate (rubric.loading.rules).
    "red_lines": (is_table_list, OPTIONAL),
    "grades": (is_table_list, OPTIONAL),
    "grade_on": (is_str, OPTIONAL),
    "grade_points": (is_table, OPTIONAL),
})
SCALE_FIELDS = Fields({"min": (is_real_number, REQUIRED), "max": (is_real_number, REQUIRED), "labels": (is_str_list, REQUIRED)})
SOURCE_FIELDS = Fields({
    "id": (is_str, REQUIRED),
    "title": (is_str, REQUIRED),
    "publisher": (is_str, OPTIONAL),
    "url": (is_str, OPTIONAL),
    "accessed": (is_date, OPTIONAL),
})
GROUP_FIELDS = Fields({
    "title": (is_str, REQUIRED),
    "parent": (is_str, OPTIONAL),
    "description": (is_str, OPTIONAL),
    "grades": (is_table_list, OPTIONAL),
})
CRITERION_FIELDS = Fields({
    "group": (is_str, REQUIRED),
    "title": (is_str, REQUIRED),
    "question": (is_str, OPTIONAL),
    "kind": (is_str, OPTIONAL),
    "params": (is_table, OPTIONAL),
    "description": (is_str, OPTIONAL),
})
SCHEME_FIELDS = Fields({
    "title": (is_str, OPTIONAL),
    "description": (is_str, OPTIONAL),
    "weights": (is_table, OPTIONAL),
    "weighting": (is_method, OPTIONAL),
    "aggregation": (is_method, OPTIONAL),
    "constraints": (is_table, OPTIONAL),
    "present": (is_str_or_str_list, OPTIONAL),
    "sorting": (is_table, OPTIONAL),
    "red_lines": (is_table_list, OPTIONAL),
    "missing": (is_str, OPTIONAL),
})
SCHEME_FILE_FIELDS = Fields({"rubric": (is_str, REQUIRED), "schemes": (is_table, REQUIRED)})


def parse_sources(doc: Document, data: Any) -> tuple:
    sources, seen = [], set()
    for index, item in enumerate(data or ()):
        key = f"sources[{index}]"
        fields = check_table(doc, item, key, SOURCE_FIELDS)
        if "id" not in fields or "title" not in fields:
            continue
        check_id(doc, f"{key}.id", fields["id"])
        if fields["id"] in seen:
            doc.problem(f"{key}.id", f"duplicate source id {fields['id']!r}")
        seen.add(fields["id"])
        sources.append(Source(**fields))
    return tuple(sources)


def parse_scale(doc: Document, data: Any) -> Optional[Scale]:
    fields = check_table(doc, data, "scale", SCALE_FIELDS)
    if len(fields) < 3:
        return None
    if fields["min"] >= fields["max"]:
        doc.problem("scale.max", f"expected max greater than min ({fields['min']}), found {fields['max']}")
        return None
    if len(fields["labels"]) < 2:
        doc.problem("scale.labels", f"expected at least two labels (for min and max), found {len(fields['labels'])}")
        return None
    return Scale(fields["min"], fields["max"], tuple(fields["labels"]))


def parse_method(doc: Document, key: str, value: Any, default: str) -> MethodChoice:
    """A ``"name"`` or ``{ method = "name", ... }`` method choice."""
    if value is None:
        return MethodChoice(default)
    if isinstance(value, str):
        return MethodChoice(value)
    params = dict(value)
    name = params.pop("method", None)
    if not isinstance(name, str):
        doc.problem(f"{key}.method", f"expected the method's name, found {describe(name) if name else 'nothing'}")
        return MethodChoice(default)
    return MethodChoice(name, params)


#: The largest ``precision`` (decimals) a rubric may ask for: beyond it, float noise shows.
MAX_PRECISION = 12


def default_scheme(present: Optional[tuple[str, ...]], path: Path) -> Scheme:
    """The scheme of a rubric that declares none: equal weights at every level, or one point each.

    A rubric that presents its total as points and writes no weights means
    every criterion is worth one point (a 100-indicator index scores out of
    100), so its default is flat; otherwise siblings count equally.
    """
    if present and present[0] == "points":
        return Scheme("default", "One point per criterion", MethodChoice("equal"), path=path)
    return Scheme("default", "Equal weights at every level", MethodChoice("direct", {"weights": {}}), path=path)


def parse_present(doc: Document, key: str, value: Any) -> Optional[tuple[str, ...]]:
    """``present = "points"`` or a list by depth (the total first); each entry one of :data:`PRESENTATIONS`."""
    if value is None:
        return None
    entries = (value,) if isinstance(value, str) else tuple(value)
    if not entries:
        doc.problem(key, f"expected one of {', '.join(map(repr, PRESENTATIONS))} or a list of them, found an empty list")
        return None
    for index, entry in enumerate(entries):
        if entry not in PRESENTATIONS:
            at = key if isinstance(value, str) else f"{key}[{index}]"
            expected = ", ".join(map(repr, PRESENTATIONS))
            doc.problem(at, f"expected one of {expected}, found {entry!r}{did_you_mean(str(entry), PRESENTATIONS)}")
    return entries


def parse_precision(doc: Document, value: Any) -> Optional[int]:
    """``precision``: the decimals scores are shown and ranked at, a whole number 0…12."""
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= MAX_PRECISION:
        doc.problem("precision", f"expected a whole number of decimals from 0 to {MAX_PRECISION}, found {value!r}")
        return None
    return int(value)


def parse_aggregation(doc: Document, key: str, value: Any) -> tuple[MethodChoice, dict[str, MethodChoice]]:
    """A scheme's ``aggregation``: its method, and the ``by_group`` methods of single groups.

    ``by_group = { education = "weighted-sum" }`` (or ``{ method = ..., params }``
    per group); whether each id is a group is checked with the rubric.
    """
    by_group: dict[str, MethodChoice] = {}
    if isinstance(value, Mapping) and "by_group" in value:
        value = dict(value)
        entries = value.pop("by_group")
        if not isinstance(entries, Mapping):
            doc.problem(f"{key}.by_group", f"expected a table of group = method, found {describe(entries)}")
            entries = {}
        for group, choice in entries.items():
            gkey = f"{key}.by_group.{group}"
            if isinstance(choice, str) or (isinstance(choice, Mapping) and "method" in choice):
                by_group[group] = parse_method(doc, gkey, choice, "weighted-sum")
            else:
                doc.problem(gkey, f"expected a method name or {{ method = \"name\", ... }}, found {describe(choice)}")
    return parse_method(doc, key, value, "weighted-sum"), by_group


def parse_sorting(doc: Document, key: str, value: Any) -> Optional[MethodChoice]:
    """A scheme's ``sorting`` table: ``method = "NAME"``, ``classes`` and the method's parameters."""
    if value is None:
        return None
    choice = parse_method(doc, key, value, "")
    return choice if choice.name else None


def parse_schemes(doc: Document, data: Mapping, key: str = "schemes") -> list:
    schemes = []
    for scheme_id, body in data.items():
        skey = f"{key}.{scheme_id}"
        check_id(doc, skey, scheme_id)
        fields = check_table(doc, body, skey, SCHEME_FIELDS)
        weights = fields.get("weights")
        weighting = parse_method(doc, f"{skey}.weighting", fields.get("weighting"), "direct")
        if weights is not None:
            if "weighting" in fields and weighting.name != "direct":
                doc.problem(
                    f"{skey}.weights",
                    f"a `weights` table goes with direct weighting, but this scheme uses {weighting.name!r}; "
                    "give that method's inputs in its `weighting` table instead",
                )
            weighting = MethodChoice("direct", {**weighting.params, "weights": weights})
        elif "weighting" not in fields:
            weighting = MethodChoice("direct", {"weights": {}})
        aggregation, by_group = parse_aggregation(doc, f"{skey}.aggregation", fields.get("aggregation"))
        schemes.append(
            Scheme(
                id=scheme_id,
                title=fields.get("title", scheme_id),
                description=fields.get("description", ""),
                weighting=weighting,
                aggregation=aggregation,
                path=doc.path,
                constraints=fields.get("constraints", {}),
                by_group=by_group,
                present=parse_present(doc, f"{skey}.present", fields.get("present")),
                sorting=parse_sorting(doc, f"{skey}.sorting", fields.get("sorting")),
                red_lines=parse_red_lines(doc, f"{skey}.red_lines", fields.get("red_lines")),
                missing=parse_missing(doc, f"{skey}.missing", fields.get("missing")),
            )
        )
    return schemes


def parse_missing(doc: Document, key: str, rule: Optional[str]) -> Optional[str]:
    """A ``missing`` rule, checked against :data:`~rubric.missing.MISSING_RULES`."""
    if rule is not None and rule not in MISSING_RULES:
        doc.problem(key, f"unknown missing rule {rule!r}{did_you_mean(rule, list(MISSING_RULES))}; expected one of "
                    f"{', '.join(MISSING_RULES)}")
        return None
    return rule


def parse_rubric(doc: Document) -> Optional[Rubric]:
    """Check a rubric file's structure and build the :class:`Rubric`."""
    fields = check_table(doc, doc.data, "", RUBRIC_FIELDS)
    if "id" in fields:
        check_id(doc, "id", fields["id"])
    scale = parse_scale(doc, fields["scale"]) if "scale" in fields else None
    merge = fields.get("merge_raters", "mean")
    if merge not in MERGE_RULES:
        doc.problem("merge_raters", f"unknown merge rule {merge!r}{did_you_mean(merge, list(MERGE_RULES))}")
    rationale = fields.get("rationale", "required")
    if rationale not in RATIONALE_RULES:
        doc.problem("rationale", f"expected {' or '.join(map(repr, RATIONALE_RULES))}, found {rationale!r}")
    plugins = parse_plugin_paths(doc, fields.get("plugins", ()))
    present = parse_present(doc, "present", fields.get("present"))
    precision = parse_precision(doc, fields.get("precision"))
    missing = parse_missing(doc, "missing", fields.get("missing")) or "error"
    min_coverage = fields.get("min_coverage", 0.0)
    if not 0 <= min_coverage <= 1:
        doc.problem("min_coverage", f"expected a share of the criteria from 0 to 1, found {min_coverage:g}")

    grade_on = parse_grade_on(doc, "grade_on", fields.get("grade_on"))
    grade_points = parse_grade_points(doc, fields.get("grade_points"), scale)
    group_grades = {}
    groups = []
    for group_id, body in fields.get("groups", {}).items():
        check_id(doc, f"groups.{group_id}", group_id)
        if group_id == "root":  # weighting inputs use "root" for the top of the tree
            doc.problem(f"groups.{group_id}", "'root' is reserved for the top of the value tree; choose another group id")
        g = check_table(doc, body, f"groups.{group_id}", GROUP_FIELDS)
        groups.append(Group(group_id, g.get("title", group_id), g.get("parent"), g.get("description", "")))
        banded = parse_grades(doc, f"groups.{group_id}.grades", g.get("grades"), grade_on, scale)
        if banded is not None:
            group_grades[group_id] = banded
    group_ids = [g.id for g in groups]
    parents = {g.id: g.parent for g in groups}
    for group in groups:
        if group.parent is not None and group.parent not in parents:
            doc.problem(f"groups.{group.id}.parent", f"unknown group {group.parent!r}{did_you_mean(group.parent, group_ids)}")
        seen: set[str] = set()
        node: Optional[str] = group.id
        while node is not None and node in parents and node not in seen:
            seen.add(node)
            node = parents[node]
        if node is not None and node in seen:
            doc.problem(f"groups.{group.id}.parent", "groups form a cycle; every chain of parents must end at a top-level group")
    if "groups" in fields and not groups:
        doc.problem("groups", "expected at least one group")

    criteria = []
    for criterion_id, body in fields.get("criteria", {}).items():
        ckey = f"criteria.{criterion_id}"
        check_id(doc, ckey, criterion_id)
        if criterion_id in parents:
            doc.problem(ckey, f"{criterion_id!r} is already a group id; groups and criteria share one namespace")
        c = check_table(doc, body, ckey, CRITERION_FIELDS)
        if "group" in c and c["group"] not in parents:
            doc.problem(f"{ckey}.group", f"unknown group {c['group']!r}{did_you_mean(c['group'], group_ids)}")
        criteria.append(
            Criterion(
                id=criterion_id,
                group=c.get("group", ""),
                title=c.get("title", criterion_id),
                question=c.get("question", ""),
                kind=c.get("kind", "assessed"),
                params=c.get("params", {}),
                description=c.get("description", ""),
            )
        )
    if "criteria" in fields and not criteria:
        doc.problem("criteria", "expected at least one criterion")
    used = {c.group for c in criteria} | set(parents.values())
    for group in groups:
        if group.id not in used:
            doc.problem(f"groups.{group.id}", "the group has no criteria and no sub-groups")

    schemes = parse_schemes(doc, fields.get("schemes", {}))
    if not schemes:
        schemes = [default_scheme(present, doc.path)]
    sources = parse_sources(doc, fields.get("sources"))
    red_lines = parse_red_lines(doc, "red_lines", fields.get("red_lines"))
    grades = grades_from(doc, fields, grade_on, scale, grade_points)
    if doc.problems or scale is None:
        return None
    return Rubric(
        id=fields["id"],
        title=fields["title"],
        version=fields["version"],
        scale=scale,
        groups=tuple(groups),
        criteria=tuple(criteria),
        schemes=tuple(schemes),
        perspective=fields.get("perspective", ""),
        description=fields.get("description", ""),
        merge_raters=merge,
        plugins=plugins,
        sources=sources,
        path=doc.path,
        digest=doc.digest,
        requires=tuple(fields.get("requires", ())),
        rationale=rationale,
        present=present or ("mean",),
        precision=precision,
        red_lines=red_lines,
        grades=grades,
        group_grades=group_grades,
        grade_points=grade_points,
        missing=missing,
        min_coverage=float(min_coverage),
    )


def parse_plugin_paths(doc: Document, entries) -> tuple:
    """The plugin files a rubric names, resolved against its folder; each must be an existing file.

    Checked here, before any plugin is imported, so that a wrong path is a
    problem of the rubric file at its entry and the other problems still show.
    """
    paths = []
    for index, entry in enumerate(entries):
        path = (doc.path.parent / entry).resolve()
        if not path.exists():
            doc.problem(f"plugins[{index}]", f"no plugin file {entry!r} (looked for {path})")
        elif not path.is_file():
            doc.problem(f"plugins[{index}]", f"expected a plugin file (.py), found a folder: {entry!r} ({path})")
        paths.append(path)
    return tuple(paths)


def parse_scheme_file(doc: Document) -> tuple:
    """A file holding only schemes for a rubric named by ``rubric = "id"``."""
    fields = check_table(doc, doc.data, "", SCHEME_FILE_FIELDS)
    return fields.get("rubric"), parse_schemes(doc, fields.get("schemes", {}))

