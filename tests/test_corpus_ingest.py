"""``veille ingest``: every input type, idempotence, exact and near duplicates, rejects."""
from __future__ import annotations

import gzip
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import ENGLISH, TEXTS, html_sample, http_server, near_copy, page  # noqa: E402

from veille.run.ingest import ingest  # noqa: E402


@pytest.fixture(scope="session")
def nlp():
    from veille.nlp import default

    return default()


def rows(db: Path, sql: str, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def count(db: Path, table: str) -> int:
    return rows(db, f"SELECT count(*) FROM {table}")[0][0]


def test_files_folders_rejects_and_reingest(tmp_path, nlp):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "sub" / "b.html").write_text(page("Orages dans le Sud-Ouest", TEXTS[2]), encoding="utf-8")
    (src / "c.jsonl").write_text(
        json.dumps({"id": "bce", "title": "La BCE attend", "date": "2024-03-07", "url": "https://ex.fr/bce",
                    "text": TEXTS[1]}, ensure_ascii=False) + "\n" + "{not json\n", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "v.db"

    s = ingest([str(src)], db, nlp=nlp, progress=False)
    assert s.added == 3
    assert dict(s.rejected) == {"empty": 1, "not-french": 1, "binary": 1, "bad-record": 1}
    assert count(db, "articles") == 3 and count(db, "rejects") == 4
    (bce,) = rows(db, "SELECT title, published, url, ref FROM articles WHERE ref = 'bce'")
    assert bce == ("La BCE attend", "2024-03-07", "https://ex.fr/bce", "bce")
    reasons = dict(rows(db, "SELECT reason, origin FROM rejects"))
    assert reasons["not-french"].endswith("english.txt") and reasons["bad-record"].endswith("c.jsonl:2")
    record = json.loads(rows(db, "SELECT record FROM articles WHERE ref = 'bce'")[0][0])
    assert record["schema"] == "veille.article/1" and record["text"] == TEXTS[1]
    assert count(db, "actors") > 0 and count(db, "mentions") >= count(db, "actors")
    assert rows(db, "SELECT count(*) FROM articles WHERE lemmas IS NULL OR lemmas = ''")[0][0] == 0

    again = ingest([str(src)], db, nlp=nlp, progress=False)
    assert (again.added, again.exact, again.near, sum(again.rejected.values())) == (0, 0, 0, 0)
    assert again.already == 7
    assert count(db, "articles") == 3 and count(db, "sources") == 3 and count(db, "rejects") == 4


def test_exact_and_near_duplicates_are_stored_once_with_every_url(tmp_path, nlp):
    lines = [{"id": f"s{i}", "url": f"https://site{i}.fr/lagarde", "text": TEXTS[1]} for i in range(3)]
    lines.append({"id": "s3", "url": "https://site3.fr/lagarde", "text": near_copy(TEXTS[1])})
    lines.append({"id": "other", "url": "https://site4.fr/orages", "text": TEXTS[2]})
    first = tmp_path / "wire.jsonl"
    first.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    db = tmp_path / "d.db"
    s = ingest([str(first)], db, nlp=nlp, progress=False)
    assert (s.added, s.exact, s.near) == (2, 2, 1)
    (n,) = rows(db, "SELECT count(*) FROM articles")[0]
    assert n == 2
    urls = rows(db, "SELECT s.url, s.kind FROM sources s JOIN articles a ON a.id = s.article_id "
                    "WHERE a.ref = 's0' ORDER BY s.url")
    assert urls == [(f"https://site{i}.fr/lagarde", k) for i, k in enumerate(["first", "exact", "exact", "near"])]
    # across runs too: a later file with the same story (one line changed) adds a URL, not an article
    later = tmp_path / "later.txt"
    later.write_text(near_copy(TEXTS[1]).replace("mise à jour", "nouvelle version"), encoding="utf-8")
    s2 = ingest([str(later)], db, nlp=nlp, progress=False)
    assert (s2.added, s2.near) == (0, 1)
    assert count(db, "articles") == 2 and count(db, "sources") == 6
    (sim,) = rows(db, "SELECT similarity FROM sources WHERE key = ?", "file:" + str(later.resolve()))[0]
    assert 0.8 <= sim < 1


def test_warc_html_responses_become_articles(tmp_path, nlp):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "CC-NEWS-test.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(url, body, ctype="text/html; charset=utf-8", status="200 OK", date="2024-03-01T10:00:00Z"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)

        writer.write_record(writer.create_warc_record("https://a.fr/x", "request",
                                                      payload=io.BytesIO(b"GET /x HTTP/1.1\r\n\r\n")))
        response("https://a.fr/orages", page("Orages", TEXTS[2]).encode())
        response("https://b.fr/orages-copie", page("Orages", TEXTS[2]).replace("Accueil", "Une").encode(), date="2024-03-02T08:00:00Z")
        response("https://a.fr/bce", page("BCE", TEXTS[1]).encode("latin-1", "replace"),
                 ctype="text/html; charset=iso-8859-1")
        response("https://a.fr/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, ctype="image/png")
        response("https://a.fr/gone", b"not found", status="404 Not Found")
    db = tmp_path / "w.db"
    s = ingest([str(path)], db, nlp=nlp, progress=False)
    assert (s.added, s.exact) == (2, 1)
    assert dict(s.rejected) == {"unsupported": 1, "http-error": 1}
    got = rows(db, "SELECT a.url, a.published, s.url, s.fetched FROM articles a JOIN sources s ON s.article_id = a.id "
                   "WHERE a.url LIKE '%orages%' ORDER BY s.id")
    assert got == [("https://a.fr/orages", "2024-03-01", "https://a.fr/orages", "2024-03-01"),
                   ("https://a.fr/orages", "2024-03-01", "https://b.fr/orages-copie", "2024-03-02")]
    again = ingest([str(path)], db, nlp=nlp, progress=False)
    assert again.added == 0 and again.already == 5


def test_feed_items_are_fetched_from_a_local_server(tmp_path, nlp):
    site = tmp_path / "site"
    site.mkdir()
    (site / "diplomatie.html").write_text(page("Titre de la page", TEXTS[0]), encoding="utf-8")
    (site / "bce.html").write_text(page("BCE", TEXTS[1]), encoding="utf-8")
    with http_server(site) as base:
        (site / "feed.xml").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Journal</title><link>{base}/</link><description>actu</description>
<item><title>Barrot à Berlin</title><link>{base}/diplomatie.html</link>
  <pubDate>Tue, 05 Mar 2024 09:00:00 +0000</pubDate></item>
<item><title>La BCE ne bouge pas</title><link>{base}/bce.html</link>
  <pubDate>Thu, 07 Mar 2024 14:30:00 +0000</pubDate></item>
<item><title>Disparu</title><link>{base}/missing.html</link></item>
</channel></rss>""", encoding="utf-8")
        db = tmp_path / "f.db"
        s = ingest([f"{base}/feed.xml"], db, nlp=nlp, progress=False)
        assert s.added == 2 and dict(s.rejected) == {"unreachable": 1}
        got = rows(db, "SELECT title, published, url FROM articles ORDER BY published")
        assert got == [("Barrot à Berlin", "2024-03-05", f"{base}/diplomatie.html"),
                       ("La BCE ne bouge pas", "2024-03-07", f"{base}/bce.html")]
        # the same feed as a local file: the items are already there; the unreachable one is retried
        local = tmp_path / "feed.rss"
        local.write_bytes((site / "feed.xml").read_bytes())
        again = ingest([str(local)], db, nlp=nlp, progress=False)
        assert (again.added, again.already, dict(again.rejected)) == (0, 2, {"unreachable": 1})


def test_real_pages_from_the_html_sample(tmp_path, nlp):
    pages = html_sample(tmp_path / "pages", 4)
    db = tmp_path / "r.db"
    s = ingest([str(p) for p in pages], db, nlp=nlp, progress=False)
    assert s.added + sum(s.rejected.values()) + s.exact + s.near == 4
    assert s.added >= 3
    for title, text in rows(db, "SELECT title, text FROM articles"):
        assert title and len(text.split()) >= 25


def test_an_article_whose_analysis_fails_is_recorded_and_the_run_goes_on(tmp_path, nlp, monkeypatch):
    from veille.run import local

    real = local._analyse

    def flaky(articles, nlp=None):
        if any("Banque centrale" in a.text for a in articles):
            raise IndexError("list index out of range")
        return real(articles, nlp)

    monkeypatch.setattr(local, "_analyse", flaky)
    for i, text in enumerate(TEXTS):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "x.db"
    s = ingest([str(tmp_path / f"{i}.txt") for i in range(3)], db, nlp=nlp, progress=False)
    assert s.added == 2 and dict(s.rejected) == {"analysis-error": 1}
    monkeypatch.setattr(local, "_analyse", real)  # the bug is fixed: the next run retries it
    again = ingest([str(tmp_path / f"{i}.txt") for i in range(3)], db, nlp=nlp, progress=False)
    assert (again.added, again.already) == (1, 2)
    assert count(db, "rejects") == 0 and count(db, "sources") == 3
