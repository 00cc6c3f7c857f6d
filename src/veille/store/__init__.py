"""The corpus store: one SQLite file in WAL mode (readers read while ``veille ingest`` writes).

- :mod:`.migrations`: the schema, versioned with ``PRAGMA user_version``;
- :mod:`.writer`: :class:`Store`, every write of an ingest run (one transaction per small batch);
- :mod:`.entities`: cross-article entity keys ("Blinken" and "Antony Blinken" are one entity);
- :mod:`.fts`: full-text query helpers (FTS5, accents folded, lemmas indexed too).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import VeilleError
from .migrations import LATEST, migrate, version

DEFAULT_DB = "veille.db"


class StoreError(VeilleError):
    """The database is missing or not a veille database."""


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, when ``create``, create or migrate) the database at ``path``."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database; create it with `veille ingest SOURCE... --db {path}`")
    if readonly:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=30)
    else:
        db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
    db.row_factory = sqlite3.Row
    try:
        if not readonly:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        current = version(db)
    except sqlite3.DatabaseError as err:
        db.close()
        raise StoreError(f"{path}: not a veille database ({err})") from None
    if readonly or not create:
        if current == 0:
            db.close()
            raise StoreError(f"{path}: not a veille database (empty schema)")
        if current < LATEST and not readonly:
            migrate(db)
    else:
        migrate(db)
    return db


__all__ = ["connect", "StoreError", "DEFAULT_DB", "migrate", "version", "LATEST"]
