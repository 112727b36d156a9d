"""Talking to an LLM backend for key points: an OpenAI-compatible HTTP API or a local GGUF.

* an ``http(s)://`` URL: the base of any OpenAI-compatible API (``POST {base}/chat/completions``), which
  serves Ollama (``http://127.0.0.1:11434/v1``), llama.cpp's and llama-cpp-python's servers, vLLM and
  hosted APIs. The model comes from the caller, else ``$NEWSDESK_LLM_MODEL``, else the first model the
  server lists at ``GET {base}/models``; the key from the caller, else ``$NEWSDESK_LLM_KEY``, else
  ``$OPENAI_API_KEY`` (none is sent when none is set). Loopback servers bypass any HTTP proxy.
* a path to a ``.gguf`` file, run in-process by ``llama-cpp-python`` (the ``llm`` extra), imported only
  when used.

Anything that goes wrong at run time raises :class:`LLMFailed` with a one-line reason; a malformed
backend is :class:`~newsdesk.errors.BadOption` (exit 2) and a ``.gguf`` without ``llama-cpp-python``
is :class:`~newsdesk.errors.MissingDependency` (exit 3).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from newsdesk.errors import BadOption, MissingDependency, NewsdeskError

__all__ = ["INSTALL_LLM", "KEY_ENVS", "LLMFailed", "MAX_TOKENS", "MODEL_ENV", "chat", "check_backend", "is_url",
           "model_label"]

MODEL_ENV = "NEWSDESK_LLM_MODEL"
KEY_ENVS = ("NEWSDESK_LLM_KEY", "OPENAI_API_KEY")
INSTALL_LLM = "pip install 'newsdesk[llm]'  (or: pip install llama-cpp-python)"
MAX_TOKENS = 700


class LLMFailed(NewsdeskError):
    """The LLM backend gave no usable key points; ``reason`` says why in one line (callers fall back)."""

    code = "E210"
    exit_code = 3

    def __init__(self, reason: str, *, raw: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw  # the model's reply, when there was one


def _clean(text: str) -> str:
    return " ".join(text.split())


def is_url(backend: str) -> bool:
    return urllib.parse.urlsplit(backend).scheme in ("http", "https")


def model_label(backend: str, model: str | None = None) -> str:
    """What ``method`` says after ``llm:``: the model name, or a GGUF file's stem."""
    if model:
        return model
    if not is_url(backend):
        return Path(backend).name.removesuffix(".gguf")
    return "unknown"


def check_backend(backend: str) -> None:
    """Reject a backend that is neither an http(s) URL nor an existing ``.gguf`` file (bad input, exit 2)."""
    if is_url(backend):
        if not urllib.parse.urlsplit(backend).netloc:
            raise BadOption(f"--llm {backend!r}: the URL has no host (e.g. http://127.0.0.1:8080/v1)")
        return
    path = Path(backend)
    if path.suffix.lower() != ".gguf":
        raise BadOption(f"--llm {backend!r}: give an OpenAI-compatible base URL (http://host:port/v1) or a .gguf file")
    if not path.is_file():
        raise BadOption(f"--llm {backend!r}: no such GGUF file")


def chat(
    backend: str,
    messages: list[dict[str, str]],
    *,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60,
    max_tokens: int = MAX_TOKENS,
) -> tuple[str, str]:
    """Send ``messages`` to the backend; return the reply's text and the model label. Raises LLMFailed."""
    check_backend(backend)
    if is_url(backend):
        return _chat_http(backend, messages, model=model, api_key=api_key, timeout=timeout, max_tokens=max_tokens)
    return _chat_gguf(backend, messages, max_tokens=max_tokens)


