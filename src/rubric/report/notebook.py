"""The report's charts in a notebook: ``rubric.report.plot(evaluation).plane()``, or ``evaluation.plot.plane()``.

:class:`Plots` lays the evaluation out once (:func:`~rubric.report.data.report_data`,
with SMAA and the other analyses only when a chart needs them) and draws each
chart with :mod:`rubric.report.figures`.  A chart is a matplotlib figure that
shows itself inline (it has ``_repr_png_`` and ``_repr_svg_``), with or without
pyplot.  ``Evaluation.plot`` finds this class through the ``rubric.plot``
entry point, so that the results layer names nothing of the report's.
"""

from __future__ import annotations

import functools
import io
from typing import Any, Optional

from rubric.report import figures
from rubric.report.data import analyses, report_data
from rubric.report.requirements import require

__all__ = ["Plots", "plot"]

#: The charts that read the analyses (SMAA, weight stability, rater agreement).
ANALYSED = ("acceptability", "stability", "raters")


@functools.cache
def chart_class() -> type:
    """A matplotlib ``Figure`` that a notebook displays inline (made on first use: matplotlib loads lazily)."""
    from matplotlib.figure import Figure

    class Chart(Figure):
        """A report chart: ``savefig`` as usual; notebooks show it as SVG or PNG."""

        def _repr_svg_(self) -> str:
            return figures.svg_text(self)

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            figures.save(self, buffer, "png")
            return buffer.getvalue()

    return Chart


class Plots:
    """The charts of one evaluation: ``plane``, ``ranks``, ``contributions``, ``acceptability``, ``stability``, ``raters``,
    ``gaia``."""

    def __init__(self, evaluation: Any, *, samples: int = 2_000, seed: int = 0, axes: Optional[list] = None):
        self.evaluation = evaluation
        self.samples, self.seed, self.axes = samples, seed, axes
        self._data: Optional[dict] = None
        self._analysed = False

    def __repr__(self) -> str:
        return f"<Plots of rubric {self.evaluation.rubric.id!r}: {', '.join(figures.KINDS)}>"

    def data(self, analysed: bool) -> dict:
        """The report data, laid out once; the analyses added the first time a chart needs them."""
        if self._data is None:
            self._data = report_data(self.evaluation, axes=self.axes)
        if analysed and not self._analysed:
            self._data.update(analyses(self.evaluation, samples=self.samples, seed=self.seed))
            self._analysed = True
        return self._data

    def chart(self, kind: str, scheme: Optional[str] = None):
        """One chart as a figure; ``scheme``: its id (default: the rubric's first)."""
        require()
        data = self.data(kind in ANALYSED)
        if not figures.available(data, kind):
            raise figures.NoChartError(f"rubric {data['rubric']['id']!r} has no data for a {kind} chart")
        index = [s["id"] for s in data["schemes"]].index(scheme) if scheme else 0
        return figures.figure(data, kind, index, figure_class=chart_class())

    def plane(self, scheme: Optional[str] = None):
        """Each proposal's two top-level group sub-scores, the quadrants named."""
        return self.chart("plane", scheme)

    def ranks(self):
        """Each proposal's rank under each scheme (a bump chart)."""
        return self.chart("ranks")

    def contributions(self, scheme: Optional[str] = None):
        """Weight × value per criterion, stacked per proposal."""
        return self.chart("contributions", scheme)

    def acceptability(self):
        """SMAA rank acceptability under the first scheme, with the seed and the sample count."""
        return self.chart("acceptability")

    def stability(self):
        """Each weight's interval within which the ranking holds (a tornado chart)."""
        return self.chart("stability")

    def raters(self):
        """Each rater's score where several raters scored a criterion (a dot plot)."""
        return self.chart("raters")

    def gaia(self):
        """The GAIA plane of the first PROMETHEE scheme (``methods=["promethee-ii"]`` adds one)."""
        return self.chart("gaia")


def plot(evaluation: Any, **options: Any) -> Plots:
    """The charts of ``evaluation`` (``samples``, ``seed`` for SMAA; ``axes`` for the plane)."""
    return Plots(evaluation, **options)
