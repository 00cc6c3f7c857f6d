"""``veille analyze``: analyse articles and print a report or JSON Lines."""
from __future__ import annotations

import json
import sys

import click

from ..errors import InputError
from ..model import Analysis
from .report import render


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Write JSON Lines (veille.article/1), one article a line.")
@click.option("--explain", is_flag=True, help="Show which lexicon pattern produced each event.")
@click.option("--stdin-format", type=click.Choice(["text", "html", "jsonl"]), default="text",
              show_default=True, help="What '-' (standard input) holds.")
def command(inputs: tuple[str, ...], as_json: bool, explain: bool, stdin_format: str) -> None:
    """Analyse news articles: files (.txt, .html, .jsonl), folders, or - for standard input.

    Example: veille analyze examples/blinken-lavrov.txt
    """
    from ..analyse import analyse_batch
    from ..ingest import read_inputs

    failed = 0
    articles = []

    def good_inputs():
        nonlocal failed
        for item in read_inputs(inputs, stdin_format=stdin_format):
            if isinstance(item, InputError):
                failed += 1
                click.echo(f"veille: error: {item}", err=True)
            else:
                yield item

    for result in analyse_batch(good_inputs()):
        if isinstance(result, InputError):
            failed += 1
            click.echo(f"veille: error: {result}", err=True)
            continue
        if as_json:
            sys.stdout.write(json.dumps(result.to_dict(explain=explain), ensure_ascii=False) + "\n")
        else:
            click.echo(render(result, explain=explain))
        articles.append(result.article.id)
    if failed:
        click.echo(f"veille: {failed} input(s) failed, {len(articles)} analysed", err=True)
        sys.exit(1)
