"""The report's charts in a notebook: ``rubric.report.plot(evaluation)`` and ``Evaluation.plot``."""

from __future__ import annotations

import pytest
from tests.report.conftest import REPO

from rubric import evaluate, load_proposals, load_rubric
from rubric.report import plot
from rubric.report.figures import NoChartError
from rubric.report.notebook import Plots


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(load_rubric(REPO / "rubrics" / "open-source-ai.toml"), load_proposals(REPO / "proposals"))


def test_plane_puts_each_proposal_at_its_two_sub_scores(evaluation):
    """A group's sub-score is the mean of its criteria (the balanced scheme weighs only the groups).

    nairr in proposals/nairr.toml (analyst-a only): transparency 1, progress 1, power-distribution 1.5, so
    ideological (1 + 1 + 1.5) / 3 = 1.1667; china-misuse 0, backdoor-risk 0, global-power 0.5, so
    geopolitical (0 + 0 + 0.5) / 3 = 0.1667.
    """
    fig = plot(evaluation).plane("balanced")
    points = fig.axes[0].collections[0].get_offsets()
    assert len(points) == 16
    at = [p.id for p in evaluation.proposals].index("nairr")
    assert tuple(points[at]) == pytest.approx((3.5 / 3, 0.5 / 3))


def test_a_chart_shows_itself_inline(evaluation):
    """A notebook calls ``_repr_png_`` / ``_repr_svg_``: a PNG's signature and an ``<svg>`` element come back."""
    fig = plot(evaluation).ranks()
    assert fig._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")
    assert fig._repr_svg_().startswith("<svg")


def test_every_chart_of_the_report_is_there(evaluation):
    plots = plot(evaluation, samples=200)
    for kind in ("plane", "ranks", "contributions", "acceptability", "stability"):
        assert getattr(plots, kind)().axes, kind
    assert plots.data(True)["smaa"]["samples"] == 200


def test_evaluation_plot_finds_the_report_by_entry_point(evaluation):
    assert isinstance(evaluation.plot, Plots)
    assert evaluation.plot.evaluation is evaluation


def test_no_chart_without_the_data(evaluation):
    """Without the assessment files every criterion has one rater (analyst-a): no disagreement to draw."""
    with pytest.raises(NoChartError, match="no data for a raters chart"):
        plot(evaluation).raters()
