"""The server's limits, in a module of their own so that the CLI reads them without importing FastAPI."""

DEFAULT_MAX_BODY = 5 * 1024 * 1024  # bytes: the largest request body the server takes (``serve --max-body``)
