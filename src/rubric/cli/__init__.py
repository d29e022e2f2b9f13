"""The ``rubric`` command line.

Exit status: 0 ok, 1 a check failed (``validate`` found problems), 2 a usage
or input error.  Data goes to stdout, messages to stderr.  Run with no paths
from a project folder, commands use ``./rubrics/`` and ``./proposals/``.

:mod:`~rubric.cli.parser` declares the arguments, :mod:`~rubric.cli.commands`
runs them, :mod:`~rubric.cli.common` holds what every command shares.
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from rubric.cli.commands import COMMANDS, EXIT_OK, EXIT_USAGE
from rubric.cli.common import print_plugin_traceback
from rubric.cli.parser import build_parser
from rubric.errors import InputError, PluginError, RubricError

__all__ = ["COMMANDS", "build_parser", "main"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        for problem in exc.problems:
            print(f"rubric: error: {problem}", file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"rubric: {len(exc.problems)} problems; nothing was computed", file=sys.stderr)
        return EXIT_USAGE
    except RubricError as exc:
        print(f"rubric: error: {exc}", file=sys.stderr)
        if isinstance(exc, PluginError) and args.traceback:
            print_plugin_traceback(exc)
        return EXIT_USAGE
    except BrokenPipeError:  # `rubric compare | head`
        sys.stderr.close()
        return EXIT_OK

