"""Writing a benchmark's figures: one JSON file that scripts/bench and render_readme.py read."""

from __future__ import annotations

import json
from pathlib import Path


def write_figures(path: Path, figures: dict) -> None:
    """Write ``figures`` to ``path`` (folders made as needed), as indented UTF-8 JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
