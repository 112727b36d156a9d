"""Errors over HTTP as RFC 9457 problem details (``application/problem+json``), and the request size limit.

Every error the API gives has the same shape::

    {"type": "urn:newsdesk:problem:E304", "title": "Not Found", "status": 404,
     "detail": "no article 7", "instance": "/v1/articles/7", "code": "E304"}

``code`` is newsdesk's stable error code (``newsdesk.errors``; the HTTP-only ones are below) and ``type``
names it as a URN. Newsdesk errors map to a status by kind: bad input 422 (a malformed JSON body 400), a
missing id 404, a missing model or dependency 503, a busy or unusable store 503; anything unexpected is a
500 whose detail says no more than that (the traceback goes to the server's log).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import InputError, InputTooLarge, MissingDependency, NewsdeskError, StoreError
from newsdesk.web.limits import DEFAULT_MAX_BODY

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("newsdesk.web")

#: Codes of the errors only HTTP has (the others are newsdesk.errors' own).
HTTP_CODES = {
    400: "E121",  # the body is not valid JSON
    404: "E130",  # no such route
    405: "E131",  # the route exists, not for this method
    413: InputTooLarge.code,  # E105: the request body is over the size limit
    422: "E120",  # the request does not match its model (validation)
    500: "E000",  # a bug
}


class ApiProblem(Exception):
    """An error with its HTTP status chosen where it is raised (a missing story: 404)."""

    def __init__(self, status: int, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.code, self.extra = status, detail, code or HTTP_CODES.get(status, "E000"), extra


def problem(status: int, detail: str, *, code: str | None = None, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    code = code or HTTP_CODES.get(status, "E000")
    body = {"type": f"urn:newsdesk:problem:{code}", "title": _title(status), "status": status, "detail": detail,
            "instance": instance, "code": code, **extra}
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers, media_type=PROBLEM_JSON)


def problem_bytes(status: int, detail: str, *, code: str | None = None, instance: str | None = None) -> bytes:
    """The body of a problem response, for places that send raw ASGI messages (the size limit)."""
    code = code or HTTP_CODES.get(status, "E000")
    return json.dumps({"type": f"urn:newsdesk:problem:{code}", "title": _title(status), "status": status,
                       "detail": detail, "instance": instance, "code": code}).encode()


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def status_of(exc: NewsdeskError) -> int:
    """The HTTP status of a newsdesk error: by what it means for the client."""
    from newsdesk.desk.store import ArticleNotFound, StoreBusy, StoreCorrupt, StoreTooNew

    if isinstance(exc, ArticleNotFound):
        return 404
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, MissingDependency) or exc.exit_code == 3:
        return 503
    if isinstance(exc, StoreBusy | StoreCorrupt | StoreTooNew):
        return 503
    if type(exc) is StoreError:  # a search query FTS5 cannot parse; opening failures are caught at start
        return 422
    if exc.exit_code == 2:
        return 422
    return 500


def install_handlers(app: FastAPI) -> None:
    """problem+json for newsdesk errors, validation errors, unknown routes and methods, and anything else."""

    @app.exception_handler(NewsdeskError)
    async def newsdesk_error(request: Request, exc: NewsdeskError) -> JSONResponse:
        status = status_of(exc)
        if status >= 500:
            log.error("newsdesk error on %s %s: %s", request.method, request.url.path, exc)
        headers = {"Retry-After": "1"} if status == 503 else None
        return problem(status, exc.message, code=exc.code, instance=request.url.path, headers=headers)

    @app.exception_handler(ApiProblem)
    async def api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem(exc.status, exc.detail, code=exc.code, instance=request.url.path, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(400, "the request body is not valid JSON", instance=request.url.path, errors=errors)
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(part) for part in first["loc"])
        detail = f"{where}: {first['msg']}" if where else first["msg"]
        return problem(422, detail, instance=request.url.path, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else _title(exc.status_code)
        headers = getattr(exc, "headers", None)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route {request.url.path}"
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
            headers = {**(headers or {}), "Allow": ", ".join(_allowed(request))}
        return problem(exc.status_code, detail, instance=request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, f"internal error (a bug, please report it): {type(exc).__name__}",
                       instance=request.url.path)


def _allowed(request: Request) -> list[str]:
    """Every method some route allows on this path (Starlette's Allow names only the first route's)."""
    from starlette.routing import Match

    allowed = []
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.routes):
            allowed.append(method)
    return allowed


class BodySizeLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets a 413 problem without being read whole.

    A declared ``Content-Length`` over the limit is refused before any byte is read; a body sent without
    one (chunked) is counted as it streams and refused at the first chunk past the limit (the app then
    sees the client gone and its own response is dropped).
    """

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await self._send(send, 400, "Content-Length is not a number", path)
                return
            if int(length) > self.max_bytes:
                await self._send(send, 413, self._too_large(), path)
                return
        state = {"received": 0, "refused": False, "started": False}

        async def counted_receive():
            if state["refused"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_bytes:
                    state["refused"] = True
                    if not state["started"]:
                        await self._send(send, 413, self._too_large(), path)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if state["refused"]:
                return  # the 413 went out already
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not state["refused"]:
                raise

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_bytes} bytes"

    @staticmethod
    async def _send(send, status: int, detail: str, path: str | None) -> None:
        body = problem_bytes(status, detail, instance=path)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
