"""Time the pipeline with and without ``veille_quotes`` and print articles per second.

    PYTHONPATH=src python tools/bench_quotes.py [--n 100] [--data ../shared/data/orangesum/valid.jsonl.gz]

Both runs use the same articles, one process, batch size 32; a warm-up batch is not counted.
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
    ap.add_argument("--data", default="../shared/data/orangesum/valid.jsonl.gz")
    args = ap.parse_args()
    texts = load(args.data, args.n)
    n = len(texts) - 10
    without = pipeline.build(("veille_actors",))
    t_without = run(without, texts)
    with_quotes = pipeline.build(("veille_actors", "veille_quotes"))
    t_with = run(with_quotes, texts)
    print(f"{n} articles")
    print(f"without veille_quotes: {t_without:6.2f} s  {n / t_without:6.1f} articles/s")
    print(f"with veille_quotes:    {t_with:6.2f} s  {n / t_with:6.1f} articles/s")
    print(f"quotation step: +{100 * (t_with - t_without) / t_without:.1f}% of analysis time")


if __name__ == "__main__":
    main()
