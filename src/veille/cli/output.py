"""Shared output for the corpus query commands: a table on a terminal, ``--json`` or ``--csv`` for scripts."""
from __future__ import annotations

import csv
import json
import shutil
import sys
from functools import wraps
from typing import Any, Callable

import click

from ..errors import VeilleError
from ..store import DEFAULT_DB


def db_option(f: Callable) -> Callable:
    return click.option("--db", default=DEFAULT_DB, show_default=True, help="The corpus database.")(f)


def format_options(f: Callable) -> Callable:
    f = click.option("--csv", "as_csv", is_flag=True, help="Write CSV (all columns).")(f)
    f = click.option("--json", "as_json", is_flag=True, help="Write JSON Lines (all columns).")(f)
    return f


def user_errors(f: Callable) -> Callable:
    """A missing database or bad query becomes a one-line error, not a traceback."""
    import sqlite3

    @wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except VeilleError as err:
            raise click.ClickException(str(err)) from None
        except sqlite3.OperationalError as err:
            raise click.ClickException(f"query failed: {err}") from None
    return wrapper


def emit(rows: list[dict[str, Any]], columns: list[str], as_json: bool, as_csv: bool,
         widths: dict[str, int] | None = None) -> None:
    out = sys.stdout
    if as_json:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if as_csv:
        keys = list(rows[0].keys()) if rows else columns
        w = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return
    if not rows:
        click.echo("(no rows)", err=True)
        return
    widths = dict(widths or {})
    total = shutil.get_terminal_size((120, 20)).columns
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    sizes = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    sizes = [min(s, widths.get(c, 40)) for s, c in zip(sizes, columns)]
    # give the last column what is left of the terminal
    used = sum(sizes[:-1]) + 2 * (len(sizes) - 1)
    sizes[-1] = max(20, min(max(len(row[-1]) for row in cells), total - used))
    click.echo("  ".join(c.ljust(s)[:s] for c, s in zip(columns, sizes)))
    click.echo("  ".join("-" * s for s in sizes))
    for row in cells:
        click.echo("  ".join(_fit(v, s) for v, s in zip(row, sizes)))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    return str(v).replace("\n", " ")


def _fit(v: str, size: int) -> str:
    return v.ljust(size) if len(v) <= size else v[: size - 1] + "…"
