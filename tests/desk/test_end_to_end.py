"""The desk from the command line on a fresh store: one night's attack told by a wire (JSONL), a daily (JSONL) and a
broadcaster (RSS), another night by a site's HTML page, a third by a saved text page with its own date line, and
a monthly piece in an Atom feed — all read by ingest, analysed, and joined into desk events, tallies and records.
A CSV table in the folder is refused; the same folder again adds nothing; a terminal gets a progress bar.
"""

from __future__ import annotations

import html
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def split(name: str) -> tuple[str, str]:
    headline, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n", 1)
    return headline.strip(), body.strip()


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def build_inputs(folder: Path) -> None:
    """The events fixtures as five outlets publish them."""
    (folder / "pages" / "saved").mkdir(parents=True)
    with (folder / "wire-and-daily.jsonl").open("w", encoding="utf-8") as fh:
        for name, publisher in (("events_night1_wire.txt", "Wire"), ("events_night1_daily.txt", "Daily")):
            headline, body = split(name)
            fh.write(json.dumps({"headline": headline, "text": body, "published": "2025-07-04",
                                 "publisher": publisher, "url": f"https://{publisher.lower()}.example/{name}"}) + "\n")
    headline, body = split("events_night1_broadcaster.txt")
    description = html.escape("".join(f"<p>{p}</p>" for p in paragraphs(body)))
    (folder / "broadcaster.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Broadcaster</title>'
        "<link>https://broadcaster.example</link><description>News</description>"
        f"<item><title>{html.escape(headline)}</title><link>https://broadcaster.example/night</link>"
        f"<pubDate>Fri, 04 Jul 2025 07:15:00 GMT</pubDate><description>{description}</description></item>"
        "</channel></rss>\n", encoding="utf-8")
    headline, body = split("events_night0.txt")
    page = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(body))
    (folder / "pages" / "herald-night.html").write_text(
        f'<!doctype html><html><head><title>{html.escape(headline)} | Herald</title>'
        f'<meta property="og:title" content="{html.escape(headline)}">'
        '<meta property="og:site_name" content="Herald">'
        '<meta property="article:published_time" content="2025-06-29T07:30:00Z"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{html.escape(headline)}</h1>'
        f"{page}</article><footer>© 2025 Herald. All rights reserved.</footer></body></html>\n", encoding="utf-8")
    headline, body = split("events_night2.txt")
    (folder / "pages" / "saved" / "post-night.txt").write_text(
        f"{headline}\n\nBy Olena Harris, Kyiv\nPublished 9 July 2025, 08:10 BST\n\n{body}\n\nShare this article\n",
        encoding="utf-8")
    headline, body = split("events_monthly.txt")
    content = html.escape("".join(f"<p>{p}</p>" for p in paragraphs(body)))
    (folder / "agency.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>AFP</title>'
        "<id>urn:agency</id><updated>2025-08-01T10:00:00Z</updated>"
        f"<entry><title>{html.escape(headline)}</title><id>urn:agency:july</id>"
        '<link href="https://agency.example/july"/><updated>2025-08-01T10:00:00Z</updated>'
        f'<published>2025-08-01T10:00:00Z</published><content type="html">{content}</content></entry></feed>\n',
        encoding="utf-8")
    (folder / "reference.csv").write_bytes((FIXTURES / "events_reference.csv").read_bytes())
    rows = "date,region,drones,missiles\n" + "".join(f"2025-07-0{d},Kyiv,{d * 10},{d}\n" for d in range(1, 8))
    (folder / "pages" / "figures.txt").write_text(rows, encoding="utf-8")  # a table, whatever its name


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def desk_db(tmp_path_factory, new_store):
    folder = tmp_path_factory.mktemp("inputs")
    build_inputs(folder)
    db = new_store()
    return folder, str(db)


