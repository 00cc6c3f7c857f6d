"""Train veille's lede scorer on OrangeSum (reproducible: fixed seed, deterministic features).

    python tools/train_lede.py [--data ../shared/data/orangesum/train.jsonl.gz] [--out src/veille/models/lede.json]

Every candidate lede of every training article (see ``veille.analyse.lede.candidates``; sentences
from the plain splitter, which never crosses a newline like the pipeline's) gets the ROUGE of its
text against the publisher's lede as its target: (ROUGE-1 + ROUGE-2 + ROUGE-L) / 3 F1, minus the
article's best candidate (so the model learns to rank within an article). A scikit-learn
HistGradientBoostingRegressor is fitted and its trees are written as JSON, which
``veille.analyse.lede.LedeModel`` evaluates without scikit-learn.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from veille.analyse import lede  # noqa: E402
from veille.evaluate.rouge import lcs_length, rouge_n, tokenize  # noqa: E402

SEED = 13

# --- text normalisation, as the pipeline does it (veille.normalise when available) ------------------
try:  # pragma: no cover - depends on the merged tree
    from veille.normalise import normalise  # type: ignore
except ImportError:  # the same rules, for a tree without veille.normalise
    UPPER = "A-ZÀ-ÖØ-ÞŒ"
    LOWER = "a-zß-öø-ÿœ"
    _GLUED = re.compile(rf"(?<=[{LOWER}0-9)»”\"][.!?…])(?=[«“\"]?[{UPPER}][{LOWER}])")
    _INTERTITLE = re.compile(rf"(?<=[.!?…\"»])(- [^\n]{{1,80}}? -)(?=[«“\"]?[{UPPER}])")
    _GLUED_QUOTE = re.compile(rf"(?<=[{LOWER}0-9][.!?…][\"»”])(?=[{UPPER}][{LOWER}])")
    _SPACES = re.compile(r"[ \t\u00a0\u202f]+")

    def _repair_glued(paragraph: str) -> str:
        paragraph = _INTERTITLE.sub(lambda m: "\n" + m.group(1) + "\n", paragraph)
        out, last = [], 0
        cuts = sorted({m.start() for m in _GLUED.finditer(paragraph)}
                      | {m.start() for m in _GLUED_QUOTE.finditer(paragraph)})
        for cut in cuts:
            if paragraph[cut - 1] != '"' and paragraph[cut:cut + 1] == '"' and paragraph.count('"', 0, cut) % 2 == 1:
                continue
            if paragraph[cut - 1] == '"' and paragraph.count('"', 0, cut - 1) % 2 == 0:
                continue
            out.append(paragraph[last:cut])
            last = cut
        out.append(paragraph[last:])
        return "\n\n".join(p.strip() for part in out for p in part.split("\n") if p.strip())

    def normalise(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
        paragraphs = []
        for line in text.split("\n"):
            line = _SPACES.sub(lambda m: " " if " " in m.group() or "\t" in m.group() else m.group(), line).strip()
            if line:
                paragraphs.append(_repair_glued(line))
        return "\n\n".join(paragraphs)


def read_articles(path, limit: int | None = None):
    """OrangeSum JSON lines -> dicts with the normalised text."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if limit is not None and k >= limit:
                break
            row = json.loads(line)
            row["text"] = normalise(row["text"])
            yield row


def scores(cand_tokens, ref_tokens) -> tuple[float, float, float]:
    return (rouge_n(cand_tokens, ref_tokens, 1), rouge_n(cand_tokens, ref_tokens, 2),
            2 * lcs_length(cand_tokens, ref_tokens) / (len(cand_tokens) + len(ref_tokens))
            if cand_tokens and ref_tokens else 0.0)


