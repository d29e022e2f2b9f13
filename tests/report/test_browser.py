"""The report in a real browser: it draws, it holds everything, its what-if numbers are the engine's, it stays offline."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from tests.report.browser import Browser, chromium, run
from tests.report.conftest import REPO

pytestmark = pytest.mark.skipif(chromium() is None, reason="no Chromium installed (.ci/run installs one)")


@pytest.fixture(scope="module")
def page(shipped_report):
    browser = Browser()
    browser.open(shipped_report.as_uri())
    yield browser
    browser.close()


def pixels(path):
    import matplotlib.image

    return matplotlib.image.imread(str(path))


def test_screenshot_is_not_blank_and_shows_the_plane(shipped_report, tmp_path):
    """A screenshot has many colours, and the plane's points (the accent blue #2e75b6) are drawn in it."""
    shot = tmp_path / "shot.png"
    done = run("--window-size=1280,1400", f"--screenshot={shot}", shipped_report.as_uri())
    assert shot.exists(), done.stderr.decode()[-500:]
    image = pixels(shot)[..., :3]
    assert image.std() > 0.1
    accent = (0x2e / 255, 0x75 / 255, 0xb6 / 255)
    blue = (abs(image - accent) < 0.03).all(axis=-1)
    assert blue.sum() > 16 * 30  # sixteen points of ~60 pixels each, some overlapping


def test_the_dom_holds_every_proposal_and_chart(page):
    """After the script runs: a point, a table row, a bar row and a card per proposal, and every chart."""
    counts = page.evaluate("""({
        points: document.querySelectorAll('.plane circle.point').length,
        rows: document.querySelectorAll('.scheme-table tbody tr').length,
        bars: new Set(Array.from(document.querySelectorAll('.bars rect.bar')).map(b => b.dataset.proposal)).size,
        cards: document.querySelectorAll('details.card').length,
        charts: Array.from(document.querySelectorAll('figure.chart')).map(f => f.className),
        sliders: document.querySelectorAll('.sliders input[type=range]').length,
    })""")
    assert counts["points"] == counts["rows"] == counts["cards"] == 16
    assert counts["bars"] == 16
    assert sorted(counts["charts"]) == [f"chart chart-{kind}" for kind in ("acceptability", "ranks", "raters", "stability")]
    assert counts["sliders"] == 2 + 6  # two groups and six criteria


def engine_numbers(page, tmp_path, extra: str = "") -> tuple:
    """`rubric score` on the TOML the page offers (plus ``extra`` lines in the scheme): scores, sub-scores, ranks."""
    toml = page.evaluate("document.querySelector('.toml').value")
    scheme = tmp_path / "what-if.toml"
    scheme.write_text('rubric = "open-source-ai"\n' + toml + extra, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rubric", "score", "--rubrics", "rubrics", "--rubrics", str(scheme), "--rubric", "open-source-ai",
         "--scheme", "what-if", "--format", "json"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)["scores"]  # the JSON format rounds to 12 decimals
    scores = {r["proposal"]: r["value"] for r in records if r["measure"] == "score" and r["group"] is None}
    groups = {(r["proposal"], r["group"]): r["value"] for r in records if r["measure"] == "score" and r["group"]}
    ranks = {r["proposal"]: r["value"] for r in records if r["measure"] == "rank"}
    return scores, groups, ranks


def test_moving_sliders_gives_what_rubric_score_gives(page, tmp_path):
    """The page's scores and ranks after moving sliders equal `rubric score` on the TOML the page offers, to 1e-9."""
    state = page.evaluate("rubricReport.setWeights(0, 'balanced', {ideological: 0.9, geopolitical: 0.15, 'china-misuse': 0.6})")
    ids = page.evaluate("rubricReport.reports[0].data.proposals.map(p => p.id)")
    scores, groups, ranks = engine_numbers(page, tmp_path)
    for i, pid in enumerate(ids):
        assert state["scores"][i] == pytest.approx(scores[pid], abs=1e-9)
        assert state["ranks"][i] == ranks[pid]
        for group in ("ideological", "geopolitical"):
            assert state["groups"][group][i] == pytest.approx(groups[(pid, group)], abs=1e-9)
    balanced = page.evaluate("rubricReport.reports[0].data.schemes[0].ranks")
    assert state["ranks"] != balanced  # the move changed the ranking
    table = page.evaluate("Array.from(document.querySelectorAll('.scheme-table tbody th')).map(th => th.textContent)")
    assert table == sorted(ids, key=lambda pid: (ranks[pid], pid))


