"""The FastAPI app: the API router, the pages router and the static files over one desk store."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).with_name("static")


def create_app(db: str | Path | None = None) -> FastAPI:
    """The app over the desk store ``db`` (else ``$NEWSDESK_DB``, else the user data dir)."""
    from newsdesk import __version__
    from newsdesk.web import api, pages

    app = FastAPI(title="newsdesk", version=__version__,
                  description="News articles in, clean text, key points, facts and events out; a desk across them.")
    app.state.db = db
    api.install(app)
    pages.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
