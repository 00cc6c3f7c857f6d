"""``veille eval``: score the analysis against hand-annotated gold files."""
from __future__ import annotations

import json

import click


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable figures.")
@click.option("--errors/--no-errors", default=False, help="List the errors (missed and spurious items).")
@click.option("--limit", type=int, default=None, help="Score only the first N gold files.")
def command(gold_dir: str, as_json: bool, errors: bool, limit: int | None) -> None:
    """Score actors, quotations, events and the lede on GOLD_DIR (annotation format of shared/data/dev).

    Example: veille eval ../shared/data/dev
    """
    from ..evaluate.runner import evaluate_dir, format_report

    report = evaluate_dir(gold_dir, limit=limit)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, errors=errors))
