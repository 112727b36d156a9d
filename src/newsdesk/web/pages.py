"""The server-rendered web pages (to be written)."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the HTML pages to ``app``."""
