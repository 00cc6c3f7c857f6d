"""Cross-article entity keys.

- states by country code: ``gpe:RUS``;
- people by folded full name: ``per:antony blinken``; a surname-only (or shorter) name is linked to the
  one full name seen in the corpus that ends with it ("Blinken" -> ``per:antony blinken``), in either
  order of arrival; when two full names share it, the short name stays its own entity;
- organisations (and other types) by folded name: ``org:otan``.
"""
from __future__ import annotations

import sqlite3

from ..analyse.gazetteer import fold


def entity_key(name: str, type_: str, country: str | None) -> str:
    folded = fold(name)
    if type_ == "GPE" and country:
        return f"gpe:{country}"
    return f"{type_.lower()}:{folded}"


def _longer_people(db: sqlite3.Connection, folded: str) -> list[str]:
    surname = folded.split()[-1] if folded.split() else folded
    rows = db.execute("SELECT key FROM entities WHERE type = 'PER' AND surname = ?", (surname,)).fetchall()
    return [r[0] for r in rows if r[0][4:].endswith(" " + folded)]


def resolve(db: sqlite3.Connection, name: str, type_: str, country: str | None, sector: str | None) -> str:
    """The entity key of an actor; records the entity (and relinks shorter names) as needed."""
    key = entity_key(name, type_, country)
    surname = None
    if type_ == "PER":
        folded = key[4:]
        longer = _longer_people(db, folded)
        if len(longer) == 1:
            return longer[0]
        words = folded.split()
        surname = words[-1] if words else None
    db.execute(
        "INSERT INTO entities(key, type, name, country, sector, surname) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET "
        "name = CASE WHEN length(excluded.name) > length(entities.name) THEN excluded.name ELSE entities.name END, "
        "country = coalesce(entities.country, excluded.country), sector = coalesce(entities.sector, excluded.sector)",
        (key, type_, name, country, sector, surname),
    )
    if type_ == "PER":
        _relink_shorter(db, key)
    return key


def _relink_shorter(db: sqlite3.Connection, key: str) -> None:
    """Point earlier surname-only entities ("per:blinken") at this full name, when it is the only one."""
    words = key[4:].split()
    for i in range(1, len(words)):
        short = "per:" + " ".join(words[i:])
        if db.execute("SELECT 1 FROM entities WHERE key = ?", (short,)).fetchone() is None:
            continue
        if _longer_people(db, short[4:]) != [key]:
            continue  # two full names end with it: ambiguous, leave it alone
        for table, column in (("actors", "entity"), ("quotes", "speaker_entity"),
                              ("events", "source_entity"), ("events", "target_entity")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (key, short))
        db.execute("DELETE FROM entities WHERE key = ?", (short,))
