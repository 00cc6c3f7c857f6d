"""The ``veille`` command line: thin wrappers over the library (one module per command)."""
from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="veille")
def cli() -> None:
    """veille: turn French news articles into verifiable facts (actors, quotations, events, ledes)."""


def _register() -> None:
    # every module of this package that defines a click ``command`` is a veille command
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "command", None), click.Command):
            cli.add_command(module.command)


_register()


def main() -> None:
    cli()