def compute_idf(articles, min_df: int = 3, max_words: int = 30000) -> dict:
    """Inverse document frequency of the words of the training texts (the most frequent words only;
    "" holds the value for any other word)."""
    import math
    from collections import Counter

    df, n = Counter(), 0
    for a in articles:
        n += 1
        df.update(set(lede._words(a["title"] + " " + a["text"])))
    kept = [(w, c) for w, c in df.most_common(max_words) if c >= min_df]
    idf = {w: round(math.log(n / c), 3) for w, c in kept}
    idf[""] = round(math.log(n / max(min_df - 1, 1)), 3)
    return idf


def build_rows(articles, idf=None):
    """Feature rows, targets (R1, R2, RL) and the article index of each row."""
    X, Y, G = [], [], []
    for g, a in enumerate(articles):
        sents = lede.split_sentences(a["text"])
        if not sents:
            continue
        ref = tokenize(a["summary"])
        cands, rows = lede.featurise(a["text"], sents, a["title"], idf)
        for (i, n, kind, spans), row in zip(cands, rows):
            X.append(row)
            Y.append(scores(tokenize(lede.lede_text(a["text"], spans)), ref))
            G.append(g)
    return X, Y, G


def export_trees(model, n_features: int) -> dict:
    """HistGradientBoostingRegressor -> {"baseline", "trees": [[feature, threshold, left, right, value]]}."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([-1, 0.0, 0, 0, round(float(node["value"]), 7)])
            else:
                nodes.append([int(node["feature_idx"]), float(node["num_threshold"]),
                              int(node["left"]), int(node["right"]), 0.0])
        trees.append(nodes)
    return {"baseline": float(model._baseline_prediction.ravel()[0]), "trees": trees}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "orangesum" / "train.jsonl.gz"))
    ap.add_argument("--out", default=str(ROOT / "src" / "veille" / "models" / "lede.json"))
    ap.add_argument("--limit", type=int, default=None, help="use only the first N training articles")
    ap.add_argument("--iter", type=int, default=200, help="boosting iterations")
    ap.add_argument("--cache", default=None, help="cache the feature matrix in this .npz file")
    args = ap.parse_args(argv)

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingRegressor

    t0 = time.time()
    articles = list(read_articles(args.data, args.limit))
    idf = compute_idf(articles)
    if args.cache and Path(args.cache).exists():
        z = np.load(args.cache)
        X, Y, G = z["X"], z["Y"], z["G"]
        if X.shape[1] != len(lede.FEATURES):
            sys.exit("the cache has other features: delete it")
    else:
        X, Y, G = build_rows(articles, idf)
        X, Y, G = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64), np.asarray(G)
        if args.cache:
            np.savez_compressed(args.cache, X=X, Y=Y, G=G)
    print(f"{len(X)} candidates from {len(set(G.tolist()))} articles, {time.time() - t0:.0f}s", file=sys.stderr)

    y = (Y[:, 0] + Y[:, 2]) / 2  # the figures the lede is judged on: ROUGE-1 and ROUGE-L
    best = np.zeros(G.max() + 1)
    np.maximum.at(best, G, y)
    y = y - best[G]

    model = HistGradientBoostingRegressor(max_iter=args.iter, learning_rate=0.1, max_leaf_nodes=15,
                                          min_samples_leaf=100, l2_regularization=1.0, early_stopping=False,
                                          random_state=SEED)
    model.fit(X, y)
    print(f"fitted in {time.time() - t0:.0f}s", file=sys.stderr)
    spec = {"kind": "trees", "features": list(lede.FEATURES), "target": "mean(R1,RL) - article best",
            "trained_on": Path(args.data).name, "articles": int(len(set(G.tolist()))), "seed": SEED}
    spec.update(export_trees(model, X.shape[1]))
    spec["idf"] = idf
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(spec, f, separators=(",", ":"))
    # check the export against scikit-learn
    scorer = lede.LedeModel(spec).scorer
    sample = X[:: max(len(X) // 500, 1)]
    diff = max(abs(scorer.predict([float(v) for v in row]) - p) for row, p in zip(sample, model.predict(sample)))
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB), export max diff {diff:.2e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
