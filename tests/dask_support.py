"""Helpers for tests/test_dask_*.py and tools/bench_dask.py: table contents without rowids, a WARC builder."""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

# every table of an ingest run, by content: rowids and timestamps replaced by the article's source key
QUERIES = {
    "articles": "SELECT key, hash, ref, title, published, url, site, lang, text, summary, lemmas, record "
                "FROM articles",
    "sources": "SELECT s.key, a.key, s.kind, s.similarity, s.origin, s.url, s.site, s.title, s.published, "
               "s.fetched FROM sources s LEFT JOIN articles a ON a.id = s.article_id",
    "rejects": "SELECT key, origin, reason, detail FROM rejects",
    "actors": "SELECT a.key, x.local_id, x.entity, x.name, x.type, x.country, x.sector, x.n_mentions "
              "FROM actors x JOIN articles a ON a.id = x.article_id",
    "mentions": 'SELECT a.key, x.local_id, m.start, m."end", m.text FROM mentions m '
                "JOIN actors x ON x.id = m.actor_id JOIN articles a ON a.id = m.article_id",
    "quotes": 'SELECT a.key, q.local_id, q.text, q.start, q."end", q.kind, q.speaker, q.speaker_entity, '
              "q.speaker_name, q.cue, q.published FROM quotes q JOIN articles a ON a.id = q.article_id",
    "events": "SELECT a.key, e.local_id, e.type, e.cameo, e.source, e.target, e.source_entity, e.source_name, "
              "e.source_country, e.source_sector, e.source_code, e.target_entity, e.target_name, "
              "e.target_country, e.target_sector, e.target_code, e.trigger, e.trigger_start, e.trigger_end, "
              "e.sentence, e.negated, e.hypothetical, e.published FROM events e JOIN articles a ON a.id = e.article_id",
    "minhashes": "SELECT a.key, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id",
    "lsh_bands": "SELECT a.key, b.band, b.hash FROM lsh_bands b JOIN articles a ON a.id = b.article_id",
    "fts": "SELECT a.key, f.title, f.text, f.lemmas FROM articles_fts f JOIN articles a ON a.id = f.rowid",
}


def fresh_extraction() -> None:
    """Forget the paragraphs trafilatura has seen in this process.

    ``article_from_html`` extracts with ``deduplicate=True``: trafilatura keeps a process-wide LRU cache of
    text segments and drops a segment seen more than twice. A page extracted a third time in one process
    (the same sample pages in several tests) loses its text, so the tests that compare runs start clean.
    """
    from trafilatura.deduplication import LRU_TEST

    LRU_TEST.clear()


def tables(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in QUERIES.items()}
    finally:
        con.close()


def diff(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> dict[str, tuple[int, int, int]]:
    """Tables that differ: (rows in a, rows in b, rows in only one of them)."""
    out = {}
    for name in a:
        sa, sb = set(map(repr, a[name])), set(map(repr, b[name]))
        if a[name] != b[name]:
            out[name] = (len(a[name]), len(b[name]), len(sa ^ sb))
    return out


def write_warc(pages: list[Path], dest: Path, base: str = "https://actu.example.fr/") -> Path:
    """Pack HTML pages into a gzipped WARC file of response records (one per page)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(dest, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(pages):
            body = page.read_bytes()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"{base}{i:04d}-{page.stem}", "response",
                                               payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": "2024-03-0%dT10:00:00Z" % (1 + i % 9)})
            writer.write_record(record)
    return dest
