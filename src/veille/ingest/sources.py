"""Sources for ``veille ingest``: files and folders (.txt, .html, .jsonl), WARC archives and RSS/Atom feeds.

Each input becomes an :class:`Item`: a source key (the unit of idempotence), and either an
:class:`~veille.model.Article` or an :class:`~veille.errors.InputError`. A source already in the store
(``known(key)`` is true) comes out as an item with ``skipped=True`` before any extraction work.

- files: key ``file:/absolute/path`` (``:line`` for a JSON Lines record);
- WARC (``.warc``, ``.warc.gz``, as Common Crawl CC-NEWS): every HTML response record is an article,
  key ``url:<WARC-Target-URI>``, with its fetch date (``WARC-Date``);
- feeds (``.rss``, ``.atom``, ``.xml`` files, or ``http(s)://`` URLs): each item's page is fetched
  (15 s timeout) and extracted; the feed's title and date win over the page's. Key ``url:<link>``.
"""
from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..model import Article
from ..store.writer import Source
from . import SUPPORTED, content_id, read_one
from .decode import MAX_BYTES, decode_text
from .html import article_from_html

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
TIMEOUT = 15
USER_AGENT = "veille/0.1 (+news analysis; polite fetcher)"


@dataclass
class Item:
    source: Source
    article: Article | None = None
    error: InputError | None = None
    skipped: bool = False  # already in the store
    text_hash: str | None = None  # computed elsewhere (a Dask part), else from the article's text
    sig: Any = None  # MinHash signature (numpy array) computed elsewhere, likewise


@dataclass
class Unit:
    """One source given on the command line (after expanding folders)."""

    kind: str  # file | jsonl | warc | feed
    where: str  # path or URL
    estimate: int = 1  # how many items it should give, for the progress bar
    data: bytes | None = field(default=None, repr=False)  # a fetched feed, kept from planning


def kind_of(name: str) -> str | None:
    lower = name.lower()
    if lower.startswith(("http://", "https://")):
        return "feed"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(FEED_SUFFIXES):
        return "feed"
    suffix = Path(lower).suffix
    if SUPPORTED.get(suffix) == "jsonl":
        return "jsonl"
    if suffix in SUPPORTED:
        return "file"
    return None


def plan(paths: list[str]) -> list[Unit]:
    """The units to read, with an estimate of the number of items (cheap: no extraction)."""
    units: list[Unit] = []
    for p in paths:
        path = Path(p)
        if not p.lower().startswith(("http://", "https://")) and path.is_dir():
            for f in sorted(f for f in path.rglob("*") if f.is_file()):
                k = kind_of(f.name)
                if k:
                    units.append(Unit(k, str(f.resolve())))
        else:
            k = kind_of(p) or "file"
            units.append(Unit(k, p if k == "feed" and "://" in p else str(path.resolve())))
    for u in units:
        try:
            u.estimate = _estimate(u)
        except Exception:  # noqa: BLE001 - an estimate only; reading reports the real problem
            u.estimate = 1
    return units


def _estimate(u: Unit) -> int:
    if u.kind == "jsonl":
        with open(u.where, "rb") as fh:
            return sum(1 for line in fh if line.strip()) or 1
    if u.kind == "warc":
        from warcio.archiveiterator import ArchiveIterator

        with open(u.where, "rb") as fh:
            return sum(1 for r in ArchiveIterator(fh) if r.rec_type == "response") or 1
    if u.kind == "feed":
        import feedparser

        u.data = _feed_bytes(u.where)
        return len(feedparser.parse(u.data).entries) or 1
    return 1


def read_units(units: list[Unit], known: Callable[[str], bool]) -> Iterator[Item]:
    for u in units:
        if u.kind == "warc":
            yield from read_warc(u.where, known)
        elif u.kind == "feed":
            yield from read_feed(u, known)
        else:
            yield from read_file(u.where, known)


