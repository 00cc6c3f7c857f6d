"""The worker side of ``--engine dask``: read one shard, analyse it, write one Parquet part.

A *shard* is a plain dict (cheap to put in the task graph): a run of .txt/.html files, a JSON Lines file,
a WARC archive, a feed, or a line range of a large JSON Lines file. :func:`run_shard` reads it with the same readers as a local run
(:mod:`veille.ingest.sources`), computes each text's hash and MinHash signature, analyses the articles
with :func:`veille.run.local.analyse_chunk` (that is, :func:`veille.analyse.analyse_batch`) and writes
``part-<shard id>.parquet`` atomically (a temporary name, then a rename), one row per input.

The spaCy pipeline is loaded by :func:`pipeline`, cached at module level: once per worker *process*, never
shipped in the task graph. :func:`load_count` tells how many times this process loaded it (tests and
``tools/bench_dask.py`` check it is 1 on every worker).
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from .. import dedup
from ..errors import InputError
from ..ingest.decode import decode_text
from ..ingest.jsonl import articles_from_jsonl
from ..ingest.sources import Item, Unit, read_feed, read_file, read_warc
from ..store.writer import Source

log = logging.getLogger("veille.dask")
PART_VERSION = 1  # part layout; part of every shard id, so a new layout never reuses old parts

SCHEMA = pa.schema([
    ("shard", pa.string()),        # shard id (stable hash of the shard spec)
    ("seq", pa.int32()),           # position of the input in the shard (merge order)
    ("key", pa.string()),          # source key: file:/abs/path[:line] | url:<URL>
    ("origin", pa.string()),       # file, file:line or archive#URL, as in messages and `rejects`
    ("url", pa.string()),
    ("site", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),    # YYYY-MM-DD
    ("fetched", pa.string()),      # WARC-Date (YYYY-MM-DD), else null
    ("status", pa.string()),       # article | rejected | error | duplicate
    ("error_origin", pa.string()),  # rejected/error: where, why, details
    ("reason", pa.string()),
    ("detail", pa.string()),
    ("text_hash", pa.string()),    # sha1 of the case-folded, whitespace-collapsed text
    ("minhash", pa.binary()),      # 128 little-endian uint64 (word 5-shingles, seed 1)
    ("record", pa.string()),       # the veille.article/1 JSON record (status = article)
    ("lemmas", pa.string()),       # lemma text for full-text search (status = article)
    ("dup_of", pa.int32()),        # duplicate: seq of the first row with the same text hash
    ("article", pa.string()),      # duplicate: the input article as JSON (not analysed)
])

_LOADS = 0
_LOAD_SECONDS = 0.0


@functools.lru_cache(maxsize=1)
def pipeline():
    """This process's spaCy pipeline, loaded on the first shard and kept for the life of the worker."""
    global _LOADS, _LOAD_SECONDS
    from .. import nlp

    t0 = time.perf_counter()
    model = nlp.default()
    _LOAD_SECONDS = time.perf_counter() - t0
    _LOADS += 1
    log.warning("veille: spaCy pipeline loaded in process %d (%.1f s, load #%d)", os.getpid(), _LOAD_SECONDS,
                _LOADS)
    return model


def load_count() -> int:
    return _LOADS


def worker_info() -> dict[str, Any]:
    """Process id, model loads, model loading time and resident memory (for ``client.run``)."""
    import resource

    import psutil

    return {"pid": os.getpid(), "loads": _LOADS, "load_s": round(_LOAD_SECONDS, 2),
            "rss_mb": round(psutil.Process().memory_info().rss / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1)}


# -- shards ---------------------------------------------------------------------------------------
def shard_id(spec: dict[str, Any]) -> str:
    """Stable id of a shard: the spec (kind, path, line range, file size and mtime) and the part version."""
    blob = json.dumps({**spec, "v": PART_VERSION}, sort_keys=True).encode("utf-8")
    return hashlib.sha1(blob).hexdigest()[:20]


def part_name(spec: dict[str, Any]) -> str:
    return f"part-{shard_id(spec)}.parquet"


def _never(_key: str) -> bool:
    return False


