"""Optional LLM backends for key points, always behind the faithfulness guard.

Two kinds of backend, chosen by the ``backend`` string:

* an ``http(s)://`` URL: the base of any OpenAI-compatible API (``POST {base}/chat/completions``), which
  serves Ollama (``http://127.0.0.1:11434/v1``), llama.cpp's and llama-cpp-python's servers, vLLM and
  hosted APIs. The model comes from the caller, else ``$NEWSDESK_LLM_MODEL``, else the first model the
  server lists at ``GET {base}/models``; the key from the caller, else ``$NEWSDESK_LLM_KEY``, else
  ``$OPENAI_API_KEY`` (none is sent when none is set).
* a path to a ``.gguf`` file, run in-process by ``llama-cpp-python`` (the ``llm`` extra), imported only
  when used.

The prompt numbers the article's sentences (``[1] …``) and asks for exactly ``n`` bullets as JSON
(``[{"text": …, "sentences": [ids]}]``); the reply is parsed tolerantly (code fences, a wrapping
object, ``- text [3]`` lines). Every bullet becomes a :class:`KeyPoint` whose support is the spans of
the sentences it cites and whose method is ``llm:<model>``. Anything that goes wrong at run time (HTTP
errors, timeouts, an unreachable server, unparsable output, a citation of a sentence that does not
exist) raises :class:`LLMFailed` with a one-line reason; :func:`points_with_llm` catches it, falls back
to the extractive bullets and says why. A backend that cannot be used at all is the user's to fix:
a malformed ``backend`` is :class:`~newsdesk.errors.BadOption` (exit 2) and a ``.gguf`` without
``llama-cpp-python`` is :class:`~newsdesk.errors.MissingDependency` (exit 3).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from newsdesk.errors import BadOption, MissingDependency, NewsdeskError
from newsdesk.schema import KeyPoint, Span

MODEL_ENV = "NEWSDESK_LLM_MODEL"
KEY_ENVS = ("NEWSDESK_LLM_KEY", "OPENAI_API_KEY")
INSTALL_LLM = "pip install 'newsdesk[llm]'  (or: pip install llama-cpp-python)"
MAX_PROMPT_CHARS = 12_000  # sentences past this budget are left out of the prompt (small local contexts)
MAX_TOKENS = 700

Sentences = Sequence[tuple[int, int]]


class LLMFailed(NewsdeskError):
    """The LLM backend gave no usable key points; ``reason`` says why in one line (callers fall back)."""

    code = "E210"
    exit_code = 3

    def __init__(self, reason: str, *, raw: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw  # the model's reply, when there was one


# ---- sentences -------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*\n""")


