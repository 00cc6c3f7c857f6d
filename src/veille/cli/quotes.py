"""``veille quotes``: quotations in the corpus, by speaker."""
from __future__ import annotations

import click

from .output import db_option, emit, format_options, user_errors


@click.command("quotes")
@db_option
@click.option("--speaker", "-s", help="Speaker name: full name, surname, or country code for a state.")
@click.option("--text", "-t", help="Words the quotation must contain.")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--limit", "-n", default=50, show_default=True)
@format_options
@user_errors
def command(db: str, speaker: str | None, text: str | None, since: str | None, limit: int,
            as_json: bool, as_csv: bool) -> None:
    """List quotations, newest first.

    Example: veille quotes --speaker Lavrov
    """
    from ..query import open_db, quotes

    rows = quotes(open_db(db), speaker=speaker, text=text, since=since, limit=limit)
    emit(rows, ["published", "speaker", "kind", "text"], as_json, as_csv, {"speaker": 24})
