"""A batch of proposals is read one file at a time: no file's raw tables are kept beside the model."""

from __future__ import annotations

from rubric.loading import load_project, load_proposals
from rubric.loading import project as project_module


def spy_on_reads(monkeypatch) -> list:
    """Record every document read, asserting at each read that no earlier proposal still holds its parsed TOML."""
    real, read = project_module.read_document, []

    def read_document(path):
        still_parsed = [str(doc.path) for doc in read if doc.data is not None and doc.path.parent.name == "proposals"]
        assert not still_parsed, f"read {path} while holding the parsed tables of {still_parsed}"
        doc = real(path)
        read.append(doc)
        return doc

    monkeypatch.setattr(project_module, "read_document", read_document)
    return read


def test_load_project_parses_each_proposal_before_reading_the_next(project, monkeypatch):
    """load_project lets go of each proposal's parsed tables once its Proposal is built."""
    read = spy_on_reads(monkeypatch)
    loaded = load_project(["rubrics"], ["proposals"])
    assert [p.id for p in loaded.proposals] == ["a", "b", "c"]
    assert [doc.path.name for doc in read if doc.path.parent.name == "proposals"] == ["a.toml", "b.toml", "c.toml"]


def test_load_proposals_parses_each_proposal_before_reading_the_next(project, monkeypatch):
    """load_proposals does the same, and still places a problem found after parsing at its line."""
    spy_on_reads(monkeypatch)
    assert [p.id for p in load_proposals("proposals")] == ["a", "b", "c"]
    (project / "proposals" / "d.toml").write_text((project / "proposals" / "a.toml").read_text())
    problems = []
    load_project(["rubrics"], ["proposals"], collect=problems)
    # The duplicate id is found once every file is parsed; its line comes from the kept text.
    assert [(p.path.name, p.key, p.line) for p in problems] == [("d.toml", "id", 2)]
