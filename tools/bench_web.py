"""Time every page of `veille serve` on a 10,000-article corpus.

The corpus is synthetic (no spaCy): veille.article/1 records with actors, quotes and events drawn from a
pool of people, countries and organisations, written through the store writer (the same tables, FTS rows
and entity resolution as `veille ingest`, without MinHash). It is built once and reused.

    PYTHONPATH=src python tools/bench_web.py [--db /tmp/veille-bench-web.db] [--articles 10000] [--requests 15]

Prints the median and 95th percentile per page (FastAPI's TestClient, in process, one request at a time).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

FIRST = ["Jean", "Marie", "Antony", "Sergueï", "Olaf", "Ursula", "Emmanuel", "Giorgia", "Pedro", "Karin",
         "Volodymyr", "Xi", "Narendra", "Luiz", "Recep", "Benyamin", "Claire", "Paul", "Anne", "Luc"]
LAST = ["Martin", "Bernard", "Blinken", "Lavrov", "Scholz", "Leyen", "Macron", "Meloni", "Sanchez", "Keller",
        "Zelensky", "Jinping", "Modi", "Lula", "Erdogan", "Netanyahou", "Dupont", "Durand", "Moreau", "Lefebvre",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin"]
COUNTRIES = [("FRA", "France"), ("USA", "États-Unis"), ("RUS", "Russie"), ("UKR", "Ukraine"), ("DEU", "Allemagne"),
             ("CHN", "Chine"), ("GBR", "Royaume-Uni"), ("ITA", "Italie"), ("ESP", "Espagne"), ("ISR", "Israël"),
             ("IRN", "Iran"), ("TUR", "Turquie"), ("IND", "Inde"), ("BRA", "Brésil"), ("POL", "Pologne"),
             ("JPN", "Japon"), ("EGY", "Égypte"), ("SAU", "Arabie saoudite"), ("MAR", "Maroc"), ("DZA", "Algérie")]
ORGS = ["OTAN", "Union européenne", "ONU", "FMI", "Banque mondiale", "OMS", "Croix-Rouge", "Amnesty International",
        "Commission européenne", "Conseil de sécurité"]
SECTORS = ["GOV", "MIL", "LEG", "OPP", "BUS", "MED", "CVL", None]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
VERBS = {"AGREE": "a signé un accord avec", "CONSULT": "a rencontré", "SUPPORT": "a soutenu",
         "CONCEDE": "a cédé face à", "COOPERATE": "coopère avec", "AID": "a promis une aide à",
         "RETREAT": "s'est retiré face à", "REQUEST": "a demandé des comptes à", "ACCUSE": "accuse",
         "REJECT": "a rejeté la proposition de", "THREATEN": "menace", "PROTEST": "a manifesté contre",
         "SANCTION": "a sanctionné", "MOBILIZE": "a mobilisé ses troupes contre", "COERCE": "a arrêté des agents de",
         "ASSAULT": "a frappé"}
FILLER = ("Les discussions se sont poursuivies tard dans la soirée selon plusieurs diplomates présents. "
          "Les marchés ont réagi avec prudence à cette annonce, tandis que les observateurs restaient partagés. "
          "La situation humanitaire demeure préoccupante dans la région, où les organisations appellent au calme. ")
QUOTES = ["Nous ne céderons pas", "Le dialogue reste possible", "Cette décision est inacceptable",
          "Nous serons aux côtés de nos alliés", "La paix exige des efforts de chacun", "Il faut agir vite"]


def actors_pool(rng: random.Random) -> list[tuple]:
    people = [(f"{f} {last}", "PER", rng.choice(COUNTRIES)[0], rng.choice(SECTORS))
              for f, last in {(rng.choice(FIRST), rng.choice(LAST)) for _ in range(400)}]
    countries = [(name, "GPE", iso, "GOV") for iso, name in COUNTRIES]
    orgs = [(name, "ORG", None, "IGO") for name in ORGS]
    return people[:250] + countries + orgs


def synthetic(i: int, rng: random.Random, pool: list[tuple], start: date) -> dict:
    cast = rng.sample(pool, rng.randint(3, 7))
    parts, actors, quotes, events = [], [], [], []
    pos = 0

    def add(s: str) -> int:
        nonlocal pos
        at = pos
        parts.append(s)
        pos += len(s)
        return at

    sentences = []
    for k, (name, type_, country, sector) in enumerate(cast):
        aid = f"a{k + 1}"
        actors.append({"id": aid, "name": name, "type": type_, "country": country, "sector": sector,
                       "mentions": []})
    for n in range(rng.randint(2, 5)):
        s_at = pos
        si, ti = rng.sample(range(len(cast)), 2)
        t = rng.choice(TYPES)
        m1 = add(cast[si][0])
        actors[si]["mentions"].append({"start": m1, "end": m1 + len(cast[si][0]), "text": cast[si][0]})
        add(" ")
        verb = VERBS[t]
        v = add(verb)
        add(" ")
        m2 = add(cast[ti][0])
        actors[ti]["mentions"].append({"start": m2, "end": m2 + len(cast[ti][0]), "text": cast[ti][0]})
        add(". ")
        sentences.append([s_at, pos - 1])
        events.append({"id": f"v{n + 1}", "type": t, "cameo": None, "source": f"a{si + 1}", "target": f"a{ti + 1}",
                       "trigger": {"start": v, "end": v + len(verb), "text": verb}, "sentence": len(sentences) - 1,
                       "negated": rng.random() < 0.05, "hypothetical": rng.random() < 0.05})
        if rng.random() < 0.5:
            q = rng.choice(QUOTES)
            s_at = add("« ")
            qa = add(q)
            add(" », a déclaré ")
            c = pos - len("déclaré ")
            sp = rng.randrange(len(cast))
            ms = add(cast[sp][0])
            actors[sp]["mentions"].append({"start": ms, "end": ms + len(cast[sp][0]), "text": cast[sp][0]})
            add(". ")
            sentences.append([s_at, pos - 1])
            quotes.append({"id": f"q{len(quotes) + 1}", "text": q, "start": qa, "end": qa + len(q), "kind": "direct",
                           "speaker": f"a{sp + 1}", "cue": {"start": c, "end": c + 7, "text": "déclaré"}})
        s_at = add(FILLER[: rng.randint(80, len(FILLER))])
        sentences.append([s_at, pos])
        add("\n\n")
    text = "".join(parts).rstrip()
    actors = [a for a in actors if a["mentions"]]
    kept = {a["id"] for a in actors}
    events = [e for e in events if e["source"] in kept and e["target"] in kept]
    quotes = [q for q in quotes if q["speaker"] in kept]
    published = (start + timedelta(days=rng.randrange(730))).isoformat()
    return {"schema": "veille.article/1", "id": f"bench-{i}", "lang": "fr",
            "title": f"{cast[0][0]} et {cast[1][0]} : article {i}", "published": published,
            "url": f"https://bench.example/{i}", "text": text, "summary": text[:200],
            "sentences": [s for s in sentences if s[1] <= len(text)], "actors": actors, "quotes": quotes,
            "events": events, "warnings": []}


def build(path: Path, n: int) -> None:
    from veille import dedup
    from veille.store.writer import Source, Store

    rng = random.Random(7)
    pool = actors_pool(rng)
    store = Store(path)
    have = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    t0 = time.monotonic()
    for start in range(have, n, 500):
        with store.transaction():
            for i in range(start, min(n, start + 500)):
                r = synthetic(i, rng, pool, date(2023, 1, 1))
                store.add_article(r, r["text"].lower(), dedup.text_hash(r["text"]),
                                  Source(f"bench:{i}", "bench", url=r["url"], site="bench.example"))
        print(f"  {min(n, start + 500)} articles ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/veille-bench-web.db")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=15)
    args = ap.parse_args()
    path = Path(args.db)
    build(path, args.articles)  # tops up to --articles; reuses what is there

    from fastapi.testclient import TestClient

    from veille.store import connect
    from veille.web import create_app

    db = connect(path, create=False, readonly=True)
    stats = {k: db.execute(f"SELECT count(*) FROM {k}").fetchone()[0]
             for k in ("articles", "entities", "actors", "quotes", "events")}
    busiest = db.execute("SELECT entity FROM actors GROUP BY entity ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    person = db.execute("SELECT entity FROM actors WHERE type = 'PER' GROUP BY entity ORDER BY count(*) DESC "
                        "LIMIT 1").fetchone()[0]
    mid = stats["articles"] // 2
    db.close()
    print(f"corpus: {path} {stats}")
    client = TestClient(create_app(path))
    pages = [
        ("search (browse, no query)", "/"),
        ("search common word", "/?q=diplomates"),
        ("search rare word + filters", "/?q=accord&since=2023-06-01&until=2024-06-01&type=AGREE"),
        ("search actor filter, page 5", "/?" + urlencode({"actor": person, "page": 5})),
        ("search quotes", "/?q=%22nous+ne+c%C3%A9derons+pas%22"),
        ("article", f"/articles/{mid}"),
        ("actor (busiest entity)", "/actors/" + quote(busiest)),
        ("actor (busiest person)", "/actors/" + quote(person)),
        ("actors list", "/actors"),
        ("network top 50", "/network"),
        ("network top 500", "/network?top=500"),
        ("network countries", "/network?by=country"),
        ("timeline (quad)", "/timeline"),
        ("timeline by type", "/timeline?by=type"),
        ("timeline dyad", "/timeline?source=USA&target=RUS"),
        ("api search", "/api/search?q=diplomates"),
        ("api article", f"/api/articles/{mid}"),
        ("api network", "/api/network?top=200"),
        ("api timeline", "/api/timeline?by=type"),
    ]
    print(f"{'page':34} {'median ms':>10} {'p95 ms':>8}  status")
    worst = 0.0
    for name, url in pages:
        times, status = [], None
        client.get(url)  # warm-up
        for _ in range(args.requests):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            status = r.status_code
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        worst = max(worst, p95)
        print(f"{name:34} {statistics.median(times):10.1f} {p95:8.1f}  {status}")
    print(f"worst p95: {worst:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
