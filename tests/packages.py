"""Running a plugin package's own tests against this checkout of rubric."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_package_tests(root: Path) -> subprocess.CompletedProcess:
    """pytest on the package at ``root``, its ``src`` importable, installed plugins not loaded."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "RUBRIC_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
