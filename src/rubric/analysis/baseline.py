"""What changed since a baseline run: each proposal's score and rank, proposals added or removed, input files changed.

A baseline is the data of ``rubric compare --format json`` (its ``scores``
and ``ranks`` records), which ``rubric snapshot`` writes with an ``inputs``
table of every input file's SHA-256; ``rubric diff REV`` builds one from a
git revision.  Runs are matched by rubric, scheme, method and proposal id.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from rubric.components import Table
from rubric.rendering import Rendered
from rubric.results import TIE_NOTE, Rank

__all__ = ["Changes", "run_records"]

Key = tuple[str, str, str, str]  # rubric, scheme, method, proposal


def run_records(data: Mapping[str, Any]) -> dict[Key, dict[str, Any]]:
    """Each proposal's total score and rank in a run's data, by rubric, scheme, method and proposal."""
    found: dict[Key, dict[str, Any]] = {}
    for table, measure in (("scores", "score"), ("ranks", "rank")):
        for record in data.get(table, ()):
            if record.get("measure") == measure and record.get("group") is None:
                key = (record["rubric"], record["scheme"], record["method"], record["proposal"])
                found.setdefault(key, {})[measure] = record["value"]
                if measure == "rank":
                    found[key]["tied"] = bool(record.get("tied"))
    return found


def evaluation_records(evaluations: Sequence[Any]) -> dict[Key, dict[str, Any]]:
    """The same records for evaluations computed now."""
    data: dict[str, list] = {"scores": [], "ranks": []}
    for evaluation in evaluations:
        for result in evaluation.results:
            for record in evaluation.score_records(result):
                data["scores" if record["measure"] == "score" else "ranks"].append(record)
    return run_records(data)


class Changes(Rendered):
    """The change of every proposal's score and rank between a baseline run and now, and of the input files.

    A rank change is positive when the proposal moved up (rank 3 to rank 1 is +2).
    """

    def __init__(
        self,
        evaluations: Sequence[Any],
        baseline: Mapping[str, Any],
        inputs: Optional[Mapping[str, str]] = None,
        label: str = "the baseline",
    ):
        self.before = run_records(baseline)
        self.now = evaluation_records(evaluations)
        self.inputs_before = baseline.get("inputs")
        self.inputs_now = inputs
        self.label = label
        self.rubrics = [(e.rubric.id, [(r.fields["scheme"], r.fields["method"]) for r in e.results]) for e in evaluations]

    def tables(self) -> list[Table]:
        tables = [self._scheme_table(rubric, scheme, method) for rubric, runs in self.rubrics for scheme, method in runs]
        files = self.files_table()
        return tables + ([files] if files is not None else [])

    def _scheme_table(self, rubric: str, scheme: str, method: str) -> Table:
        ids = sorted(
            {k[3] for k in (*self.before, *self.now) if k[:3] == (rubric, scheme, method)},
            key=lambda pid: (self.now.get((rubric, scheme, method, pid), {}).get("rank") is None,
                             self.now.get((rubric, scheme, method, pid), {}).get("rank") or 0, pid),
        )
        rows, data = [], []
        for pid in ids:
            then = self.before.get((rubric, scheme, method, pid))
            now = self.now.get((rubric, scheme, method, pid))
            status = "added" if then is None else "removed" if now is None else ""
            score_then, score_now = (then or {}).get("score"), (now or {}).get("score")
            rank_then, rank_now = (then or {}).get("rank"), (now or {}).get("rank")
            delta = score_now - score_then if score_then is not None and score_now is not None else None
            moved = rank_then - rank_now if rank_then is not None and rank_now is not None else None
            rows.append((pid, score_then, score_now, delta, shown_rank(then), shown_rank(now), _signed(moved), status))
            data.append({"rubric": rubric, "scheme": scheme, "method": method, "proposal": pid, "score_before": score_then,
                         "score": score_now, "score_change": delta, "rank_before": rank_then, "rank": rank_now,
                         "rank_change": moved, "status": status or None})
        baseline_has = any(k[:3] == (rubric, scheme, method) for k in self.before)
        new_here = f"{self.label} has no run of this scheme and method: every proposal is new here."
        notes: tuple[str, ...] = () if baseline_has else (new_here,)
        if any(rank is not None and rank.tied for row in rows for rank in row[4:6]):
            notes += (TIE_NOTE,)
        return Table(
            title=f"Change since {self.label}: rubric {rubric!r}, scheme {scheme!r}, {method}",
            headers=("Proposal", "Score before", "Score", "Change", "Rank before", "Rank", "Moved", "Status"),
            rows=tuple(rows),
            notes=notes + ("Moved: places up (+) or down (-) since the baseline.",),
            name="changes",
            data=tuple(data),
        )

    def files_table(self) -> Optional[Table]:
        """Input files added, removed or changed (by their SHA-256), when both runs record their inputs."""
        if self.inputs_before is None or self.inputs_now is None:
            return None
        before, now = self.inputs_before, self.inputs_now
        rows = [
            (path, "added" if path not in before else "removed" if path not in now else "changed")
            for path in sorted(set(before) | set(now))
            if before.get(path) != now.get(path)
        ]
        return Table(
            title=f"Input files changed since {self.label}",
            headers=("File", "Change"),
            rows=tuple(rows),
            notes=() if rows else ("No input file changed.",),
            name="changed_files",
            data=tuple({"file": path, "change": change} for path, change in rows),
        )


def shown_rank(run: Optional[Mapping[str, Any]]) -> Optional[Rank]:
    """A proposal's rank in one run as the other tables show it: ``2=`` where it is shared."""
    rank = (run or {}).get("rank")
    return None if rank is None else Rank(rank, bool(run and run.get("tied")))


def _signed(number: Optional[int]) -> str:
    return "" if number is None else f"{number:+d}" if number else "0"
