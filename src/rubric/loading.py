"""Reading rubric, scheme and proposal files into the model, validating as we go.

Every check records a :class:`~rubric.errors.Problem` (file, key path, line
where known, what was expected and what was found) and carries on, so that
``rubric validate`` reports every problem in every file at once; the loaders
raise one :class:`~rubric.errors.InputError` holding them all.

Checking happens in two passes: the structure of each file on its own, then
what needs the registry or other files (criterion kinds and methods, weights,
duplicate ids, proposals against the rubrics that apply to them).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import attrs

from rubric.components import is_real_number
from rubric.criteria.assessed import MERGE_RULES
from rubric.errors import PLUGIN_FAILURES, InputError, PluginError, Problem, WeightError, did_you_mean
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme, Source

try:  # tomli's compiled wheels parse about 3x faster than the standard library
    import tomli as toml
except ImportError:  # pragma: no cover - tomli is a dependency; keep working without it
    import tomllib as toml

__all__ = ["Project", "load_project", "load_proposals", "load_rubric", "load_rubrics", "toml_files"]

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
CONFIDENCE_LEVELS = ("low", "medium", "high")
DEFAULT_RATER = "analyst"


# --- reading ---------------------------------------------------------------


@attrs.define
class Document:
    """One parsed file and the problems found in it."""

    path: Path
    text: str = ""
    data: Optional[dict] = None
    digest: str = ""
    problems: list = attrs.Factory(list)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, key, message, locate(self.text, key)))


def read_document(path: Path) -> Document:
    """Read and parse a TOML file; unreadable, empty, binary or malformed files become problems."""
    doc = Document(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(Problem(path, "", f"cannot be read: {exc.strerror or exc}"))
        return doc
    doc.digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        doc.problems.append(Problem(path, "", "the file is empty; expected a TOML table"))
        return doc
    try:
        if b"\0" in raw:
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\0"), raw.index(b"\0") + 1, "NUL byte")
        doc.text = raw.decode("utf-8")
    except UnicodeDecodeError:
        doc.problems.append(Problem(path, "", "is not a UTF-8 text file (binary data?); expected TOML"))
        return doc
    try:
        doc.data = toml.loads(doc.text)
    except toml.TOMLDecodeError as exc:
        message = getattr(exc, "msg", None) or re.sub(r" \(at line \d+, column \d+\)$", "", str(exc))
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        if line is None:
            found = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, column = (int(found[1]), int(found[2])) if found else (None, None)
        doc.problems.append(Problem(path, "", f"is not valid TOML: {message}", line, column))
    return doc


def locate(text: str, key: str) -> Optional[int]:
    """Best-effort line of a key path such as ``criteria.x.kind`` or ``sources[1].url``.

    TOML parsers give no positions for keys, so scan for the table headers and
    ``key =`` lines and keep the longest one that the key path starts with.
    """
    if not key or not text:
        return None
    header, counts, best, best_len = "", {}, None, 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        found = re.match(r"(\[\[?)\s*([^\]]+?)\s*\]\]?", stripped)
        if found:
            name = found[2].replace('"', "").replace(" ", "")
            if found[1] == "[[":
                counts[name] = counts.get(name, -1) + 1
                name = f"{name}[{counts[name]}]"
            header, full = name, name
        else:
            found = re.match(r'"?([A-Za-z0-9_-]+)"?\s*=', stripped)
            if not found:
                continue
            full = f"{header}.{found[1]}" if header else found[1]
        # An array header matches its own items only: strip indices the key lacks.
        candidates = (full, re.sub(r"\[\d+\]", "", full))
        for candidate in candidates:
            if (key == candidate or key.startswith(candidate + ".") or key.startswith(candidate + "[")) and len(
                candidate
            ) > best_len:
                best, best_len = number, len(candidate)
    return best


@contextlib.contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while thousands of objects pile up.

    Parsed TOML, the model and the results are trees without cycles, so
    collections during a bulk load or evaluation only rescan them: pausing
    saved a tenth of loading 10,000 proposals and half of evaluating them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def toml_files(paths: Iterable[Path | str]) -> list:
    """The ``.toml`` files named, or found directly in the folders named, sorted."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml"), key=str))
        else:
            files.append(path)
    return files


# --- field checks ----------------------------------------------------------


# Checks compare exact types: TOML gives exactly these, and they run for every value.
def _is_str(value):
    return type(value) is str


