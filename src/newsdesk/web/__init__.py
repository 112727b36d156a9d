"""newsdesk over HTTP: the JSON API under ``/v1`` (``api.py``) and the server-rendered web pages (``pages.py``).

``create_app(db)`` builds the FastAPI app over one desk store; ``newsdesk serve`` runs it with uvicorn.
"""

from newsdesk.web.app import create_app

__all__ = ["create_app"]
