"""``veille search``: full-text search over the corpus."""
from __future__ import annotations

import click

from .output import db_option, emit, format_options, user_errors


@click.command("search")
@click.argument("query")
@db_option
@click.option("--limit", "-n", default=20, show_default=True)
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--lemmas", is_flag=True, help="Match any inflected form (lemmatises the query; loads the model).")
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as is (AND, OR, NEAR, prefix*).")
@format_options
@user_errors
def command(query: str, db: str, limit: int, since: str | None, lemmas: bool, raw: bool,
            as_json: bool, as_csv: bool) -> None:
    """Search article titles and texts (accents ignored); every word must appear.

    Example: veille search "Lavrov Blinken" --since 2024-01-01
    """
    from ..query import open_db, search

    rows = search(open_db(db), query, limit=limit, raw=raw, lemmas=lemmas, since=since)
    emit(rows, ["id", "published", "title", "snippet"], as_json, as_csv, {"title": 40})
