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


def test_gaia_chart_draws_the_plane_it_is_given():
    """Three proposals and two criteria written by hand: the points, the labels, the axes' titles and δ drawn."""
    from rubric.report.figures import figure

    plane = {"scheme": "s", "proposals": ["a", "b", "c"], "points": [[1.0, 0.0], [-1.0, 0.5], [0.0, -0.5]],
             "criteria": ["Cost", "Reach"], "axes": [[0.8, 0.6], [-0.6, 0.8]], "stick": [0.5, 0.1], "delta": 0.9}
    fig = figure({"gaia": [plane], "proposals": [{"id": p} for p in "abc"]}, "gaia")
    ax = fig.axes[0]
    assert [tuple(p) for p in ax.collections[0].get_offsets()] == [(1.0, 0.0), (-1.0, 0.5), (0.0, -0.5)]
    assert {t.get_text() for t in ax.texts} >= {"a", "b", "c", "Cost", "Reach"}
    assert "δ = 90%" in ax.get_title()


def test_report_of_a_promethee_scheme_has_the_gaia_plane(tmp_path, monkeypatch):
    from rubric.cli import main

    monkeypatch.chdir(REPO)
    target = tmp_path / "report.html"
    assert main(["report", "--rubric", "open-source-ai", "--scheme", "balanced", "--methods", "promethee-ii",
                 "--samples", "200", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert '<figure class="chart chart-gaia">' in page and "GAIA plane, scheme balanced/promethee-ii" in page
