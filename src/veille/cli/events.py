"""``veille events``: events in the corpus, filtered by actors, type and date."""
from __future__ import annotations

import click

from .output import db_option, emit, format_options, user_errors


@click.command("events")
@db_option
@click.option("--source", help="Source actor: CAMEO-style code (RUS, RUSGOV) or a name.")
@click.option("--target", help="Target actor: CAMEO-style code (UKR) or a name.")
@click.option("--type", "type_", help="PLOVER type (ACCUSE) or CAMEO code prefix (112).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--facts", is_flag=True, help="Leave out negated and hypothetical events.")
@click.option("--limit", "-n", default=100, show_default=True)
@format_options
@user_errors
def command(db: str, source, target, type_, since, until, facts: bool, limit: int, as_json: bool,
            as_csv: bool) -> None:
    """List events, newest first.

    Example: veille events --source RUS --target UKR --type ACCUSE --since 2024-01-01
    """
    from ..query import events, open_db

    rows = events(open_db(db), source=source, target=target, type_=type_, since=since, until=until,
                  facts_only=facts, limit=limit)
    emit(rows, ["published", "source_code", "source_name", "type", "cameo", "target_code", "target_name",
                "trigger"], as_json, as_csv, {"source_name": 22, "target_name": 22})
