"""Quotations (filled by the quotation extractor): sets ``doc._.quotes``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.component("veille_quotes")
def find_quotes(doc: Doc) -> Doc:
    doc._.quotes = []
    return doc
