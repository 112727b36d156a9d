"""newsdesk over HTTP: the JSON API under ``/v1`` (``api.py``) and the server-rendered web pages (``pages.py``).

``create_app(db)`` builds the FastAPI app over one desk store; ``newsdesk serve`` runs it with uvicorn.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    # lazily: the CLI registers ``serve`` from newsdesk.web.command without importing FastAPI
    if name == "create_app":
        from newsdesk.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
