"""Documents built from results: the HTML report, the Markdown memo and single charts.

:func:`report_data` lays an evaluation out as one plain, JSON-able structure
(the value matrix, the tree, every scheme's weights and results, the
analyses); :mod:`rubric.report.html` and :mod:`rubric.report.markdown` turn it
into a page or a memo, :mod:`rubric.report.figures` into matplotlib charts.
Jinja2 and matplotlib are the ``[report]`` extra: nothing here imports them
until a document or a chart is asked for; :func:`plot` gives an evaluation's
charts for a notebook (``Evaluation.plot`` is the same, found by entry point).
"""

from rubric.report.data import report_data
from rubric.report.notebook import plot

__all__ = ["plot", "report_data"]
