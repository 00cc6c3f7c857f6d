"""Read-only queries behind the web page and its JSON API (built on :mod:`veille.query`).

Every function takes an open connection and returns plain dicts and lists (JSON-ready). Nothing here
writes: the connection is opened with ``mode=ro`` and ``PRAGMA query_only``.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..export import cameo_codes, plover_cameo
from ..query import _actor_clause, _entity_clause, fts_query
from ..store import version

# GDELT QuadClass of a CAMEO code.
QUADS = {1: "coopération verbale", 2: "coopération matérielle", 3: "conflit verbal", 4: "conflit matériel"}
QUAD_KEYS = {1: "verbal-coop", 2: "material-coop", 3: "verbal-conflict", 4: "material-conflict"}
QUAD_COLOURS = {1: "#6dbb86", 2: "#1b7340", 3: "#f0a043", 4: "#c0392b", None: "#8a8f98"}
TYPE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"]

# Snippet markers: private-use characters, replaced by <mark> after the text is escaped.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


class NoCorpus(Exception):
    """No database at the path, or one without a single article."""


class BadQuery(ValueError):
    """A query the full-text engine refuses (FTS5 syntax error...): the client's fault, a 400."""


def event_types() -> list[str]:
    return list(plover_cameo())


def quad_of(cameo: str | None, type_: str | None) -> int | None:
    return cameo_codes(cameo, type_)[3]


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    text = files("veille").joinpath("data", "fr", "countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line and not line.startswith("#")]
    return {r[0]: r[1] for r in rows if len(r) > 1}


# -- connection -------------------------------------------------------------------------------------
def open_readonly(path: str | Path) -> sqlite3.Connection:
    """The corpus database, read-only (``file:...?mode=ro``); :class:`NoCorpus` when there is none yet."""
    path = Path(path).resolve()
    if not path.is_file():
        raise NoCorpus(f"{path}: no corpus database yet")
    db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None, timeout=10,
                         check_same_thread=False)
    db.row_factory = sqlite3.Row
    try:
        db.execute("PRAGMA query_only=ON")
        db.execute("PRAGMA busy_timeout=10000")
        if version(db) == 0 or db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
            raise NoCorpus(f"{path}: the corpus is empty")
    except sqlite3.DatabaseError as err:
        db.close()
        raise NoCorpus(f"{path}: not a veille database ({err})") from None
    except NoCorpus:
        db.close()
        raise
    return db


def stats(db: sqlite3.Connection) -> dict[str, Any]:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {"articles": one("SELECT count(*) FROM articles"), "entities": one("SELECT count(*) FROM entities"),
            "quotes": one("SELECT count(*) FROM quotes"), "events": one("SELECT count(*) FROM events"),
            "first": one("SELECT min(published) FROM articles"), "last": one("SELECT max(published) FROM articles")}


# -- search ---------------------------------------------------------------------------------------
def _match(q: str, raw: bool, columns: str) -> str:
    match = fts_query(q, raw)
    if raw or not match:
        return match
    return "{" + columns + "} : (" + match + ")"


def _filters(alias: str, since: date | None, until: date | None, actor: str | None, type_: str | None,
             date_col: str = "published") -> tuple[list[str], list[Any]]:
    where, params = [], []
    if since:
        where.append(f"{alias}.{date_col} >= ?")
        params.append(since.isoformat())
    if until:
        where.append(f"{alias}.{date_col} <= ?")
        params.append(until.isoformat())
    art = f"{alias}.id" if alias == "a" else f"{alias}.article_id"
    if actor:
        clause, p = actor_clause("entity", actor)
        where.append(f"{art} IN (SELECT article_id FROM actors WHERE {clause})")
        params += p
    if type_:
        where.append(f"{art} IN (SELECT article_id FROM events WHERE type = ?)")
        params.append(type_)
    return where, params


def actor_clause(column: str, actor: str) -> tuple[str, list[str]]:
    """An entity key (``per:antony blinken``) exactly, else a name, surname or country code."""
    actor = actor.strip()
    if ":" in actor:
        return f"{column} = ?", [actor]
    return _entity_clause(column, actor)


