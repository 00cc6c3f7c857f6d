"""``veille actors``: the actors found in the most articles (one row per cross-article entity)."""
from __future__ import annotations

import click

from .output import db_option, emit, format_options, user_errors


@click.command("actors")
@db_option
@click.option("--top", default=20, show_default=True, help="How many actors.")
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "GPE", "LOC", "MISC"], case_sensitive=False))
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@format_options
@user_errors
def command(db: str, top: int, type_: str | None, since: str | None, as_json: bool, as_csv: bool) -> None:
    """The most frequent actors ("Blinken" and "Antony Blinken" count as one).

    Example: veille actors --top 20 --type PER
    """
    from ..query import open_db, top_actors

    rows = top_actors(open_db(db), top=top, type_=type_, since=since)
    emit(rows, ["articles", "mentions", "type", "country", "sector", "name"], as_json, as_csv)
