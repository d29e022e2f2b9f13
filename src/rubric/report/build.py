"""From evaluations to a written report: the data of each rubric, the provenance, the file.

What the ``report`` and ``plot`` commands and the Python API share: which
analyses run (SMAA with a seed, weight stability, rater agreement), what the
footer says (versions, input hashes, seed, date, command line), and the
rule that an existing file is never replaced without ``force``.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Optional, Sequence

from rubric.errors import RubricError
from rubric.report.data import analyses, report_data
from rubric.results import run_inputs

__all__ = ["Exists", "documents", "provenance", "write_report"]

#: The distributions whose versions the footer names.
PACKAGES = ("policy-rubric", "attrs", "pluggy", "tabulate", "tomli", "numpy", "jinja2", "matplotlib")


class Exists(RubricError):
    """The output file is there already, and ``force`` was not given."""


def documents(evaluations: Sequence, *, seed: int = 0, samples: int = 10_000, top: int = 3,
              axes: Optional[Sequence[str]] = None, baseline: Optional[dict] = None) -> list:
    """One :func:`~rubric.report.data.report_data` per evaluation, with the analyses of its first scheme.

    ``baseline``: ``{"data": RUN, "label": …, "inputs": …}``, for the changes since a previous run.
    """
    return [report_data(ev, top=top, axes=axes, extra=analyses(ev, samples=samples, seed=seed), baseline=baseline)
            for ev in evaluations]


def today() -> str:
    """The date of the report: ``SOURCE_DATE_EPOCH`` if set (reproducible builds' convention), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    utc = datetime.timezone.utc
    moment = datetime.datetime.fromtimestamp(int(epoch), utc) if epoch else datetime.datetime.now(utc)
    return moment.date().isoformat()


def provenance(evaluations: Sequence, *, seed: int, command: str = "") -> dict:
    """The footer: rubric's version, the packages', every input file's SHA-256, the seed, the date, the command."""
    from importlib import metadata

    from rubric import __version__

    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {"version": __version__, "packages": packages, "inputs": run_inputs(evaluations), "seed": seed,
            "date": today(), "command": command}


def write_report(target: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``target``, refusing to replace a file without ``force``."""
    if target.exists() and not force:
        raise Exists(f"{target} exists already: give --force to replace it, or -o another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
