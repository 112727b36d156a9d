"""The desk's CLI verbs, one module per group, each with ``register(app)``.

Every desk verb takes ``--db FILE`` or ``--db postgresql://…`` (else ``$NEWSDESK_DB``, else the user data dir) and
``--json``;
errors are ``newsdesk.errors`` exceptions, so the CLI prints one line and exits 2 on bad input.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

DbOpt = Annotated[
    str | None, typer.Option("--db", help="The desk's store: a SQLite file or a postgresql:// URL (else $NEWSDESK_DB, "
                                      "else the user data dir).")
]

GROUPS = ("ingest", "sources", "events", "stories", "digest")  # newsdesk.desk.commands.<group>


def open_desk(db: str | None):
    from newsdesk.desk import Desk

    return Desk(db)


def register(app: typer.Typer) -> None:
    """Add every group's verbs that is installed to ``app``."""
    for group in GROUPS:
        try:
            module = importlib.import_module(f"newsdesk.desk.commands.{group}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsdesk.desk.commands.{group}":
                raise
            continue
        module.register(app)