# -- files ----------------------------------------------------------------------------------------
def read_file(path: str, known: Callable[[str], bool]) -> Iterator[Item]:
    key = "file:" + path
    if not path.lower().endswith((".jsonl", ".ndjson")) and known(key):
        yield Item(Source(key, path), skipped=True)
        return
    for x in read_one(Path(path)):
        origin = x.origin if isinstance(x, InputError) else (x.origin or path)
        source = Source("file:" + origin, origin)
        if isinstance(x, InputError):
            yield Item(source, error=x, skipped=known(source.key))
            continue
        if known(source.key):
            yield Item(source, skipped=True)
            continue
        source.url, source.site, source.title, source.published = x.url, x.site, x.title, x.published
        yield Item(source, article=x)


# -- WARC -----------------------------------------------------------------------------------------
def read_warc(path: str, known: Callable[[str], bool]) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = open(path, "rb")
    except OSError as err:
        yield Item(Source("file:" + path, path), error=InputError(path, "missing", str(err)))
        return
    with fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                fetched = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                origin = f"{path}#{url}"
                source = Source("url:" + url, origin, url=url or None, fetched=fetched)
                if known(source.key):
                    yield Item(source, skipped=True)
                    continue
                http = record.http_headers
                ctype = (http.get_header("Content-Type") or "") if http else ""
                status = http.get_statuscode() if http else None
                payload = record.content_stream().read(MAX_BYTES + 1)
                if status and not str(status).startswith("2"):
                    yield Item(source, error=InputError(origin, "http-error", f"HTTP status {status}"))
                elif ctype and "html" not in ctype.lower():
                    yield Item(source, error=InputError(origin, "unsupported", f"not HTML ({ctype})"))
                else:
                    yield _html_item(source, payload, origin, url, published=None, title=None, fetched=fetched)
        except Exception as err:  # noqa: BLE001 - a truncated or corrupt archive: keep what was read
            yield Item(Source("file:" + path + "#error", path),
                       error=InputError(path, "unreadable", f"WARC read error: {err}"))


def _html_item(source: Source, payload: bytes, origin: str, url: str | None, published: str | None,
               title: str | None, fetched: str | None) -> Item:
    try:
        if len(payload) > MAX_BYTES:
            raise InputError(origin, "too-large", f"larger than {MAX_BYTES // 1_000_000} MB")
        html = decode_text(payload, origin)
        article = article_from_html(html, origin, url=url)
    except InputError as err:
        return Item(source, error=err)
    article.id = content_id(article.text)
    article.url = url or article.url
    article.title = title or article.title
    article.published = published or article.published or fetched
    source.site, source.title, source.published = article.site, article.title, article.published
    return Item(source, article=article)


# -- feeds ----------------------------------------------------------------------------------------
def fetch(url: str, timeout: float = TIMEOUT) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) URLs only
        return resp.read(MAX_BYTES + 1)


def _feed_bytes(where: str) -> bytes:
    if where.lower().startswith(("http://", "https://")):
        return fetch(where)
    return Path(where).read_bytes()


def read_feed(u: Unit, known: Callable[[str], bool]) -> Iterator[Item]:
    import feedparser

    try:
        data = u.data if u.data is not None else _feed_bytes(u.where)
    except Exception as err:  # noqa: BLE001
        yield Item(Source("feed:" + u.where, u.where), error=InputError(u.where, "unreachable", str(err)))
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "unreadable" if feed.bozo else "empty"
        detail = f"not a feed ({feed.bozo_exception})" if feed.bozo else "no items in the feed"
        yield Item(Source("feed:" + u.where, u.where), error=InputError(u.where, reason, detail))
        return
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        if not link.lower().startswith(("http://", "https://")):
            continue
        source = Source("url:" + link, link, url=link)
        if known(source.key):
            yield Item(source, skipped=True)
            continue
        published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
        try:
            payload = fetch(link)
        except Exception as err:  # noqa: BLE001 - timeouts, HTTP errors, refused connections
            yield Item(source, error=InputError(link, "unreachable", str(err)))
            continue
        yield _html_item(source, payload, link, link, published=published, title=entry.get("title") or None,
                         fetched=time.strftime("%Y-%m-%d", time.gmtime()))


def _date(parsed) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)
