"""Bytes -> text, with the checks every input goes through (size, binary content, encoding)."""
from __future__ import annotations

from typing import BinaryIO

from ..errors import InputError

MAX_BYTES = 50_000_000  # a single input file (a JSONL file may hold many articles)
MAX_ARTICLE_CHARS = 500_000  # about 80,000 words; spaCy's own limit is 1,000,000


def read_bytes(fh: BinaryIO, origin: str) -> bytes:
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(origin, "too-large", f"larger than {MAX_BYTES // 1_000_000} MB")
    return data


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode_text(data: bytes, origin: str, with_warnings: bool = False):
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or, with a warning, a legacy encoding."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError(origin, "empty", "the file is empty")
    if looks_binary(data):
        raise InputError(origin, "binary", "binary content, not text")
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding.replace("_", "-") in ("utf-8", "ascii"):
            raise InputError(origin, "undecodable",
                             f"not valid UTF-8 (byte {err.start}) and no other encoding fits") from None
        text = str(best)
        warnings.append(f"decoded as {best.encoding}, not UTF-8")
    return (text, warnings) if with_warnings else text
