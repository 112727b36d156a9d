"""The store on both engines (a SQLite file with WAL, foreign keys and FTS5; a PostgreSQL database with tsvector
search): numbered migrations, transactions, uniqueness, search, stats."""

from __future__ import annotations

import pytest

from newsdesk.desk import store_postgres, store_sqlite
from newsdesk.desk.store import SCHEMA_VERSION, StoreCorrupt, StoreTooNew, content_hash, open_store
from newsdesk.errors import StoreError


def analysis(text: str, headline: str = "A headline", quotes: list[dict] | None = None) -> dict:
    return {
        "schema": "newsdesk.analysis/1",
        "article": {"id": content_hash(text)[:16], "headline": headline, "text": text, "published": "2025-03-01",
                    "publisher": "Valley Herald", "url": None, "language": "en"},
        "key_points": [{"text": "The bridge reopened on Monday.", "support": [], "method": "extractive"}],
        "quotes": quotes or [],
    }


@pytest.fixture
def store(new_store):
    with open_store(new_store()) as s:
        yield s


def test_both_engines_know_the_same_migrations():
    assert len(store_sqlite.MIGRATIONS) == len(store_postgres.MIGRATIONS) == SCHEMA_VERSION


def test_a_new_sqlite_store_is_migrated_wal_with_foreign_keys(tmp_path):
    store = open_store(tmp_path / "desk.sqlite")
    assert store.version == SCHEMA_VERSION and store.engine == "sqlite"
    assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "stories", "events", "event_reports", "topics", "search"} <= tables
    store.close()


def test_a_new_postgresql_store_has_its_tables_and_a_gin_index(postgres_url):
    store = open_store(postgres_url)
    tables = {r[0] for r in store.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"articles", "stories", "events", "event_reports", "topics", "search", "sources",
            "newsdesk_schema"} <= tables
    index = store.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_tsv'").fetchone()[0]
    assert "USING gin (tsv)" in index
    store.close()


def test_reopening_keeps_the_data_and_does_not_migrate_again(new_store):
    path = new_store()
    with open_store(path) as s, s.transaction():
        s.insert_article(analysis("The bridge reopened."), source="a.txt", digest=content_hash("The bridge reopened."))
    with open_store(path) as s:
        assert s.version == SCHEMA_VERSION
        assert s.stats()["articles"] == 1


def test_a_store_from_a_newer_newsdesk_is_refused(new_store):
    path = new_store()
    with open_store(path) as s:
        if s.engine == "sqlite":
            s.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        else:
            s.execute("UPDATE newsdesk_schema SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreTooNew, match="newer newsdesk"):
        open_store(path)


@pytest.mark.parametrize("make", ["folder", "text file", "parent is a file"])
def test_a_bad_store_path_is_a_store_error(tmp_path, make):
    if make == "folder":
        path = tmp_path
    elif make == "text file":
        path = tmp_path / "notes.txt"
        path.write_text("not a database, just some notes\n" * 20)
    else:
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "desk.sqlite"
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.exit_code == 2
    if make == "text file":
        assert isinstance(info.value, StoreCorrupt)


def test_a_failed_transaction_leaves_nothing(store):
    text = "The bridge over the Tarn reopened on Monday."
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_article(analysis(text), source="a.txt", digest=content_hash(text))
        raise RuntimeError("the events stage broke")
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM search").fetchone()[0] == 0


def test_an_exact_copy_cannot_be_stored_twice(store):
    text = "The bridge over the Tarn reopened on Monday."
    with store.transaction():
        row = store.insert_article(analysis(text), source="a.txt", digest=content_hash(text))
    assert store.article_by_hash(content_hash(text)) == row
    with pytest.raises(store.IntegrityError), store.transaction():
        store.insert_article(analysis(text), source="b.txt", digest=content_hash(text))


def test_content_hash_ignores_spacing_case_and_curly_quotes():
    assert content_hash("He said \u201cyes\u201d.\n\nThen  left.") == content_hash('he said "yes". then left.')
    assert content_hash("He said yes.") != content_hash("He said no.")


def test_search_finds_headlines_texts_key_points_and_quotes_not_near_copies(store):
    quote = {"text": "We will rebuild it stone by stone", "speaker": {"name": "Mira Holt"}}
    first = analysis("The stone bridge over the Tarn reopened on Monday.", "Tarn bridge reopens", [quote])
    copy = analysis("The stone bridge over the Tarn reopened on Monday!", "Tarn bridge reopens (copy)")
    with store.transaction():
        row = store.insert_article(first, source="a.txt", digest="a")
        store.insert_article(copy, source="b.txt", digest="b", duplicate_of=row, similarity=0.9)
    hits = store.search("Tarn bridge")
    assert [h["id"] for h in hits] == [row]
    assert {m["field"] for m in hits[0]["matches"]} >= {"headline", "text"}
    assert store.search("rebuild stone")[0]["matches"][0]["field"] == "quote"
    assert store.search("Mira Holt")[0]["id"] == row
    assert store.search("reopened Monday")[0]["id"] == row  # key point and text
    assert store.search("U.S. Kh-101") == []  # punctuation is not FTS syntax
    assert [h["id"] for h in store.search('"stone bridge" OR Kyiv')] == [row]  # phrases and OR
    assert [h["id"] for h in store.search("reopen*")] == [row]  # a prefix
    assert store.search("Mira NOT Holt") == [] and store.search("Mira NOT Tarn")[0]["id"] == row
    assert "[" in hits[0]["matches"][0]["snippet"]  # the match marked in the snippet
    with pytest.raises(StoreError):
        store.search('bridge AND (')


def test_stats_count_articles_and_duplicates_apart(store):
    with store.transaction():
        row = store.insert_article(analysis("One story."), source="a", digest="a")
        store.insert_article(analysis("One story!"), source="b", digest="b", duplicate_of=row, similarity=0.95)
    stats = store.stats()
    assert (stats["articles"], stats["duplicates"], stats["stories"], stats["events"]) == (1, 1, 0, 0)
    assert stats["schema_version"] == SCHEMA_VERSION and stats["bytes"] > 0
    assert stats["engine"] == store.engine


def test_an_unreachable_server_is_one_store_error(tmp_path):
    port = _closed_port()
    with pytest.raises(StoreError, match="cannot connect to the store") as info:
        open_store(f"postgresql://newsdesk:secret@127.0.0.1:{port}/desk")
    assert info.value.exit_code == 2 and "secret" not in str(info.value)


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_search_syntax_becomes_a_tsquery():
    import doctest

    assert doctest.testmod(store_postgres).failed == 0
    assert store_postgres.tsquery("U.S. Kh-101") == "'U.S.' & 'Kh-101'"
    assert store_postgres.tsquery("   ") is None
    with pytest.raises(StoreError, match="unterminated"):
        store_postgres.tsquery('drone "unclosed')
