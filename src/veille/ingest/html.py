"""HTML pages: the article (title, date, URL, site, main text) as trafilatura extracts it."""
from __future__ import annotations

from ..errors import InputError
from ..model import Article
from .dates import iso_date
from .text import checked_text

MIN_WORDS = 25  # below this, what trafilatura found is a stub, a menu or an error page
# trafilatura's fallbacks (readability, then jusText) mostly rescue pages where its own extraction
# came out short or empty; they cost a third of the extraction time. We extract without them first
# and redo the full extraction only below this many characters (identical texts on the 1,000
# OrangeSum pages either way: docs/corpus.md).
FULL_EXTRACTION_BELOW = 1500


def article_from_html(html: str, origin: str, url: str | None = None) -> Article:
    doc = _extract(html, url, fast=True)
    if doc is None or len(doc.text or "") < FULL_EXTRACTION_BELOW:
        # Without trafilatura's near-duplicate filter this time: the first pass already counted
        # these paragraphs as seen once.
        full = _extract(html, url, fast=False, deduplicate=False)
        if full is not None and (full.text or "").strip():
            doc = full
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "not-an-article", "no article text found in the page")
    text = doc.text
    if len(text.split()) < MIN_WORDS:
        raise InputError(origin, "not-an-article", f"only {len(text.split())} words of text in the page")
    return Article(
        id="", text=checked_text(text, origin), title=doc.title or None, published=iso_date(doc.date),
        url=doc.url or url or None, site=doc.sitename or None, origin=origin,
    )


def _extract(html: str, url: str | None, fast: bool, deduplicate: bool = True):
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True,
        favor_precision=True, deduplicate=deduplicate, fast=fast,
    )
