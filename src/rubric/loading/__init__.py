"""Reading rubric, scheme and proposal files into the model, validating as we go.

Every check records a :class:`~rubric.errors.Problem` (file, key path, line
where known, what was expected and what was found) and carries on, so that
``rubric validate`` reports every problem in every file at once; the loaders
raise one :class:`~rubric.errors.InputError` holding them all.

Checking happens in two passes: the structure of each file on its own
(:mod:`.rubrics`, :mod:`.proposals`, written in the mini-language of
:mod:`.fields` over the :mod:`.documents` read), then what needs the registry
or other files (:mod:`.checks`); :mod:`.project` assembles the two and
:mod:`.validation` adds what only ``rubric validate`` computes.
"""

from rubric.errors import describe
from rubric.loading.checks import check_method, check_proposal, check_rubric
from rubric.loading.documents import Document, collector_paused, find_line, key_lines, read_document, toml_files
from rubric.loading.fields import ID_PATTERN, Fields, check_id, check_table
from rubric.loading.project import Project, load_project, load_proposals, load_rubric, load_rubrics
from rubric.loading.proposals import CONFIDENCE_LEVELS, DEFAULT_RATER, parse_proposal, parse_rating
from rubric.loading.rubrics import parse_rubric, parse_scheme_file, parse_schemes
from rubric.loading.validation import applies, value_problems

__all__ = [
    "CONFIDENCE_LEVELS",
    "DEFAULT_RATER",
    "ID_PATTERN",
    "Document",
    "Fields",
    "Project",
    "applies",
    "check_id",
    "check_method",
    "check_proposal",
    "check_rubric",
    "check_table",
    "collector_paused",
    "describe",
    "find_line",
    "load_project",
    "load_proposals",
    "load_rubric",
    "load_rubrics",
    "key_lines",
    "parse_proposal",
    "parse_rating",
    "parse_rubric",
    "parse_scheme_file",
    "parse_schemes",
    "read_document",
    "toml_files",
    "value_problems",
]
