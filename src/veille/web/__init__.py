"""``veille serve``: a read-only web page and JSON API over the corpus database (FastAPI + Jinja2).

- :mod:`.data`: the read-only queries (built on :mod:`veille.query`);
- :mod:`.render`: the highlighted article text (from offsets, every piece escaped) and chart geometry;
- :mod:`.app`: :func:`create_app`, the pages and ``/api/...``; templates and static files beside it.
"""
from __future__ import annotations


def create_app(db_path):
    from .app import create_app as _create

    return _create(db_path)


__all__ = ["create_app"]
