"""``veille ingest``: sources -> dedup -> analysis (batched, optionally in worker processes) -> store.

Order of the checks, all before analysis:

1. a source whose key is in the store (``sources`` or ``rejects``) is skipped: re-ingesting adds nothing;
2. an input that cannot be read, is empty or is not an article is recorded in ``rejects``;
3. a text whose hash is stored is an *exact* duplicate: only its source (URL) is added;
4. a text whose MinHash is close to a stored one (estimated Jaccard >= 0.8 on word 5-shingles) is a
   *near* duplicate: only its source is added, with the similarity;
5. anything else is analysed; a text that is not French comes back as a reject.

Each analysed article is written in one transaction with its actors, quotes, events, FTS rows, MinHash
and the duplicates that waited for it, so a run killed at any moment loses at most the articles in flight,
which the next run analyses again.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO

import numpy as np

from .. import dedup
from ..ingest.sources import Item, plan, read_units
from ..model import Article
from ..store.writer import Source, Store
from .local import CHUNK, analyse_stream


@dataclass
class Summary:
    added: int = 0
    exact: int = 0
    near: int = 0
    already: int = 0
    rejected: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    load_seconds: float = 0.0  # loading the spaCy pipeline (included in seconds)
    cpu_seconds: float = 0.0  # CPU time of this process (with --workers 1, all of the work)
    load_cpu_seconds: float = 0.0  # CPU time of the model loading, when it happened in this process
    failed: dict[str, str] = field(default_factory=dict)  # --engine dask: shards that failed, with the error

    @property
    def done(self) -> int:
        return self.added + self.exact + self.near + self.already + sum(self.rejected.values())

    def lines(self) -> list[str]:
        skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(self.rejected.items())) or "none"
        rate = self.added / self.seconds if self.seconds else 0.0
        return [
            f"added {self.added} article(s) in {self.seconds:.1f} s ({rate:.2f} articles/s; "
            f"model loading {self.load_seconds:.1f} s)",
            f"duplicates {self.exact + self.near} (exact {self.exact}, near {self.near})",
            f"already ingested {self.already}",
            f"skipped {sum(self.rejected.values())} ({skipped})",
        ] + [f"FAILED shard {shard}: {error}" for shard, error in self.failed.items()]

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "exact": self.exact, "near": self.near, "already": self.already,
                "rejected": dict(self.rejected), "seconds": round(self.seconds, 2),
                "load_seconds": round(self.load_seconds, 2), "cpu_seconds": round(self.cpu_seconds, 2),
                "load_cpu_seconds": round(self.load_cpu_seconds, 2), **({"failed": self.failed} if self.failed else {})}


@dataclass(eq=False)
class Pending:
    source: Source
    hash: str
    sig: np.ndarray
    bands: list[tuple[int, int]]
    dups: list[tuple[Source, str, float]] = field(default_factory=list)


class Progress:
    """A progress bar on a terminal (tqdm), else a log line every ``every`` seconds."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True, every: float = 10.0):
        self.stream = stream or sys.stderr
        self.total, self.n, self.every = total, 0, every
        self.start = self.last = time.monotonic()
        self.enabled = enabled
        self.bar = None
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, n: int = 1) -> None:
        self.n += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if self.enabled and now - self.last >= self.every:
            self.last = now
            rate = self.n / (now - self.start)
            left = max(self.total - self.n, 0)
            eta = f"{left / rate:.0f} s" if rate else "?"
            print(f"veille: {self.n}/{self.total} articles, {rate:.2f} articles/s, ETA {eta}",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def ingest(paths: list[str], db: str | Path, workers: int = 1, nlp=None, chunk: int = CHUNK,
           progress: bool = True, stream: TextIO | None = None) -> Summary:
    started, cpu_started = time.monotonic(), time.process_time()
    store = Store(db)
    summary = Summary()
    units = plan(list(paths))
    bar = Progress(sum(u.estimate for u in units), stream=stream, enabled=progress)
    stats: dict[str, float] = {}

    def analyse(pairs):
        return analyse_stream(pairs, workers=workers, chunk=chunk, nlp=nlp, stats=stats)

    try:
        write_items(store, read_units(units, store.known), analyse, summary, bar)
    finally:
        bar.close()
        store.close()
    summary.seconds = time.monotonic() - started
    summary.load_seconds = stats.get("load_s", 0.0)
    summary.cpu_seconds = time.process_time() - cpu_started
    summary.load_cpu_seconds = stats.get("load_cpu_s", 0.0)
    return summary


def write_items(store: Store, items: Iterable[Item], analyse: Callable, summary: Summary, bar: Progress) -> None:
    """Deduplicate ``items`` against the store and each other, analyse the rest, write everything.

    ``analyse`` maps an iterator of ``(tag, article)`` pairs to ``(tag, result)`` pairs in the same order
    (:func:`veille.run.local.analyse_stream`, or a look-up of results computed elsewhere, as the Dask
    runner does). An item may carry its text hash and MinHash signature already (``text_hash``, ``sig``).
    Shared by the local and the distributed runners, so both write the same tables.
    """
    by_hash: dict[str, Pending] = {}
    by_key: set[str] = set()
    by_band: dict[tuple[int, int], list[Pending]] = {}

    def near_pending(sig: np.ndarray, bands: list[tuple[int, int]]) -> tuple[Pending, float] | None:
        best = None
        for b in bands:
            for p in by_band.get(b, ()):
                sim = dedup.similarity(sig, p.sig)
                if sim >= dedup.THRESHOLD and (best is None or sim > best[1]):
                    best = (p, sim)
        return best

    def to_analyse() -> Iterator[tuple[Pending, Article]]:
        for item in items:
            src = item.source
            if item.skipped or src.key in by_key:
                summary.already += 1
                bar.update()
                continue
            if item.error is not None:
                err = item.error
                store.add_reject(src.key, err.origin, err.reason, err.detail)
                summary.rejected[err.reason] += 1
                bar.update()
                continue
            article = item.article
            text_hash = item.text_hash or dedup.text_hash(article.text)
            aid = store.article_by_hash(text_hash)
            if aid is not None:
                store.add_source(aid, src, "exact", 1.0)
                summary.exact += 1
                bar.update()
                continue
            if text_hash in by_hash:
                by_hash[text_hash].dups.append((src, "exact", 1.0))
                by_key.add(src.key)
                continue
            sig = item.sig if item.sig is not None else dedup.signature(article.text)
            bands = dedup.bands(sig)
            hit = store.near(sig, bands)
            if hit is not None:
                store.add_source(hit[0], src, "near", round(hit[1], 3))
                summary.near += 1
                bar.update()
                continue
            waiting = near_pending(sig, bands)
            if waiting is not None:
                waiting[0].dups.append((src, "near", round(waiting[1], 3)))
                by_key.add(src.key)
                continue
            p = Pending(src, text_hash, sig, bands)
            by_hash[text_hash] = p
            by_key.add(src.key)
            for b in bands:
                by_band.setdefault(b, []).append(p)
            yield p, article

    for p, result in analyse(to_analyse()):
        with store.transaction():
            if "error" in result:
                origin, reason, detail = result["error"]
                store.add_reject(p.source.key, origin, reason, detail)
                for src, kind, _sim in p.dups:  # the same text: the same verdict
                    store.add_reject(src.key, src.origin, reason, f"{kind} duplicate of {origin}: {detail}")
                summary.rejected[reason] += 1 + len(p.dups)
            else:
                aid = store.add_article(result["record"], result.get("lemmas"), p.hash, p.source, p.sig)
                for src, kind, sim in p.dups:
                    store.add_source(aid, src, kind, sim)
                summary.added += 1
                summary.exact += sum(1 for _, k, _ in p.dups if k == "exact")
                summary.near += sum(1 for _, k, _ in p.dups if k == "near")
        _forget(p, by_hash, by_key, by_band)
        bar.update(1 + len(p.dups))


def _forget(p: Pending, by_hash, by_key, by_band) -> None:
    by_hash.pop(p.hash, None)
    by_key.discard(p.source.key)
    for src, _, _ in p.dups:
        by_key.discard(src.key)
    for b in p.bands:
        lst = by_band.get(b)
        if lst:
            try:
                lst.remove(p)
            except ValueError:
                pass
            if not lst:
                del by_band[b]