def _is_str_list(value):
    return type(value) is list and all(type(v) is str for v in value)


def _is_date(value):
    return type(value) is str or isinstance(value, datetime.date)


def _is_table(value):
    return type(value) is dict


def _is_bool(value):
    return type(value) is bool


def _is_method(value):
    return type(value) is str or type(value) is dict


def _is_table_list(value):
    return type(value) is list and all(type(v) is dict for v in value)


EXPECTED = {
    _is_str: "a string",
    _is_str_list: "a list of strings",
    _is_date: "a date (e.g. 2025-01-13) or a string",
    _is_table: "a table",
    _is_bool: "true or false",
    is_real_number: "a finite number",
    _is_method: "a method name or a table with `method` and its parameters",
    _is_table_list: "an array of tables ([[...]])",
}

REQUIRED, OPTIONAL = True, False


class Fields:
    """The keys a table may hold: name -> (check, required), with lookups precomputed."""

    __slots__ = ("checks", "required")

    def __init__(self, spec: Mapping[str, tuple]):
        self.checks = {name: check for name, (check, _) in spec.items()}
        self.required = tuple(name for name, (_, required) in spec.items() if required)


def describe(value: Any) -> str:
    """How a found value reads in a message."""
    kind = {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}.get(type(value))
    if kind is None:
        kind = type(value).__name__
    shown = repr(value)
    return f"{kind} ({shown[:40]}{'…' if len(shown) > 40 else ''})" if not isinstance(value, dict) else kind


def check_table(doc: Document, data: Any, key: str, fields: Fields) -> dict:
    """Check a table's keys and value types; return the well-typed fields only.

    Unknown keys, missing required keys and values of the wrong type are
    recorded as problems.  This runs for every table of every file, so the
    messages are only built when something is wrong.
    """
    if type(data) is not dict:
        doc.problem(key, f"expected a table, found {describe(data)}")
        return {}
    checks = fields.checks
    good = {}
    for name, value in data.items():
        check = checks.get(name)
        if check is not None and check(value):
            good[name] = value
    prefix = f"{key}." if key else ""
    if len(good) < len(data):
        for name, value in data.items():
            if name not in checks:
                doc.problem(f"{prefix}{name}", f"unknown key {name!r}{did_you_mean(name, list(checks))}")
            elif name not in good:
                doc.problem(f"{prefix}{name}", f"expected {EXPECTED[checks[name]]}, found {describe(value)}")
    for name in fields.required:
        if name not in data:
            doc.problem(f"{prefix}{name}", f"missing required key {name!r}")
    return good


def check_id(doc: Document, key: str, value: str) -> None:
    if not ID_PATTERN.match(value):
        doc.problem(key, f"expected an id of lowercase letters, digits, '-' or '_', found {value!r}")


# --- rubrics ---------------------------------------------------------------

RUBRIC_FIELDS = Fields({
    "id": (_is_str, REQUIRED),
    "title": (_is_str, REQUIRED),
    "version": (_is_str, REQUIRED),
    "perspective": (_is_str, OPTIONAL),
    "description": (_is_str, OPTIONAL),
    "merge_raters": (_is_str, OPTIONAL),
    "plugins": (_is_str_list, OPTIONAL),
    "scale": (_is_table, REQUIRED),
    "sources": (_is_table_list, OPTIONAL),
    "groups": (_is_table, REQUIRED),
    "criteria": (_is_table, REQUIRED),
    "schemes": (_is_table, OPTIONAL),
})
SCALE_FIELDS = Fields({"min": (is_real_number, REQUIRED), "max": (is_real_number, REQUIRED), "labels": (_is_str_list, REQUIRED)})
SOURCE_FIELDS = Fields({
    "id": (_is_str, REQUIRED),
    "title": (_is_str, REQUIRED),
    "publisher": (_is_str, OPTIONAL),
    "url": (_is_str, OPTIONAL),
    "accessed": (_is_date, OPTIONAL),
})
GROUP_FIELDS = Fields({"title": (_is_str, REQUIRED), "parent": (_is_str, OPTIONAL), "description": (_is_str, OPTIONAL)})
CRITERION_FIELDS = Fields({
    "group": (_is_str, REQUIRED),
    "title": (_is_str, REQUIRED),
    "question": (_is_str, OPTIONAL),
    "kind": (_is_str, OPTIONAL),
    "params": (_is_table, OPTIONAL),
    "description": (_is_str, OPTIONAL),
})
SCHEME_FIELDS = Fields({
    "title": (_is_str, OPTIONAL),
    "description": (_is_str, OPTIONAL),
    "weights": (_is_table, OPTIONAL),
    "weighting": (_is_method, OPTIONAL),
    "aggregation": (_is_method, OPTIONAL),
    "constraints": (_is_table, OPTIONAL),
})
SCHEME_FILE_FIELDS = Fields({"rubric": (_is_str, REQUIRED), "schemes": (_is_table, REQUIRED)})


