"""Train veille's lede scorer on OrangeSum (reproducible: fixed seed, deterministic features).

    python tools/train_lede.py [--data ../shared/data/orangesum/train.jsonl.gz] [--out src/veille/models/lede.json]

Every candidate lede of every training article (see ``veille.analyse.lede.candidates``; sentences
from the plain splitter, which never crosses a newline like the pipeline's) gets the ROUGE of its
text against the publisher's lede: (ROUGE-1 + ROUGE-L) / 2 F1. By default a LightGBM LambdaRank model
(``pip install lightgbm``, training only) learns to order each article's candidates, with that score
in steps of 1/30 as graded relevance; ``--objective regression`` fits scikit-learn's
HistGradientBoostingRegressor to the score minus the article's best instead. The trees are written as
JSON, which ``veille.analyse.lede.LedeModel`` evaluates without LightGBM, scikit-learn or numpy.
One training article in ten is shown without its title, one in ten with its title as a heading line
above the text and no title (see ``as_input``).
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

from veille.normalise import normalise  # noqa: E402  (the pipeline's own normalisation)

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
    # ties broken by the word, not by set order (which varies with the hash seed)
    kept = [(w, c) for w, c in sorted(df.items(), key=lambda wc: (-wc[1], wc[0]))[:max_words] if c >= min_df]
    idf = {w: round(math.log(n / c), 3) for w, c in kept}
    idf[""] = round(math.log(n / max(min_df - 1, 1)), 3)
    return idf


def as_input(g: int, a: dict) -> tuple[str, str | None]:
    """The (text, title) the model sees for training article ``g``. Texts handed to veille do not always
    come with a title (a .txt file): one article in ten is given without its title, and one in ten
    without a title but with it as a heading line at the top of the text (like a title, chapô or
    byline line above the body)."""
    if g % 10 == 1:
        return a["text"], None
    if g % 10 == 2:
        return a["title"].strip() + "\n\n" + a["text"], None
    return a["text"], a["title"]


def build_rows(articles, idf=None):
    """Feature rows, targets (R1, R2, RL) and the article index of each row."""
    X, Y, G = [], [], []
    for g, a in enumerate(articles):
        text, title = as_input(g, a)
        sents = lede.split_sentences(text)
        if not sents:
            continue
        ref = tokenize(a["summary"])
        cands, rows = lede.featurise(text, sents, title, idf)
        for (i, n, kind, spans), row in zip(cands, rows):
            X.append(row)
            Y.append(scores(tokenize(lede.lede_text(text, spans)), ref))
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


def export_lightgbm(booster) -> dict:
    """LightGBM booster (numerical splits, ``x <= threshold`` goes left) -> the same JSON trees."""
    trees = []
    for info in booster.dump_model()["tree_info"]:
        nodes = []

        def add(node):
            k = len(nodes)
            nodes.append(None)
            if "leaf_value" in node or "split_feature" not in node:
                nodes[k] = [-1, 0.0, 0, 0, round(float(node.get("leaf_value", 0.0)), 7)]
            else:
                assert node["decision_type"] == "<="
                left = add(node["left_child"])
                right = add(node["right_child"])
                nodes[k] = [int(node["split_feature"]), float(node["threshold"]), left, right, 0.0]
            return k

        add(info["tree_structure"])
        trees.append(nodes)
    return {"baseline": 0.0, "trees": trees}


def rank_labels(y):
    """Graded relevance for LambdaRank: the candidate's (R1+RL)/2 in steps of 1/30 (0..30)."""
    import numpy as np

    return np.clip(np.floor(y * 30), 0, 30).astype(int)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "orangesum" / "train.jsonl.gz"))
    ap.add_argument("--out", default=str(ROOT / "src" / "veille" / "models" / "lede.json"))
    ap.add_argument("--limit", type=int, default=None, help="use only the first N training articles")
    ap.add_argument("--iter", type=int, default=200, help="boosting iterations")
    ap.add_argument("--cache", default=None, help="cache the feature matrix in this .npz file")
    ap.add_argument("--objective", choices=("lambdarank", "regression"), default="lambdarank",
                    help="LightGBM LambdaRank on graded ROUGE labels (default) or the sklearn regressor")
    ap.add_argument("--leaves", type=int, default=15)
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
    spec = {"kind": "trees", "features": list(lede.FEATURES),
            "trained_on": Path(args.data).name, "articles": int(len(set(G.tolist()))), "seed": SEED}
    if args.objective == "lambdarank":
        import lightgbm as lgb

        # rows are grouped by article, in order: LambdaRank only has to order each article's candidates
        _, counts = np.unique(G, return_counts=True)
        params = dict(objective="lambdarank", label_gain=list(range(31)), lambdarank_truncation_level=5,
                      num_leaves=args.leaves, learning_rate=0.1, min_data_in_leaf=100, lambda_l2=1.0,
                      num_threads=2, seed=SEED, deterministic=True, force_row_wise=True, verbose=-1)
        model = lgb.train(params, lgb.Dataset(X, rank_labels(y), group=counts), num_boost_round=args.iter)
        spec["target"] = "LambdaRank, labels floor(30 * mean(R1,RL))"
        spec.update(export_lightgbm(model))
    else:
        best = np.zeros(G.max() + 1)
        np.maximum.at(best, G, y)
        y = y - best[G]
        model = HistGradientBoostingRegressor(max_iter=args.iter, learning_rate=0.1, max_leaf_nodes=args.leaves,
                                              min_samples_leaf=100, l2_regularization=1.0, early_stopping=False,
                                              random_state=SEED)
        model.fit(X, y)
        spec["target"] = "mean(R1,RL) - article best"
        spec.update(export_trees(model, X.shape[1]))
    print(f"fitted in {time.time() - t0:.0f}s", file=sys.stderr)
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
