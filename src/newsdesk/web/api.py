"""The JSON API under /v1 (to be written)."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the /v1 routes, the problem+json error handlers and the request size limit to ``app``."""
