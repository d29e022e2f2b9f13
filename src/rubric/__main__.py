"""``python -m rubric``."""

from rubric.cli import main

raise SystemExit(main())
