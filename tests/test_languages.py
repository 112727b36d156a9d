"""An article in a language no installed model reads is read, said to be unread in one warning line and in
``notes``, and not analysed with the English model (which would find a PERSON in a German noun) unless asked."""

from __future__ import annotations

import json

from newsdesk.cli import main
from newsdesk.pipeline import analyze

GERMAN = ("Neuer Film startet bundesweit\n\nDer Film läuft ab Donnerstag in 514 Kinosälen in ganz Deutschland, "
          "teilte der Verleih am Montag in Berlin mit. Die Regisseurin sagte, sie habe drei Jahre an dem Projekt "
          "gearbeitet. Kritiker lobten vor allem die Musik und die Bilder aus den Alpen.")
ENGLISH = ("Film opens nationwide\n\nThe film opens on Thursday in 514 cinemas across Germany, the distributor said "
           "in Berlin on Monday. The director said she had worked on the project for three years. Critics praised "
           "the music and the pictures of the Alps above all.")


def test_a_german_article_is_read_but_not_analysed(capsys, tmp_path):
    page = tmp_path / "film.txt"
    page.write_text(GERMAN, encoding="utf-8")
    assert main(["analyze", str(page), "--json"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert result["article"]["headline"] == "Neuer Film startet bundesweit" and "514 Kinosälen" in result[
        "article"]["text"]
    assert result["entities"] == result["quotes"] == result["events"] == result["key_points"] == []
    assert len(result["notes"]) == 1 and "(de;" in result["notes"][0] and "--force-model" in result["notes"][0]
    lines = [line for line in err.strip().splitlines() if "no model" in line]
    assert len(lines) == 1 and lines[0].startswith(f"newsdesk: warning: {page}: ") and "Traceback" not in err


def test_force_model_analyses_it_anyway(tmp_path):
    result = analyze(GERMAN, force_model=True)
    assert result.entities and not any("no model" in note for note in result.notes)


def test_english_and_short_texts_are_analysed():
    assert analyze(ENGLISH).entities  # English: analysed
    short = analyze("Kurz notiert\n\nDer Zug fährt heute nicht.")  # too short to judge: analysed as ever
    assert not any("no model" in note for note in short.notes)


def test_doctor_lists_the_languages_analysed(capsys):
    assert main(["doctor", "--json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert "en" in report["languages"]
