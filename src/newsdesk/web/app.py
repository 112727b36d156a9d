"""The FastAPI app: the API router, the pages router and the static files over one desk store.

The store is opened once per worker thread (``app.state.desks``, ``pool.py``): FastAPI runs ``def`` endpoints
in a thread pool, each thread reads through its own SQLite connection (WAL: readers never wait for a writer
and never see half a write). Articles posted at once are analysed side by side and stored one transaction
each, the copy checks made again inside it (``Desk.add``), so duplicates are found across requests; the
other writes (topics, sources) take one app-wide lock.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk.web.limits import DEFAULT_MAX_BODY
from newsdesk.web.pool import DeskPool
from newsdesk.web.problems import BodySizeLimit

STATIC = Path(__file__).with_name("static")


def create_app(db: str | Path | None = None, *, max_body: int = DEFAULT_MAX_BODY, allow_private_fetch: bool = False,
               watch: bool = False) -> FastAPI:
    """The app over the desk store ``db`` (else ``$NEWSDESK_DB``, else the user data dir); request bodies
    over ``max_body`` bytes get a 413. A store that cannot be opened raises ``StoreError`` here.

    URLs the server fetches refuse private addresses unless ``allow_private_fetch``; ``watch`` polls the desk's
    sources in a thread while the app runs (``fetching.Poller``)."""
    from newsdesk import __version__
    from newsdesk.web import api, pages
    from newsdesk.web.fetching import Poller

    pool = DeskPool(db)
    _import_writers()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        poller = Poller(pool.path, allow_private=allow_private_fetch) if watch else None
        if poller:
            poller.start()
        yield
        if poller:
            poller.stop()
        pool.close()

    app = FastAPI(title="newsdesk", version=__version__, lifespan=lifespan,
                  description="News articles in, clean text, key points, facts and events out; a desk across them. "
                              "Errors are RFC 9457 problem details (`application/problem+json`) with newsdesk's "
                              f"stable `code`; request bodies over {max_body} bytes get a 413.")
    app.state.db = pool.path
    app.state.desks = pool
    app.state.max_body = max_body
    app.state.allow_private_fetch = allow_private_fetch
    app.state.watching = watch
    api.install(app)
    pages.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``serve --workers N`` process: the store, body limit and fetch policy the supervisor put
    in the environment (``command._serve_workers``); the supervisor polls the sources, not the workers."""
    import os

    return create_app(os.environ.get("NEWSDESK_DB"),
                      max_body=int(os.environ.get("NEWSDESK_SERVE_MAX_BODY") or DEFAULT_MAX_BODY),
                      allow_private_fetch=bool(os.environ.get("NEWSDESK_SERVE_ALLOW_PRIVATE_FETCH")))


def _import_writers() -> None:
    """Import what storing an article runs (the analysis pipeline and spaCy, the desk's writers) now, in one
    thread: articles posted at once are analysed side by side, and two threads importing spaCy or one of these
    modules for the first time at the same moment can see it half-made. The model itself loads on first use,
    under ``load_nlp``'s lock."""
    import newsdesk.desk.articles  # noqa: F401
    import newsdesk.desk.events  # noqa: F401
    import newsdesk.desk.stories  # noqa: F401
    import newsdesk.pipeline  # noqa: F401