def parse_sources(doc: Document, data: Any) -> tuple:
    sources, seen = [], set()
    for index, item in enumerate(data or ()):
        key = f"sources[{index}]"
        fields = check_table(doc, item, key, SOURCE_FIELDS)
        if "id" not in fields or "title" not in fields:
            continue
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
        schemes.append(
            Scheme(
                id=scheme_id,
                title=fields.get("title", scheme_id),
                description=fields.get("description", ""),
                weighting=weighting,
                aggregation=parse_method(doc, f"{skey}.aggregation", fields.get("aggregation"), "weighted-sum"),
                path=doc.path,
                constraints=fields.get("constraints", {}),
            )
        )
    return schemes


def parse_rubric(doc: Document) -> Optional[Rubric]:
    """Check a rubric file's structure and build the :class:`Rubric`."""
    fields = check_table(doc, doc.data, "", RUBRIC_FIELDS)
    if "id" in fields:
        check_id(doc, "id", fields["id"])
    scale = parse_scale(doc, fields["scale"]) if "scale" in fields else None
    merge = fields.get("merge_raters", "mean")
    if merge not in MERGE_RULES:
        doc.problem("merge_raters", f"unknown merge rule {merge!r}{did_you_mean(merge, list(MERGE_RULES))}")

    groups = []
    for group_id, body in fields.get("groups", {}).items():
        check_id(doc, f"groups.{group_id}", group_id)
        if group_id == "root":  # weighting inputs use "root" for the top of the tree
            doc.problem(f"groups.{group_id}", "'root' is reserved for the top of the value tree; choose another group id")
        g = check_table(doc, body, f"groups.{group_id}", GROUP_FIELDS)
        groups.append(Group(group_id, g.get("title", group_id), g.get("parent"), g.get("description", "")))
    group_ids = [g.id for g in groups]
    parents = {g.id: g.parent for g in groups}
    for group in groups:
        if group.parent is not None and group.parent not in parents:
            doc.problem(f"groups.{group.id}.parent", f"unknown group {group.parent!r}{did_you_mean(group.parent, group_ids)}")
        seen, node = set(), group.id
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
    for group in groups:
        if not any(c.group == group.id for c in criteria) and group.id not in parents.values():
            doc.problem(f"groups.{group.id}", "the group has no criteria and no sub-groups")

    schemes = parse_schemes(doc, fields.get("schemes", {}))
    if not schemes:
        schemes = [Scheme("default", "Equal weights at every level", MethodChoice("direct", {"weights": {}}), path=doc.path)]
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
        plugins=tuple((doc.path.parent / p).resolve() for p in fields.get("plugins", ())),
        sources=parse_sources(doc, fields.get("sources")),
        path=doc.path,
        digest=doc.digest,
    )


def check_rubric(doc: Document, rubric: Rubric, registry, scheme_docs: Mapping[Path, Document] = {}) -> None:
    """What needs the registry: criterion kinds, methods, their parameters, the weights.

    Problems with a scheme from a scheme file are recorded against that file.
    """
    from rubric.constraints import constraint_problems
    from rubric.weights import derive_weights

    for criterion in rubric.criteria:
        ckey = f"criteria.{criterion.id}"
        choice = MethodChoice(criterion.kind, criterion.params)
        check_method(doc, f"{ckey}.kind", choice, registry, "criterion kind", rubric, params_key=f"{ckey}.params")
    for scheme in rubric.schemes:
        sdoc = scheme_docs.get(scheme.path, doc)
        skey = f"schemes.{scheme.id}"
        # `weights = {...}` is shorthand for direct weighting: its inputs sit in the scheme table.
        explicit = "weighting" in (sdoc.data or {}).get("schemes", {}).get(scheme.id, {})
        wkey = f"{skey}.weighting" if explicit else skey
        ok = check_method(sdoc, wkey, scheme.weighting, registry, "weighting method", rubric)
        check_method(sdoc, f"{skey}.aggregation", scheme.aggregation, registry, "aggregation method", rubric)
        for subkey, message in constraint_problems(scheme.constraints, rubric):
            sdoc.problem(f"{skey}.constraints" + (f".{subkey}" if subkey else ""), message)
        if ok:
            try:
                derive_weights(rubric, scheme, registry)
            except WeightError as exc:
                sdoc.problem(wkey if explicit else f"{skey}.weights", str(exc))