def numbered_sentences(text: str) -> list[tuple[int, int, int]]:
    """A simple split of ``text`` into sentences: ``(id, start, end)`` with ids from 1.

    For callers without a parse; the pipeline passes spaCy's sentence spans to :func:`llm_points` instead.

    >>> numbered_sentences("Rain fell. Roads shut.\\n\\nSchools closed")
    [(1, 0, 10), (2, 11, 22), (3, 24, 38)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            out.append((len(out) + 1, start + lead, end - trail))
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


# ---- the prompt ------------------------------------------------------------------------------------

SYSTEM_PROMPT = (
    "You write the key points of news articles. Use only facts stated in the numbered sentences you are "
    "given: no outside knowledge, no guesses, no opinions. Every key point cites the ids of the sentences "
    "that state it. Answer with JSON only."
)


def build_messages(
    text: str, sentences: Sentences, n: int, *, max_chars: int = MAX_PROMPT_CHARS
) -> list[dict[str, str]]:
    """The chat messages: the numbered sentences and the request for ``n`` cited bullets as JSON."""
    lines: list[str] = []
    used = 0
    for i, (start, end) in enumerate(sentences, start=1):
        line = f"[{i}] {_clean(text[start:end])}"
        if lines and used + len(line) > max_chars:
            break
        lines.append(line)
        used += len(line) + 1
    example = '[{"text": "…", "sentences": [1, 3]}]'
    user = (
        "Sentences of the article:\n"
        + "\n".join(lines)
        + f"\n\nWrite exactly {n} key points of this article, the most important first. Each key point is one "
        "short sentence that says only what the cited sentences say. Answer with a JSON array and nothing "
        f"else, in this form: {example}"
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


# ---- talking to a backend --------------------------------------------------------------------------


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


# ---- reading the answer ----------------------------------------------------------------------------

_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)
_CITE = re.compile(r"\[\s*(?:S|sentences?\s*)?\d+(?:\s*(?:,|;|and|-|–)\s*(?:S|sentences?\s*)?\d+)*\s*\]", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+(.*\S)\s*$")
_LEAD_CITE = re.compile(r"^\s*(?:[-*•+]\s*)?(\[\s*(?:S\s*)?\d[\d\s,;S–-]*\])\s*[:.)–-]?\s+(.*\S)\s*$")  # "[3] text"
_TEXT_KEYS = ("text", "point", "bullet", "key_point", "keypoint", "summary", "content")
_IDS_KEYS = ("sentences", "sentence_ids", "ids", "support", "citations", "sources", "cite", "sentence")


def parse_bullets(content: str) -> list[tuple[str, list[int]]]:
    """The bullets of a model's answer: ``(text, [sentence ids])``, tolerant of how the answer is dressed.

    >>> parse_bullets('```json\\n[{"text": "Rain fell.", "sentences": [1, "2"]}]\\n```')
    [('Rain fell.', [1, 2])]
    >>> parse_bullets("Key points:\\n- Rain fell [1].\\n2. Roads shut [2, 3]")
    [('Rain fell.', [1]), ('Roads shut', [2, 3])]
    >>> parse_bullets("[1] Rain fell.\\n[2, 4] Roads shut.")
    [('Rain fell.', [1]), ('Roads shut.', [2, 4])]
    """
    candidates = [m.group(1) for m in _FENCE.finditer(content)] + [content]
    for chunk in candidates:
        data = _loads_lenient(chunk)
        if data is not None:
            bullets = _from_json(data)
            if bullets:
                return bullets
    for chunk in candidates:
        bullets = _from_lines(chunk)
        if bullets:
            return bullets
    return []


def _loads_lenient(chunk: str):
    chunk = chunk.strip()
    for attempt in (chunk, _between(chunk, "[", "]"), _between(chunk, "{", "}")):
        if not attempt:
            continue
        try:
            return json.loads(attempt)
        except json.JSONDecodeError:
            try:  # trailing commas, the commonest slip
                return json.loads(re.sub(r",\s*([\]}])", r"\1", attempt))
            except json.JSONDecodeError:
                continue
    return None


def _between(text: str, first: str, last: str) -> str | None:
    i, j = text.find(first), text.rfind(last)
    return text[i : j + 1] if 0 <= i < j else None


def _from_json(data) -> list[tuple[str, list[int]]]:
    if isinstance(data, dict):  # {"key_points": [...]} or a single bullet
        lists = [v for v in data.values() if isinstance(v, list) and v and not all(isinstance(x, int) for x in v)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        return []
    out = []
    for item in data:
        if isinstance(item, str):
            bullet = _from_text(item)
        elif isinstance(item, dict):
            text = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
            if text is None:
                continue
            ids_value = next((item[k] for k in _IDS_KEYS if k in item), None)
            ids = _ids(ids_value)
            cleaned, inline = _strip_citations(text)
            bullet = (cleaned, ids or inline)
        else:
            continue
        if bullet and bullet[0]:
            out.append(bullet)
    return out


def _ids(value) -> list[int]:
    if value is None:
        return []
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, float) and value.is_integer():
        return [int(value)]
    if isinstance(value, str):
        return _range_ids(value)
    if isinstance(value, list):
        return [i for v in value for i in _ids(v)]
    if isinstance(value, dict):
        return _ids(value.get("id"))
    return []


def _range_ids(text: str) -> list[int]:
    ids: list[int] = []
    for a, b in re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", text):
        lo, hi = int(a), int(b) if b else int(a)
        ids.extend(range(lo, hi + 1) if 0 <= hi - lo <= 20 else [lo])
    return ids


def _strip_citations(text: str) -> tuple[str, list[int]]:
    ids = [i for m in _CITE.finditer(text) for i in _range_ids(m.group(0))]
    cleaned = _CITE.sub("", text).replace("**", "").replace("__", "")
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", _clean(cleaned)).strip(" -–")
    return cleaned, ids


def _from_text(line: str) -> tuple[str, list[int]] | None:
    text, ids = _strip_citations(line)
    return (text, ids) if text else None


def _from_lines(chunk: str) -> list[tuple[str, list[int]]]:
    out = []
    for line in chunk.splitlines():
        lead = _LEAD_CITE.match(line)
        if lead:
            text, ids = _strip_citations(lead.group(2).strip("*_ "))
            lead_ids = _range_ids(lead.group(1))
            if text:
                out.append((text, lead_ids + [i for i in ids if i not in lead_ids]))
            continue
        m = _BULLET.match(line)
        if m:
            bullet = _from_text(m.group(1).strip("*_ "))
            if bullet:
                out.append(bullet)
    return out


def to_points(
    bullets: list[tuple[str, list[int]]], sentences: Sentences, n: int, label: str
) -> tuple[list[KeyPoint], list[str]]:
    """KeyPoints from parsed bullets: support = the cited sentences' spans. Raises LLMFailed on bad citations."""
    notes: list[str] = []
    if not bullets:
        raise LLMFailed("no bullets in the model's answer")
    unknown = sorted({i for _, ids in bullets for i in ids if not 1 <= i <= len(sentences)})
    if unknown:
        shown = ", ".join(map(str, unknown[:8]))
        raise LLMFailed(f"the model cited sentence ids that do not exist ({shown}; the article has {len(sentences)})")
    points: list[KeyPoint] = []
    seen: set[str] = set()
    uncited = 0
    for text, ids in bullets:
        key = text.casefold()
        if key in seen:
            continue
        seen.add(key)
        if not ids:
            uncited += 1
            continue
        spans = sorted({sentences[i - 1] for i in ids})
        points.append(KeyPoint(text=text, support=[Span(start=s, end=e) for s, e in spans], method=f"llm:{label}"))
    if uncited:
        notes.append(f"llm:{label}: {uncited} bullet(s) cited no sentence and were dropped")
    if not points:
        raise LLMFailed("no bullet in the model's answer cites a sentence")
    if len(points) > n:
        notes.append(f"llm:{label}: gave {len(points)} bullets for {n}; the first {n} kept")
        points = points[:n]
    return points, notes