def _run(db: sqlite3.Connection, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as err:
        msg = str(err)
        if "fts5" in msg or "syntax" in msg or "no such column" in msg or "unterminated" in msg \
                or "special query" in msg:
            raise BadQuery(f"invalid full-text query: {msg}") from None
        raise


def search(db: sqlite3.Connection, q: str | None = None, since: date | None = None, until: date | None = None,
           actor: str | None = None, type_: str | None = None, page: int = 1, size: int = 20,
           raw: bool = False) -> dict[str, Any]:
    """Articles (and, with a query or an actor, quotations) matching the query and filters, one page."""
    offset = (page - 1) * size
    where, params = _filters("a", since, until, actor, type_)
    match = _match(q, raw, "title text") if q else None
    if q and not match:  # only punctuation: nothing can match
        return {"total": 0, "page": page, "size": size, "articles": [], "quotes": [], "quotes_total": 0}
    if match:
        base = ("FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?"
                + "".join(" AND " + w for w in where))
        bp = [match, *params]
        total = _run(db, "SELECT count(*) " + base, bp)[0][0]
        rows = _run(db, "SELECT a.id, a.title, a.published, a.url, a.site, "
                    f"snippet(articles_fts, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24) AS snippet "
                    + base + " ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?", [*bp, size, offset])
    else:
        base = "FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        total = _run(db, "SELECT count(*) " + base, params)[0][0]
        rows = _run(db, "SELECT a.id, a.title, a.published, a.url, a.site, a.summary AS snippet " + base
                    + " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?", [*params, size, offset])
    articles = [dict(r) for r in rows]

    quotes, quotes_total = [], 0
    if q or actor:
        qwhere, qparams = _filters("q", since, until, None, type_)
        if actor:
            clause, p = actor_clause("q.speaker_entity", actor)
            qwhere.append(clause)
            qparams += p
        if q:
            qmatch = fts_query(q, raw)
            qbase = ("FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
                     "WHERE quotes_fts MATCH ?" + "".join(" AND " + w for w in qwhere))
            qp = [qmatch, *qparams]
            text = f"highlight(quotes_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}')"
            order = "bm25(quotes_fts)"
        else:
            qbase = "FROM quotes q JOIN articles a ON a.id = q.article_id" + (
                " WHERE " + " AND ".join(qwhere) if qwhere else "")
            qp, text, order = qparams, "q.text", "q.published DESC, q.id"
        quotes_total = _run(db, "SELECT count(*) " + qbase, qp)[0][0]
        quotes = [dict(r) for r in _run(
            db, f"SELECT q.id, q.article_id, q.local_id, {text} AS text, q.kind, q.speaker_name AS speaker, "
            "q.speaker_entity, q.published, a.title " + qbase + f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*qp, size, offset])]
    return {"total": total, "page": page, "size": size, "articles": articles, "quotes": quotes,
            "quotes_total": quotes_total}


# -- one article ------------------------------------------------------------------------------------
def article(db: sqlite3.Connection, aid: int) -> dict[str, Any] | None:
    row = db.execute("SELECT id, ref, title, published, url, site, lang, summary, text, record "
                     "FROM articles WHERE id = ?", (aid,)).fetchone()
    if row is None:
        return None
    record = json.loads(row["record"])
    text = row["text"]
    entities = {r["local_id"]: dict(r) for r in db.execute(
        "SELECT x.local_id, x.entity, coalesce(n.name, x.name) AS entity_name FROM actors x "
        "LEFT JOIN entities n ON n.key = x.entity WHERE x.article_id = ?", (aid,))}
    sentences = [tuple(s) for s in record.get("sentences") or [] if isinstance(s, (list, tuple)) and len(s) == 2]

    def sentence_at(pos: int | None) -> str | None:
        if pos is None:
            return None
        for s, e in sentences:
            if s <= pos < e:
                return text[s:e]
        return None

    actors = []
    for a in record.get("actors") or []:
        ent = entities.get(a.get("id"), {})
        code = (a.get("country") or "") + (a.get("sector") or "")
        actors.append({"id": a.get("id"), "name": a.get("name"), "type": a.get("type"), "country": a.get("country"),
                       "sector": a.get("sector"), "code": code or None, "entity": ent.get("entity"),
                       "mentions": [m for m in a.get("mentions") or [] if isinstance(m, dict)]})
    by_id = {a["id"]: a for a in actors}
    quotes = []
    for q in record.get("quotes") or []:
        sp = by_id.get(q.get("speaker"))
        cue = q.get("cue") if isinstance(q.get("cue"), dict) else None
        quotes.append({"id": q.get("id"), "text": q.get("text"), "start": q.get("start"), "end": q.get("end"),
                       "kind": q.get("kind"), "speaker": q.get("speaker"), "speaker_name": sp["name"] if sp else None,
                       "speaker_entity": sp["entity"] if sp else None, "cue": cue,
                       "sentence": sentence_at(q.get("start"))})
    events = []
    for e in record.get("events") or []:
        src, tgt = by_id.get(e.get("source")), by_id.get(e.get("target"))
        trig = e.get("trigger") if isinstance(e.get("trigger"), dict) else {}
        idx = e.get("sentence")
        sent = None
        if isinstance(idx, int) and 0 <= idx < len(sentences):
            sent = text[sentences[idx][0]:sentences[idx][1]]
        quad = quad_of(e.get("cameo"), e.get("type"))
        events.append({"id": e.get("id"), "type": e.get("type"), "cameo": e.get("cameo"), "quad": quad,
                       "quad_label": QUADS.get(quad), "source": e.get("source"), "target": e.get("target"),
                       "source_name": src["name"] if src else None, "source_code": src["code"] if src else None,
                       "source_entity": src["entity"] if src else None,
                       "target_name": tgt["name"] if tgt else None, "target_code": tgt["code"] if tgt else None,
                       "target_entity": tgt["entity"] if tgt else None,
                       "trigger": trig, "sentence": sent or sentence_at(trig.get("start")),
                       "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
                       "pattern": e.get("pattern")})
    sources = [dict(r) for r in db.execute(
        "SELECT key, kind, similarity, url, site, title, published FROM sources WHERE article_id = ? ORDER BY id",
        (aid,))]
    return {"id": row["id"], "ref": row["ref"], "title": row["title"], "published": row["published"],
            "url": row["url"], "site": row["site"], "lang": row["lang"], "summary": row["summary"], "text": text,
            "actors": actors, "quotes": quotes, "events": events, "sources": sources,
            "warnings": record.get("warnings") or []}


