"""``veille ingest``: analyse sources into the corpus database (idempotent, resumable)."""
from __future__ import annotations

import json
import sys

import click

from ..store import DEFAULT_DB


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The SQLite database (created if absent).")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Analysis processes (each loads the spaCy model once).")
@click.option("--batch", default=16, show_default=True, type=click.IntRange(1, 1000),
              help="Articles per analysis chunk.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine (process pool); dask: shards analysed on a Dask cluster, see "
                   "docs/distributed.md.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="--engine dask: an existing Dask scheduler (default: a local cluster of --workers processes).")
@click.option("--parts", metavar="DIR", help="--engine dask: where the Parquet parts go (default: DB.parts).")
@click.option("--shard-lines", default=500, show_default=True, type=click.IntRange(1),
              help="--engine dask: JSON Lines records per shard.")
@click.option("--shard-files", default=16, show_default=True, type=click.IntRange(1),
              help="--engine dask: consecutive .txt/.html files per shard.")
@click.option("--lifetime", metavar="DURATION",
              help="--engine dask, local cluster: restart each worker after DURATION (e.g. 1h).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or log lines.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def command(sources: tuple[str, ...], db: str, workers: int, batch: int, engine: str, scheduler: str | None,
            parts: str | None, shard_lines: int, shard_files: int, lifetime: str | None, quiet: bool, as_json: bool) -> None:
    """Ingest files and folders (.txt, .html, .jsonl), WARC archives (.warc, .warc.gz) and RSS/Atom
    feeds (files or URLs) into the corpus database.

    Re-ingesting a source adds nothing; a run stopped at any moment can be started again.

    Example: veille ingest crawl/CC-NEWS-20240301.warc.gz --db news.db --workers 2

    With --engine dask, sources are split into shards analysed on Dask workers into Parquet parts, then
    merged into the database with the same deduplication: veille ingest crawl/ --engine dask --workers 2
    """
    if engine == "dask":
        from ..run.distributed import ingest_dask

        summary = ingest_dask(list(sources), db, scheduler=scheduler, workers=workers, parts=parts,
                              lines=shard_lines, files=shard_files, progress=not quiet, lifetime=lifetime)
    else:
        if scheduler or parts:
            raise click.UsageError("--scheduler and --parts need --engine dask")
        from ..run.ingest import ingest

        summary = ingest(list(sources), db, workers=workers, chunk=batch, progress=not quiet)
    if as_json:
        sys.stdout.write(json.dumps(summary.to_dict()) + "\n")
    else:
        for line in summary.lines():
            click.echo(f"veille: {line}", err=False)
    if summary.failed:
        sys.exit(1)
