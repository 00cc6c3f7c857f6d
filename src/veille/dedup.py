"""Duplicate detection before analysis.

- exact: sha1 of the normalised text with whitespace collapsed and case folded;
- near: MinHash (datasketch, 128 permutations) over word 5-shingles, LSH banding tuned for a Jaccard
  threshold of 0.8; the band hashes are stored in SQLite (``lsh_bands``) so that duplicates are found
  across runs without loading every signature, and a candidate is kept only when the estimated
  Jaccard similarity of the two signatures reaches the threshold.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}


@lru_cache(maxsize=1)
def _params() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signature(text: str) -> np.ndarray:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles(text)))
    return m.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, signed 64-bit hash of the band's values) for the LSH index."""
    b, r = _params()
    out = []
    for i in range(b):
        digest = hashlib.blake2b(sig[i * r:(i + 1) * r].tobytes(), digest_size=8).digest()
        out.append((i, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