def _call_check(registry, category: str, component, where: str, *args) -> list:
    """A component's check_params; its failure names the plugin and ``where`` it was used."""
    try:
        return list(component.check_params(*args))
    except PLUGIN_FAILURES as exc:
        info = registry.provider(category, component.name)
        raise PluginError(
            f"plugin {info.name} ({info.source}): check_params of {category} {component.name!r} for {where} raised "
            f"{type(exc).__name__}: {exc}",
            plugin=info.name,
        ) from None


def check_method(
    doc: Document, key: str, choice: MethodChoice, registry, category: str, context, *, params_key: Optional[str] = None
) -> bool:
    """Check a component's name (at ``key``), its parameter names and values (at ``params_key``).  True if usable.

    Every component kind (criterion kinds too) goes through here, so unknown
    and missing parameters read the same everywhere.  Defaults are not filled
    in here: the engine (or the kind) does that when it is called.
    """
    params_key = params_key or key
    names = registry.names(category)
    if choice.name not in names:
        doc.problem(key, f"unknown {category} {choice.name!r}{did_you_mean(choice.name, names)}")
        return False
    method = registry.get(category, choice.name)
    ok = True
    for name in choice.params:
        if name not in method.params:
            doc.problem(
                f"{params_key}.{name}",
                f"unknown parameter {name!r} of {category} {choice.name!r}{did_you_mean(name, list(method.params))}",
            )
            ok = False
    for name, default in method.params.items():
        if default is None and name not in choice.params:
            doc.problem(params_key, f"{category} {choice.name!r} needs the parameter {name!r}")
            ok = False
    if ok and method.check_params is not None:
        messages = _call_check(registry, category, method, params_key, choice.params, context)
        for message in messages:
            _report(doc, params_key, message)
        ok = not messages
    return ok


def _report(doc: Document, key: str, message) -> None:
    """Record a check_params result: a message, or a (sub-key, message) pair."""
    if isinstance(message, tuple):
        subkey, message = message
        key = f"{key}.{subkey}"
    doc.problem(key, str(message))


def parse_scheme_file(doc: Document) -> tuple:
    """A file holding only schemes for a rubric named by ``rubric = "id"``."""
    fields = check_table(doc, doc.data, "", SCHEME_FILE_FIELDS)
    return fields.get("rubric"), parse_schemes(doc, fields.get("schemes", {}))


# --- proposals -------------------------------------------------------------

PROPOSAL_FIELDS = Fields({
    "id": (_is_str, REQUIRED),
    "title": (_is_str, REQUIRED),
    "summary": (_is_str, OPTIONAL),
    "sponsor": (_is_str, OPTIONAL),
    "status": (_is_str, OPTIONAL),
    "date": (_is_date, OPTIONAL),
    "tags": (_is_str_list, OPTIONAL),
    "sources": (_is_table_list, OPTIONAL),
    "facts": (_is_table, OPTIONAL),
    "assessments": (_is_table, OPTIONAL),
})
RATING_FIELDS = Fields({
    "rater": (_is_str, OPTIONAL),
    "score": (is_real_number, REQUIRED),
    "low": (is_real_number, OPTIONAL),
    "high": (is_real_number, OPTIONAL),
    "confidence": (_is_str, OPTIONAL),
    "rationale": (_is_str, OPTIONAL),
    "sources": (_is_str_list, OPTIONAL),
})