@pytest.fixture(scope="module")
def first_run(desk_db):
    folder, db = desk_db
    proc = subprocess.run([sys.executable, "-m", "newsdesk.cli", "ingest", str(folder), "--db", db, "--json",
                           "--processes", "2"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_outlet_is_read_and_tables_are_refused(first_run, desk_db):
    folder, _ = desk_db
    assert first_run["new"] == 6 and first_run["duplicates"] == 0
    failed = {f["input"]: f["reason"] for f in first_run["failed"]}
    assert set(failed) == {str(folder / "reference.csv"), str(folder / "pages" / "figures.txt")}
    assert all("is a table" in reason and reason.startswith("[E100]") for reason in failed.values())


def test_one_night_told_by_three_outlets_is_one_desk_event(first_run, desk_db, capsys):
    _, db = desk_db
    code, out = run(capsys, "events", "--type", "attack", "--from", "2025-07-04", "--to", "2025-07-04",
                    "--json", "--db", db)
    assert code == 0
    [night] = [e for e in json.loads(out) if e["day"] == "2025-07-04"]
    assert {s["publisher"] for s in night["sources"]} == {"Wire", "Daily", "Broadcaster"}
    assert night["source_count"] == 3
    drones = night["kinds"]["drone"]["launched"]
    assert (drones["value"], drones["min"], drones["max"]) == (539, 539, 550)


def test_tally_counts_each_attack_once(first_run, desk_db, capsys):
    _, db = desk_db
    code, out = run(capsys, "tally", "--what", "attacks", "--by", "month", "--json", "--db", db)
    assert code == 0
    rows = {r["period"]: r for r in json.loads(out)["rows"]}
    assert rows["2025-06"]["attacks"] == 1 and rows["2025-06"]["launched"]["drone"] == 477
    # July: the night of the 4th once (three articles), and two attacks on the 9th (Russia's, Ukraine's)
    assert rows["2025-07"]["attacks"] == 3
    assert rows["2025-07"]["launched"]["drone"] >= 539 + 728  # the monthly total (6,297) is not added
    code, out = run(capsys, "tally", "--by", "day", "--weapon", "missile", "--from", "2025-07-04", "--to",
                    "2025-07-04", "--json", "--db", db)
    [day] = json.loads(out)["rows"]
    assert (day["period"], day["attacks"], day["launched"]) == ("2025-07-04", 1, {"missile": 11})


def test_records_as_of_a_date(first_run, desk_db, capsys):
    _, db = desk_db
    code, out = run(capsys, "records", "--as-of", "2025-07-05", "--json", "--db", db)
    assert code == 0
    drones = next(r for r in json.loads(out) if r["measure"] == "drone")
    assert [(t["day"], t["value"], t["source_count"]) for t in drones["top"]] == [
        ("2025-07-04", 539, 3), ("2025-06-29", 477, 1)]  # the 9th's 728 comes after the cutoff
    assert [p["day"] for p in drones["progression"]] == ["2025-06-29", "2025-07-04"]


def test_search_and_stats(first_run, desk_db, capsys):
    _, db = desk_db
    code, out = run(capsys, "search", "Rostov", "--json", "--db", db)
    assert code == 0
    [hit] = json.loads(out)["results"]
    assert hit["headline"] == "Russia launches 728 drones at Ukraine in new record attack"
    assert hit["published"] == "2025-07-09"  # from the saved page's own date line
    code, out = run(capsys, "stats", "--json", "--db", db)
    stats = json.loads(out)
    assert stats["articles"] == 6 and stats["events"] >= 4 and stats["stories"] >= 3


def test_the_same_folder_again_adds_nothing(first_run, desk_db, capsys):
    folder, db = desk_db
    code, out = run(capsys, "ingest", str(folder), "--db", db, "--json", "--processes", "1")
    again = json.loads(out)
    assert code == 0 and (again["new"], again["duplicates"], len(again["failed"])) == (0, 6, 2)
    _, out = run(capsys, "stats", "--json", "--db", db)
    assert json.loads(out)["articles"] == 6


def test_a_terminal_gets_a_progress_bar(tmp_path, new_store):
    """On a terminal (stderr a tty) rich draws the bar; --json still prints the summary on stdout."""
    db = new_store()
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "ingest", str(FIXTURES / "ingest" / "articles"), "--db", str(db),
             "--json", "--processes", "1"], stdout=subprocess.PIPE, stderr=secondary, text=True, timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPO / "src"), "TERM": "xterm", "COLUMNS": "100"})
        os.close(secondary)
        secondary = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the other end is closed: everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["new"] == 3
    text = drawn.decode("utf-8", "replace")
    assert "ingesting" in text and "3/3" in text
