"""Sentence boundaries the parser must respect: every paragraph starts a sentence.

spaCy's French parser happily runs a sentence across a blank line; we fix the boundaries before the
parser runs (it keeps sentence starts that are already set). Tokens inside a paragraph are left for
the parser to decide, except the first one and tokens that cannot start a French sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("veille_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    new_paragraph = True
    straight_quotes = 0  # parity of " in the paragraph tells opening from closing
    previous = ""  # the text of the previous token (token.text builds a new string: read it once)
    for token in doc:
        text = token.text
        if token.is_space and "\n" in text:
            new_paragraph, straight_quotes, previous = True, 0, text
            continue
        if new_paragraph:
            token.is_sent_start = True
            new_paragraph = False
        elif previous in ("«", "“") or (previous == '"' and straight_quotes % 2 == 1):
            token.is_sent_start = False  # never split right after an opening quotation mark
        elif text == '"' and straight_quotes % 2 == 1:
            token.is_sent_start = False  # a closing quotation mark ends its sentence
        elif text[:1].islower() or text[:1] in ",;:)]»”":
            # A French sentence never starts with a lowercase word or closing punctuation: this keeps
            # the incise after a quotation ("», a-t-il déclaré") in the quotation's sentence.
            token.is_sent_start = False
        if text == '"':
            straight_quotes += 1
        previous = text
    return doc


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences, without surrounding whitespace."""
    spans = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if toks:
            spans.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return spans
