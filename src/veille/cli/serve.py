"""``veille serve``: the web page over the corpus (read-only)."""
from __future__ import annotations

import click

from .output import db_option

LOCAL = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but localhost exposes the corpus to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def command(db: str, host: str, port: int) -> None:
    """Serve the corpus as a web page: search, articles with highlights, actors, network, timeline.

    The database is opened read-only; `veille ingest` may run at the same time. The JSON API is under
    /api/ and described at /openapi.json.

    Example: veille serve --db news.db --port 8000
    """
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as err:  # pragma: no cover
        raise click.ClickException(f"the web page needs fastapi, uvicorn and jinja2 ({err})") from None
    if host not in LOCAL:
        click.echo(f"veille: warning: listening on {host}: anyone who can reach this address can read the corpus",
                   err=True)
    click.echo(f"veille: serving {db} read-only on http://{host if ':' not in host else f'[{host}]'}:{port}/ "
               "(Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
