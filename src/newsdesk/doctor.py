"""``newsdesk doctor``: what is installed, where the store lives, what to do about what's missing."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.table import Table

PACKAGES = ["newsdesk", "trafilatura", "lxml", "lxml_html_clean", "charset-normalizer", "py3langid",
            "pydantic", "typer", "rich", "dateparser", "spacy", "feedparser", "httpx", "brotli"]
INSTALL = {
    "lxml_html_clean": "pip install lxml_html_clean",
    "spacy": "pip install 'spacy>=3.8,<3.9'",
}


def store_path() -> str | Path:
    """Where the desk's store lives: $NEWSDESK_DB (a file, or a ``postgresql://`` URL kept as text), else the
    user data dir."""
    from newsdesk.desk.store import location_of

    if os.environ.get("NEWSDESK_DB"):
        return location_of(os.environ["NEWSDESK_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "newsdesk" / "desk.sqlite"


def _store_info(store: str | Path) -> dict:
    from newsdesk.desk.store import redact

    if isinstance(store, str):  # a server's URL, shown without its password
        return {"path": redact(store), "engine": "postgresql", "exists": None}
    return {"path": str(store), "engine": "sqlite", "exists": store.exists()}


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def collect() -> dict:
    """Everything doctor knows, as a JSON-ready dict; ``problems`` lists what must be fixed."""
    from newsdesk.language.attribution import model_info
    from newsdesk.language.nlp import MD_INSTALL, available_models, model_languages
    from newsdesk.read.headline import model_info as headline_info

    packages = {name: _version(name) for name in PACKAGES}
    problems = [
        {"what": f"package {name} is missing", "fix": INSTALL.get(name, f"pip install {name}")}
        for name, version in packages.items() if version is None and name != "newsdesk"
    ]
    models = [{"name": name, "path": where} for name, where in available_models()]
    if not models:
        problems.append({"what": "no English spaCy model (needed by analyze)", "fix": MD_INSTALL})
    elif "md" not in models[0]["name"]:
        problems.append({"what": "only the small English model: people and places are found less well",
                         "fix": MD_INSTALL})
    attribution = model_info()
    if attribution is None:
        problems.append({"what": "the attribution model is missing from the package: quotes come from the rules alone",
                         "fix": "scripts/train-attribution"})
    headline = headline_info()
    if headline is None:
        problems.append({"what": "the headline model is missing from the package: saved pages' headlines come from "
                                 "the rules alone", "fix": "scripts/train-headline"})
    store = store_path()
    return {
        "python": {"version": platform.python_version(), "executable": sys.executable},
        "packages": packages,
        "models": models,
        "model_in_use": models[0]["name"] if models else None,
        "languages": model_languages(),  # the languages analyze reads; others are read but not analysed
        "attribution_model": None if attribution is None else {
            k: attribution.get(k) for k in ("version", "trained_on", "licence", "retrain", "threshold",
                                            "keep_threshold")},
        "headline_model": None if headline is None else {
            k: headline.get(k) for k in ("version", "trained_on", "licence", "retrain", "cv_exact")},
        "store": _store_info(store),
        "problems": problems,
    }


def show(report: dict) -> None:
    console = Console()
    table = Table(title="newsdesk doctor", show_header=True)
    table.add_column("what")
    table.add_column("state")
    table.add_row("python", f"{report['python']['version']} ({report['python']['executable']})")
    for name, version in report["packages"].items():
        table.add_row(name, version or "[red]missing[/red]")
    table.add_row("language model", report["model_in_use"] or "[red]none[/red]")
    table.add_row("languages analysed", ", ".join(sorted(report["languages"])) or "[red]none[/red]")
    attribution = report["attribution_model"]
    table.add_row("attribution model", "[red]none[/red]" if attribution is None else
                  f"{attribution['version']}: {attribution['trained_on']} ({attribution['licence']})")
    headline = report["headline_model"]
    table.add_row("headline model", "[red]none[/red]" if headline is None else
                  f"{headline['version']}: {headline['trained_on']} ({headline['licence']})")
    where = report["store"]
    table.add_row("store", where["path"] + (" (PostgreSQL; opened by the desk's verbs, not by doctor)"
                                            if where["engine"] == "postgresql" else
                                            "" if where["exists"] else " (not created yet)"))
    console.print(table)
    for problem in report["problems"]:
        console.print(f"[red]✗[/red] {problem['what']} → [bold]{problem['fix']}[/bold]")
    if not report["problems"]:
        console.print("[green]✓ everything newsdesk needs is installed[/green]")
