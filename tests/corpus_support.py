"""Helpers shared by the tests/test_corpus_*.py modules (imported by path, no conftest needed)."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SRC = ROOT / "src"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(SRC) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def veille_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from veille.cli import main; main()", *args]


def run_veille(*args: str, cwd=None, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(veille_cmd(*args), cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout)


def record(rid: str, text: str, actors=(), quotes=(), events=(), title=None, published=None, url=None) -> dict:
    """A hand-made veille.article/1 record (no NLP), for store and query tests."""
    return {"schema": "veille.article/1", "id": rid, "lang": "fr", "title": title, "published": published,
            "url": url, "text": text, "summary": text[:80], "sentences": [[0, len(text)]],
            "actors": list(actors), "quotes": list(quotes), "events": list(events), "warnings": []}


def actor(aid, name, type_, country=None, sector=None, text=None, start=0):
    text = text or name
    return {"id": aid, "name": name, "type": type_, "country": country, "sector": sector,
            "mentions": [{"start": start, "end": start + len(text), "text": text}]}


@contextmanager
def http_server(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def html_sample(tmp: Path, n: int) -> list[Path]:
    """The first ``n`` pages of the shared html-sample, extracted to ``tmp`` (skip if absent)."""
    import pytest

    archive = SHARED / "data" / "orangesum" / "html-sample.tar.gz"
    if not archive.exists():
        pytest.skip(f"shared data not available: {archive}")
    out = []
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".html"):
                tar.extract(member, tmp, filter="data")
                out.append(tmp / member.name)
                if len(out) == n:
                    break
    return out
