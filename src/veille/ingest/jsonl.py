"""JSON Lines: one article per line with ``text`` and optional ``id``, ``title``, ``date``, ``url``."""
from __future__ import annotations

import json
from typing import Iterator

from ..errors import InputError
from ..model import Article
from .dates import iso_date
from .text import article_from_text


def articles_from_jsonl(data: str, origin: str, name: str | None, first: int = 1,
                        report_empty: bool = True) -> Iterator[Article | InputError]:
    """``first``: the number of the first line of ``data`` (a slice of a larger file, for a Dask shard)."""
    seen_any = False
    for number, line in enumerate(data.splitlines(), first):
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, "bad-record", f"not JSON ({err.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, "bad-record", "a JSON object with a string field 'text' is expected")
            continue
        try:
            article = article_from_text(
                record["text"], where,
                id=str(record.get("id") or f"{name or 'stdin'}-{number}"),
                title=record.get("title") or None,
                published=iso_date(record.get("date") or record.get("published")),
                url=record.get("url") or None,
            )
        except InputError as err:
            yield err
            continue
        yield article
    if not seen_any and report_empty:
        yield InputError(origin, "empty", "no JSON lines")
