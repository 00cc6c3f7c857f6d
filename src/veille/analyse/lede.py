"""The lede: until the learned scorer lands, the leading sentences up to 280 characters."""
from __future__ import annotations

MAX_CHARS = 280


def choose_lede(text: str, sentences: list[tuple[int, int]], title: str | None = None) -> str:
    out: list[str] = []
    for start, end in sentences:
        piece = text[start:end]
        if out and len(" ".join(out + [piece])) > MAX_CHARS:
            break
        if not out and len(piece) > MAX_CHARS:
            return piece[:MAX_CHARS].rsplit(" ", 1)[0]
        out.append(piece)
        if len(" ".join(out).split()) >= 25:
            break
    return " ".join(out)
