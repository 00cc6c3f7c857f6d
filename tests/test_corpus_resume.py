"""A run killed with SIGKILL mid-way, then started again, ends with every article exactly once."""
from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import SHARED, env, run_veille, veille_cmd  # noqa: E402

N = 30


def inputs(tmp: Path) -> Path:
    source = SHARED / "data" / "orangesum" / "valid.jsonl.gz"
    if not source.exists():
        pytest.skip(f"shared data not available: {source}")
    folder = tmp / "in"
    folder.mkdir()
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for i, line in zip(range(N), fh):
            article = json.loads(line)
            text = article["text"][:1200].rsplit(".", 1)[0] + "."  # short texts keep the test fast
            (folder / f"{i:02d}-{article['id']}.txt").write_text(article["title"] + "\n\n" + text,
                                                                encoding="utf-8")
    return folder


def state(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": q("SELECT count(*) FROM articles")[0][0],
            "hashes": sorted(r[0] for r in q("SELECT hash FROM articles")),
            "keys": sorted(r[0] for r in q("SELECT key FROM sources UNION ALL SELECT key FROM rejects")),
            "firsts": q("SELECT count(*) FROM sources WHERE kind = 'first'")[0][0],
            "fts": q("SELECT count(*) FROM articles_fts_docsize")[0][0],
            "minhashes": q("SELECT count(*) FROM minhashes")[0][0],
            "orphans": q("SELECT count(*) FROM actors WHERE article_id NOT IN (SELECT id FROM articles)")[0][0],
        }
    finally:
        con.close()


def count_articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("workers", [1])
def test_kill_9_then_resume(tmp_path, workers):
    folder = inputs(tmp_path)
    db = tmp_path / "k.db"
    proc = subprocess.Popen(veille_cmd("ingest", str(folder), "--db", str(db), "--workers", str(workers),
                                      "--batch", "4", "-q"),
                            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and count_articles(db) < 5:
        time.sleep(0.05)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed = state(db)
    assert 5 <= killed["articles"] < N

    done = run_veille("ingest", str(folder), "--db", str(db), "--json", "-q")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["already"] == len(killed["keys"])
    after = state(db)
    # every input is there exactly once; the tables agree with each other
    assert len(after["keys"]) == len(set(after["keys"])) == N
    assert after["articles"] == after["firsts"] == after["fts"] == after["minhashes"] == len(set(after["hashes"]))
    assert after["orphans"] == 0

    # the same as an uninterrupted run
    ref = tmp_path / "ref.db"
    assert run_veille("ingest", str(folder), "--db", str(ref), "-q").returncode == 0
    expected = state(ref)
    assert (after["hashes"], after["keys"]) == (expected["hashes"], expected["keys"])

    again = run_veille("ingest", str(folder), "--db", str(db), "--json", "-q")
    assert json.loads(again.stdout)["added"] == 0 and state(db) == after
