"""Exports of the corpus tables: CSV, JSON Lines, Parquet, and a GDELT 2.0-style event table."""
from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator, TextIO

from .errors import VeilleError
from .query import table_rows

FORMATS = ("csv", "jsonl", "parquet", "gdelt")

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()


class ExportError(VeilleError):
    pass


def _tsv(name: str) -> list[list[str]]:
    text = files("veille").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return lines[1:]  # header


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, tuple[int, float]]:
    """CAMEO code -> (QuadClass, Goldstein scale), from ``data/cameo.tsv``."""
    return {row[0]: (int(row[1]), float(row[2])) for row in _tsv("cameo.tsv")}


@lru_cache(maxsize=1)
def plover_cameo() -> dict[str, str]:
    return {row[0]: row[1] for row in _tsv("plover_cameo.tsv")}


def cameo_codes(cameo: str | None, plover: str | None) -> tuple[str, str, str, int | None, float | None]:
    """(EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale) of an event."""
    code = (cameo or plover_cameo().get((plover or "").upper()) or "").strip()
    if not code:
        return "", "", "", None, None
    table = cameo_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            quad, goldstein = table[key]
            return code, code[:3], code[:2], quad, goldstein
    return code, code[:3], code[:2], None, None


def write_table(db: sqlite3.Connection, table: str, fmt: str, out: TextIO | None = None,
                path: str | Path | None = None) -> int:
    """Write ``table`` as ``fmt`` to ``path`` (or the text stream ``out``); return the number of rows."""
    if fmt == "gdelt":
        columns, rows = GDELT_COLUMNS, gdelt_rows(db)
    else:
        columns, rows = table_rows(db, table)
    if fmt == "parquet":
        if path is None:
            raise ExportError("Parquet is a binary format: give an output file with -o FILE.parquet")
        return _parquet(columns, rows, Path(path))
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return _text(columns, rows, fmt, fh)
    return _text(columns, rows, fmt, out)


def _text(columns, rows, fmt: str, out: TextIO) -> int:
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row])
            n += 1
        return n
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _parquet(columns, rows, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = [list(r) for r in rows]
    arrays = {c: [r[i] for r in data] for i, c in enumerate(columns)}
    table = pa.table({c: pa.array(v) if any(x is not None for x in v) else pa.array(v, type=pa.string())
                      for c, v in arrays.items()})
    pq.write_table(table, path)
    return len(data)


def gdelt_rows(db: sqlite3.Connection, facts_only: bool = True) -> Iterator[tuple]:
    """Events as GDELT 2.0 event rows (negated and hypothetical events left out: they are no facts)."""
    sql = ("SELECT e.*, a.url AS article_url, a.analysed_at, a.text, a.record, "
           "(SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS n_sources "
           "FROM events e JOIN articles a ON a.id = e.article_id")
    if facts_only:
        sql += " WHERE e.negated = 0 AND e.hypothetical = 0"
    sql += " ORDER BY e.id"
    lede: dict[int, int] = {}
    for e in db.execute(sql):
        e = dict(e)
        day = _date(e["published"]) or _date((e["analysed_at"] or "")[:10])
        code, base, root, quad, goldstein = cameo_codes(e["cameo"], e["type"])
        if e["article_id"] not in lede:
            lede[e["article_id"]] = _lede_sentences(e["text"], e["record"])
        actor1 = _gdelt_actor(e, "source")
        actor2 = _gdelt_actor(e, "target")
        added = (e["analysed_at"] or "").replace("-", "").replace(":", "").replace("T", "")[:14]
        yield (
            e["id"], day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
            day.year if day else "", round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else "",
            *actor1, *actor2,
            int(e["sentence"] is not None and e["sentence"] < lede[e["article_id"]]),
            code, base, root, quad if quad is not None else "", goldstein if goldstein is not None else "",
            1, e["n_sources"], e["n_sources"], "",
            *([""] * 24), added, e["article_url"] or "",
        )


def _gdelt_actor(e: dict[str, Any], side: str) -> tuple:
    name = e[f"{side}_name"]
    return (e[f"{side}_code"] or "", name.upper() if name else "", e[f"{side}_country"] or "", "", "", "", "",
            e[f"{side}_sector"] or "", "", "")


def _lede_sentences(text: str, record: str) -> int:
    """How many sentences the first paragraph has: events there are GDELT 'root' events."""
    end = text.find("\n")
    if end < 0:
        return 10 ** 9
    try:
        sentences = json.loads(record).get("sentences") or []
    except (TypeError, ValueError):
        return 1
    return sum(1 for s, _ in sentences if s < end) or 1


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