# -- one actor (cross-article entity) --------------------------------------------------------------
def entity_list(db: sqlite3.Connection, top: int = 50, type_: str | None = None) -> list[dict[str, Any]]:
    from ..query import top_actors

    return top_actors(db, top=top, type_=type_)


def actor(db: sqlite3.Connection, key: str, limit: int = 50) -> dict[str, Any] | None:
    ent = db.execute("SELECT key, type, name, country, sector FROM entities WHERE key = ?", (key,)).fetchone()
    if ent is None:
        row = db.execute("SELECT entity AS key, type, name, country, sector FROM actors WHERE entity = ? LIMIT 1",
                         (key,)).fetchone()
        if row is None:
            return None
        ent = row
    ent = dict(ent)
    ent["code"] = ((ent.get("country") or "") + (ent.get("sector") or "")) or None
    n_articles = db.execute("SELECT count(DISTINCT article_id) FROM actors WHERE entity = ?", (key,)).fetchone()[0]
    articles = [dict(r) for r in db.execute(
        "SELECT a.id, a.title, a.published, x.n_mentions FROM actors x JOIN articles a ON a.id = x.article_id "
        "WHERE x.entity = ? ORDER BY a.published DESC, a.id DESC LIMIT ?", (key, limit))]
    quotes = [dict(r) for r in db.execute(
        "SELECT q.id, q.article_id, q.text, q.kind, q.cue, q.published, a.title FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity = ? "
        "ORDER BY q.published DESC, q.id DESC LIMIT ?", (key, limit))]
    ev_cols = ("SELECT e.id, e.article_id, e.published, e.type, e.cameo, e.source_name, e.source_code, "
               "e.source_entity, e.target_name, e.target_code, e.target_entity, e.trigger, e.negated, "
               "e.hypothetical FROM events e ")
    as_source = [_quad(dict(r)) for r in db.execute(
        ev_cols + "WHERE e.source_entity = ? ORDER BY e.published DESC, e.id DESC LIMIT ?", (key, limit))]
    as_target = [_quad(dict(r)) for r in db.execute(
        ev_cols + "WHERE e.target_entity = ? ORDER BY e.published DESC, e.id DESC LIMIT ?", (key, limit))]
    cooccurring = [dict(r) for r in db.execute(
        "SELECT y.entity, coalesce(n.name, max(y.name)) AS name, coalesce(n.type, max(y.type)) AS type, "
        "count(DISTINCT y.article_id) AS articles FROM actors x JOIN actors y ON y.article_id = x.article_id "
        "AND y.entity != x.entity LEFT JOIN entities n ON n.key = y.entity WHERE x.entity = ? "
        "GROUP BY y.entity ORDER BY articles DESC, y.entity LIMIT 20", (key,))]
    per_day = [(r[0], r[1]) for r in db.execute(
        "SELECT a.published, count(DISTINCT a.id) FROM actors x JOIN articles a ON a.id = x.article_id "
        "WHERE x.entity = ? AND a.published IS NOT NULL GROUP BY a.published ORDER BY a.published", (key,))]
    timeline = _bucketise([(d, "articles", n) for d, n in per_day], ["articles"])
    return {**ent, "n_articles": n_articles, "articles": articles, "quotes": quotes, "events_as_source": as_source,
            "events_as_target": as_target, "cooccurring": cooccurring, "timeline": timeline}


