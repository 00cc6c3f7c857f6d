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
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: analyse shards on a Dask cluster into Parquet parts in --output (no report).")
@click.option("--output", "-o", metavar="DIR", help="--engine dask: the folder of Parquet parts.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="--engine dask: an existing Dask scheduler (default: a local cluster of --workers processes).")
@click.option("--workers", "-w", default=2, show_default=True, type=click.IntRange(1, 64),
              help="--engine dask without --scheduler: local worker processes.")
@click.option("--shard-lines", default=500, show_default=True, type=click.IntRange(1),
              help="--engine dask: JSON Lines records per shard.")
@click.option("--shard-files", default=16, show_default=True, type=click.IntRange(1),
              help="--engine dask: consecutive .txt/.html files per shard.")
def command(inputs: tuple[str, ...], as_json: bool, explain: bool, stdin_format: str, engine: str,
            output: str | None, scheduler: str | None, workers: int, shard_lines: int,
            shard_files: int) -> None:
    """Analyse news articles: files (.txt, .html, .jsonl), folders, or - for standard input.

    Example: veille analyze examples/blinken-lavrov.txt

    With --engine dask --output DIR, files, folders and WARC archives are analysed on Dask workers into
    Parquet parts (one row per input, the veille.article/1 record in column `record`; docs/distributed.md).
    """
    if engine == "dask":
        _dask(inputs, output, scheduler, workers, shard_lines, shard_files)
        return
    if output or scheduler:
        raise click.UsageError("--output and --scheduler need --engine dask")
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


def _dask(inputs: tuple[str, ...], output: str | None, scheduler: str | None, workers: int, lines: int,
          files: int) -> None:
    from ..run.distributed import analyze_dask

    if not output:
        raise click.UsageError("--engine dask needs --output DIR (the Parquet parts)")
    if "-" in inputs:
        raise click.UsageError("--engine dask reads files, folders and WARC archives, not standard input")
    res, shards = analyze_dask(list(inputs), output, scheduler=scheduler, workers=workers, lines=lines,
                               files=files)
    click.echo(f"veille: {len(res.done)} of {len(shards)} part(s) in {output}; {res.articles} article(s) analysed "
               f"in {res.seconds:.1f} s", err=True)
    labels = {s.id: s.label for s in shards}
    for sid, error in res.failed.items():
        click.echo(f"veille: error: shard {labels[sid]} failed: {error}", err=True)
    if res.failed:
        sys.exit(1)
