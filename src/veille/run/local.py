"""Run :func:`veille.analyse.analyse_batch` over a stream of articles, in this process or a process pool.

Results come back in input order as plain dicts (picklable, JSON-able):
``{"record": <veille.article/1 dict>, "lemmas": str}`` or ``{"error": [origin, reason, detail]}``.
With ``workers > 1`` each worker process loads the pipeline once (pool initializer) and analyses chunks
of articles; the parent keeps at most ``2 * workers`` chunks in flight, so memory stays bounded and
the caller (which writes to SQLite) sees results as soon as the oldest chunk is done.
"""
from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from typing import Any, Iterable, Iterator, TypeVar

from ..errors import InputError
from ..model import Article

T = TypeVar("T")
CHUNK = 16
_NLP = None
_BARRIER = None


def _init_worker(barrier=None) -> None:
    global _NLP, _BARRIER
    from .. import nlp

    _NLP = nlp.default()
    _BARRIER = barrier


def _ready(_: int) -> bool:
    """Wait until every worker has loaded the pipeline (each worker holds one of these tasks)."""
    if _BARRIER is not None:
        _BARRIER.wait(timeout=600)
    return True


def analyse_chunk(articles: list[Article], nlp=None) -> list[dict[str, Any]]:
    """Results for a chunk; an article whose analysis raises becomes an ``analysis-error`` (the others stand)."""
    try:
        return _analyse(articles, nlp)
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a corpus run
        if len(articles) == 1:
            a = articles[0]
            return [{"error": [a.origin or a.id, "analysis-error", f"{type(err).__name__}: {err}"]}]
        return [r for a in articles for r in analyse_chunk([a], nlp)]


def _analyse(articles: list[Article], nlp=None) -> list[dict[str, Any]]:
    from ..analyse import analyse_batch

    out = []
    for result in analyse_batch(articles, nlp=nlp or _NLP):
        if isinstance(result, InputError):
            out.append({"error": [result.origin, result.reason, result.detail]})
        else:
            out.append({"record": result.to_dict(), "lemmas": result.lemmas})
    return out


def _chunks(stream: Iterable[tuple[T, Article]], size: int) -> Iterator[list[tuple[T, Article]]]:
    chunk: list[tuple[T, Article]] = []
    for pair in stream:
        chunk.append(pair)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_stream(stream: Iterable[tuple[T, Article]], workers: int = 1, chunk: int = CHUNK,
                   nlp=None, stats: dict[str, float] | None = None) -> Iterator[tuple[T, dict[str, Any]]]:
    """Analyse ``(tag, article)`` pairs; yield ``(tag, result)`` in input order.

    ``stream`` is consumed lazily from the calling thread, so it may read the store. ``stats["load_s"]``
    receives the time spent loading the pipeline (in this process or in the workers), and
    ``stats["load_cpu_s"]`` its CPU time when it is loaded in this process.
    """
    stats = stats if stats is not None else {}
    stats.setdefault("load_s", 0.0)
    if workers <= 1:
        from .. import nlp as pipeline

        for part in _chunks(stream, chunk):
            if nlp is None:  # loaded on the first chunk: nothing to analyse, no model loaded
                t0, c0 = time.perf_counter(), time.process_time()
                nlp = pipeline.default()
                stats["load_s"] = time.perf_counter() - t0
                stats["load_cpu_s"] = time.process_time() - c0
            results = analyse_chunk([a for _, a in part], nlp=nlp)
            yield from zip((t for t, _ in part), results)
        return
    parts = _chunks(stream, chunk)
    first = next(parts, None)
    if first is None:
        return
    ctx = mp.get_context("spawn")
    t0 = time.perf_counter()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(ctx.Barrier(workers),)) as pool:
        pool.map(_ready, range(workers), chunksize=1)
        stats["load_s"] = time.perf_counter() - t0
        pending: deque = deque()
        for part in _prepend(first, parts):
            pending.append(([t for t, _ in part], pool.apply_async(analyse_chunk, ([a for _, a in part],))))
            while len(pending) >= 2 * workers:
                tags, job = pending.popleft()
                yield from zip(tags, job.get())
        while pending:
            tags, job = pending.popleft()
            yield from zip(tags, job.get())


def _prepend(first, rest):
    yield first
    yield from rest
