"""Time the pipeline with and without ``veille_events`` on OrangeSum articles.

    PYTHONPATH=src python tools/bench_events.py ../shared/data/orangesum/valid.jsonl.gz --limit 100
"""
from __future__ import annotations

import argparse
import gzip
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    from veille.nlp import build

    with gzip.open(args.path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), f)]
    tokens = 0
    results = {}
    for name, steps in (("without events", ("veille_actors", "veille_quotes")),
                        ("with events", ("veille_actors", "veille_quotes", "veille_events"))):
        nlp = build(steps)
        list(nlp.pipe(texts[:5]))  # warm-up
        t0 = time.perf_counter()
        n_events = 0
        tokens = 0
        for doc in nlp.pipe(texts, batch_size=32):
            tokens += len(doc)
            n_events += len(doc._.events or []) if doc.has_extension("events") else 0
        dt = time.perf_counter() - t0
        results[name] = dt
        print(f"{name:<15} {len(texts)} articles, {tokens} tokens: {dt:.2f} s = {len(texts) / dt:.1f} articles/s"
              + (f", {n_events} events" if name == "with events" else ""))
    extra = results["with events"] - results["without events"]
    print(f"events add {extra:.2f} s ({100 * extra / results['without events']:.1f}% of the rest of the pipeline)")


if __name__ == "__main__":
    main()
