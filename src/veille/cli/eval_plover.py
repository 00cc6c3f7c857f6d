"""``veille eval-plover``: type accuracy of the event coder on short PLOVER sentences."""
from __future__ import annotations

import json

import click


@click.command("eval-plover")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable figures.")
@click.option("--errors/--no-errors", default=False, help="List the sentences whose headline type was missed.")
def command(gold_dir: str, as_json: bool, errors: bool) -> None:
    """Score event types and actor countries on GOLD_DIR (one sentence per gold file).

    Example: veille eval-plover ../shared/data/plover-fr
    """
    from ..evaluate.plover import evaluate_dir, format_report

    report = evaluate_dir(gold_dir)
    if as_json:
        report = {k: v for k, v in report.items() if k != "rows"}
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, errors=errors))
