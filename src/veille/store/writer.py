"""Writes of an ingest run. Only the parent process writes; each small batch is one transaction."""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from .. import dedup
from . import connect
from .entities import resolve


@dataclass
class Source:
    """Where an article came from: the unit of idempotence (its ``key`` is never ingested twice)."""

    key: str  # file:/abs/path[:line] | url:https://...
    origin: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None
    fetched: str | None = None


RETRY = ("unreachable", "analysis-error")  # rejects tried again by the next run (network back, bug fixed)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = connect(self.path)
        self._in_txn = False

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self._in_txn:  # nested: part of the enclosing transaction
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._in_txn = True
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._in_txn = False

    # -- look-ups -------------------------------------------------------------------------------
    def known(self, key: str) -> bool:
        """Whether this source was already ingested (as an article, a duplicate or a reject)."""
        return (self.db.execute("SELECT 1 FROM sources WHERE key = ?", (key,)).fetchone() is not None
                or self.db.execute("SELECT 1 FROM rejects WHERE key = ? AND reason NOT IN (%s)"
                                   % ",".join("?" * len(RETRY)), (key, *RETRY)).fetchone() is not None)

    def article_by_hash(self, text_hash: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE hash = ?", (text_hash,)).fetchone()
        return row[0] if row else None

    def near(self, sig: np.ndarray, band_hashes: list[tuple[int, int]]) -> tuple[int, float] | None:
        """The most similar stored article with estimated Jaccard >= threshold, if any."""
        if not band_hashes:
            return None
        where = " OR ".join("(band = ? AND hash = ?)" for _ in band_hashes)
        params = [v for pair in band_hashes for v in pair]
        ids = {r[0] for r in self.db.execute(f"SELECT article_id FROM lsh_bands WHERE {where}", params)}
        best = None
        for aid in ids:
            row = self.db.execute("SELECT signature FROM minhashes WHERE article_id = ?", (aid,)).fetchone()
            if row is None:
                continue
            sim = dedup.similarity(sig, dedup.from_blob(row[0]))
            if sim >= dedup.THRESHOLD and (best is None or sim > best[1]):
                best = (aid, sim)
        return best

    # -- writes ---------------------------------------------------------------------------------
    def add_reject(self, key: str, origin: str | None, reason: str, detail: str | None) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO rejects(key, origin, reason, detail, added_at) VALUES (?, ?, ?, ?, ?)",
                       (key, origin, reason, detail, now()))

    def add_source(self, article_id: int, source: Source, kind: str, similarity: float | None = None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO sources(key, article_id, kind, similarity, origin, url, site, title, "
                "published, fetched, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source.key, article_id, kind, similarity, source.origin, source.url, source.site, source.title,
                 source.published, source.fetched, now()))
            db.execute("DELETE FROM rejects WHERE key = ?", (source.key,))  # a retried reject that now works

    def add_article(self, record: dict[str, Any], lemmas: str | None, text_hash: str, source: Source,
                    sig: np.ndarray | None = None) -> int:
        """Store an analysed article with its actors, mentions, quotes, events, FTS rows and MinHash."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO articles(key, hash, ref, title, published, url, site, lang, text, summary, lemmas, "
                "analysed_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source.key, text_hash, record.get("id"), record.get("title"), record.get("published"),
                 record.get("url"), source.site, record.get("lang"), record["text"], record.get("summary"),
                 lemmas, now(), json.dumps(record, ensure_ascii=False)))
            aid = cur.lastrowid
            db.execute("INSERT INTO articles_fts(rowid, title, text, lemmas) VALUES (?, ?, ?, ?)",
                       (aid, record.get("title"), record["text"], lemmas))
            self.add_source(aid, source, "first")
            if sig is not None:
                db.execute("INSERT INTO minhashes(article_id, signature) VALUES (?, ?)", (aid, dedup.to_blob(sig)))
                db.executemany("INSERT INTO lsh_bands(band, hash, article_id) VALUES (?, ?, ?)",
                               [(b, h, aid) for b, h in dedup.bands(sig)])
            self._facts(db, aid, record)
        return aid

    def _facts(self, db: sqlite3.Connection, aid: int, record: dict[str, Any]) -> None:
        published = record.get("published")
        actors: dict[str, dict[str, Any]] = {}
        for a in record.get("actors") or []:
            entity = resolve(db, a["name"], a["type"], a.get("country"), a.get("sector"))
            mentions = a.get("mentions") or []
            cur = db.execute(
                "INSERT INTO actors(article_id, local_id, entity, name, type, country, sector, n_mentions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, a["id"], entity, a["name"], a["type"], a.get("country"), a.get("sector"), len(mentions)))
            db.executemany('INSERT INTO mentions(actor_id, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                           [(cur.lastrowid, aid, m["start"], m["end"], m["text"]) for m in mentions])
            actors[a["id"]] = {**a, "entity": entity}
        for q in record.get("quotes") or []:
            speaker = actors.get(q.get("speaker") or "")
            cue = q.get("cue")
            cur = db.execute(
                'INSERT INTO quotes(article_id, local_id, text, start, "end", kind, speaker, speaker_entity, '
                "speaker_name, cue, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, q["id"], q["text"], q.get("start"), q.get("end"), q.get("kind"), q.get("speaker"),
                 speaker["entity"] if speaker else None, speaker["name"] if speaker else None,
                 cue.get("text") if isinstance(cue, dict) else cue, published))
            db.execute("INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?, ?, ?)",
                       (cur.lastrowid, q["text"], speaker["name"] if speaker else None))
        for e in record.get("events") or []:
            src, tgt = actors.get(e.get("source") or ""), actors.get(e.get("target") or "")
            trigger = e.get("trigger") or {}
            db.execute(
                "INSERT INTO events(article_id, local_id, type, cameo, source, target, "
                "source_entity, source_name, source_country, source_sector, source_code, "
                "target_entity, target_name, target_country, target_sector, target_code, "
                "trigger, trigger_start, trigger_end, sentence, negated, hypothetical, published) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, e["id"], e["type"], e.get("cameo"), e.get("source"), e.get("target"),
                 *_actor_cols(src), *_actor_cols(tgt),
                 trigger.get("text"), trigger.get("start"), trigger.get("end"), e.get("sentence"),
                 int(bool(e.get("negated"))), int(bool(e.get("hypothetical"))), published))


def actor_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style actor code: country then sector (``RUSGOV``), or whichever is known."""
    code = (country or "") + (sector or "")
    return code or None


def _actor_cols(actor: dict[str, Any] | None) -> tuple:
    if actor is None:
        return (None, None, None, None, None)
    return (actor["entity"], actor["name"], actor.get("country"), actor.get("sector"),
            actor_code(actor.get("country"), actor.get("sector")))
