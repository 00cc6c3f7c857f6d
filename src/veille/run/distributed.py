"""``--engine dask``: analyse shards on a Dask cluster into Parquet parts, then merge them like a local run.

1. :func:`plan_shards` splits the sources: runs of up to ``files`` consecutive .txt/.html files, one shard
   per WARC archive or feed, and line ranges (``lines`` lines) of JSON Lines files longer than that;
2. each shard is one task, :func:`veille.run.dask_worker.run_shard` (``retries=2``), writing
   ``part-<shard id>.parquet``; a part that exists is not computed again (resume);
3. ``ingest_dask`` merges the parts *in shard order* through :func:`veille.run.ingest.write_items`, the
   dedup + write loop of the local runner, so the database holds the same tables as after
   ``veille ingest`` without ``--engine dask``. Parts are merged as soon as every earlier shard is done.

A shard that still fails after its retries is reported (with its error) and the run ends with
``failed`` set; the other shards are merged, and a rerun computes only the missing parts.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, TextIO

from .. import dedup
from ..errors import InputError
from ..ingest.sources import Item, plan
from ..model import Article
from ..store.writer import Source, Store
from . import dask_worker
from .ingest import Progress, Summary, write_items
from .local import CHUNK, _chunks

LINES = 500  # JSON Lines records per shard
FILES = 16  # consecutive .txt/.html files per shard


@dataclass
class Shard:
    spec: dict[str, Any]
    estimate: int = 1

    @property
    def id(self) -> str:
        return dask_worker.shard_id(self.spec)

    @property
    def part(self) -> str:
        return dask_worker.part_name(self.spec)

    @property
    def label(self) -> str:
        s = self.spec
        if s["kind"] == "files":
            more = f" (+{len(s['files']) - 1} files)" if len(s["files"]) > 1 else ""
            return s["files"][0]["where"] + more
        rng = f" lines {s['start'] + 1}-{s['stop']}" if s.get("start") is not None else ""
        return f"{s['where']}{rng}"


@dataclass
class RunResult:
    done: dict[str, dict[str, Any]] = field(default_factory=dict)  # shard id -> task stats
    failed: dict[str, str] = field(default_factory=dict)  # shard id -> error
    rows: int = 0
    articles: int = 0
    seconds: float = 0.0
    dashboard: str | None = None
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)  # address -> worker_info()


def plan_shards(paths: list[str], lines: int = LINES, files: int = FILES) -> list[Shard]:
    """Shards in source order: runs of up to ``files`` consecutive .txt/.html files, one shard per WARC
    archive or feed, and ``lines``-line ranges of JSON Lines files longer than that."""
    shards: list[Shard] = []
    group: list[dict[str, Any]] = []

    def flush() -> None:
        if group:
            shards.append(Shard({"kind": "files", "files": list(group)}, estimate=len(group)))
            group.clear()

    for u in plan(list(paths)):
        spec: dict[str, Any] = {"kind": u.kind, "where": u.where}
        if u.kind != "feed":
            try:
                st = os.stat(u.where)
                spec.update(size=st.st_size, mtime_ns=st.st_mtime_ns)
            except OSError:
                pass  # read on the worker, which reports it missing
        if u.kind == "file":
            group.append(spec)
            if len(group) >= files:
                flush()
            continue
        flush()
        if u.kind == "jsonl" and spec.get("size"):
            total = _count_lines(u.where)
            if total > lines:
                for start in range(0, total, lines):
                    part = dict(spec, start=start, stop=min(start + lines, total), report_empty=False)
                    shards.append(Shard(part, estimate=part["stop"] - start))
                continue
        shards.append(Shard(spec, estimate=u.estimate))
    flush()
    return shards


def _count_lines(path: str) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2, lifetime: str | None = None,
                memory_limit: str | None = "auto"):
    """A client on ``scheduler`` (tcp://host:port), else on a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    kwargs: dict[str, Any] = {}
    if lifetime:
        kwargs.update(lifetime=lifetime, lifetime_restart=True)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0", memory_limit=memory_limit, **kwargs)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        # a worker holding a spaCy model can take more than the nanny's 4 s to exit; it is then killed,
        # which is fine at the end of a run: no warning for it
        nanny_log = logging.getLogger("distributed.nanny")
        level = nanny_log.level
        nanny_log.setLevel(logging.ERROR)
        try:
            cluster.close()
        finally:
            nanny_log.setLevel(level)


def run_shards(client, shards: list[Shard], out_dir: str | Path, consume=None, progress: bool = True,
               stream: TextIO | None = None, retries: int = 2) -> RunResult:
    """Compute the missing parts.

    ``consume(indices)``, if given, receives an iterator over the indices of the shards whose part is
    ready, *in shard order* (it waits for the next shard as it is iterated; failed shards are left out).
    """
    from distributed import as_completed

    stream = stream or sys.stderr
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = RunResult(dashboard=_dashboard(client))
    started = time.monotonic()
    say = (lambda msg: print(f"veille: {msg}", file=stream, flush=True)) if progress else (lambda msg: None)
    nworkers = len(client.scheduler_info().get("workers", {}))
    say(f"dask: {len(shards)} shard(s) on {nworkers} worker(s); dashboard {result.dashboard or 'not available'}")
    ready: list[bool] = [False] * len(shards)
    futures = {}
    for i, shard in enumerate(shards):
        if (out / shard.part).is_file():
            ready[i] = True
            result.done[shard.id] = {"shard": shard.id, "cached": True}
        else:
            fut = client.submit(dask_worker.run_shard, shard.spec, str(out), key=f"veille-shard-{shard.id}",
                                retries=retries, pure=False)
            futures[fut] = i
    if len(futures) < len(shards):
        say(f"dask: {len(shards) - len(futures)} part(s) already in {out}, not computed again")
    completions = as_completed(list(futures))

    def settle(fut) -> None:
        i = futures[fut]
        shard = shards[i]
        if fut.status == "finished":
            stats = fut.result()
            result.done[shard.id] = stats
            result.rows += stats.get("rows") or 0
            result.articles += stats.get("articles") or 0
        else:
            try:
                exc = fut.exception()
                error = f"{type(exc).__name__}: {exc}"
            except Exception as err:  # noqa: BLE001 - cancelled, lost
                error = f"{fut.status}: {err}"
            result.failed[shard.id] = error
            say(f"dask: shard {shard.label} failed after {retries} retries: {error}")
        ready[i] = True
        fut.release()
        elapsed = time.monotonic() - started
        say(f"dask: {sum(ready)}/{len(shards)} shards done, {result.articles} articles analysed, "
            f"{result.articles / elapsed if elapsed else 0:.2f} articles/s")

    def in_order() -> Iterator[int]:
        for i, shard in enumerate(shards):
            while not ready[i]:
                settle(next(completions))
            if shard.id in result.done:
                yield i

    if consume is not None:
        consume(in_order())
    for fut in completions:
        settle(fut)
    result.seconds = time.monotonic() - started
    try:
        result.workers = client.run(dask_worker.worker_info)
    except Exception:  # noqa: BLE001 - informative only
        result.workers = {}
    return result


def _dashboard(client) -> str | None:
    try:
        import bokeh  # noqa: F401 - the dashboard needs it
    except ImportError:
        return None
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None  # started without one (dashboard_address=None)
        return client.dashboard_link
    except Exception:  # noqa: BLE001
        return None


# -- merge ----------------------------------------------------------------------------------------
def read_part(path: str | Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def part_items(rows: list[dict[str, Any]], known) -> Iterator[Item]:
    """The rows of a part as the items a local read would give (``known`` is asked lazily, as there)."""
    for row in rows:
        source = Source(row["key"], row["origin"], url=row["url"], site=row["site"], title=row["title"],
                        published=row["published"], fetched=row["fetched"])
        if row["status"] == "error":
            # as the local readers: a feed or archive that cannot be read is reported again on every run
            whole = source.key.startswith("feed:") or source.key.endswith("#error")
            yield Item(source, error=InputError(row["error_origin"], row["reason"], row["detail"]),
                       skipped=False if whole else known(source.key))
            continue
        if known(source.key):
            yield Item(source, skipped=True)
            continue
        sig = dedup.from_blob(row["minhash"]) if row["minhash"] is not None else None
        yield Item(source, article=row, text_hash=row["text_hash"], sig=sig)


def part_results(pairs, nlp=None, chunk: int = CHUNK):
    """The analysis results stored in the parts, with the local runner's look-ahead of one chunk."""
    for part in _chunks(pairs, chunk):
        for p, row in part:
            yield p, _result(row, nlp)


def _result(row: dict[str, Any], nlp=None) -> dict[str, Any]:
    if row["status"] == "article":
        return {"record": json.loads(row["record"]), "lemmas": row["lemmas"]}
    if row["status"] == "rejected":
        return {"error": [row["error_origin"], row["reason"], row["detail"]]}
    # a duplicate inside its shard whose first copy is not in the store (it was ingested earlier and then
    # deleted, say): analyse it here
    from .local import analyse_chunk

    (res,) = analyse_chunk([Article(**json.loads(row["article"]))], nlp=nlp)
    return res


def ingest_dask(paths: list[str], db: str | Path, scheduler: str | None = None, workers: int = 2,
                parts: str | Path | None = None, lines: int = LINES, files: int = FILES, progress: bool = True,
                stream: TextIO | None = None, client=None, lifetime: str | None = None) -> Summary:
    """``veille ingest --engine dask``; the summary's ``failed`` maps failed shards to their errors."""
    started = time.monotonic()
    shards = plan_shards(paths, lines=lines, files=files)
    out = Path(parts) if parts else Path(f"{db}.parts")
    summary = Summary()
    store = Store(db)
    bar = Progress(sum(s.estimate for s in shards), enabled=False)

    def merge(indices: Iterator[int]) -> None:
        # one stream over every part, in shard order, as a local run reads its sources
        def items() -> Iterator[Item]:
            for i in indices:
                yield from part_items(read_part(out / shards[i].part), store.known)

        write_items(store, items(), part_results, summary, bar)

    try:
        if client is not None:
            res = run_shards(client, shards, out, consume=merge, progress=progress, stream=stream)
        else:
            with dask_client(scheduler, workers, lifetime=lifetime) as c:
                res = run_shards(c, shards, out, consume=merge, progress=progress, stream=stream)
    finally:
        store.close()
    summary.seconds = time.monotonic() - started
    summary.load_seconds = max((w.get("load_s", 0.0) for w in res.workers.values()), default=0.0)
    summary.failed = {shards_by_id(shards)[k].label: v for k, v in res.failed.items()}
    summary.run = res
    return summary


def shards_by_id(shards: list[Shard]) -> dict[str, Shard]:
    return {s.id: s for s in shards}


def analyze_dask(paths: list[str], output: str | Path, scheduler: str | None = None, workers: int = 2,
                 lines: int = LINES, files: int = FILES, progress: bool = True, stream: TextIO | None = None,
                 client=None) -> tuple[RunResult, list[Shard]]:
    """``veille analyze --engine dask --output DIR``: the Parquet parts only, no database."""
    shards = plan_shards(paths, lines=lines, files=files)
    if client is not None:
        return run_shards(client, shards, output, progress=progress, stream=stream), shards
    with dask_client(scheduler, workers) as c:
        return run_shards(c, shards, output, progress=progress, stream=stream), shards
