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


TEXTS = [
    # 0: diplomacy
    "Le ministre des Affaires étrangères, Jean-Noël Barrot, a rencontré mardi à Berlin son homologue "
    "allemande pour préparer le prochain sommet européen.\n\n"
    "Les deux responsables ont évoqué la situation en Ukraine, le soutien militaire à Kiev et les "
    "nouvelles sanctions que l'Union européenne prépare contre la Russie. Selon un diplomate présent, "
    "la discussion a été franche et les divergences sur le financement restent nombreuses.\n\n"
    "Barrot a ensuite rejoint Varsovie, où il doit s'entretenir mercredi avec le gouvernement polonais "
    "de la sécurité des frontières orientales de l'Europe et de l'aide humanitaire aux réfugiés.",
    # 1: economy
    "La Banque centrale européenne a décidé jeudi de maintenir ses taux directeurs inchangés, malgré "
    "le ralentissement de l'inflation dans la zone euro au cours des derniers mois.\n\n"
    "Sa présidente, Christine Lagarde, a expliqué à Francfort que les prix des services restaient trop "
    "élevés et que les salaires continuaient de progresser rapidement dans plusieurs pays. Les marchés "
    "attendaient pourtant une baisse dès le printemps, et les bourses européennes ont reculé après "
    "l'annonce.\n\n"
    "Les économistes interrogés jugent désormais probable une première baisse en juin, si la croissance "
    "reste faible en Allemagne et en Italie et si le prix de l'énergie ne repart pas à la hausse.",
    # 2: weather / society
    "De violents orages ont frappé dimanche soir le sud-ouest de la France, provoquant des inondations "
    "dans plusieurs communes de la Gironde et des Landes.\n\n"
    "Les pompiers sont intervenus à plus de trois cents reprises pendant la nuit pour évacuer des "
    "habitants et dégager des routes coupées par les arbres tombés. Aucune victime n'est à déplorer, "
    "mais des milliers de foyers étaient encore privés d'électricité lundi matin, selon le gestionnaire "
    "du réseau.\n\n"
    "Le préfet a demandé aux automobilistes de limiter leurs déplacements et a annoncé l'ouverture d'une "
    "cellule d'aide pour les agriculteurs dont les récoltes ont été détruites par la grêle.",
]

ENGLISH = ("The central bank kept its interest rates unchanged on Thursday, saying that inflation in the "
           "services sector remained too high and that wages were still rising quickly in several countries.")


def near_copy(text: str) -> str:
    """The same story with one line changed, as a republishing site would."""
    lines = text.split("\n\n")
    lines[-1] = lines[-1].split(".")[0] + ", a précisé la rédaction dans une mise à jour publiée lundi."
    return "\n\n".join(lines)


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><header><nav><a href='/'>Accueil</a></nav></header><main><article><h1>{title}</h1>"
            f"{paragraphs}</article></main><footer>© Journal</footer></body></html>")