def parse_proposal(doc: Document) -> Optional[Proposal]:
    """Check a proposal file's structure and build the :class:`Proposal`."""
    data = doc.data
    if isinstance(data, dict) and "criteria" in data and "scale" in data:
        doc.problem("", "this is a rubric, not a proposal; pass rubrics with --rubrics")
        return None
    fields = check_table(doc, data, "", PROPOSAL_FIELDS)
    if "id" in fields:
        check_id(doc, "id", fields["id"])
    sources = parse_sources(doc, fields.get("sources"))
    source_ids = [s.id for s in sources]
    assessments = {}
    for rubric_id, by_criterion in fields.get("assessments", {}).items():
        rkey = f"assessments.{rubric_id}"
        if not isinstance(by_criterion, dict):
            doc.problem(rkey, f"expected a table of criterion ids, found {describe(by_criterion)}")
            continue
        assessments[rubric_id] = {}
        for criterion_id, entries in by_criterion.items():
            ckey = f"{rkey}.{criterion_id}"
            if isinstance(entries, dict):  # a single [assessments.r.c] table is one rating
                entries = [entries]
            if not _is_table_list(entries) or not entries:
                doc.problem(ckey, f"expected one or more ratings ([[{ckey}]]), found {describe(entries)}")
                continue
            ratings = []
            for index, entry in enumerate(entries):
                rating = parse_rating(doc, f"{ckey}[{index}]", entry, source_ids)
                if rating is None:
                    continue
                if any(r.rater == rating.rater for r in ratings):
                    doc.problem(f"{ckey}[{index}].rater", f"rater {rating.rater!r} rates this criterion twice")
                ratings.append(rating)
            assessments[rubric_id][criterion_id] = tuple(ratings)
    # Built even when there are problems, so that the checks against rubrics
    # still run; the caller keeps only proposals from files without problems.
    return Proposal(
        id=fields.get("id", doc.path.stem),
        title=fields.get("title", ""),
        summary=fields.get("summary", ""),
        sponsor=fields.get("sponsor", ""),
        status=fields.get("status", ""),
        date=fields.get("date"),
        tags=tuple(fields.get("tags", ())),
        sources=sources,
        facts=fields.get("facts", {}),
        assessments=assessments,
        path=doc.path,
        digest=doc.digest,
    )


def parse_rating(doc: Document, key: str, entry: dict, source_ids: Sequence[str]) -> Optional[Rating]:
    fields = check_table(doc, entry, key, RATING_FIELDS)
    if "score" not in fields:
        return None
    score = fields["score"]
    low, high = fields.get("low"), fields.get("high")
    if low is not None and low > score:
        doc.problem(f"{key}.low", f"expected low <= score ({score}), found {low}")
    if high is not None and high < score:
        doc.problem(f"{key}.high", f"expected high >= score ({score}), found {high}")
    confidence = fields.get("confidence")
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        doc.problem(f"{key}.confidence", f"expected one of {', '.join(CONFIDENCE_LEVELS)}, found {confidence!r}")
    for source in fields.get("sources", ()):
        if source not in source_ids:
            doc.problem(f"{key}.sources", f"unknown source {source!r}: not among this proposal's [[sources]] ids{did_you_mean(source, source_ids)}")
    return Rating(
        rater=fields.get("rater", DEFAULT_RATER),
        score=score,
        rationale=fields.get("rationale", ""),
        low=low,
        high=high,
        confidence=confidence,
        sources=tuple(fields.get("sources", ())),
    )


def applies(rubric: Rubric, proposal: Proposal, registry) -> bool:
    """A rubric applies to a proposal that assesses it, or to all if it has no assessed criteria."""
    if rubric.id in proposal.assessments:
        return True
    return not any(registry.criterion_kind(c.kind).assessed for c in rubric.criteria)


def value_problems(rubric: Rubric, proposals: Iterable[Proposal], registry) -> list:
    """Problems computing each proposal's criterion values, for ``rubric validate``.

    Computed criteria read facts that only their plugin knows how to check, so
    validation runs them; the first problem of each proposal is reported.
    """
    from rubric.values import value_matrix  # it needs the registry, imported here only lazily

    problems = []
    for proposal in proposals:
        if not applies(rubric, proposal, registry):
            continue
        try:
            value_matrix(rubric, [proposal], registry)
        except InputError as exc:
            problems.extend(exc.problems)
        except PluginError as exc:
            problems.append(Problem(proposal.path, "", str(exc)))
    return problems