# ---- the entry points ------------------------------------------------------------------------------


def ask_llm(
    text: str,
    sentences: Sentences,
    n: int,
    backend: str,
    *,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60,
) -> tuple[list[KeyPoint], list[str]]:
    """The LLM's key points and notes on what was dropped (before the guard). Raises LLMFailed."""
    if not sentences:
        raise LLMFailed("the article has no sentences")
    content, label = chat(backend, build_messages(text, sentences, n), model=model, api_key=api_key, timeout=timeout)
    bullets = parse_bullets(content)
    if not bullets:
        raise LLMFailed(f"the model's answer has no bullets: {_short(content, 80)!r}", raw=content)
    try:
        return to_points(bullets, sentences, n, label)
    except LLMFailed as exc:
        exc.raw = content
        raise


def llm_points(
    text: str,
    sentences: Sentences,
    n: int,
    backend: str,
    *,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60,
) -> list[KeyPoint]:
    """Up to ``n`` key points from the LLM at ``backend`` (URL or .gguf), unguarded. Raises LLMFailed."""
    return ask_llm(text, sentences, n, backend, model=model, api_key=api_key, timeout=timeout)[0]


def points_with_llm(
    article_text: str,
    sentences: Sentences,
    n: int,
    backend: str,
    extractive_points: list[KeyPoint],
    model: str | None = None,
    *,
    api_key: str | None = None,
    timeout: float = 60,
    guard: Callable[[list[KeyPoint], str], tuple[list[KeyPoint], list]] | None = None,
) -> tuple[list[KeyPoint], list[str]]:
    """Key points from the LLM that pass the guard, else the extractive ones; notes say what happened.

    The LLM's bullets go through the same guard as the extractive ones. When the LLM fails, or no bullet
    passes the guard, the extractive points are returned with a note saying why. When only some pass,
    extractive points whose support does not overlap theirs fill the list up to ``n``.
    A malformed backend (BadOption) or a missing llama-cpp-python (MissingDependency) is raised, not
    fallen back from: the user asked for something that cannot run.
    """
    if guard is None:
        from newsdesk.keypoints.guard import guard
    try:
        points, notes = ask_llm(article_text, sentences, n, backend, model=model, api_key=api_key, timeout=timeout)
    except LLMFailed as exc:
        return list(extractive_points), [f"llm {backend} failed: {exc.reason}; extractive key points used"]
    kept, guard_notes = guard(points, article_text)
    notes = notes + [str(note) for note in guard_notes]
    kept = list(kept)
    if not kept:
        notes.append(f"llm {backend}: no bullet passed the guard; extractive key points used")
        return list(extractive_points), notes
    if len(kept) < n:
        added = 0
        for point in extractive_points:
            if len(kept) >= n:
                break
            if not any(_overlaps(point, other) for other in kept):
                kept.append(point)
                added += 1
        if added:
            notes.append(f"llm {backend}: {added} extractive key point(s) added to the llm's {len(kept) - added}")
    return kept, notes


def _overlaps(a: KeyPoint, b: KeyPoint) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a.support for y in b.support)
