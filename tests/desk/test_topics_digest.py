"""Topics (follow, unfollow, topics) and digests (Markdown, HTML, Atom, email through a real SMTP server)."""

from __future__ import annotations

import email
import json
import socket
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.desk.digest import digest, digest_data, parse_since
from newsdesk.desk.store import Store, content_hash, open_store
from newsdesk.desk.stories import assign_story
from newsdesk.desk.topics import follow, get_topic, list_topics, matching_articles, unfollow
from newsdesk.errors import BadOption

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2025, 11, 6, 18, 0, tzinfo=UTC)
XSS = 'Harlow <script>alert("x")</script> chief [speaks](javascript:alert(1))'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def analyses() -> dict[str, dict]:
    found = {}
    for path in sorted(FIXTURES.glob("story_*.txt")):
        head, body = path.read_text("utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        analysis = newsdesk.analyze(body, published=meta["published"]).to_dict()
        analysis["article"].update(publisher=meta["publisher"], published=meta["published"],
                                   url=f"https://news.example/{path.stem}?a=1&b=2")
        found[path.stem.removeprefix("story_")] = analysis
    found["results_1"]["article"]["headline"] = XSS  # untrusted text: it must come out escaped
    found["fire_3"]["key_points"] = []  # an analysis without key points still makes a digest
    return found


@pytest.fixture
def db(tmp_path, analyses, new_store) -> Path:
    path = new_store()
    with open_store(path) as store:
        for name in sorted(analyses, key=lambda k: analyses[k]["article"]["published"]):
            analysis = analyses[name]
            with store.transaction():
                row = store.insert_article(analysis, source=name, digest=content_hash(analysis["article"]["text"]))
                assign_story(store, row, analysis)
    return path


def headlines(store: Store, rows: list[int]) -> set[str]:
    return {store.execute("SELECT headline FROM articles WHERE id = ?", (r,)).fetchone()[0] for r in rows}


# ---- topics ------------------------------------------------------------------------------------------

def test_follow_unfollow_and_topics_persist(db):
    with open_store(db) as store:
        assert follow(store, "Harlow Chemicals")["kind"] == "entity"
        assert follow(store, "warehouse fire")["kind"] == "keyword"
        assert follow(store, "Galway AND flood*")["kind"] == "query"
        again = follow(store, "harlow  chemicals")
        assert again["new"] is False and again["query"] == "Harlow Chemicals"
    with open_store(db) as store:
        assert [(t["query"], t["kind"]) for t in list_topics(store)] == [
            ("Harlow Chemicals", "entity"), ("warehouse fire", "keyword"), ("Galway AND flood*", "query")]
        assert unfollow(store, "WAREHOUSE fire") is True
        assert unfollow(store, "warehouse fire") is False
    with open_store(db) as store:
        assert [t["query"] for t in list_topics(store)] == ["Harlow Chemicals", "Galway AND flood*"]
        with pytest.raises(BadOption):
            follow(store, "   ")
        with pytest.raises(BadOption):
            follow(store, "x", kind="colour")


def test_topic_kinds_match_what_they_say(db, analyses):
    with open_store(db) as store:
        entity = headlines(store, matching_articles(store, get_topic(store, "Harlow Chemicals")))
        assert entity == {analyses[k]["article"]["headline"] for k in ("fire_1", "fire_2", "fire_3", "results_1")}
        surname = headlines(store, matching_articles(store, {"query": "Whitford", "kind": "entity"}))
        assert surname == {analyses["fire_3"]["article"]["headline"], XSS}
        keyword = headlines(store, matching_articles(store, get_topic(store, "warehouse")))
        assert analyses["dunmore_1"]["article"]["headline"] in keyword and len(keyword) == 5
        query = headlines(store, matching_articles(store, get_topic(store, "Galway AND flood*")))
        assert query == {analyses[f"storm_{n}"]["article"]["headline"] for n in (1, 2, 3)}


def test_cli_follow_topics_unfollow(db, capsys):
    assert main(["follow", "Niall Murphy", "--db", str(db)]) == 0
    assert main(["follow", "flood", "--kind", "query", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["kind"] == "query"
    assert main(["topics", "--db", str(db), "--json"]) == 0
    assert [t["query"] for t in json.loads(capsys.readouterr().out)] == ["Niall Murphy", "flood"]
    assert main(["unfollow", "flood", "--db", str(db)]) == 0
    assert main(["unfollow", "flood", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not following" in err


# ---- digests -----------------------------------------------------------------------------------------

def test_since_values():
    assert parse_since("1d", NOW) == datetime(2025, 11, 5, 18, tzinfo=UTC)
    assert parse_since("12h", NOW) == datetime(2025, 11, 6, 6, tzinfo=UTC)
    assert parse_since("2w", NOW) == datetime(2025, 10, 23, 18, tzinfo=UTC)
    assert parse_since("2025-11-04", NOW) == datetime(2025, 11, 4, tzinfo=UTC)
    for bad in ("yesterday", "1y", "2025-13-01", ""):
        with pytest.raises(BadOption):
            parse_since(bad, NOW)


def test_digest_groups_a_topics_articles_by_story_since_a_date(db, analyses):
    with open_store(db) as store:
        data = digest_data(store, topic="Harlow Chemicals", since="2025-11-04", now=NOW)
    assert data["articles"] == 3  # fire_1 (3 November) is before the cutoff
    fire = next(s for s in data["stories"] if len(s["articles"]) == 2)
    want = [analyses[k]["article"]["headline"] for k in ("fire_2", "fire_3")]
    assert [a["headline"] for a in fire["articles"]] == want
    assert [len(s["articles"]) for s in data["stories"]] == [2, 1]  # latest story first
    first = fire["articles"][0]
    assert first["publisher"] == "Coastal Herald" and first["published"] == "2025-11-04"
    assert first["key_points"] == [kp["text"] for kp in analyses["fire_2"]["key_points"]]
    assert fire["articles"][1]["key_points"] == []
    assert len(first["quotes"]) <= 2 and all(q["speaker"] for q in first["quotes"])
    assert first["quotes"][0] == {"text": "They kept a dangerous night from becoming a disaster",
                                  "speaker": "Tomas Reyes", "kind": "direct"}
    results = data["stories"][1]["articles"][0]
    assert [n["text"] for n in results["numbers"]] == ["12%", "$84 million", "$75 million"]


def test_digest_relative_since_and_all_topics(db):
    with open_store(db) as store:
        follow(store, "Galway")
        follow(store, "Valmera city council")
        data = digest_data(store, since="1d", now=NOW)  # 5 November 18:00: both the 5th and the 6th count
        days = sorted(a["published"] for s in data["stories"] for a in s["articles"])
        assert days == ["2025-11-05", "2025-11-06"]
        assert data["title"] == "newsdesk digest: Galway, Valmera city council"
        assert digest_data(store, since="2025-11-07", now=NOW)["stories"] == []
        assert "No articles since 2025-11-07" in digest(store, since="2025-11-07", now=NOW)


def test_markdown_and_html_escape_article_text(db, analyses):
    with open_store(db) as store:
        md = digest(store, topic="Daniel Whitford", since="2025-11-01", fmt="md", now=NOW)
        html = digest(store, topic="Daniel Whitford", since="2025-11-01", fmt="html", now=NOW)
    assert "<script>" not in md and r"\<script\>" in md and r"\[speaks\]" in md
    assert "<script>" not in html and "&lt;script&gt;alert(" in html
    assert "javascript:" not in html.replace("(javascript:alert(1))", "")  # only as escaped text, never a link
    assert analyses["fire_3"]["article"]["headline"] in md
    assert "- " + analyses["results_1"]["key_points"][0]["text"] in md
    assert "<li>" in html and "We let our neighbours down" in html
    assert 'href="https://news.example/story_fire_3?a=1&amp;b=2"' in html


def test_atom_is_a_valid_feed(db, analyses):
    with open_store(db) as store:
        atom = digest(store, topic="Harlow Chemicals", since="2025-11-01", fmt="atom", now=NOW)
    feed = ET.fromstring(atom.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for field in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{field}") is not None
    datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 4
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}content").get("type") == "html"
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert XSS in titles  # the title is text: the XML parser gives back exactly what the article said
    content = next(e for e in entries if e.findtext(f"{ATOM}title") == XSS).findtext(f"{ATOM}content")
    assert "<script>" not in content and "&lt;script&gt;" in content

    import feedparser  # as a feed reader sees it: well formed, every entry with its title, link and date

    parsed = feedparser.parse(atom)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title.startswith("newsdesk digest: Harlow Chemicals")
    assert len(parsed.entries) == 4 and {e.title for e in parsed.entries} == set(titles)
    assert all(e.updated_parsed and e.id for e in parsed.entries)
    assert "<script>" not in "".join(e.summary for e in parsed.entries)  # sanitised and escaped


def test_cli_digest_out_and_bad_values(db, tmp_path, capsys):
    out = tmp_path / "digest.html"
    assert main(["digest", "--db", str(db), "--topic", "Galway", "--since", "2025-11-01", "--format", "html",
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert "Storm Brannagh" in out.read_text("utf-8")
    assert main(["digest", "--db", str(db), "--topic", "Galway", "--since", "2025-11-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 3
    assert main(["digest", "--db", str(db), "--since", "last week"]) == 2
    assert main(["digest", "--db", str(db), "--format", "pdf"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and "--since" in errors[0] and "--format" in errors[1]


# ---- email -------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(monkeypatch):
    controller_module = pytest.importorskip("aiosmtpd.controller")
    inbox = Inbox()
    port = free_port()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("NEWSDESK_SMTP", f"127.0.0.1:{port}")
    monkeypatch.delenv("NEWSDESK_SMTP_USER", raising=False)
    monkeypatch.delenv("NEWSDESK_SMTP_PASSWORD", raising=False)
    try:
        yield inbox
    finally:
        controller.stop()


def test_digest_sent_to_a_real_smtp_server_and_read_back(db, smtp_server, capsys, analyses):
    assert main(["digest", "--db", str(db), "--topic", "Harlow Chemicals", "--since", "2025-11-01",
                 "--send-to", "Desk Reader <reader@example.org>"]) == 0
    assert capsys.readouterr().out == ""  # sent, not printed
    assert len(smtp_server.received) == 1
    sender, recipients, raw = smtp_server.received[0]
    assert recipients == ["reader@example.org"] and sender
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"].startswith("newsdesk digest: Harlow Chemicals")
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    headline = analyses["fire_1"]["article"]["headline"]
    assert headline in text and headline in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "We let our neighbours down" in html


def test_send_without_a_server_setting_is_bad_input(db, monkeypatch, capsys):
    monkeypatch.delenv("NEWSDESK_SMTP", raising=False)
    assert main(["digest", "--db", str(db), "--send-to", "reader@example.org"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NEWSDESK_SMTP" in err


def test_send_to_a_closed_port_is_one_line(db, monkeypatch, capsys):
    monkeypatch.setenv("NEWSDESK_SMTP", f"127.0.0.1:{free_port()}")
    assert main(["digest", "--db", str(db), "--since", "2025-11-01", "--send-to", "reader@example.org"]) == 2
    assert "cannot send mail" in capsys.readouterr().err

