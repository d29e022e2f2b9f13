"""Tables as text and HTML: text from a proposal is escaped in HTML, everywhere it can appear."""

from __future__ import annotations

from rubric.components import Table
from rubric.rendering import render

HOSTILE = '<script>alert("x")</script>'


def test_html_escapes_titles_cells_and_notes():
    """A title, a cell and a note holding markup come out as text, never as markup."""
    html = render([Table(title=HOSTILE, headers=("field", "value"), rows=(("summary", HOSTILE),), notes=(HOSTILE,))], "html")
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 3


def test_explanation_html_escapes_a_proposal_summary(project):
    """A proposal whose summary holds markup is shown escaped in a notebook's HTML of its explanation."""
    import rubric

    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text().replace('title = "Proposal a"', f"title = \"Proposal a\"\nsummary = '{HOSTILE}'"))
    tiny = rubric.load_rubrics([project / "rubrics"])[0]
    html = rubric.evaluate(tiny, rubric.load_proposals([project / "proposals"])).explain("a")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert" in html
