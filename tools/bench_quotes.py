"""Time the pipeline with and without ``veille_quotes`` and print articles per second.

    PYTHONPATH=src python tools/bench_quotes.py [--n 100] [--data ../shared/data/orangesum/valid.jsonl.gz]

Both pipelines see the same articles, one process, batch size 32, interleaved, best of --rounds;
a warm-up batch is not counted.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time

from veille import nlp as pipeline
from veille.normalise import normalise


def load(path: str, n: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(normalise(json.loads(line)["text"]))
            if len(texts) >= n + 10:
                break
    return texts


def run(nlp, texts: list[str]) -> float:
    for _ in nlp.pipe(texts[:10], batch_size=32):  # warm-up
        pass
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts[10:], batch_size=32):
        pass
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--data", default="../shared/data/orangesum/valid.jsonl.gz")
    args = ap.parse_args()
    texts = load(args.data, args.n)
    n = len(texts) - 10
    without = pipeline.build(("veille_actors",))
    with_quotes = pipeline.build(("veille_actors", "veille_quotes"))
    # interleaved, best of `rounds`: the machine is shared, a single run is noisy
    t_without = t_with = float("inf")
    for _ in range(args.rounds):
        t_without = min(t_without, run(without, texts))
        t_with = min(t_with, run(with_quotes, texts))
    print(f"{n} articles")
    print(f"without veille_quotes: {t_without:6.2f} s  {n / t_without:6.1f} articles/s")
    print(f"with veille_quotes:    {t_with:6.2f} s  {n / t_with:6.1f} articles/s")
    print(f"quotation step (difference of the two runs): +{100 * (t_with - t_without) / t_without:.1f}%")
    # The difference of two runs is noisy on a shared machine: time the component alone as well.
    docs = list(without.pipe(texts[10:], batch_size=32))
    finder = with_quotes.get_pipe("veille_quotes")
    t0 = time.perf_counter()
    for doc in docs:
        finder(doc)
    t_component = time.perf_counter() - t0
    print(f"veille_quotes alone:   {t_component:6.2f} s  ({1000 * t_component / n:.1f} ms/article), "
          f"+{100 * t_component / t_without:.1f}% of analysis time")


if __name__ == "__main__":
    main()
