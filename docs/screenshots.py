"""Regenerate the README's screenshots of the report: ``python docs/screenshots.py`` from the repository.

Writes the shipped project's report, then has headless Chromium photograph
the plane (a wide window) and a proposal card (a 390-px phone).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def shoot(page: Path, target: Path, width: int, height: int, anchor: str = "") -> None:
    url = page.as_uri() + anchor
    subprocess.run(["chromium", *FLAGS, f"--window-size={width},{height}", f"--screenshot={target}", url],
                   check=True, capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "rubric", "report", "--rubric", "open-source-ai", "-o", str(page)],
                       cwd=ROOT, check=True)
        text = page.read_text(encoding="utf-8")
        plane = Path(folder) / "plane.html"
        data = text.index('<script type="application/json" class="rubric-data">')  # the live part needs its data
        live = text.index('<div class="live">')
        plane.write_text(text[:text.index("<h1>", data)] + text[live:], encoding="utf-8")
        shoot(plane, ROOT / "docs" / "report-plane.png", 1280, 900)
        card = Path(folder) / "card.html"
        start = text.index('<details class="card"')
        card.write_text(text[:text.index("<main>") + 6] + text[start:text.index("</details>", start) + 10] + "</main></body></html>",
                        encoding="utf-8")
        shoot(card, ROOT / "docs" / "report-card.png", 390, 1400)


if __name__ == "__main__":
    main()