def _loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _request(url: str, *, data: dict | None, api_key: str | None, timeout: float) -> dict:
    headers = {"Accept": "application/json"}
    body = None
    if data is not None:
        body = json.dumps(data).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    req = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    # a proxy set for the package index must not swallow a server on this machine
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({})) if _loopback(url) else None
    try:
        with (opener.open if opener else urllib.request.urlopen)(req, timeout=timeout) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as exc:
        detail = _error_detail(exc)
        raise LLMFailed(f"HTTP {exc.code}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise LLMFailed(f"timed out after {timeout:g}s") from None
        raise LLMFailed(f"cannot reach {url}: {exc.reason}") from None
    except TimeoutError:
        raise LLMFailed(f"timed out after {timeout:g}s") from None
    except (OSError, http.client.HTTPException) as exc:
        raise LLMFailed(f"connection to {url} failed: {type(exc).__name__}: {exc}") from None
    try:
        return json.loads(raw.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        raise LLMFailed(f"the reply of {url} is not JSON: {_short(raw.decode('utf-8', 'replace'))}") from None


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", errors="replace")
    except Exception:  # noqa: BLE001 - the status code is enough
        return ""
    try:
        err = json.loads(text)
        if isinstance(err, dict):
            err = err.get("error", err)
            if isinstance(err, dict):
                err = err.get("message") or err.get("detail") or err
            elif isinstance(err, str):
                pass
            text = err if isinstance(err, str) else json.dumps(err)
    except json.JSONDecodeError:
        pass
    return _short(text)


def _short(text: str, limit: int = 120) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chat_http(
    base: str, messages: list[dict[str, str]], *, model: str | None, api_key: str | None, timeout: float,
    max_tokens: int,
) -> tuple[str, str]:
    base = base.rstrip("/")
    api_key = api_key or next((os.environ[k] for k in KEY_ENVS if os.environ.get(k)), None)
    model = model or os.environ.get(MODEL_ENV) or _first_model(base, api_key, timeout)
    payload = {"model": model, "messages": messages, "temperature": 0, "max_tokens": max_tokens, "stream": False}
    reply = _request(f"{base}/chat/completions", data=payload, api_key=api_key, timeout=timeout)
    try:
        content = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise LLMFailed(f"the reply has no choices[0].message.content: {_short(json.dumps(reply))}") from None
    if not isinstance(content, str) or not content.strip():
        raise LLMFailed("the model returned an empty answer", raw=content if isinstance(content, str) else None)
    return content, model


def _first_model(base: str, api_key: str | None, timeout: float) -> str:
    """The first model the server lists: llama.cpp and a one-model vLLM need no name."""
    try:
        listing = _request(f"{base}/models", data=None, api_key=api_key, timeout=timeout)
        return str(listing["data"][0]["id"])
    except (LLMFailed, KeyError, IndexError, TypeError) as exc:
        why = f" ({exc.reason})" if isinstance(exc, LLMFailed) else ""
        raise LLMFailed(f"no model named and {base}/models lists none{why}; set --llm-model or ${MODEL_ENV}") from None


_LLAMAS: dict[str, object] = {}  # loaded GGUF models, one per path, for the life of the process


def _chat_gguf(path: str, messages: list[dict[str, str]], *, max_tokens: int) -> tuple[str, str]:
    try:
        from llama_cpp import Llama
    except ImportError:
        raise MissingDependency(
            "llama-cpp-python is needed to run a GGUF model", install=INSTALL_LLM, source=path
        ) from None
    key = str(Path(path).resolve())
    try:
        llm = _LLAMAS.get(key)
        if llm is None:
            llm = _LLAMAS[key] = Llama(model_path=key, n_ctx=4096, verbose=False)
        reply = llm.create_chat_completion(messages=messages, temperature=0, max_tokens=max_tokens)
        content = reply["choices"][0]["message"]["content"]
    except Exception as exc:  # noqa: BLE001 - llama.cpp raises ValueError/RuntimeError for bad files, long prompts
        raise LLMFailed(f"llama.cpp: {type(exc).__name__}: {_short(str(exc))}") from None
    if not isinstance(content, str) or not content.strip():
        raise LLMFailed("the model returned an empty answer")
    return content, model_label(path)

