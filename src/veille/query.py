"""Queries over the corpus database, returning rows as dicts: shared by the CLI, exports and the web page."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from .analyse.gazetteer import fold
from .store import connect

_TOKEN = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def open_db(path: str | Path) -> sqlite3.Connection:
    """An existing database (a clear :class:`~veille.store.StoreError` when there is none)."""
    return connect(path, create=False)


def fts_query(query: str, raw: bool = False) -> str:
    """A plain query as an FTS5 query: every word must appear (quoted, so no FTS syntax applies).

    ``"une phrase exacte"`` in double quotes stays a phrase. With ``raw`` the FTS5 syntax is passed as is.
    """
    if raw:
        return query
    parts = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', query):
        if m.group(1) is not None:
            words = _TOKEN.findall(m.group(1))
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in _TOKEN.findall(m.group(2)))
    return " ".join(parts)


def lemmatise(query: str, nlp=None) -> str:
    """The lemmas of a query, for searching the ``lemmas`` column (loads the spaCy model)."""
    from .analyse import lemma_text

    if nlp is None:
        from .nlp import default

        nlp = default()
    return lemma_text(nlp(query))


def search(db: sqlite3.Connection, query: str, limit: int = 20, raw: bool = False, lemmas: bool = False,
           since: str | None = None, nlp=None) -> list[dict[str, Any]]:
    """Articles matching ``query`` (title and text; with ``lemmas``, any inflected form), best first."""
    if lemmas:
        match = "{lemmas} : (" + fts_query(lemmatise(query, nlp)) + ")"
    else:
        match = fts_query(query, raw)
        match = match if raw else "{title text} : (" + match + ")" if match else ""
    if not match:
        return []
    sql = ("SELECT a.id, a.title, a.published, a.url, a.site, "
           "snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet, bm25(articles_fts) AS score, "
           "(SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS sources "
           "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?")
    params: list[Any] = [match]
    if since:
        sql += " AND a.published >= ?"
        params.append(since)
    sql += " ORDER BY score LIMIT ?"
    params.append(limit)
    return [dict(r) for r in db.execute(sql, params)]


def _entity_clause(column: str, name: str) -> tuple[str, list[str]]:
    """Match an entity key by full folded name, surname (last words) or, for 3 capitals, a country code."""
    folded = fold(name)
    clause = f"({column} LIKE ? OR {column} LIKE ?"
    params = ["%:" + folded, "%:% " + folded]
    if re.fullmatch(r"[A-Za-z]{3}", name.strip()):
        clause += f" OR {column} = ?"
        params.append("gpe:" + name.strip().upper())
    return clause + ")", params


def quotes(db: sqlite3.Connection, speaker: str | None = None, text: str | None = None,
           since: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    sql = ("SELECT q.id, q.article_id, a.published, q.speaker_name AS speaker, q.speaker_entity, q.kind, q.text, "
           "q.cue, a.title, a.url FROM quotes q JOIN articles a ON a.id = q.article_id")
    where, params = [], []
    if speaker:
        clause, p = _entity_clause("q.speaker_entity", speaker)
        where.append(clause)
        params += p
    if text:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(text))
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.published DESC, q.article_id, q.start LIMIT ?"
    params.append(limit)
    return [dict(r) for r in db.execute(sql, params)]


def _actor_clause(side: str, value: str) -> tuple[str, list[str]]:
    """``RUS`` or ``RUSGOV`` matches the CAMEO-style code; a name matches the entity."""
    value = value.strip()
    clause, params = _entity_clause(f"e.{side}_entity", value)
    if re.fullmatch(r"[A-Z]{3}[A-Z]*", value):
        return f"(e.{side}_code LIKE ? OR {clause})", [value + "%", *params]
    return clause, params


def events(db: sqlite3.Connection, source: str | None = None, target: str | None = None,
           type_: str | None = None, since: str | None = None, until: str | None = None,
           facts_only: bool = False, limit: int | None = 100) -> list[dict[str, Any]]:
    """Events, newest first. ``type_`` is a PLOVER type (ACCUSE) or a CAMEO code prefix (11)."""
    sql = ("SELECT e.id, e.article_id, e.published, e.type, e.cameo, e.source_name, e.source_code, "
           "e.target_name, e.target_code, e.trigger, e.negated, e.hypothetical, e.source_entity, "
           "e.target_entity, e.source_country, e.source_sector, e.target_country, e.target_sector, "
           "e.sentence, a.url, a.title FROM events e JOIN articles a ON a.id = e.article_id")
    where, params = [], []
    for side, value in (("source", source), ("target", target)):
        if value:
            clause, p = _actor_clause(side, value)
            where.append(clause)
            params += p
    if type_:
        if type_.isdigit():
            where.append("e.cameo LIKE ?")
            params.append(type_ + "%")
        else:
            where.append("e.type = ?")
            params.append(type_.upper())
    if since:
        where.append("e.published >= ?")
        params.append(since)
    if until:
        where.append("e.published <= ?")
        params.append(until)
    if facts_only:
        where.append("e.negated = 0 AND e.hypothetical = 0")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.published DESC, e.article_id, e.id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [dict(r) for r in db.execute(sql, params)]


def top_actors(db: sqlite3.Connection, top: int = 20, type_: str | None = None,
               since: str | None = None) -> list[dict[str, Any]]:
    """The entities found in the most articles (one row per cross-article entity)."""
    sql = ("SELECT x.entity, coalesce(n.name, max(x.name)) AS name, x.type, coalesce(n.country, max(x.country)) "
           "AS country, coalesce(n.sector, max(x.sector)) AS sector, count(DISTINCT x.article_id) AS articles, "
           "sum(x.n_mentions) AS mentions FROM actors x LEFT JOIN entities n ON n.key = x.entity")
    where, params = [], []
    if type_:
        where.append("x.type = ?")
        params.append(type_.upper())
    if since:
        where.append("x.article_id IN (SELECT id FROM articles WHERE published >= ?)")
        params.append(since)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY x.entity ORDER BY articles DESC, mentions DESC, x.entity LIMIT ?"
    params.append(top)
    return [dict(r) for r in db.execute(sql, params)]


TABLES = {
    "articles": ("SELECT a.id, a.ref, a.title, a.published, a.url, a.site, a.lang, a.summary, a.text, "
                 "a.analysed_at, (SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS sources "
                 "FROM articles a ORDER BY a.id"),
    "actors": ("SELECT x.id, x.article_id, x.local_id, x.entity, x.name, x.type, x.country, x.sector, "
               "x.n_mentions, a.published, a.url FROM actors x JOIN articles a ON a.id = x.article_id ORDER BY x.id"),
    "quotes": ('SELECT q.id, q.article_id, q.local_id, q.text, q.start, q."end", q.kind, q.speaker, '
               "q.speaker_entity, q.speaker_name, q.cue, q.published, a.url FROM quotes q "
               "JOIN articles a ON a.id = q.article_id ORDER BY q.id"),
    "events": ("SELECT e.id, e.article_id, e.local_id, e.type, e.cameo, e.source, e.target, e.source_entity, "
               "e.source_name, e.source_country, e.source_sector, e.source_code, e.target_entity, e.target_name, "
               "e.target_country, e.target_sector, e.target_code, e.trigger, e.trigger_start, e.trigger_end, "
               "e.sentence, e.negated, e.hypothetical, e.published, a.url FROM events e "
               "JOIN articles a ON a.id = e.article_id ORDER BY e.id"),
    "sources": ("SELECT s.id, s.article_id, s.key, s.kind, s.similarity, s.url, s.site, s.title, s.published, "
                "s.fetched, s.added_at FROM sources s ORDER BY s.id"),
    "rejects": "SELECT id, key, origin, reason, detail, added_at FROM rejects ORDER BY id",
}


def table_rows(db: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and a row iterator for a whole table (for exports)."""
    cur = db.execute(TABLES[table])
    return [d[0] for d in cur.description], iter(cur)