def _quad(e: dict[str, Any]) -> dict[str, Any]:
    e["quad"] = quad_of(e.get("cameo"), e.get("type"))
    return e


# -- network ----------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def quad_sql() -> str:
    """The QuadClass of an event row ``e`` as an SQL expression (same answer as :func:`quad_of`)."""
    from ..export import cameo_table

    roots = sorted((k, v[0]) for k, v in cameo_table().items() if len(k) == 2)
    by_root = " ".join(f"WHEN '{k}' THEN {q}" for k, q in roots if k.isdigit())
    by_type = " ".join(f"WHEN '{t}' THEN {quad_of(None, t)}" for t in plover_cameo() if t.isalpha()
                       and quad_of(None, t))
    return (f"(CASE WHEN coalesce(trim(e.cameo), '') != '' THEN (CASE substr(trim(e.cameo), 1, 2) {by_root} END) "
            f"ELSE (CASE upper(e.type) {by_type} END) END)")


MAX_EDGES = 2000


def network(db: sqlite3.Connection, by: str = "actor", since: date | None = None, until: date | None = None,
            type_: str | None = None, quad: int | None = None, top: int = 50) -> dict[str, Any]:
    """Actors (or countries) linked by their events: the ``top`` nodes by weighted degree and the (at most
    :data:`MAX_EDGES`) strongest edges between them, with their counts per QuadClass."""
    if by == "country":
        s, t = "e.source_country", "e.target_country"
    else:
        s, t = "e.source_entity", "e.target_entity"
    where = [f"{s} IS NOT NULL", f"{t} IS NOT NULL", f"{s} != {t}"]
    params: list[Any] = []
    _event_filters(where, params, since, until, type_)
    if quad:
        where.append(f"{quad_sql()} = ?")
        params.append(quad)
    cond = " AND ".join(where)
    ranked = db.execute(
        f"SELECT node, sum(n) AS degree, count(*) OVER () AS total FROM ("
        f"SELECT {s} AS node, count(*) AS n FROM events e WHERE {cond} GROUP BY {s} UNION ALL "
        f"SELECT {t} AS node, count(*) AS n FROM events e WHERE {cond} GROUP BY {t}) "
        "GROUP BY node ORDER BY degree DESC, node LIMIT ?", [*params, *params, top]).fetchall()
    keep = [r["node"] for r in ranked]
    degree = {r["node"]: r["degree"] for r in ranked}
    total_nodes = ranked[0]["total"] if ranked else 0
    names: dict[str, tuple[str, str]] = {}
    if by == "country":
        cn = country_names()
        names = {k: (cn.get(k, k), "gpe:" + k) for k in keep}
    elif keep:
        marks = ",".join("?" * len(keep))
        names = {r["key"]: (r["name"], r["key"]) for r in db.execute(
            f"SELECT key, name FROM entities WHERE key IN ({marks})", keep)}
    nodes = [{"id": k, "label": names.get(k, (k, k))[0], "entity": names.get(k, (k, k))[1], "degree": degree[k]}
             for k in keep]
    edges = []
    if keep:
        marks = ",".join("?" * len(keep))
        inside = "" if len(keep) >= total_nodes else f" AND {s} IN ({marks}) AND {t} IN ({marks})"
        rows = db.execute(
            "SELECT source, target, count(*) AS n, " + ", ".join(f"coalesce(sum(q = {k}), 0) AS q{k}" for k in QUADS)
            + f" FROM (SELECT {s} AS source, {t} AS target, {quad_sql()} AS q FROM events e WHERE {cond}{inside}) "
            "GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?",
            [*params, *((keep + keep) if inside else ()), MAX_EDGES]).fetchall()
        for r in rows:
            quads = {str(k): r[f"q{k}"] for k in QUADS if r[f"q{k}"]}
            coop, conflict = r["q1"] + r["q2"], r["q3"] + r["q4"]
            edges.append({"source": r["source"], "target": r["target"], "count": r["n"], "quads": quads,
                          "tone": "coop" if coop > conflict else "conflict" if conflict > coop else "mixed",
                          "quad": int(max(quads, key=lambda k: (quads[k], k))) if quads else None})
    return {"by": by, "nodes": nodes, "edges": edges, "total_nodes": total_nodes, "max_edges": MAX_EDGES}


