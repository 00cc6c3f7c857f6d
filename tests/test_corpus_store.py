"""The corpus store: schema and migrations, writer, cross-article entities, WAL reads."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import actor, record  # noqa: E402

from veille import dedup  # noqa: E402
from veille.store import LATEST, StoreError, connect  # noqa: E402
from veille.store.writer import Source, Store  # noqa: E402


def add(store, rid, text, **kw):
    return store.add_article(record(rid, text, **kw), text.lower(), dedup.text_hash(text),
                             Source(key=f"file:/{rid}", origin=rid), dedup.signature(text))


def test_schema_is_versioned_and_wal(tmp_path):
    db = connect(tmp_path / "v.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"articles", "sources", "rejects", "actors", "mentions", "quotes", "events", "entities",
            "minhashes", "lsh_bands", "articles_fts", "quotes_fts"} <= tables
    db.close()
    again = connect(tmp_path / "v.db")  # opening again applies nothing
    assert again.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "nope.db", create=False)


def test_surname_links_to_full_name_in_either_order(tmp_path):
    store = Store(tmp_path / "e.db")
    add(store, "one", "Blinken a parlé.", actors=[actor("a1", "Blinken", "PER", "USA", "GOV")])
    add(store, "two", "Antony Blinken est arrivé.", actors=[actor("a1", "Antony Blinken", "PER", "USA", "GOV")])
    add(store, "three", "Blinken est reparti.", actors=[actor("a1", "Blinken", "PER")])
    add(store, "four", "La Russie et Moscou.", actors=[actor("a1", "Russie", "GPE", "RUS", "GOV")])
    add(store, "five", "Moscou a répondu.", actors=[actor("a1", "Moscou", "GPE", "RUS", "GOV")])
    entities = [r[0] for r in store.db.execute("SELECT entity FROM actors ORDER BY article_id")]
    assert entities == ["per:antony blinken"] * 3 + ["gpe:RUS"] * 2
    assert store.db.execute("SELECT count(*) FROM entities").fetchone()[0] == 2


def test_ambiguous_surname_is_not_linked(tmp_path):
    store = Store(tmp_path / "a.db")
    add(store, "one", "Marine Le Pen parle.", actors=[actor("a1", "Marine Le Pen", "PER")])
    add(store, "two", "Jean-Marie Le Pen parle.", actors=[actor("a1", "Jean-Marie Le Pen", "PER")])
    add(store, "three", "Le Pen parle.", actors=[actor("a1", "Le Pen", "PER")])
    assert store.db.execute("SELECT entity FROM actors WHERE article_id = 3").fetchone()[0] == "per:le pen"


def test_events_and_quotes_denormalise_actor_codes(tmp_path):
    store = Store(tmp_path / "f.db")
    text = "Moscou accuse Kiev. « Nous répondrons », a dit Lavrov."
    aid = add(store, "x", text, published="2024-03-01",
              actors=[actor("a1", "Russie", "GPE", "RUS", "GOV", "Moscou"),
                      actor("a2", "Ukraine", "GPE", "UKR", "GOV", "Kiev", 14),
                      actor("a3", "Sergueï Lavrov", "PER", "RUS", "GOV", "Lavrov", 48)],
              quotes=[{"id": "q1", "text": "Nous répondrons", "start": 22, "end": 37, "kind": "direct",
                       "speaker": "a3", "cue": {"start": 42, "end": 45, "text": "dit"}}],
              events=[{"id": "e1", "type": "ACCUSE", "cameo": "112", "source": "a1", "target": "a2",
                       "trigger": {"start": 7, "end": 13, "text": "accuse"}, "sentence": 0,
                       "negated": False, "hypothetical": False}])
    ev = store.db.execute("SELECT * FROM events").fetchone()
    assert (ev["article_id"], ev["source_code"], ev["target_code"], ev["published"]) == (aid, "RUSGOV", "UKRGOV", "2024-03-01")
    q = store.db.execute("SELECT * FROM quotes").fetchone()
    assert (q["speaker_entity"], q["speaker_name"], q["cue"]) == ("per:sergueï lavrov".replace("ï", "i"), "Sergueï Lavrov", "dit")
    hits = store.db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'repondrons'").fetchall()
    assert len(hits) == 1  # accents folded


def test_a_reader_reads_while_a_writer_holds_a_transaction(tmp_path):
    store = Store(tmp_path / "w.db")
    add(store, "one", "Premier article assez long pour être stocké.")
    with store.transaction() as db:
        db.execute("INSERT INTO rejects(key, origin, reason, detail, added_at) VALUES ('k', 'o', 'empty', '', 'now')")
        reader = sqlite3.connect(tmp_path / "w.db", timeout=1)
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert reader.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0  # not committed yet
        reader.close()
    reader = sqlite3.connect(tmp_path / "w.db", timeout=1)
    assert reader.execute("SELECT count(*) FROM rejects").fetchone()[0] == 1


def test_exact_and_near_lookups(tmp_path):
    store = Store(tmp_path / "d.db")
    words = " ".join(f"mot{i} phrase{i % 7} suite{i % 3}" for i in range(120))
    aid = add(store, "one", words)
    assert store.article_by_hash(dedup.text_hash(words.upper())) == aid
    changed = words.replace("mot50 ", "autre chose ici ")
    sig = dedup.signature(changed)
    hit = store.near(sig, dedup.bands(sig))
    assert hit and hit[0] == aid and hit[1] >= 0.8
    other = dedup.signature("un texte tout à fait différent " * 5 + words[:100])
    assert store.near(other, dedup.bands(other)) is None
