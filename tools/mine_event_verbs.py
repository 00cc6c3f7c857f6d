"""Mine OrangeSum for the verbs and nouns real news uses between actors (to grow the event lexicon).

    PYTHONPATH=src python tools/mine_event_verbs.py ../shared/data/orangesum/train.jsonl.gz --limit 2000

Runs the full pipeline (parser + actors) on the first LIMIT articles (keep it to a few thousand: two
cores are shared) and counts lemmas of verbs whose subject and object/prepositional complement are
both actors, and of nouns with an actor complement ("de X", "par X", "contre X"). Prints the top
lemmas with the frames seen, marking those already in the lexicon. Writes no article text.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args()
    from veille.analyse import event_lexicon
    from veille.nlp import build

    nlp = build(("veille_actors",))
    known = {(p.pos, p.lemma) for p in event_lexicon.default().patterns}

    def texts():
        with gzip.open(args.path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= args.limit:
                    break
                yield json.loads(line)["text"]

    verbs, nouns = Counter(), Counter()
    frames = defaultdict(Counter)
    for doc in nlp.pipe(texts(), batch_size=32):
        ao = doc._.actor_of or {}
        for tok in doc:
            kids = list(tok.children)
            if tok.pos_ == "VERB":
                subj = any(c.dep_ == "nsubj" and c.i in ao for c in kids)
                if not subj:
                    continue
                for c in kids:
                    if c.i in ao and c.dep_ in ("obj", "iobj") or c.dep_.startswith("obl") and c.i in ao:
                        case = next((x.lower_ for x in c.children if x.dep_ == "case"), "")
                        frame = c.dep_ + (":" + case if case else "")
                        verbs[tok.lemma_.lower()] += 1
                        frames[("verb", tok.lemma_.lower())][frame] += 1
            elif tok.pos_ == "NOUN":
                for c in kids:
                    if c.dep_ == "nmod" and c.i in ao:
                        case = next((x.lower_ for x in c.children if x.dep_ == "case"), "")
                        if case in ("de", "du", "des", "d'", "par", "contre", "avec", "entre", "à"):
                            nouns[tok.lemma_.lower()] += 1
                            frames[("noun", tok.lemma_.lower())][case] += 1
    for pos, counter in (("verb", verbs), ("noun", nouns)):
        print(f"== {pos}s with actor arguments (top {args.top}); * = already in the lexicon")
        for lemma, n in counter.most_common(args.top):
            mark = "*" if (pos, lemma) in known else " "
            fr = ", ".join(f"{k} {v}" for k, v in frames[(pos, lemma)].most_common(3))
            print(f"{mark} {n:>5}  {lemma:<20} {fr}")


if __name__ == "__main__":
    main()
