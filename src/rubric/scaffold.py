"""``rubric new``: starting files for a plugin package, a proposal, a rubric or a scheme.

Every file written here loads as it stands (the tests check each one with
:func:`rubric.loading.load_project`, and run the plugin package's own test).
Where a value can only come from the author — a score, a fact, a source — the
scaffold writes a commented example instead of a placeholder value, so that an
unfinished file is never mistaken for data.

Nothing is ever overwritten: a target that exists raises :class:`ScaffoldError`
naming it, before any file is written, unless ``force=True``.
"""

from __future__ import annotations

import datetime
import re
import string
from pathlib import Path
from typing import Optional, Sequence, Union

import attrs

from rubric.errors import RubricError
from rubric.loading import ID_PATTERN

__all__ = ["PluginNames", "ScaffoldError", "new_plugin", "new_proposal", "new_rubric", "new_scheme", "plugin_names"]

PathLike = Union[str, Path]

#: A plugin name: lowercase words joined by hyphens, as a criterion kind is named.
PLUGIN_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


class ScaffoldError(RubricError):
    """A scaffold cannot be written: a target exists, or a name is unusable."""


# --- writing ----------------------------------------------------------------------


def _check_id(what: str, value: str) -> None:
    if not ID_PATTERN.match(value):
        raise ScaffoldError(f"{what} {value!r}: expected an id of lowercase letters, digits, '-' or '_' (e.g. my-proposal)")


