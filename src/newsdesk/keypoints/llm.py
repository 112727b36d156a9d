"""Optional LLM backends for key points, always behind the faithfulness guard.

Two kinds of backend, chosen by the ``backend`` string (``llm_backends.py``; the answer is read by
``llm_answer.py``):

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

import re
from collections.abc import Callable, Sequence

from newsdesk.keypoints.llm_answer import parse_bullets, to_points
from newsdesk.keypoints.llm_backends import (
    INSTALL_LLM,
    KEY_ENVS,
    MAX_TOKENS,
    MODEL_ENV,
    LLMFailed,
    _clean,
    _short,
    chat,
    check_backend,
    is_url,
    model_label,
)
from newsdesk.schema import KeyPoint

__all__ = ["INSTALL_LLM", "KEY_ENVS", "MAX_TOKENS", "MODEL_ENV", "LLMFailed", "ask_llm", "build_messages", "chat",
           "check_backend", "is_url", "llm_points", "model_label", "numbered_sentences", "parse_bullets",
           "points_with_llm", "to_points"]

MAX_PROMPT_CHARS = 12_000  # sentences past this budget are left out of the prompt (small local contexts)

Sentences = Sequence[tuple[int, int]]

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
