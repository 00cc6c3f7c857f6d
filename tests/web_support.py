"""Helpers shared by the tests/test_web_*.py modules (imported by path, no conftest needed).

The corpus of the web tests: the example article (ingested for real: spaCy, ~5 s), a French text file full
of HTML/JS injection attempts (ingested for real too), and hand-written veille.article/1 records with
quotes and events (through the store writer, no NLP) so that highlights, the network and the timeline have
something to show whatever the state of the quote and event extractors.
"""
from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import ROOT, SHARED, actor, record  # noqa: E402,F401

EXAMPLE = ROOT / "examples" / "blinken-lavrov.txt"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"

# A French article whose text, title and URL try every injection: it must be shown as text.
XSS_TEXT = (
    "Le ministre a publié mardi un message étrange sur le site du gouvernement, où figurait la chaîne "
    "<script>window.__xss = 1; document.title = 'pwned'</script> au milieu de la déclaration officielle.\n\n"
    "Les services techniques ont également trouvé une image piégée <img src=x onerror=\"window.__xss=2\"> "
    "et un lien <a href=\"javascript:window.__xss=3\">cliquez ici</a> dans la même page, ainsi qu'un "
    "attribut \" onmouseover=\"window.__xss=4\" glissé dans un titre.\n\n"
    "Selon le porte-parole du ministère, aucune donnée personnelle n'a été dérobée et la page a été "
    "corrigée dans la soirée, après une enquête rapide des équipes chargées de la sécurité informatique."
)

# The same attempts in a file ingested for real (analysed by spaCy, stored by the ingest run).
XSS_FILE = (
    "Emmanuel Macron a reçu jeudi à l'Élysée le chancelier allemand pour parler d'un texte piégé "
    "<script>window.__xss = 11</script> retrouvé sur un forum, a indiqué la présidence.\n\n"
    "Le message contenait aussi <img src=y onerror=\"window.__xss=12\"> et un lien "
    "<a href='javascript:window.__xss=13'>ici</a>, selon les enquêteurs, qui ont ouvert une procédure.\n\n"
    "« Nous ne céderons pas aux pirates », a déclaré le président de la République devant la presse, "
    "avant de rappeler que la coopération entre Paris et Berlin restait étroite sur ces questions."
)

T1 = ("Moscou accuse Kiev d'avoir frappé un dépôt.\n\n« Nous répondrons », a déclaré Sergueï Lavrov, "
      "le ministre russe des Affaires étrangères.")
T2 = ("Antony Blinken a rencontré les diplomates ukrainiens à Kiev.\n\nLavrov a rejeté les accusations "
      "et la Russie menace l'Ukraine.")
T3 = "Blinken a promis une aide à l'Ukraine. « Nous serons là », a-t-il dit aux journalistes."


def ev(eid, type_, cameo, src, tgt, trig, start, sentence=0, negated=False, pattern=None):
    """An event of a hand-made record."""
    out = {"id": eid, "type": type_, "cameo": cameo, "source": src, "target": tgt,
           "trigger": {"start": start, "end": start + len(trig), "text": trig}, "sentence": sentence,
           "negated": negated, "hypothetical": False}
    if pattern:
        out["pattern"] = pattern
    return out


