"""Language identification (py3langid, a pure-Python port of langid.py with its own model)."""
from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 40  # shorter texts are too short to judge; they are analysed as French


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import LanguageIdentifier, MODEL_FILE

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text`` (its first 1,500 characters: plenty for a
    clear verdict, and language identification then costs about 2 ms an article)."""
    sample = text[:1500]
    if len(sample.strip()) < MIN_CHARS:
        return "fr", 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def is_french(text: str) -> tuple[bool, str]:
    lang, prob = detect(text)
    # langid is over-confident on short texts; only refuse a clear verdict for another language.
    return (lang == "fr" or prob < 0.9), lang
