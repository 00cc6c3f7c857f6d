"""Analyse: one entry point, :func:`analyse_batch`, used by the CLI, batch and distributed runs alike."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..errors import InputError
from ..language import is_french
from ..model import Analysis, Article

BATCH_SIZE = 32


def analyse_batch(articles: Iterable[Article], nlp=None, batch_size: int = BATCH_SIZE,
                  check_language: bool = True) -> Iterator[Analysis | InputError]:
    """Analyse articles in order; an article that is not French comes back as an ``InputError``."""
    from .. import nlp as pipeline
    from .lede import choose_lede

    nlp = nlp or pipeline.default()
    kept: list[Article] = []

    def french(stream):
        for article in stream:
            if check_language:
                ok, lang = is_french(article.text)
                if not ok:
                    kept.append(InputError(article.origin or article.id, "not-french",
                                           f"the text is in another language (detected: {lang})"))
                    continue
            kept.append(article)
            yield article.text

    docs = nlp.pipe(french(articles), batch_size=batch_size)
    for doc in docs:
        while kept and isinstance(kept[0], InputError):
            yield kept.pop(0)
        article = kept.pop(0)
        yield analysis_of(article, doc, choose_lede)
    while kept:
        yield kept.pop(0)


def analysis_of(article: Article, doc, choose_lede) -> Analysis:
    from .sentences import sentence_spans

    spans = sentence_spans(doc)
    return Analysis(
        article=article, lang="fr", summary=choose_lede(article.text, spans, article.title),
        sentences=spans, actors=doc._.actors or [], quotes=doc._.quotes or [], events=doc._.events or [],
        warnings=list(article.warnings), lemmas=lemma_text(doc),
    )


def lemma_text(doc) -> str:
    """The article's lemmas, lower case, one space apart (punctuation and spaces left out)."""
    return " ".join(t.lemma_.lower() for t in doc if not (t.is_space or t.is_punct))
