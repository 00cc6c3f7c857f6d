"""``veille export``: a corpus table as CSV, JSON Lines, Parquet, or a GDELT 2.0-style event table."""
from __future__ import annotations

import sys

import click

from .output import db_option, user_errors

TABLES = ("events", "quotes", "actors", "articles", "sources", "rejects")


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]), default="csv",
              show_default=True, help="gdelt: the events as GDELT 2.0 event columns, tab-separated.")
@click.option("--table", type=click.Choice(TABLES), default="events", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@user_errors
def command(db: str, fmt: str, table: str, output: str | None) -> None:
    """Export a table of the corpus.

    Example: veille export --format parquet --table events -o events.parquet
    """
    from ..export import ExportError, write_table
    from ..query import open_db

    if fmt == "parquet" and not output:
        raise ExportError("Parquet is a binary format: give an output file with -o FILE.parquet")
    con = open_db(db)
    n = write_table(con, "events" if fmt == "gdelt" else table, fmt, out=sys.stdout, path=output)
    if output:
        click.echo(f"veille: {n} row(s) written to {output}", err=True)
