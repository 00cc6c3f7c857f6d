"""Normalise article text once, before analysis; every offset veille outputs indexes the result.

- Unicode NFC; typographic apostrophes and quotation marks are kept as they are.
- Line endings become ``\\n``; spaces around lines are trimmed; runs of blank lines become one.
- Paragraphs glued by scraping ("domestique.Consternant") are split again with a newline.
"""
from __future__ import annotations

import re
import unicodedata

UPPER = "A-ZÀ-ÖØ-ÞŒ"
LOWER = "a-zß-öø-ÿœ"
# A sentence end glued to the next sentence: two lowercase letters (or a digit/closing bracket/quote)
# then . ! ? or … then an uppercase letter starting a word.
_GLUED = re.compile(rf"(?<=[{LOWER}0-9)»”\"][.!?…])(?=[«“\"]?[{UPPER}][{LOWER}])")
# OrangeSum-style intertitles glued on both sides: "morts.- Véritable amie -Le Premier"
_INTERTITLE = re.compile(rf"(?<=[.!?…\"»])(- [^\n]{{1,80}}? -)(?=[«“\"]?[{UPPER}])")
# "la NOAA.Aucun commentaire", 'députés LREM."Orphelins': an acronym ending a sentence; "Maison BlancheSelon Axios": a heading glued
# to the next paragraph with no punctuation at all (five lowercase letters, then a capitalised word).
_GLUED_ACRONYM = re.compile(rf"(?<=[{UPPER}]{{2}}[.!?])(?=[«“\"]?[{UPPER}][{LOWER}]{{2}})")
_GLUED_BARE = re.compile(rf"(?<=[{LOWER}]{{5}})(?=[{UPPER}][{LOWER}]{{2}})")
_GLUED_QUOTE = re.compile(rf"(?<=[{LOWER}0-9][.!?…][\"»”])(?=[{UPPER}][{LOWER}])")
# A paragraph cannot end with a civility title: the name that follows was cut off by the page's markup.
_ENDS_WITH_TITLE = re.compile(r"(?:^|\s)(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Mgr|Dr|Pr)$")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def _repair_glued(paragraph: str) -> str:
    # A straight quote right after the period may close a quotation (split after it) or open the
    # next one (split before it): its parity in the paragraph tells which.
    paragraph = _INTERTITLE.sub(lambda m: "\n" + m.group(1) + "\n", paragraph)
    out: list[str] = []
    last = 0
    cuts = sorted({m.start() for pattern in (_GLUED, _GLUED_QUOTE, _GLUED_ACRONYM, _GLUED_BARE)
                   for m in pattern.finditer(paragraph)})
    for cut in cuts:
        if paragraph[cut - 1] != '"' and paragraph[cut:cut + 1] == '"' and paragraph.count('"', 0, cut) % 2 == 1:
            continue  # this quote closes a quotation: the cut after it is taken by _GLUED_QUOTE
        if paragraph[cut - 1] == '"' and paragraph.count('"', 0, cut - 1) % 2 == 0:
            continue  # the quote opens a quotation: the cut before it was taken by _GLUED
        out.append(paragraph[last:cut])
        last = cut
    out.append(paragraph[last:])
    return "\n\n".join(p.strip() for part in out for p in part.split("\n") if p.strip())


def normalise(text: str) -> str:
    """Return the normalised text (see module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    paragraphs = []
    for line in text.split("\n"):
        line = _SPACES.sub(lambda m: " " if " " in m.group() or "\t" in m.group() else m.group(), line).strip()
        if not line:
            continue
        if paragraphs and _ENDS_WITH_TITLE.search(paragraphs[-1]) and line[:1].isupper():
            paragraphs[-1] += " " + _repair_glued(line)  # "M.</p><p>Sarkozy" on a real page: one name
        else:
            paragraphs.append(_repair_glued(line))
    return "\n\n".join(paragraphs)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (lines) of a normalised text."""
    spans, start = [], 0
    for m in re.finditer(r"\n+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