def _write(files: dict, *, force: bool, root: Optional[Path] = None) -> list:
    """Write ``{path: text}``; refuse, before writing anything, if a target exists."""
    if not force:
        taken = [p for p in ([root] if root is not None else []) + list(files) if p.exists()]
        if taken:
            raise ScaffoldError(f"{taken[0]} already exists; choose another name, or pass --force to overwrite")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x" refuses a file that appeared since the check above.
        with open(path, "w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return list(files)


def _title(identifier: str) -> str:
    """``blanket-export-controls`` → ``Blanket export controls``."""
    words = re.split(r"[-_]+", identifier)
    return " ".join(words).capitalize()


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- plugin package ---------------------------------------------------------------


@attrs.frozen
class PluginNames:
    """The names a plugin package uses, derived from one plugin name."""

    #: The criterion kind and entry point name, e.g. ``enforcement-burden``.
    kind: str
    #: The distribution (and folder) name, e.g. ``rubric-enforcement-burden``.
    distribution: str
    #: The import name, e.g. ``rubric_enforcement_burden``.
    module: str


def plugin_names(name: str) -> PluginNames:
    """The kind, distribution and module names for a plugin called ``name``.

    A leading ``rubric-`` is accepted and not doubled: ``rubric-foo`` and ``foo``
    both give the kind ``foo`` in the distribution ``rubric-foo``.
    """
    if not PLUGIN_NAME.match(name):
        raise ScaffoldError(
            f"plugin name {name!r}: expected lowercase words joined by hyphens, starting with a letter "
            "(e.g. enforcement-burden)"
        )
    kind = name[len("rubric-") :] if name.startswith("rubric-") and len(name) > len("rubric-") else name
    distribution = f"rubric-{kind}"
    return PluginNames(kind=kind, distribution=distribution, module=distribution.replace("-", "_"))


_PLUGIN_PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "A rubric criterion kind: $kind."
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["rubric>=$rubric_version"]

[project.optional-dependencies]
test = ["pytest>=7.4"]

# rubric finds the plugin through this entry point: it imports the module and
# calls the hook implementations in it.
[project.entry-points.rubric]
$kind = "$module"

[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_PLUGIN_MODULE = '''\
"""The ``$kind`` criterion kind for rubric.

Value function: the proposal's numeric fact named by ``params.fact``, mapped
linearly from ``params.best`` (the top of the rubric's scale) to
``params.worst`` (the bottom), clamped.  ``best`` may be above or below
``worst``: with ``best = 0, worst = 60`` less is better.

A proposal without the fact is an input error naming its file and the fact.

Replace this with your own value function; keep the docstring saying which
facts it reads, what it computes and what it does when a fact is missing.
"""

from __future__ import annotations

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue, is_real_number
from rubric.errors import InputError, Problem, did_you_mean

PARAMS = ("fact", "best", "worst")


def check_params(params) -> list:
    """Problems with a criterion's ``params``; rubric reports them when the rubric loads."""
    problems = [f"unknown parameter {name!r}{did_you_mean(name, PARAMS)}" for name in params if name not in PARAMS]
    if not isinstance(params.get("fact"), str):
        problems.append(f"fact: expected the name of a numeric fact, found {params.get('fact')!r}")
    for name in ("best", "worst"):
        if not is_real_number(params.get(name)):
            problems.append(f"{name}: expected a number, found {params.get(name)!r}")
    if not problems and params["best"] == params["worst"]:
        problems.append(f"worst: expected a number other than best ({params['best']:g})")
    return problems


def score(criterion, proposal, rubric) -> CriterionValue:
    """The value of ``criterion`` for ``proposal`` on ``rubric.scale``."""
    key, best, worst = criterion.params["fact"], criterion.params["best"], criterion.params["worst"]
    value = proposal.facts.get(key)
    if not is_real_number(value):
        found = "nothing" if value is None else repr(value)
        raise InputError(
            [
                Problem(
                    proposal.path,
                    f"facts.{key}",
                    f"criterion {criterion.id!r} (kind $kind) of rubric {rubric.id!r} expected a number, found {found}",
                )
            ]
        )
    shortfall = min(1.0, max(0.0, (value - best) / (worst - best)))
    scale = rubric.scale
    result = scale.max - shortfall * (scale.max - scale.min)
    return CriterionValue(
        result,
        note=f"{key} = {value:g}, linear from best {best:g} to worst {worst:g}: {result:.3g} on {scale.min:g}…{scale.max:g}",
    )


KIND = CriterionKind(
    name="$kind",
    score=score,
    description="A numeric fact mapped linearly between two anchors.",
    check_params=check_params,
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
'''

_PLUGIN_TEST = '''\
"""Tests of the $kind criterion kind, through rubric's public API."""

from __future__ import annotations

import textwrap

import pytest

import rubric
import $module
from rubric.errors import InputError
from rubric.loading import load_project

RUBRIC = """
id = "example"
title = "Example"
version = "1.0"

[scale]
min = -2
max = 2
labels = ["very poor", "poor", "neutral", "good", "very good"]

[groups.practical]
title = "Practical"

[criteria.speed]
group = "practical"
title = "Speed"
kind = "$kind"
params = { fact = "months_to_effect", best = 0, worst = 60 }
"""


def evaluate(tmp_path, facts: dict):
    """Evaluate one proposal per entry of ``facts`` (its [facts] table as TOML lines)."""
    (tmp_path / "example.toml").write_text(RUBRIC)
    folder = tmp_path / "proposals"
    folder.mkdir()
    for pid, lines in facts.items():
        (folder / f"{pid}.toml").write_text(
            textwrap.dedent(f"""
            id = "{pid}"
            title = "Proposal {pid}"

            [facts]
            {lines}
            """)
        )
    # Only this plugin, whatever else is installed.
    registry = rubric.create_registry(autoload=False, plugins=[$module])
    project = load_project([tmp_path / "example.toml"], [folder], registry=registry)
    return rubric.evaluate(project.rubrics[0], project.proposals, registry=registry)


def test_value_is_linear_between_the_anchors(tmp_path):
    """0 months is the top of the scale, 30 the middle, 60 and beyond the bottom."""
    ev = evaluate(
        tmp_path,
        {"a-now": "months_to_effect = 0", "b-mid": "months_to_effect = 30", "c-late": "months_to_effect = 90"},
    )
    assert [row[0].score for row in ev.values] == pytest.approx([2.0, 0.0, -2.0])
    assert "months_to_effect = 30" in ev.values[1][0].note


def test_missing_fact_is_an_error_naming_it(tmp_path):
    """A proposal without the fact gets an error naming the fact, not a silent value."""
    with pytest.raises(InputError) as raised:
        evaluate(tmp_path, {"vague": "cost_usd = 1"})
    assert raised.value.problems[0].key == "facts.months_to_effect"


def test_unknown_parameter_is_reported():
    """check_params names a misspelled parameter."""
    problems = $module.KIND.check_params({"fact": "x", "best": 0, "wrost": 1})
    assert any("wrost" in p for p in problems)
'''

_PLUGIN_README = """\
# $distribution

A criterion plugin for rubric: the `$kind` criterion kind.

## Install

```console
$$ pip install -e $distribution
$$ rubric plugins        # lists "$kind" with this distribution and its version
```

rubric finds the plugin through the entry point in `pyproject.toml`:

```toml
[project.entry-points.rubric]
$kind = "$module"
```

To try it without installing, name the module file in a rubric
(`plugins = ["path/to/src/$module/__init__.py"]`) or on the command line
(`rubric score --plugin path/to/src/$module/__init__.py`).

## Use

```toml
[criteria.speed]
group = "practical"
title = "Speed"
kind = "$kind"
params = { fact = "months_to_effect", best = 0, worst = 60 }
```

Value function: see the docstring of `src/$module/__init__.py`.

## Test

```console
$$ pip install -e '$distribution[test]'
$$ python -m pytest $distribution
```
"""


def new_plugin(name: str, directory: PathLike = ".", *, force: bool = False) -> list:
    """Write a plugin package skeleton: ``<directory>/rubric-<name>/``.

    The package has a ``pyproject.toml`` with the entry point, a README, a
    module with one criterion kind and its hook implementation, and a test
    that passes as written.

    :returns: the paths written.
    :raises ScaffoldError: the name is unusable, or the folder exists (unless ``force``).
    """
    from rubric import __version__

    names = plugin_names(name)
    root = Path(directory) / names.distribution
    values = {**attrs.asdict(names), "rubric_version": __version__}
    files = {
        root / "pyproject.toml": string.Template(_PLUGIN_PYPROJECT).substitute(values),
        root / "README.md": string.Template(_PLUGIN_README).substitute(values),
        root / "src" / names.module / "__init__.py": string.Template(_PLUGIN_MODULE).substitute(values),
        root / "tests" / f"test_{names.module}.py": string.Template(_PLUGIN_TEST).substitute(values),
    }
    return _write(files, force=force, root=root)


# --- proposal ------------------------------------------------------------------------

#: Facts vocabulary (docs/formats.md): key → a commented example line.
FACTS = (
    ("mechanism", '"export-control"', "export-control | licensing | pre-release-testing |\n"
     + " " * 37 + "# voluntary-commitment | public-funding | procurement-rule |\n"
     + " " * 37 + "# trade-agreement | international-forum | monitoring |\n"
     + " " * 37 + "# definition-alignment"),
    ("mandatory", "true", "whether anyone is legally bound"),
    ("enforcer", '"BIS (Commerce)"', 'who enforces, or "none"'),
    ("restricts_publication", "false", "whether it restricts publishing code, weights or other published material"),
    ("scope", '"frontier-models"', "all-open-models | frontier-models | dangerous-capability | none"),
    ("substitutes", '"some"', "many | some | few | not-applicable"),
    ("enforcement_reach", '"domestic"', "domestic | allied | multilateral | not-applicable"),
    ("cost_usd", "10_000_000", "public cost in US dollars over the proposal's horizon"),
    ("months_to_effect", "12", "months from adoption until it takes effect"),
    ("legal_exposure", '"low"', "low | medium | high: legal risk of any kind, as the analyst reads it"),
)


def _commented(lines: Sequence[str]) -> str:
    lines = [part for line in lines for part in line.split("\n")]
    return "\n".join(f"# {line}" if line else "#" for line in lines)


def new_proposal(
    proposal_id: str,
    directory: PathLike = "proposals",
    *,
    title: Optional[str] = None,
    rubrics: Sequence = (),
    registry=None,
    force: bool = False,
) -> Path:
    """Write ``<directory>/<proposal_id>.toml``: a proposal that loads as it stands.

    Every field an author must supply is a commented example: the facts of
    the facts vocabulary, a source, and — for each rubric in ``rubrics``
    (:class:`~rubric.model.Rubric` objects) — one assessment block per
    assessed criterion, with the criterion's question and the scale.  Which
    criteria are assessed is read from ``registry`` when given (plugin kinds
    may be assessed too), else from ``kind = "assessed"``.

    :raises ScaffoldError: the id is unusable, or the file exists (unless ``force``).
    """
    _check_id("proposal id", proposal_id)
    path = Path(directory) / f"{proposal_id}.toml"
    parts = [
        f"# Proposal {proposal_id}: written by `rubric new proposal`. Uncomment and fill in the",
        "# commented fields; `rubric validate` checks the file, `rubric explain "
        f"{proposal_id}` shows its scores.",
        "",
        f"id = {_toml_string(proposal_id)}",
        f"title = {_toml_string(title or _title(proposal_id))}",
        _commented(
            [
                'summary = """',
                "In your own words: what the proposal does, whom it binds, and how.",
                '"""',
                'sponsor = "Who proposes or advocates it"',
                'status = "proposed"            # proposed, bill introduced, enacted, rescinded…',
                f"date = {datetime.date.today().isoformat()}",
                'tags = ["export-controls"]',
                "",
                "[[sources]]                     # one block per public source",
                'id = "source-id"               # referenced from assessments',
                'title = "Title of the source"',
                'publisher = "Who published it"',
                'url = "https://…"',
                f"accessed = {datetime.date.today().isoformat()}",
            ]
        ),
        "",
        "[facts]",
        "# Read by computed criteria (docs/formats.md, \"Facts vocabulary\"). A rubric with",
        "# only computed criteria applies to every proposal, and a fact it needs that is",
        "# missing here is an error naming the fact: set each one that applies.",
        _commented([f"{f'{key} = {example}':<36} # {meaning}" for key, example, meaning in FACTS]),
    ]
    for rubric in rubrics:
        scale = rubric.scale
        assessed = [
            c
            for c in rubric.criteria
            if (registry.criterion_kind(c.kind).assessed if registry is not None else c.kind == "assessed")
        ]
        if not assessed:
            continue
        parts += [
            "",
            f"# --- rubric {rubric.id}: uncomment to assess the proposal under it. The rubric then",
            "# applies to this proposal and needs an assessment of every criterion below.",
            f"# Scores run from {scale.min:g} ({scale.labels[0]}) to {scale.max:g} ({scale.labels[-1]}).",
        ]
        for criterion in assessed:
            question = " ".join((criterion.question or criterion.title).split())
            parts += [
                "",
                _commented(
                    [
                        f"[[assessments.{rubric.id}.{criterion.id}]]",
                        f"# {question}",
                        'rater = "analyst"',
                        "score = 0",
                        'confidence = "medium"          # low | medium | high',
                        'rationale = """Why this score."""',
                        'sources = ["source-id"]',
                    ]
                ),
            ]
    return _write({path: "\n".join(parts) + "\n"}, force=force)[0]


# --- rubric ------------------------------------------------------------------------------

_RUBRIC = """\
# Rubric $id: written by `rubric new rubric`. Replace the example groups and
# criteria with your own; docs/formats.md describes every key.

id = "$id"
title = $title
version = "0.1"
perspective = "Whose interests the scores take: e.g. US federal policy-makers"
description = \"\"\"
What this rubric is for, where its criteria come from, and how a reader should
take its scores.
\"\"\"
# plugins = ["../plugins/my_criteria.py"]   # local plugin files, relative to this file

[scale]
min = -2
max = 2
labels = ["strongly worsens", "worsens", "no effect", "improves", "strongly improves"]

# [[sources]]
# id = "source-id"
# title = "Where the criteria come from"
# url = "https://…"

[groups.values]
title = "Values"
description = "What the proposal should advance."

[groups.risks]
title = "Risks"
description = "What the proposal should reduce; +2 means it strongly reduces the risk."

[criteria.value-a]
group = "values"
title = "Value A"
question = "How does the proposal change value A? (+2: strongly improves; 0: no effect; -2: strongly worsens)"
# kind = "assessed"                          # default: raters score it in each proposal

[criteria.value-b]
group = "values"
title = "Value B"
question = "How does the proposal change value B? (+2: strongly improves; 0: no effect; -2: strongly worsens)"

[criteria.risk-a]
group = "risks"
title = "Risk A"
question = "How does the proposal change risk A? (+2: strongly reduces it; 0: no effect; -2: strongly raises it)"

[criteria.risk-b]
group = "risks"
title = "Risk B"
question = "How does the proposal change risk B? (+2: strongly reduces it; 0: no effect; -2: strongly raises it)"

[schemes.balanced]
title = "Balanced"
description = "Values and risks count equally; the criteria of each group share its half."
weights = { values = 1, risks = 1 }

[schemes.risks-first]
title = "Risks first"
description = "Risks count three times as much as values."
weights = { values = 1, risks = 3 }
"""


def new_rubric(rubric_id: str, directory: PathLike = "rubrics", *, title: Optional[str] = None, force: bool = False) -> Path:
    """Write ``<directory>/<rubric_id>.toml``: a rubric with two groups, four criteria, two schemes.

    :raises ScaffoldError: the id is unusable, or the file exists (unless ``force``).
    """
    _check_id("rubric id", rubric_id)
    path = Path(directory) / f"{rubric_id}.toml"
    text = string.Template(_RUBRIC).substitute(id=rubric_id, title=_toml_string(title or _title(rubric_id)))
    return _write({path: text}, force=force)[0]


# --- scheme ------------------------------------------------------------------------------


def new_scheme(
    scheme_id: str,
    rubric,
    directory: Optional[PathLike] = None,
    *,
    title: Optional[str] = None,
    force: bool = False,
) -> Path:
    """Write a scheme file ``<rubric id>.<scheme_id>.toml`` for a loaded rubric.

    The scheme weighs the rubric's top-level groups equally and lists every
    criterion in a comment, so criterion weights are one uncomment away.  The
    file goes next to the rubric's file by default, where the loader finds it.

    :param rubric: the :class:`~rubric.model.Rubric` the scheme is for.
    :param directory: where to write (default: the rubric file's folder, else ``rubrics``).
    :raises ScaffoldError: the id is unusable or already a scheme of the rubric,
        or the file exists (unless ``force``).
    """
    _check_id("scheme id", scheme_id)
    known = [s.id for s in rubric.schemes]
    if scheme_id in known:
        raise ScaffoldError(f"rubric {rubric.id!r} already has a scheme {scheme_id!r}; its schemes: {', '.join(known)}")
    if directory is None:
        directory = rubric.path.parent if rubric.path is not None else Path("rubrics")
    path = Path(directory) / f"{rubric.id}.{scheme_id}.toml"
    groups = ", ".join(f"{g.id} = 1" for g in rubric.top_groups)
    criteria = ", ".join(f"{c.id} = 1" for c in rubric.criteria)
    lines = [
        f"# Scheme {scheme_id} for rubric {rubric.id}: written by `rubric new scheme`.",
        "# Weights may name groups and criteria; siblings are normalised, and where some",
        "# siblings have a weight, all must. `rubric compare` shows it beside the others.",
        "",
        f"rubric = {_toml_string(rubric.id)}",
        "",
        f"[schemes.{scheme_id}]",
        f"title = {_toml_string(title or _title(scheme_id))}",
        'description = """',
        "Whose view this weighting represents, and why it weighs the criteria as it does.",
        '"""',
        f"weights = {{ {groups} }}",
        f"# weights = {{ {groups}, {criteria} }}",
        '# aggregation = "weighted-sum"',
    ]
    return _write({path: "\n".join(lines) + "\n"}, force=force)[0]
