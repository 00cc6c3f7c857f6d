"""``--engine dask``: the same tables as a local run, one model load per worker, resume, failed shards."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import ENGLISH, TEXTS, html_sample, near_copy, run_veille  # noqa: E402
from dask_support import diff, fresh_extraction, tables, write_warc  # noqa: E402

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from veille.ingest.sources import plan, read_units  # noqa: E402
from veille.run import dask_worker  # noqa: E402
from veille.run.distributed import ingest_dask, plan_shards, read_part  # noqa: E402
from veille.run.ingest import ingest  # noqa: E402

PAGES = 12  # the 200-page comparison is run by tools/bench_dask.py (minutes on 2 cores)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """HTML pages as files, the same pages in a WARC archive, and a JSON Lines file with duplicates."""
    root = tmp_path_factory.mktemp("dask-corpus")
    pages = html_sample(root / "html", PAGES)
    write_warc(pages, root / "pages.warc.gz")
    # with 3-line shards: a duplicate inside shard 1, a rejected text twice in shard 2, a near duplicate
    # across shards
    lines = [{"id": "bce", "title": "La BCE", "date": "2024-03-07", "text": TEXTS[1]}, "{not json",
             {"text": TEXTS[1], "url": "https://ex.fr/bce-bis"}, {"text": ENGLISH}, {"text": near_copy(TEXTS[0])},
             {"text": ENGLISH}, {"text": TEXTS[0]}, {"text": TEXTS[2]}]
    (root / "news.jsonl").write_text("".join((json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x)
                                            + "\n" for x in lines), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local_db(corpus, nlp, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.db"
    fresh_extraction()
    s = ingest([str(corpus)], db, nlp=nlp, progress=False)
    assert s.added > PAGES // 2 and s.exact >= PAGES // 2
    return db


@pytest.fixture(autouse=True)
def _clean_extraction_cache():
    fresh_extraction()
    yield
    fresh_extraction()


def test_same_tables_as_local_run(corpus, local_db, client, tmp_path):
    db = tmp_path / "dask.db"
    s = ingest_dask([str(corpus)], db, client=client, lines=3, files=3, progress=False)
    assert not s.failed
    want, got = tables(local_db), tables(db)
    assert diff(want, got) == {}
    assert len(got["articles"]) == s.added and got["actors"] and got["quotes"] and got["events"]
    # every source of the WARC archive is an exact duplicate of an HTML file, as in the local run
    kinds = {k for key, _, k, *_ in got["sources"] if key.startswith("url:")}
    assert kinds == {"exact"}

    shards = plan_shards([str(corpus)], lines=3, files=3)
    assert len(shards) == PAGES // 3 + 1 + 3  # runs of 3 files, the archive, three line ranges of news.jsonl
    parts = sorted(p.name for p in (tmp_path / "dask.db.parts").iterdir())
    assert parts == sorted(sh.part for sh in shards)  # no temporary files left
    (warc,) = [sh for sh in shards if sh.spec["kind"] == "warc"]
    rows = read_part(tmp_path / "dask.db.parts" / warc.part)
    assert len(rows) == PAGES and {r["status"] for r in rows} == {"article"}
    record = json.loads(rows[0]["record"])
    assert record["schema"] == "veille.article/1" and rows[0]["fetched"] == "2024-03-01"

    # the model was loaded once in each worker process, though each analysed several shards
    assert sorted(client.run(dask_worker.load_count).values()) == [1, 1]

    # a second run computes nothing and adds nothing
    again = ingest_dask([str(corpus)], db, client=client, lines=3, files=3, progress=False)
    assert again.added == 0 and again.already == s.done
    assert all(d.get("cached") for d in again.run.done.values())
    assert diff(want, tables(db)) == {}


def test_jsonl_line_ranges_read_like_whole_file(corpus):
    path = str(corpus / "news.jsonl")
    whole = [(i.source.key, i.error.reason if i.error else None) for i in read_units(plan([path]), lambda k: False)]
    shards = plan_shards([path], lines=3)
    assert [(s.spec["start"], s.spec["stop"]) for s in shards] == [(0, 3), (3, 6), (6, 8)]
    split = [(i.source.key, i.error.reason if i.error else None)
             for s in shards for i in dask_worker.read_shard(s.spec)]
    assert split == whole


def test_failed_shard_is_reported_then_resumed(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "b.txt").write_text("", encoding="utf-8")  # an empty file: a reject, cheap to "analyse"
    parts = tmp_path / "parts"
    bad = plan_shards([str(src / "b.txt")], files=1)[0]
    (parts / bad.part).mkdir(parents=True)  # the part cannot be written: the task fails every time
    db = tmp_path / "v.db"
    s = ingest_dask([str(src)], db, client=client, parts=parts, files=1, progress=False)
    assert list(s.failed) == [bad.label] and "IsADirectoryError" in s.failed[bad.label]
    assert s.added == 1 and not s.rejected

    def attempts(dask_scheduler, key=f"veille-shard-{bad.id}"):
        return sum(1 for t in dask_scheduler.transition_log if t[0] == key and t[2] == "processing")

    assert client.run_on_scheduler(attempts) == 3  # the first try and 2 retries
    (parts / bad.part).rmdir()
    again = ingest_dask([str(src)], db, client=client, parts=parts, files=1, progress=False)
    assert not again.failed and again.already == 1 and dict(again.rejected) == {"empty": 1}
    computed = [d for d in again.run.done.values() if not d.get("cached")]
    assert len(computed) == 1 and computed[0]["shard"] == bad.id


def test_files_grouped_in_order(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt", "d.warc.gz", "e.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    shards = plan_shards([str(tmp_path)], files=2)
    kinds = [(s.spec["kind"], [Path(f["where"]).name for f in s.spec.get("files", [s.spec])]) for s in shards]
    assert kinds == [("files", ["a.txt", "b.txt"]), ("files", ["c.txt"]), ("warc", ["d.warc.gz"]),
                     ("files", ["e.txt"])]
    assert shards[0].label.endswith("a.txt (+1 files)")


def test_cli_exit_status_on_failure(tmp_path):
    """The command exits non-zero when a shard fails (local cluster of one worker)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "b.txt").write_text("", encoding="utf-8")
    parts = tmp_path / "parts"
    (parts / plan_shards([str(src / "b.txt")])[0].part).mkdir(parents=True)
    proc = run_veille("ingest", str(src), "--db", str(tmp_path / "v.db"), "--engine", "dask", "--workers", "1",
                      "--parts", str(parts))
    assert proc.returncode == 1, proc.stderr
    assert "FAILED shard" in proc.stdout and "dashboard" in proc.stderr
    shutil.rmtree(parts)