def check_proposal(doc: Document, proposal: Proposal, rubrics: Sequence[Rubric], registry) -> None:
    """Check a proposal's assessments against the loaded rubrics."""
    by_id = {r.id: r for r in rubrics}
    for rubric_id, by_criterion in proposal.assessments.items():
        rubric = by_id.get(rubric_id)
        if rubric is None:
            hint = did_you_mean(rubric_id, list(by_id))
            if "did you mean" in hint:  # most likely a typo, which would silently drop the assessments
                doc.problem(f"assessments.{rubric_id}", f"no loaded rubric has id {rubric_id!r}{hint}")
            continue
        criteria = {c.id: c for c in rubric.criteria}
        for criterion_id, ratings in by_criterion.items():
            ckey = f"assessments.{rubric_id}.{criterion_id}"
            if criterion_id not in criteria:
                doc.problem(ckey, f"rubric {rubric_id!r} has no criterion {criterion_id!r}{did_you_mean(criterion_id, list(criteria))}")
                continue
            kind = registry.components["criterion kind"].get(criteria[criterion_id].kind)
            if kind is not None and not kind.assessed:
                doc.problem(
                    ckey,
                    f"criterion {criterion_id!r} of rubric {rubric_id!r} is computed (kind {kind.name!r}) from the "
                    "proposal's facts; its ratings would be ignored, so remove them",
                )
                continue
            for index, rating in enumerate(ratings):
                for name in ("score", "low", "high"):
                    value = getattr(rating, name)
                    if value is not None and not rubric.scale.contains(value):
                        doc.problem(
                            f"{ckey}[{index}].{name}",
                            f"expected a value on rubric {rubric_id!r}'s scale {rubric.scale.min:g}…{rubric.scale.max:g}, found {value}",
                        )
    for rubric in rubrics:
        if rubric.id not in proposal.assessments:
            continue
        for criterion in rubric.criteria:
            kind = registry.components["criterion kind"].get(criterion.kind)
            if kind is not None and kind.assessed and criterion.id not in proposal.assessments[rubric.id]:
                doc.problem(
                    f"assessments.{rubric.id}",
                    f"missing an assessment of criterion {criterion.id!r}, which rubric {rubric.id!r} needs "
                    f"([[assessments.{rubric.id}.{criterion.id}]] with at least a score)",
                )


# --- whole projects --------------------------------------------------------


@attrs.frozen
class Project:
    """Everything a command works on: rubrics, proposals and the registry."""

    rubrics: tuple
    proposals: tuple
    registry: Any


def _duplicates(docs_and_items: Iterable[tuple], what: str) -> None:
    seen = {}
    for doc, item in docs_and_items:
        if item.id in seen:
            doc.problem("id", f"duplicate {what} id {item.id!r}: also used by {seen[item.id]}")
        else:
            seen[item.id] = doc.path


def load_project(
    rubric_paths: Iterable[Path | str],
    proposal_paths: Iterable[Path | str] = (),
    *,
    plugin_files: Iterable[Path | str] = (),
    autoload: Optional[bool] = None,
    registry=None,
    collect: Optional[list] = None,
) -> Project:
    """Load and check rubrics (with scheme files) and proposals together.

    Raises :class:`InputError` with every problem in every file, unless
    ``collect`` is given: then problems are appended to it and whatever loaded
    cleanly is returned (``rubric validate`` uses this).
    """
    with collector_paused():
        return _load_project(rubric_paths, proposal_paths, plugin_files, autoload, registry, collect)


def _load_project(rubric_paths, proposal_paths, plugin_files, autoload, registry, collect) -> Project:
    from rubric.registry import create_registry

    rubric_docs = [read_document(p) for p in toml_files(rubric_paths)]
    proposal_docs = [read_document(p) for p in toml_files(proposal_paths)]
    rubrics, scheme_files = [], []
    for doc in rubric_docs:
        if doc.data is None:
            continue
        if "rubric" in doc.data and "criteria" not in doc.data:
            scheme_files.append((doc, *parse_scheme_file(doc)))
        else:
            rubric = parse_rubric(doc)
            if rubric is not None:
                rubrics.append((doc, rubric))
    if registry is None:
        files = [*(p for _, r in rubrics for p in r.plugins), *plugin_files]
        registry = create_registry(files, autoload=autoload)
    rubrics = _merge_scheme_files(rubrics, scheme_files)
    _duplicates(rubrics, "rubric")
    scheme_docs = {doc.path: doc for doc, _, _ in scheme_files}
    for doc, rubric in rubrics:
        check_rubric(doc, rubric, registry, scheme_docs)
    proposals = []
    for doc in proposal_docs:
        if doc.data is not None:
            proposal = parse_proposal(doc)
            if proposal is not None:
                proposals.append((doc, proposal))
    _duplicates(proposals, "proposal")
    failed = {doc.path for doc in rubric_docs if doc.problems}
    good_rubrics = tuple(r for d, r in rubrics if not failed & {d.path, *(s.path for s in r.schemes)})
    for doc, proposal in proposals:
        check_proposal(doc, proposal, good_rubrics, registry)
    problems = [p for doc in (*rubric_docs, *proposal_docs) for p in doc.problems]
    if collect is None and problems:
        raise InputError(problems)
    if collect is not None:
        collect.extend(problems)
    good_proposals = tuple(p for d, p in proposals if not d.problems)
    return Project(good_rubrics, good_proposals, registry)


