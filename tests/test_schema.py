"""The published JSON Schema matches the models, and what newsdesk prints validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from newsdesk.schema import Analysis, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "schemas" / "analysis.schema.json"


def test_published_schema_is_current():
    """Regenerate with: .venv/bin/newsdesk schema > src/newsdesk/schemas/analysis.schema.json"""
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema()


def test_every_example_reads_into_a_valid_analysis_shell(repo):
    import newsdesk

    validator = jsonschema.Draft202012Validator(json_schema())
    for path in sorted((repo / "examples").glob("*.txt")):
        shell = Analysis(article=newsdesk.read(Path(path))).to_dict()
        errors = list(validator.iter_errors(shell))
        assert not errors, f"{path.name}: {errors[0].message}"
        assert shell["schema"] == "newsdesk.analysis/1"
