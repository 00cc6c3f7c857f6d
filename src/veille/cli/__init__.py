"""The ``veille`` command line: thin wrappers over the library (one module per command)."""
from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="veille")
def cli() -> None:
    """veille: turn French news articles into verifiable facts (actors, quotations, events, ledes)."""


def _register() -> None:
    from . import actors, analyze, evaluate, events, export, ingest, quotes, search, serve  # noqa: F401

    for module in (analyze, evaluate, ingest, search, quotes, events, actors, export, serve):
        cli.add_command(module.command)


_register()


def main() -> None:
    cli()
