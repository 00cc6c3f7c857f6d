"""Schema migrations: ordered functions, the schema version kept in ``PRAGMA user_version``.

Migration ``n`` (1-based) brings a database from version ``n - 1`` to ``n``. Never edit a released
migration: append a new one.
"""
from __future__ import annotations

import sqlite3
from typing import Callable


def _v1(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- One row per distinct article (exact and near duplicates are folded into it, see sources).
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL,            -- source key of the first source seen (file:..., url:...)
        hash        TEXT NOT NULL UNIQUE,     -- sha1 of the normalised text (whitespace collapsed)
        ref         TEXT,                     -- the article id of the veille.article/1 record
        title       TEXT,
        published   TEXT,                     -- YYYY-MM-DD
        url         TEXT,
        site        TEXT,
        lang        TEXT,
        text        TEXT NOT NULL,
        summary     TEXT,
        lemmas      TEXT,                     -- lemmatised text, for full-text search
        analysed_at TEXT NOT NULL,
        record      TEXT NOT NULL             -- the full veille.article/1 JSON record
    );
    CREATE INDEX articles_published ON articles(published);

    -- Every input that gave an article: the first one, exact duplicates and near duplicates.
    CREATE TABLE sources (
        id         INTEGER PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,      -- file:/abs/path[:line] or url:https://...
        article_id INTEGER NOT NULL REFERENCES articles(id),
        kind       TEXT NOT NULL,             -- first | exact | near
        similarity REAL,                      -- estimated Jaccard similarity for near duplicates
        origin     TEXT,
        url        TEXT,
        site       TEXT,
        title      TEXT,
        published  TEXT,
        fetched    TEXT,                      -- fetch date (WARC-Date) when known
        added_at   TEXT NOT NULL
    );
    CREATE INDEX sources_article ON sources(article_id);
    CREATE INDEX sources_url ON sources(url);

    -- Inputs that were skipped: not French, empty, unreadable, not an article...
    CREATE TABLE rejects (
        id       INTEGER PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        origin   TEXT,
        reason   TEXT NOT NULL,
        detail   TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX rejects_reason ON rejects(reason);

    -- MinHash signatures and their LSH band hashes, to find near duplicates across runs.
    CREATE TABLE minhashes (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        signature  BLOB NOT NULL              -- num_perm uint64 hash values, little-endian
    );
    CREATE TABLE lsh_bands (
        band       INTEGER NOT NULL,
        hash       INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    CREATE INDEX lsh_bands_lookup ON lsh_bands(band, hash);

    -- Cross-article entities: the same person, state or organisation in every article.
    CREATE TABLE entities (
        key     TEXT PRIMARY KEY,             -- per:antony blinken | gpe:RUS | org:otan | ...
        type    TEXT NOT NULL,
        name    TEXT NOT NULL,                -- the longest name seen
        country TEXT,
        sector  TEXT,
        surname TEXT                          -- folded last word of a person's full name
    );
    CREATE INDEX entities_surname ON entities(surname);

    -- One row per canonical actor per article.
    CREATE TABLE actors (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        local_id   TEXT NOT NULL,             -- a1, a2... in the article's record
        entity     TEXT NOT NULL,             -- entities.key
        name       TEXT NOT NULL,
        type       TEXT NOT NULL,
        country    TEXT,
        sector     TEXT,
        n_mentions INTEGER NOT NULL,
        UNIQUE (article_id, local_id)
    );
    CREATE INDEX actors_entity ON actors(entity);

    CREATE TABLE mentions (
        id         INTEGER PRIMARY KEY,
        actor_id   INTEGER NOT NULL REFERENCES actors(id),
        article_id INTEGER NOT NULL REFERENCES articles(id),
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        text       TEXT NOT NULL
    );
    CREATE INDEX mentions_actor ON mentions(actor_id);

    CREATE TABLE quotes (
        id             INTEGER PRIMARY KEY,
        article_id     INTEGER NOT NULL REFERENCES articles(id),
        local_id       TEXT NOT NULL,
        text           TEXT NOT NULL,
        start          INTEGER,
        "end"          INTEGER,
        kind           TEXT,
        speaker        TEXT,                  -- actor local id in the record
        speaker_entity TEXT,
        speaker_name   TEXT,
        cue            TEXT,
        published      TEXT,
        UNIQUE (article_id, local_id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_entity);

    CREATE TABLE events (
        id             INTEGER PRIMARY KEY,
        article_id     INTEGER NOT NULL REFERENCES articles(id),
        local_id       TEXT NOT NULL,
        type           TEXT NOT NULL,         -- PLOVER type
        cameo          TEXT,
        source         TEXT,                  -- actor local ids
        target         TEXT,
        source_entity  TEXT,
        source_name    TEXT,
        source_country TEXT,
        source_sector  TEXT,
        source_code    TEXT,                  -- country + sector, CAMEO style: RUSGOV
        target_entity  TEXT,
        target_name    TEXT,
        target_country TEXT,
        target_sector  TEXT,
        target_code    TEXT,
        trigger        TEXT,
        trigger_start  INTEGER,
        trigger_end    INTEGER,
        sentence       INTEGER,
        negated        INTEGER NOT NULL DEFAULT 0,
        hypothetical   INTEGER NOT NULL DEFAULT 0,
        published      TEXT,
        UNIQUE (article_id, local_id)
    );
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_source ON events(source_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_published ON events(published);

    -- Full text: FTS5 over the articles (title, text, lemmas) and the quotations, accents folded.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, lemmas, content='articles', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker_name, content='quotes', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    );
    """)


def _v2(db: sqlite3.Connection) -> None:
    # Indexes for the web page (veille serve): an actor's events, quotes and co-occurring actors, the network
    # and the timeline on a 10,000-article corpus in well under 300 ms (see docs/web.md).
    db.executescript("""
    CREATE INDEX events_source_entity ON events(source_entity, target_entity, type, cameo, published);
    CREATE INDEX events_target_entity ON events(target_entity, source_entity);
    CREATE INDEX events_day ON events(published, type, cameo);
    CREATE INDEX events_countries ON events(source_country, target_country, type, cameo, published);
    CREATE INDEX actors_entity_article ON actors(entity, article_id);
    CREATE INDEX quotes_speaker_published ON quotes(speaker_entity, published);
    """)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
LATEST = len(MIGRATIONS)


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection) -> int:
    """Apply the pending migrations, each in its own transaction; return the new version."""
    current = version(db)
    if current > LATEST:
        raise RuntimeError(f"the database has schema version {current}; this veille knows up to {LATEST}")
    for n in range(current, LATEST):
        db.execute("BEGIN IMMEDIATE")
        try:
            _run_script_in_txn(db, MIGRATIONS[n])
            db.execute(f"PRAGMA user_version = {n + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return version(db)


def _run_script_in_txn(db: sqlite3.Connection, migration) -> None:
    # executescript() commits first; run the statements one by one to stay inside the transaction.
    class _Proxy:
        def executescript(self, script: str) -> None:
            for statement in _split(script):
                db.execute(statement)

        def execute(self, *args):
            return db.execute(*args)

    migration(_Proxy())


def _split(script: str) -> list[str]:
    out, buf = [], []
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        if sqlite3.complete_statement("".join(buf)):
            stmt = "".join(buf).strip()
            if stmt:
                out.append(stmt)
            buf = []
    return out