# -- timeline ---------------------------------------------------------------------------------------
def timeline(db: sqlite3.Connection, by: str = "quad", source: str | None = None, target: str | None = None,
             since: date | None = None, until: date | None = None, type_: str | None = None) -> dict[str, Any]:
    """Events per day (or week, or month for long spans) by PLOVER type or by QuadClass."""
    where, params = ["e.published IS NOT NULL"], []
    for side, value in (("source", source), ("target", target)):
        if value:
            clause, p = (actor_clause(f"e.{side}_entity", value) if ":" in value
                         else _actor_clause(side, value))
            where.append(clause)
            params += p
    _event_filters(where, params, since, until, type_)
    cat = "e.type" if by == "type" else quad_sql()
    rows = db.execute(f"SELECT e.published, {cat}, count(*) FROM events e WHERE " + " AND ".join(where)
                      + f" GROUP BY e.published, {cat}", params).fetchall()
    if by == "type":
        cats = event_types()
        triples = [(r[0], r[1], r[2]) for r in rows]
        extra = sorted({t for _, t, _ in triples} - set(cats))
        cats = cats + extra
    else:
        cats = [QUADS[k] for k in QUADS] + ["inconnu"]
        triples = [(r[0], QUADS.get(r[1], "inconnu"), r[2]) for r in rows]
    out = _bucketise(triples, cats)
    out.update({"by": by, "source": source, "target": target})
    return out


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def _bucketise(triples: list[tuple[str, str, int]], cats: list[str]) -> dict[str, Any]:
    """(date, category, count) -> buckets of a day, a week or a month, gaps filled, for a bar chart."""
    days = [(d, c, n) for d, c, n in ((_day(x), c, n) for x, c, n in triples) if d is not None]
    if not days:
        return {"unit": "day", "categories": [], "buckets": [], "total": 0}
    first, last = min(d for d, _, _ in days), max(d for d, _, _ in days)
    span = (last - first).days
    unit = "day" if span <= 120 else "week" if span <= 3 * 365 else "month"

    def start(d: date) -> date:
        if unit == "week":
            return d - timedelta(days=d.weekday())
        if unit == "month":
            return d.replace(day=1)
        return d

    def step(d: date) -> date:
        if unit == "day":
            return d + timedelta(days=1)
        if unit == "week":
            return d + timedelta(days=7)
        return (d.replace(day=28) + timedelta(days=4)).replace(day=1)

    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for d, c, n in days:
        counts[start(d)][c] += n
    keys = []
    d, end = start(first), start(last)
    while d <= end and len(keys) < 2000:
        keys.append(d)
        d = step(d)
    if len(keys) >= 2000:  # absurd dates: no gap filling
        keys = sorted(counts)
    used = [c for c in cats if any(counts[k].get(c) for k in counts)]
    buckets = [{"date": k.isoformat(), "counts": {c: counts[k][c] for c in used if counts[k].get(c)},
                "total": sum(counts[k].values()) if k in counts else 0} for k in keys]
    return {"unit": unit, "categories": used, "buckets": buckets, "total": sum(n for _, _, n in days)}


def colour(by: str, category: str, categories: list[str]) -> str:
    if by == "quad" or by == "articles":
        for k, v in QUADS.items():
            if v == category:
                return QUAD_COLOURS[k]
        return "#3182bd" if category == "articles" else QUAD_COLOURS[None]
    types = event_types()
    i = types.index(category) if category in types else len(types) + categories.index(category)
    return TYPE_COLOURS[i % len(TYPE_COLOURS)]


def _event_filters(where: list[str], params: list[Any], since, until, type_) -> None:
    """The date range and event type conditions shared by the network and the timeline."""
    if since:
        where.append("e.published >= ?")
        params.append(since.isoformat())
    if until:
        where.append("e.published <= ?")
        params.append(until.isoformat())
    if type_:
        where.append("e.type = ?")
        params.append(type_)
