"""Bad input: exit code 2 and one line on stderr naming the input and the problem, never a traceback."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, source: str, problem: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert source in lines[0] and problem in lines[0], lines[0]
    assert "Traceback" not in err


def test_missing_path(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, _, err = run(capsys, "read", str(missing))
    assert_one_line_error(code, err, str(missing), "no such file")


def test_folder(capsys, tmp_path):
    code, _, err = run(capsys, "read", str(tmp_path))
    assert_one_line_error(code, err, str(tmp_path), "directory")


def test_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n  ")
    code, _, err = run(capsys, "read", str(empty))
    assert_one_line_error(code, err, str(empty), "empty")


def test_binary_file(capsys, tmp_path):
    blob = tmp_path / "photo.bin"
    blob.write_bytes(bytes(range(256)) * 40)
    code, _, err = run(capsys, "read", str(blob))
    assert_one_line_error(code, err, str(blob), "binary")


def test_pdf_is_named(capsys, tmp_path):
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\x00\x01" * 500)
    code, _, err = run(capsys, "read", str(pdf))
    assert_one_line_error(code, err, str(pdf), "PDF")


def test_too_large_file(capsys, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"All work and no play makes a dull article. " * (50 * 1024 * 1024 // 43 + 1))
    code, _, err = run(capsys, "read", str(big))
    assert_one_line_error(code, err, str(big), "MB")


def test_corrupt_gzip(capsys, tmp_path):
    bad = tmp_path / "page.html.gz"
    bad.write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>")[:15])
    code, _, err = run(capsys, "read", str(bad))
    assert_one_line_error(code, err, str(bad), "gzip")


def test_bad_option_is_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "read")
    assert code == 2 and "Traceback" not in err


def test_stdin_empty_via_real_console_script():
    """The installed command, end to end: empty stdin is bad input, said in one line."""
    proc = subprocess.run([sys.executable, "-m", "newsdesk.cli", "read", "-"], input=b"", capture_output=True)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "<stdin>" in proc.stderr.decode() and "empty" in proc.stderr.decode()


@pytest.mark.parametrize(
    ("encoding", "sentence"),
    [
        ("cp1251", "Президент заявил, что переговоры продолжатся на следующей неделе в Стамбуле."),
        ("latin-1", "Le président a déclaré que les négociations reprendront à Genève après l'été."),
    ],
)
def test_non_utf8_text_is_read_with_its_encoding(tmp_path, encoding, sentence):
    import newsdesk

    page = tmp_path / "page.txt"
    body = "\n\n".join([sentence] * 2 + [sentence.replace(".", " encore.")])
    page.write_bytes(("Titre de la page ici\n\n" + body).encode(encoding))
    art = newsdesk.read(Path(page))
    assert sentence in art.text
    assert art.diagnostics.encoding is not None and art.diagnostics.encoding != "utf-8"


def test_gzip_text_is_read(tmp_path):
    import newsdesk

    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress(b"Storm hits the coast\n\nThe storm hit the coast on Friday night."))
    art = newsdesk.read(page)
    assert art.headline == "Storm hits the coast"
    assert "input was gzip-compressed" in art.diagnostics.warnings


def test_html_with_no_article_says_why(capsys, tmp_path):
    import json

    page = tmp_path / "index.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/a'>News</a>"
                    "</nav><footer>© Example</footer></body></html>")
    code, out, err = run(capsys, "read", str(page), "--json")
    assert code == 0
    reason = json.loads(out)["diagnostics"]["reason"]
    assert reason and "words" in reason
    assert err.strip().splitlines() == [f"newsdesk: warning: {page}: {reason}"]


def test_malformed_html_is_read(capsys, tmp_path):
    import json

    page = tmp_path / "broken.html"
    body = "".join(f"<p>Paragraph {i} of the story says the council met <b>again <i>on Friday" for i in range(30))
    page.write_text("<html><body><div><h1>Council meets<div>" + body + "<table><tr><td>cell")
    code, out, err = run(capsys, "read", str(page), "--json")
    assert code == 0 and "Traceback" not in err
    assert "Paragraph 7 of the story" in json.loads(out)["text"]


def test_text_longer_than_the_language_model_takes(capsys, tmp_path):
    """spaCy refuses texts over nlp.max_length (E088): bad input naming the file, not a crash."""
    big = tmp_path / "endless.txt"
    big.write_text("Council minutes\n\n" + "The committee met again and agreed nothing. " * 24_000, encoding="utf-8")
    code, _, err = run(capsys, "analyze", str(big))
    assert_one_line_error(code, err, str(big), "over the")


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_text_with_its_byte_order_mark_is_read(capsys, tmp_path, encoding, bom):
    page = tmp_path / "page.txt"
    text = ("Harbour reopens after the storm\n\nThe harbour of Kiel reopened on Tuesday after a storm closed it "
            "for three days, the port authority said.\n\nFerries to Oslo will sail again on Wednesday.")
    page.write_bytes(bom + text.encode(encoding))
    code, out, err = run(capsys, "read", str(page), "--json")
    assert code == 0, err
    assert '"headline": "Harbour reopens after the storm"' in out and "Ferries to Oslo" in out


def test_a_byte_order_mark_on_bytes_that_are_not_utf16_is_one_line(capsys, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(b"\xff\xfe" + "Storm news".encode("utf-16-le") + b"\x00")  # an odd byte left over
    code, _, err = run(capsys, "read", str(page))
    assert_one_line_error(code, err, str(page), "UTF-16")
