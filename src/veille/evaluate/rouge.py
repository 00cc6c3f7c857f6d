"""ROUGE F1 (x 1, in 0..1) on lowercased word tokens that keep accented letters.

Tokens are runs of letters (accented letters included) and digits: ``[^\\W_]+`` on the lowercased
text, so "été" is one token and "l'été" is two ("l", "été"). ROUGE-N counts clipped n-gram overlaps;
ROUGE-L uses the longest common subsequence (computed bit-parallel, so it is fast in pure Python).
No stemming, no stop-word removal.
"""
from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens: runs of letters (accents kept) and digits."""
    return _WORD.findall(text.lower())


def _f1(overlap: int, n_cand: int, n_ref: int) -> float:
    if not overlap or not n_cand or not n_ref:
        return 0.0
    p, r = overlap / n_cand, overlap / n_ref
    return 2 * p * r / (p + r)


def _ngrams(tokens: list[str], n: int) -> Counter:
    if n == 1:
        return Counter(tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate_tokens: list[str], reference_tokens: list[str], n: int) -> float:
    """ROUGE-N F1 between two token lists."""
    c, r = _ngrams(candidate_tokens, n), _ngrams(reference_tokens, n)
    return _f1(sum((c & r).values()), max(len(candidate_tokens) - n + 1, 0), max(len(reference_tokens) - n + 1, 0))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (Hyyrö's bit-vector algorithm)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for j, tok in enumerate(b):
        masks[tok] = masks.get(tok, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for tok in a:
        m = masks.get(tok)
        if m is None:
            continue
        u = v & m
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def rouge_l(candidate_tokens: list[str], reference_tokens: list[str]) -> float:
    """ROUGE-L F1 (sentence level, LCS-based) between two token lists."""
    return _f1(lcs_length(candidate_tokens, reference_tokens), len(candidate_tokens), len(reference_tokens))


def rouge_scores(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (0..1) between two texts."""
    c, r = tokenize(candidate), tokenize(reference)
    return {"rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2), "rougeL": rouge_l(c, r)}
