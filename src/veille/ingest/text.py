"""Plain-text articles."""
from __future__ import annotations

from ..errors import InputError
from ..model import Article
from ..normalise import normalise
from .decode import MAX_ARTICLE_CHARS


def checked_text(text: str, origin: str) -> str:
    """Normalise and check an article body; raise InputError if it cannot be analysed."""
    if len(text) > MAX_ARTICLE_CHARS * 2:
        raise InputError(origin, "too-large", f"{len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    text = normalise(text)
    if not text:
        raise InputError(origin, "empty", "no text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(origin, "too-large", f"{len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    if sum(ch.isalpha() for ch in text) < 0.5 * len(text.replace(" ", "").replace("\n", "")):
        raise InputError(origin, "not-an-article", "mostly not letters (markup, numbers or a data file?)")
    return text


def article_from_text(text: str, origin: str, **meta) -> Article:
    return Article(id=meta.pop("id", "") or "", text=checked_text(text, origin), origin=origin, **meta)
