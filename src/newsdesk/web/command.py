"""``newsdesk serve``: the API and the web pages over one desk store, with uvicorn.

The store is opened and the port bound before uvicorn starts, so a bad ``--db`` or a port in use is one
line on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer

from newsdesk.errors import BadOption
from newsdesk.web.limits import DEFAULT_MAX_BODY


def serve(
    host: Annotated[str, typer.Option(help="The address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    db: Annotated[str | None, typer.Option("--db", help="The desk's store: a SQLite file or a postgresql:// URL "
                                                        "(else $NEWSDESK_DB, else the user data dir).")] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (else 413).")]
    = DEFAULT_MAX_BODY,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level: critical, error, warning, info, debug.")]
    = "info",
    watch: Annotated[bool, typer.Option("--watch", help="Poll the desk's sources beside the API "
                                                        "(as newsdesk watch does).")] = False,
    allow_private_fetch: Annotated[bool, typer.Option(
        "--allow-private-fetch", help="Let URLs given to the server, and the sources it polls, reach loopback, "
                                      "private and link-local addresses (refused by default: no SSRF).")] = False,
    workers: Annotated[int, typer.Option("--workers", help="Server processes sharing the port and the store "
                                                           "(each analyses on its own core).")] = 1,
) -> None:
    """Serve the HTTP API (/v1, OpenAPI at /openapi.json, docs at /docs) and the web pages."""
    import uvicorn

    from newsdesk.web.app import create_app

    if not 0 <= port <= 65535:
        raise BadOption(f"port must be 0 to 65535, not {port}", source="--port")
    if max_body < 1:
        raise BadOption(f"max-body must be at least 1 byte, not {max_body}", source="--max-body")
    if log_level not in ("critical", "error", "warning", "info", "debug", "trace"):
        raise BadOption(f"unknown log level {log_level!r}", source="--log-level")
    if workers < 1:
        raise BadOption(f"workers must be at least 1, not {workers}", source="--workers")
    # a store that cannot be opened: StoreError, exit 2
    app = create_app(db, max_body=max_body, allow_private_fetch=allow_private_fetch, watch=watch and workers == 1)
    sock = bind(host, port)
    where = sock.getsockname()
    shown = f"[{where[0]}]" if sock.family == socket.AF_INET6 else where[0]
    location = app.state.desks.reader().store.location
    typer.echo(f"newsdesk: serving {location} on http://{shown}:{where[1]}/ (API docs at /docs)"
               + (f" with {workers} workers" if workers > 1 else ""), err=True)
    if workers == 1:
        uvicorn.Server(uvicorn.Config(app, log_level=log_level, timeout_graceful_shutdown=5)).run(sockets=[sock])
        return
    _serve_workers(app.state.db, sock, workers=workers, max_body=max_body, log_level=log_level, watch=watch,
                   allow_private_fetch=allow_private_fetch)


def _serve_workers(db, sock: socket.socket, *, workers: int, max_body: int, log_level: str, watch: bool,
                   allow_private_fetch: bool) -> None:
    """``workers`` server processes (uvicorn's supervisor) on one socket and one store; each builds its app from
    the environment (``app.app_from_environment``). With ``--watch`` the supervisor polls the sources, once."""
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from newsdesk.web.fetching import Poller

    os.environ.update({"NEWSDESK_DB": str(db), "NEWSDESK_SERVE_MAX_BODY": str(max_body),
                       "NEWSDESK_SERVE_ALLOW_PRIVATE_FETCH": "1" if allow_private_fetch else ""})
    config = uvicorn.Config("newsdesk.web.app:app_from_environment", factory=True, workers=workers,
                            log_level=log_level, timeout_graceful_shutdown=5)
    poller = Poller(db, allow_private=allow_private_fetch) if watch else None
    if poller:
        poller.start()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        if poller:
            poller.stop()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; an address that cannot be used is a ``BadOption``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise BadOption(f"cannot resolve host {host!r} ({exc.strerror})", source="--host") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        why = "already in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise BadOption(f"cannot listen on {host}:{port}: {why}", source="--port") from exc
    sock.set_inheritable(True)
    return sock


def register(app: typer.Typer) -> None:
    app.command()(serve)