def _sentences(text: str) -> list[list[int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n"):
            out.append([start, i + 1])
            start = i + 2
            while start < len(text) and text[start] in " \n":
                start += 1
    if start < len(text):
        out.append([start, len(text)])
    return out


def hand_records() -> list[dict]:
    def rec(rid, text, actors=(), quotes=(), events=(), **kwargs):
        r = record(rid, text, **kwargs)
        r["sentences"] = _sentences(text)
        r["actors"] = [actor(aid, name, type_, country, sector, m, text.index(m))
                       for aid, name, type_, country, sector, m in actors]
        r["quotes"] = []
        for qid, qtext, speaker, cue in quotes:
            start = text.index(qtext)
            r["quotes"].append({"id": qid, "text": qtext, "start": start, "end": start + len(qtext),
                                "kind": "direct", "speaker": speaker,
                                "cue": {"start": text.index(cue), "end": text.index(cue) + len(cue), "text": cue}
                                if cue else None})
        r["events"] = [ev(eid, type_, cameo, src, tgt, trig, text.index(trig),
                          next(i for i, (s, e) in enumerate(r["sentences"]) if s <= text.index(trig) < e), **kw)
                       for eid, type_, cameo, src, tgt, trig, kw in events]
        return r

    return [
        rec("h1", T1, title="Moscou accuse Kiev", published="2024-03-01", url="https://ex.fr/1",
            actors=[("a1", "Russie", "GPE", "RUS", "GOV", "Moscou"), ("a2", "Ukraine", "GPE", "UKR", "GOV", "Kiev"),
                    ("a3", "Sergueï Lavrov", "PER", "RUS", "GOV", "Sergueï Lavrov")],
            quotes=[("q1", "Nous répondrons", "a3", "déclaré")],
            events=[("e1", "ACCUSE", "112", "a1", "a2", "accuse", {"pattern": "accuser:nsubj->obj"})]),
        rec("h2", T2, title="Blinken à Kiev", published="2024-03-05", url="https://ex.fr/2",
            actors=[("a1", "Antony Blinken", "PER", "USA", "GOV", "Antony Blinken"),
                    ("a2", "Lavrov", "PER", "RUS", "GOV", "Lavrov"), ("a3", "Russie", "GPE", "RUS", "GOV", "la Russie"),
                    ("a4", "Ukraine", "GPE", "UKR", "GOV", "l'Ukraine")],
            events=[("e1", "CONSULT", "040", "a1", "a4", "rencontré", {}),
                    ("e2", "REJECT", None, "a2", "a1", "rejeté", {}),
                    ("e3", "THREATEN", "138", "a3", "a4", "menace", {"negated": True})]),
        # crossing spans: "promis une aide" and "aide à l'Ukraine" overlap; "l'Ukraine" nests in the second
        rec("h3", T3, title="Aide américaine", published="2024-02-10", url="javascript:alert(1)",
            actors=[("a1", "Blinken", "PER", "USA", "GOV", "Blinken"), ("a2", "Ukraine", "GPE", "UKR", "GOV", "l'Ukraine")],
            quotes=[("q1", "Nous serons là", "a1", "dit")],
            events=[("e1", "AID", "070", "a1", "a2", "promis une aide", {}),
                    ("e2", "SUPPORT", "051", "a1", "a2", "aide à l'Ukraine", {})]),
        rec("h4", XSS_TEXT, title="<script>window.__xss=5</script><b onmouseover=x>titre</b>",
            published="2024-03-02", url="javascript:window.__xss=6",
            actors=[("a1", "<img src=x onerror=window.__xss=7>", "PER", "FRA", "GOV", "Le ministre")],
            quotes=[("q1", "<script>window.__xss = 1; document.title = 'pwned'</script>", "a1", None)],
            events=[("e1", "ACCUSE", "112", "a1", None, "publié", {"pattern": "<script>window.__xss=8</script>"})]),
    ]


def build_corpus(path: Path, real: bool = True, extra: list[Path] = ()) -> Path:
    """The web test corpus at ``path``: hand records, then (``real``) the example and the XSS text ingested."""
    from veille import dedup
    from veille.store.writer import Source, Store

    store = Store(path)
    for r in hand_records():
        url = r["url"]
        store.add_article(r, r["text"].lower(), dedup.text_hash(r["text"]),
                          Source("test:" + r["id"], r["id"], url=url), dedup.signature(r["text"]))
    store.close()
    if real:
        from veille.run.ingest import ingest

        tmp = Path(tempfile.mkdtemp(prefix="veille-web-"))
        (tmp / "piege.txt").write_text(XSS_FILE, encoding="utf-8")
        shutil.copy(EXAMPLE, tmp / "blinken-lavrov.txt")
        summary = ingest([str(tmp / "blinken-lavrov.txt"), str(tmp / "piege.txt"), *map(str, extra)], path,
                         workers=1, progress=False)
        assert summary.done >= 2, summary.lines()
    return path


_CACHE: dict[str, Path] = {}


def corpus(real: bool = True) -> Path:
    """Built once per test session (all the web test modules share it); read-only afterwards."""
    key = "real" if real else "hand"
    if key not in _CACHE:
        path = Path(tempfile.mkdtemp(prefix="veille-web-db-")) / "web.db"
        _CACHE[key] = build_corpus(path, real)
    return _CACHE[key]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(db: Path):
    """uvicorn serving the app on a free 127.0.0.1 port in a thread; yields the base URL."""
    import uvicorn

    from veille.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