def read_shard(spec: dict[str, Any]) -> Iterator[Item]:
    kind = spec["kind"]
    if kind == "files":
        for f in spec["files"]:
            yield from read_file(f["where"], _never)
        return
    where = spec["where"]
    if kind == "warc":
        yield from read_warc(where, _never)
    elif kind == "feed":
        yield from read_feed(Unit("feed", where), _never)
    elif kind == "jsonl" and spec.get("start") is not None:
        yield from read_jsonl_range(where, spec["start"], spec["stop"], spec.get("report_empty", False))
    else:
        yield from read_file(where, _never)


def read_jsonl_range(path: str, start: int, stop: int, report_empty: bool = False) -> Iterator[Item]:
    """Lines ``start`` to ``stop - 1`` (0-based) of a JSON Lines file, numbered as a whole-file read would."""
    lines = []
    try:
        with open(path, "rb") as fh:
            for i, line in enumerate(fh):
                if i >= stop:
                    break
                if i >= start:
                    lines.append(line)
    except OSError as err:
        yield Item(Source("file:" + path, path), error=InputError(path, "missing", str(err)))
        return
    data = b"".join(lines)
    if not data.strip() and not report_empty:
        return
    try:
        text = decode_text(data, path)
    except InputError as err:
        where = f"{path}:{start + 1}"
        yield Item(Source("file:" + where, where), error=InputError(where, err.reason, err.detail))
        return
    for x in articles_from_jsonl(text, path, Path(path).stem, first=start + 1, report_empty=report_empty):
        origin = x.origin if isinstance(x, InputError) else (x.origin or path)
        source = Source("file:" + origin, origin)
        if isinstance(x, InputError):
            yield Item(source, error=x)
            continue
        source.url, source.site, source.title, source.published = x.url, x.site, x.title, x.published
        yield Item(source, article=x)


# -- one task -------------------------------------------------------------------------------------
def run_shard(spec: dict[str, Any], out_dir: str) -> dict[str, Any]:
    """Analyse one shard into ``out_dir/part-<id>.parquet`` (skipped if the part exists)."""
    import pyarrow.parquet as pq

    from .local import analyse_chunk

    started = time.perf_counter()
    sid = shard_id(spec)
    out = Path(out_dir)
    final = out / part_name(spec)
    if final.is_file():
        return {"shard": sid, "rows": None, "articles": None, "seconds": 0.0, "pid": os.getpid(), "cached": True}
    rows: list[dict[str, Any]] = []
    todo: list[tuple[dict[str, Any], Any]] = []
    dups: list[tuple[dict[str, Any], Any]] = []
    first: dict[str, dict[str, Any]] = {}
    for seq, item in enumerate(read_shard(spec)):
        src = item.source
        row = {name: None for name in SCHEMA.names}
        row.update(shard=sid, seq=seq, key=src.key, origin=src.origin, url=src.url, site=src.site,
                   title=src.title, published=src.published, fetched=src.fetched)
        rows.append(row)
        if item.error is not None:
            err = item.error
            row.update(status="error", error_origin=err.origin, reason=err.reason, detail=err.detail)
            continue
        article = item.article
        h = dedup.text_hash(article.text)
        row["text_hash"] = h
        if h in first:  # the same text earlier in this shard: the merge never needs its analysis
            row.update(status="duplicate", dup_of=first[h]["seq"], minhash=first[h]["minhash"])
            dups.append((row, article))
            continue
        row["minhash"] = dedup.to_blob(dedup.signature(article.text))
        first[h] = row
        todo.append((row, article))
    if todo:
        results = analyse_chunk([a for _, a in todo], nlp=pipeline())
        for (row, _), result in zip(todo, results):
            if "error" in result:
                origin, reason, detail = result["error"]
                row.update(status="rejected", error_origin=origin, reason=reason, detail=detail)
            else:
                row.update(status="article", record=json.dumps(result["record"], ensure_ascii=False),
                           lemmas=result.get("lemmas"))
    for row, article in dups:
        head = first[row["text_hash"]]
        if head["status"] == "rejected":  # same text, same verdict (the language check reads the text only)
            row.update(status="rejected", error_origin=article.origin or article.id, reason=head["reason"],
                       detail=head["detail"])
        else:
            row["article"] = json.dumps(asdict(article), ensure_ascii=False)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{final.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), tmp)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    return {"shard": sid, "rows": len(rows), "articles": sum(1 for r in rows if r["status"] == "article"),
            "seconds": round(time.perf_counter() - started, 2), "pid": os.getpid(), "cached": False}
