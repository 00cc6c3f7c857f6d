"""Throughput of ``veille ingest`` with the local runner and with ``--engine dask``, on the same pages.

    PYTHONPATH=src .venv/bin/python tools/bench_dask.py [--limit 200] [--workers 2] [--json out.json]

One run at a time (the machine has 2 cores):
1. extract the first ``--limit`` pages of ``../shared/data/orangesum/html-sample.tar.gz``;
2. ``veille ingest DIR --workers N`` (local process pool) in a subprocess: wall time, articles/s;
3. ``ingest_dask`` on a LocalCluster of N worker processes (1 thread each): wall time, articles/s, and for
   each worker its model loads, resident and peak memory (``client.run``: psutil RSS, ru_maxrss);
4. the two databases are compared table by table (content, not rowids): they must be identical.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "orangesum" / "html-sample.tar.gz"
sys.path.insert(0, str(ROOT / "tests"))


def extract(dest: Path, limit: int) -> int:
    n = 0
    with tarfile.open(SAMPLE) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".html"):
                tar.extract(member, dest, filter="data")
                n += 1
                if n == limit:
                    break
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"sample not found: {SAMPLE}")
    from dask_support import diff, tables

    out: dict = {"pages": args.limit, "workers": args.workers}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out["pages"] = extract(tmp / "pages", args.limit)

        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", "from veille.cli import main; main()", "ingest",
                               str(tmp / "pages"), "--db", str(tmp / "local.db"), "--workers", str(args.workers),
                               "--quiet", "--json"], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        local = json.loads(proc.stdout)
        out["local"] = {**local, "wall_s": round(wall, 1), "articles_per_s": round(local["added"] / wall, 3),
                        "articles_per_s_after_load": round(local["added"] / (local["seconds"] - local["load_seconds"]), 3)}
        print("local:", json.dumps(out["local"]), flush=True)

        from distributed import Client, LocalCluster

        from veille.run.distributed import ingest_dask

        t0 = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            s = ingest_dask([str(tmp / "pages")], tmp / "dask.db", client=client, progress=True)
            workers = list(s.run.workers.values())
        wall = time.perf_counter() - t0
        out["dask"] = {**s.to_dict(), "wall_s": round(wall, 1), "articles_per_s": round(s.added / wall, 3),
                       "analysis_s": round(s.run.seconds, 1),
                       "articles_per_s_after_load": round(s.added / (s.seconds - s.load_seconds), 3),
                       "workers": workers}
        print("dask:", json.dumps(out["dask"]), flush=True)
        out["identical_tables"] = diff(tables(tmp / "local.db"), tables(tmp / "dask.db")) or True
        print("identical tables:", out["identical_tables"], flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
