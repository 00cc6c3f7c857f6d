"""HTML pages: the article (title, date, URL, site, main text) as trafilatura extracts it."""
from __future__ import annotations

from ..errors import InputError
from ..model import Article
from .dates import iso_date
from .text import checked_text

MIN_WORDS = 25  # below this, what trafilatura found is a stub, a menu or an error page


def article_from_html(html: str, origin: str, url: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True,
        favor_precision=True, deduplicate=True,
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "not-an-article", "no article text found in the page")
    text = doc.text
    if len(text.split()) < MIN_WORDS:
        raise InputError(origin, "not-an-article", f"only {len(text.split())} words of text in the page")
    return Article(
        id="", text=checked_text(text, origin), title=doc.title or None, published=iso_date(doc.date),
        url=doc.url or url or None, site=doc.sitename or None, origin=origin,
    )
