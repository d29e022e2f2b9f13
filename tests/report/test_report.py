"""The report's data, its escaping, the command's options and the charts' determinism."""

from __future__ import annotations

import json
import sys

import pytest
from tests.report.conftest import REPO

from rubric import evaluate, load_proposals, load_rubric
from rubric.cli import main
from rubric.report.data import local_weights, report_data, safe_url
from rubric.report.html import number, script_json
from rubric.report.markdown import escape


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(load_rubric(REPO / "rubrics" / "open-source-ai.toml"), load_proposals(REPO / "proposals"))


def test_local_weights_are_each_nodes_share_of_its_parent(evaluation):
    """Containment: geopolitical 3 of 1+3 = 0.75; china-misuse 2 of 2+1+1 = 0.5; each ideological criterion 1/3."""
    local = local_weights(evaluation, evaluation.result("containment"))
    assert local["ideological"] == pytest.approx(0.25) and local["geopolitical"] == pytest.approx(0.75)
    assert local["china-misuse"] == pytest.approx(0.5) and local["backdoor-risk"] == pytest.approx(0.25)
    assert local["transparency"] == pytest.approx(1 / 3)


def test_report_data_is_plain_json_with_the_engines_numbers(evaluation):
    """The structure round-trips through JSON; balanced's nairr sub-scores are the hand means of its values."""
    data = report_data(evaluation)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    i = [p["id"] for p in data["proposals"]].index("nairr")
    balanced = data["schemes"][0]
    values = data["matrix"][i]  # transparency, progress, power | china-misuse, backdoor, global-power
    assert balanced["groups"]["ideological"][i] == pytest.approx(sum(values[:3]) / 3)
    assert balanced["scores"][i] == pytest.approx(sum(values) / 6)
    assert data["axes"] == ["ideological", "geopolitical"]
    assert [s["live"] for s in data["schemes"]] == [True, True, True, True, True, False]  # worst-case is maximin


def test_only_http_urls_are_links():
    """javascript:, data: and relative addresses are never links; http(s) are, whatever their case."""
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//evil.example", "file:///etc/passwd"):
        assert safe_url(url) is None


def test_script_json_cannot_close_its_element():
    """No '<' survives, so '</script>' and '<!--' cannot end the data block; the value reads back unchanged."""
    value = {"title": "</script><script>alert(1)</script> <!-- & -->"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and json.loads(text) == value


def test_numbers_never_show_minus_zero():
    """-1.4e-17 (a weighted mean of cancelling values) shows as 0.000, -0.0004 too; -0.0006 as -0.001."""
    assert number(-1.387778780781446e-17) == "0.000" and number(-0.0004) == "0.000" and number(-0.0006) == "-0.001"


def test_markdown_escaping_makes_markup_inert():
    """HTML becomes entities, Markdown marks are backslashed: no tag, no link, no table cell break."""
    assert escape("<script>x</script> [a](javascript:b) | *c*") == \
        "&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:b) \\| \\*c\\*"


def test_report_refuses_to_overwrite_without_force(tmp_path, monkeypatch, capsys):
    """An existing file stays as it was (exit 2) unless --force is given."""
    monkeypatch.chdir(REPO)
    target = tmp_path / "r.html"
    target.write_text("mine")
    assert main(["report", "--rubric", "open-source-ai", "--samples", "200", "-o", str(target)]) == 2
    assert target.read_text() == "mine" and "--force" in capsys.readouterr().err
    assert main(["report", "--rubric", "open-source-ai", "--samples", "200", "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_missing_extra_says_what_to_install(tmp_path, monkeypatch, capsys):
    """Without Jinja2 the report names the pip install to run in one line (exit 2), and writes nothing."""
    monkeypatch.chdir(REPO)
    monkeypatch.setitem(sys.modules, "jinja2", None)
    assert main(["report", "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["rubric: error: reports and charts need jinja2: pip install 'policy-rubric[report]'"]
    assert not (tmp_path / "r.html").exists()


def test_plot_writes_the_same_bytes_twice(tmp_path, monkeypatch):
    """An SVG and a PDF of the same chart are byte-identical across runs (no date, fixed hash salt)."""
    monkeypatch.chdir(REPO)
    for fmt in ("svg", "pdf", "png"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for target in (first, second):
            assert main(["plot", "plane", "--rubric", "open-source-ai", "--samples", "200", "-o", str(target)]) == 0
        assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 1000


def test_memo_has_tables_charts_and_escaped_text(tmp_path, monkeypatch):
    """The memo holds a pipe table row per proposal, links to its chart files, and the footer's hashes.

    NAIRR's balanced score is the README tour's 0.667 (analyst-a alone rates it); it is fourth, behind
    the security-audit repository, which the third founding rater (analyst-c) lifted to 0.694.
    """
    monkeypatch.chdir(REPO)
    target = tmp_path / "memo.md"
    assert main(["report", "--format", "markdown", "--rubric", "open-source-ai", "--samples", "200", "-o", str(target)]) == 0
    text = target.read_text()
    assert "| nairr | 0.667 (#4) |" in text
    assert "![plane](memo_files/1-open-source-ai-plane.svg)" in text
    assert (tmp_path / "memo_files" / "1-open-source-ai-plane.png").stat().st_size > 1000
    assert "rubrics/open-source-ai.toml" in text.split("## Provenance")[1]