def _merge_scheme_files(rubrics: list, scheme_files: list) -> list:
    by_id = {rubric.id: index for index, (_, rubric) in enumerate(rubrics)}
    for doc, rubric_id, schemes in scheme_files:
        if rubric_id is None:
            continue
        if rubric_id not in by_id:
            doc.problem("rubric", f"no loaded rubric has id {rubric_id!r}{did_you_mean(rubric_id, list(by_id))}")
            continue
        rdoc, rubric = rubrics[by_id[rubric_id]]
        known = {s.id for s in rubric.schemes}
        for scheme in schemes:
            if scheme.id in known:
                doc.problem(f"schemes.{scheme.id}", f"rubric {rubric_id!r} already has a scheme {scheme.id!r} (in {rdoc.path})")
        # Scheme files are checked against the rubric; their problems stay theirs.
        extra = tuple(s for s in schemes if s.id not in known)
        rubrics[by_id[rubric_id]] = (rdoc, attrs.evolve(rubric, schemes=rubric.schemes + extra))
    return rubrics


def load_rubric(path: Path | str, *, registry=None, autoload: Optional[bool] = None) -> Rubric:
    """Load and check one rubric file."""
    return load_project([path], registry=registry, autoload=autoload).rubrics[0]


def load_rubrics(paths: Iterable[Path | str], *, registry=None, autoload: Optional[bool] = None) -> tuple:
    """Load and check rubric files and folders (scheme files included)."""
    return load_project(paths, registry=registry, autoload=autoload).rubrics


def load_proposals(
    paths: Iterable[Path | str] | Path | str, *, rubrics: Sequence[Rubric] = (), registry=None
) -> tuple:
    """Load proposal files and folders; with ``rubrics``, check assessments against them."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    docs = [read_document(p) for p in toml_files(paths)]
    proposals = [(doc, parse_proposal(doc)) for doc in docs if doc.data is not None]
    proposals = [(doc, p) for doc, p in proposals if p is not None]
    _duplicates(proposals, "proposal")
    if rubrics:
        if registry is None:
            from rubric.registry import create_registry

            registry = create_registry([p for r in rubrics for p in r.plugins])
        for doc, proposal in proposals:
            check_proposal(doc, proposal, rubrics, registry)
    problems = [p for doc in docs for p in doc.problems]
    if problems:
        raise InputError(problems)
    return tuple(p for _, p in proposals)


def proposal_to_data(proposal: Proposal) -> dict:
    """The TOML table of a proposal: the inverse of reading one (defaults left out)."""
    data: dict = {"id": proposal.id, "title": proposal.title}
    for name in ("summary", "sponsor", "status"):
        if getattr(proposal, name):
            data[name] = getattr(proposal, name)
    if proposal.date is not None:
        data["date"] = proposal.date
    if proposal.tags:
        data["tags"] = list(proposal.tags)
    if proposal.sources:
        data["sources"] = [
            {k: v for k, v in attrs.asdict(s).items() if v not in ("", None)} for s in proposal.sources
        ]
    if proposal.facts:
        data["facts"] = dict(proposal.facts)
    if proposal.assessments:
        data["assessments"] = {
            rubric_id: {
                criterion_id: [
                    {
                        k: list(v) if k == "sources" else v
                        for k, v in attrs.asdict(r).items()
                        if v not in (None, "", ())
                    }
                    for r in ratings
                ]
                for criterion_id, ratings in by_criterion.items()
            }
            for rubric_id, by_criterion in proposal.assessments.items()
        }
    return data