def test_unreadable_archive_counted_like_local(client, nlp, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    (src / "empty.txt").write_text("", encoding="utf-8")
    runs = []
    for _ in range(2):  # the archive is reported on every run, the empty file once
        loc = ingest([str(src)], tmp_path / "local.db", nlp=nlp, progress=False)
        dsk = ingest_dask([str(src)], tmp_path / "dask.db", client=client, progress=False)
        runs.append((loc.to_dict(), dsk.to_dict()))
    for loc, dsk in runs:
        assert {k: loc[k] for k in ("added", "already", "rejected")} == \
            {k: dsk[k] for k in ("added", "already", "rejected")}
    assert runs[1][1]["already"] == 1 and runs[1][1]["rejected"] == {"unreadable": 1}
    assert diff(tables(tmp_path / "local.db"), tables(tmp_path / "dask.db")) == {}


def test_analyze_writes_parts_for_duckdb(corpus, client, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    from veille.run.distributed import analyze_dask

    res, shards = analyze_dask([str(corpus / "news.jsonl")], tmp_path / "parts", client=client, lines=3,
                               progress=False)
    assert not res.failed and len(res.done) == len(shards) == 3
    dup = duckdb.sql(f"SELECT key, dup_of, article IS NOT NULL FROM '{tmp_path / 'parts' / shards[0].part}' "
                     f"WHERE status = 'duplicate'").fetchall()
    assert [(k.rsplit(":", 1)[1], d, a) for k, d, a in dup] == [("3", 0, True)]
    glob = str(tmp_path / "parts" / "*.parquet")
    counts = dict(duckdb.sql(f"SELECT status, count(*) FROM '{glob}' GROUP BY 1").fetchall())
    assert counts == {"article": 4, "error": 1, "rejected": 2, "duplicate": 1}
    # the query of docs/distributed.md
    types = duckdb.sql(f"SELECT json_extract_string(ev.value, '$.type') AS type, count(*) AS n "
                       f"FROM '{glob}', json_each(record, '$.events') AS ev "
                       f"WHERE status = 'article' GROUP BY 1 ORDER BY 2 DESC").fetchall()
    assert all(isinstance(t, str) and n > 0 for t, n in types)


def test_cli_with_scheduler_address(client, tmp_path):
    """``veille ingest --engine dask --scheduler tcp://...`` on the running cluster (model already loaded)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXTS[2], encoding="utf-8")
    (src / "b.txt").write_text(TEXTS[2], encoding="utf-8")
    proc = run_veille("ingest", str(src), "--db", str(tmp_path / "v.db"), "--engine", "dask",
                      "--scheduler", client.scheduler.address, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 1 and json.loads(proc.stdout)["exact"] == 1
    assert "1/1 shards done" in proc.stderr and "dashboard" in proc.stderr
    assert sorted(client.run(dask_worker.load_count).values()) == [1, 1]
