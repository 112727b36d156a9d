"""``--llm`` on the user paths: ``newsdesk analyze FILE --llm URL`` and ``newsdesk.analyze(..., llm=URL)``.

Against the fake OpenAI-compatible server of ``conftest.py`` on 127.0.0.1: the LLM's bullets become the
key points (``method: llm:<model>``), inventions are dropped by the guard and replaced by extractive
points, a failing server falls back to the extractive points, and the notes say so.
"""

from __future__ import annotations

import json
import sys

import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.errors import BadOption, MissingDependency
from newsdesk.schema import Article, Section

PARAGRAPHS = (
    "Flooding closed 14 schools in the river town of Marlow on Tuesday.",
    "The county council said 230 homes had been evacuated overnight as the water rose.",
    "Council leader Priya Shah said the river peaked at 4.2 metres, a record for the town.",
    "Forecasters expect more heavy rain across the valley on Thursday and Friday.",
)
TEXT = "\n\n".join(PARAGRAPHS)


def article() -> Article:
    return Article(text=TEXT, sections=[Section(paragraphs=list(PARAGRAPHS))])


def bullets(*items: tuple[str, list[int]]) -> str:
    return json.dumps([{"text": text, "sentences": ids} for text, ids in items])


def test_python_api_uses_the_llm_and_labels_its_points(server):
    server.reply(bullets(("Flooding closed 14 schools in Marlow.", [1]),
                         ("The river peaked at a record 4.2 metres.", [3]),
                         ("230 homes were evacuated.", [2])))
    res = newsdesk.analyze(article(), llm=server.url, llm_model="fake-model", points=3)
    assert [p.text for p in res.key_points] == [
        "Flooding closed 14 schools in Marlow.", "The river peaked at a record 4.2 metres.",
        "230 homes were evacuated."]
    assert {p.method for p in res.key_points} == {"llm:fake-model"}
    cited = res.key_points[1].support[0]
    assert TEXT[cited.start:cited.end] == PARAGRAPHS[2]  # the support is the sentence the bullet cites
    assert res.notes == []
    prompt = server.chat_requests[-1]["json"]["messages"][-1]["content"]
    assert "[1] Flooding closed 14 schools" in prompt and "[4] Forecasters expect" in prompt
    assert server.chat_requests[-1]["json"]["model"] == "fake-model"
    assert res.to_dict()["key_points"][0]["method"] == "llm:fake-model"


def test_python_api_drops_an_invention_and_tops_up_with_extractive_points(server):
    server.reply(bullets(("Flooding closed 14 schools in Marlow.", [1]),
                         ("Three people died when the river peaked at 9.7 metres.", [3])))
    res = newsdesk.analyze(article(), llm=server.url, llm_model="fake-model", points=2)
    texts = [p.text for p in res.key_points]
    assert texts[0] == "Flooding closed 14 schools in Marlow." and res.key_points[0].method == "llm:fake-model"
    assert len(res.key_points) == 2 and res.key_points[1].method == "extractive"
    assert not any("9.7" in t or "Three" in t for t in texts)
    assert any("key point dropped (llm:fake-model)" in n and "9.7" in n for n in res.notes)
    assert any("extractive key point(s) added" in n for n in res.notes)


def test_python_api_falls_back_to_extractive_points_when_the_server_fails(server):
    server.reply(status=500, raw=b'{"error": {"message": "model crashed"}}')
    plain = newsdesk.analyze(article(), points=2)
    res = newsdesk.analyze(article(), llm=server.url, llm_model="fake-model", points=2)
    assert [p.text for p in res.key_points] == [p.text for p in plain.key_points]
    assert {p.method for p in res.key_points} == {"extractive"}
    assert f"llm {server.url} failed: HTTP 500: model crashed; extractive key points used" in res.notes


def test_python_api_rejects_a_bad_backend_before_any_work(tmp_path):
    with pytest.raises(BadOption, match="OpenAI-compatible base URL"):
        newsdesk.analyze(article(), llm="notes.txt")
    with pytest.raises(BadOption, match="no such GGUF file"):
        newsdesk.analyze(article(), llm=str(tmp_path / "missing.gguf"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "marlow.txt"
    path.write_text("Floods close Marlow schools\n\n" + TEXT + "\n", encoding="utf-8")
    return path


def test_cli_llm_json_labels_the_points_with_the_model(capsys, server, story):
    server.models = ["smollm2-135m"]  # no --llm-model: the server's first model
    server.reply(bullets(("Flooding closed 14 schools in Marlow.", [1]), ("230 homes were evacuated.", [2])))
    code, out, err = run(capsys, "analyze", str(story), "--llm", server.url, "--points", "2", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [p["method"] for p in data["key_points"]] == ["llm:smollm2-135m", "llm:smollm2-135m"]
    assert data["key_points"][1]["text"] == "230 homes were evacuated."
    span = data["key_points"][1]["support"][0]
    assert data["article"]["text"][span["start"]:span["end"]] == PARAGRAPHS[1]


def test_cli_llm_model_and_readable_view(capsys, server, story):
    server.reply(bullets(("Flooding closed 14 schools in Marlow.", [1])))
    code, out, err = run(capsys, "analyze", str(story), "--llm", server.url, "--llm-model", "fake-model",
                         "--points", "1")
    assert code == 0, err
    assert "Flooding closed 14 schools in Marlow." in out and "llm:fake-model" in out
    assert server.chat_requests[-1]["json"]["model"] == "fake-model"


def test_cli_llm_failure_falls_back_and_says_why(capsys, server, story):
    server.reply("I cannot summarise this article.")
    code, out, err = run(capsys, "analyze", str(story), "--llm", server.url, "--llm-model", "m", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["key_points"] and {p["method"] for p in data["key_points"]} == {"extractive"}
    assert any("failed: the model's answer has no bullets" in n and "extractive key points used" in n
               for n in data["notes"])


@pytest.mark.parametrize("value, problem", [
    ("notes.txt", "OpenAI-compatible base URL"),
    ("http://", "the URL has no host"),
    ("ftp://example.org/v1", "OpenAI-compatible base URL"),
    ("missing-model.gguf", "no such GGUF file"),
    ("", "--llm"),
])
def test_cli_bad_llm_values_exit_2_with_one_line(capsys, story, value, problem):
    code, out, err = run(capsys, "analyze", str(story), "--llm", value)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and "Traceback" not in err, err


def test_cli_gguf_without_llama_cpp_exits_3_with_the_install_command(capsys, story, tmp_path, monkeypatch):
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # as if llama-cpp-python were not installed
    code, _, err = run(capsys, "analyze", str(story), "--llm", str(gguf))
    assert code == 3 and "llama-cpp-python" in err and "pip install" in err
    with pytest.raises(MissingDependency):
        newsdesk.analyze(article(), llm=str(gguf))
