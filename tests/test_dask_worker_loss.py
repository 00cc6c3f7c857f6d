"""``--engine dask``: a worker killed (SIGKILL) mid-run; the run completes, nothing lost or duplicated."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import html_sample  # noqa: E402
from dask_support import diff, fresh_extraction, tables  # noqa: E402

pytest.importorskip("distributed")

from veille.run import dask_worker  # noqa: E402
from veille.run.distributed import ingest_dask, plan_shards  # noqa: E402
from veille.run.ingest import ingest  # noqa: E402

PAGES = 10


@pytest.fixture(autouse=True)
def _clean_extraction_cache():
    fresh_extraction()
    yield
    fresh_extraction()


def test_worker_killed_mid_run(tmp_path, nlp):
    from distributed import Client, LocalCluster

    html_sample(tmp_path / "html", PAGES)
    src = str(tmp_path / "html")
    s_local = ingest([src], tmp_path / "local.db", nlp=nlp, progress=False)
    parts = tmp_path / "parts"
    killed: list[int] = []

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)  # worker address -> pid
        stop = threading.Event()

        def killer():
            # as soon as the first part lands, kill the *other* worker: it is busy with a shard
            while not stop.is_set():
                landed = list(parts.glob("part-*.parquet")) if parts.exists() else []
                if landed:
                    for address, pid in pids.items():
                        if client.processing().get(address):
                            os.kill(pid, signal.SIGKILL)
                            killed.append(pid)
                            return
                time.sleep(0.05)

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        try:
            s = ingest_dask([src], tmp_path / "dask.db", client=client, parts=parts, files=2, progress=False)
        finally:
            stop.set()
            thread.join(5)
        assert killed, "no worker was busy when the first part landed"
        assert not s.failed
        assert (s.added, s.exact, s.near) == (s_local.added, s_local.exact, s_local.near)
        # the shard of the killed worker was analysed again elsewhere; nothing was lost or added twice
        assert diff(tables(tmp_path / "local.db"), tables(tmp_path / "dask.db")) == {}
        shards = plan_shards([src], files=2)
        assert sorted(p.name for p in parts.iterdir() if p.name.endswith(".parquet")) == sorted(sh.part for sh in shards)
        assert killed[0] not in client.run(os.getpid).values()  # that worker process is gone
        # the replacement worker (restarted by its nanny) loads the model once too, if it got work
        assert set(client.run(dask_worker.load_count).values()) <= {0, 1}
