"""Ingest: turn files, folders, and standard input into :class:`veille.model.Article` records.

``read_inputs`` yields an ``Article`` or an ``InputError`` per input (per line for JSON Lines), so one
bad file never stops the others.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..model import Article
from .decode import read_bytes, decode_text
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .text import article_from_text

SUPPORTED = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def content_id(text: str) -> str:
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def expand(paths: Iterable[str]) -> Iterator[str | Path]:
    """Paths as given; folders become their supported files (sorted, recursive)."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            yield path


def read_inputs(paths: Iterable[str], stdin_format: str = "text") -> Iterator[Article | InputError]:
    for path in expand(paths):
        yield from read_one(path, stdin_format)


def read_one(path: str | Path, stdin_format: str = "text") -> Iterator[Article | InputError]:
    if path == "-":
        kind, origin, name = stdin_format, "<stdin>", None
        try:
            data = read_bytes(sys.stdin.buffer, origin)
        except InputError as err:
            yield err
            return
    else:
        path = Path(path)
        origin, name = str(path), path.stem
        kind = SUPPORTED.get(path.suffix.lower())
        if not path.exists():
            yield InputError(origin, "missing", "no such file")
            return
        if kind is None:
            yield InputError(origin, "unsupported", f"unsupported file type {path.suffix or '(none)'!r}; "
                             f"use one of {', '.join(sorted(SUPPORTED))}")
            return
        try:
            with path.open("rb") as fh:
                data = read_bytes(fh, origin)
        except InputError as err:
            yield err
            return
    try:
        if kind == "jsonl":
            yield from articles_from_jsonl(decode_text(data, origin), origin, name)
            return
        text, warnings = decode_text(data, origin, with_warnings=True)
        if kind == "html":
            article = article_from_html(text, origin)
        else:
            article = article_from_text(text, origin)
        article.warnings.extend(warnings)
        if not article.id:
            article.id = name or content_id(article.text)
        yield article
    except InputError as err:
        yield err