def test_plane_labels_every_point_and_cover_none(page):
    """Sixteen proposals (at most 30: all labelled): sixteen labels, no two overlapping, none over a point.

    Before, a label was checked against the other labels only: data-licensing-treaties and
    government-component-audits were drawn over other points, and crowded points got no label.
    """
    page.evaluate("rubricReport.reports[0].choose(0)")
    found = page.evaluate("""(() => {
        const box = r => { const b = r.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
        const svg = document.querySelector('.plane svg');
        return {labels: Array.from(svg.querySelectorAll('text.label')).map(t => [t.textContent, box(t)]),
                points: Array.from(svg.querySelectorAll('circle.point')).map(c => [c.dataset.proposal, box(c)])};
    })()""")
    labels, points = found["labels"], found["points"]
    assert sorted(name for name, _ in labels) == sorted(name for name, _ in points) and len(points) == 16

    def overlap(a, b):
        return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]

    for k, (name, box) in enumerate(labels):
        assert not [other for other, b in labels[k + 1:] if overlap(box, b)], name
        assert not [pid for pid, b in points if overlap(box, b)], name


def test_sliders_under_a_red_line_that_excludes_give_the_engines_ranks(page, tmp_path):
    """Containment excludes public-open-frontier-models (china-misuse -1 below -0.5) whatever the weights.

    The page keeps it out of the ranking after a slider move, caps nothing, and ranks the others as
    `rubric score` does under the same weights and the same red line (its JSON gives the excluded rank as null).
    """
    state = page.evaluate("rubricReport.setWeights(0, 'containment', {ideological: 0.3, 'china-misuse': 0.9})")
    ids = page.evaluate("rubricReport.reports[0].data.proposals.map(p => p.id)")
    line = '\nred_lines = [{ criterion = "china-misuse", below = -0.5, effect = "exclude" }]\n'
    scores, _, ranks = engine_numbers(page, tmp_path, line)
    out = ids.index("public-open-frontier-models")
    assert ranks["public-open-frontier-models"] is None and state["excluded"][out]
    for i, pid in enumerate(ids):
        assert state["scores"][i] == pytest.approx(scores[pid], abs=1e-9)
        if i != out:
            assert state["ranks"][i] == ranks[pid]
    table = page.evaluate("Array.from(document.querySelectorAll('.scheme-table tbody tr')).map(tr => tr.textContent)")
    assert table[-1].startswith("excludedpublic-open-frontier-models")


def test_reset_restores_the_scheme(page):
    """Reset gives back the scheme's own ranks."""
    page.evaluate("rubricReport.setWeights(0, 'balanced', {ideological: 0.95})")
    page.evaluate("document.querySelector('.reset').click()")
    assert page.evaluate("rubricReport.state(0).ranks") == page.evaluate("rubricReport.reports[0].data.schemes[0].ranks")


def test_no_network_request(page, shipped_report):
    """The page loads nothing but itself (and data: images inside it), and its CSP forbids remote loads."""
    assert {url for url in page.requests() if not url.startswith("data:")} <= {shipped_report.as_uri()}
    policy = page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert policy.startswith("default-src 'none'") and "script-src 'sha256-" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", shipped_report.read_text(encoding="utf-8").split("<main>")[0])


def test_hostile_text_shows_as_text_and_never_runs(hostile_report):
    """A title, summary and rationale holding markup show as text; a javascript: source is not a link; nothing runs."""
    browser = Browser()
    try:
        browser.open(hostile_report.as_uri())
        found = browser.evaluate("""({
            pwned: window.pwned === undefined ? null : window.pwned,
            scripts: document.scripts.length,
            javascriptLinks: Array.from(document.links).filter(a => a.protocol === 'javascript:').length,
            goodLinks: Array.from(document.links).filter(a => a.href === 'https://example.org/paper').length,
            title: Array.from(document.querySelectorAll('details.card summary')).map(s => s.textContent).join('|'),
            rationale: Array.from(document.querySelectorAll('.rationale')).map(s => s.textContent).join('|'),
        })""")
    finally:
        browser.close()
    assert found["pwned"] is None
    assert found["scripts"] == 2  # the JSON data block and the page's own script
    assert found["javascriptLinks"] == 0 and found["goodLinks"] == 6 + 1  # six ratings cite it, and the card's source list
    assert "Hostile <script>window.pwned = 1</script> title" in found["title"]
    assert "Rationale </script><script>window.pwned = 4</script> ends here." in found["rationale"]


def test_print_to_pdf_gives_a_page_per_card(shipped_report, tmp_path):
    """Printing opens every card and starts each on a page: at least one page per proposal after the charts."""
    pdf = tmp_path / "report.pdf"
    run("--no-pdf-header-footer", f"--print-to-pdf={pdf}", shipped_report.as_uri(), timeout=120)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert pages >= 16 + 2
