"""Events (filled by the event coder): sets ``doc._.events``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.component("veille_events")
def find_events(doc: Doc) -> Doc:
    doc._.events = []
    return doc
