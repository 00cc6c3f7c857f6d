"""Queries and exports over a small hand-made corpus (no NLP: records follow the veille.article/1 contract)."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_support import actor, record  # noqa: E402

from veille import dedup  # noqa: E402
from veille.cli import cli  # noqa: E402
from veille.export import GDELT_COLUMNS, write_table  # noqa: E402
from veille import query  # noqa: E402
from veille.store.writer import Source, Store  # noqa: E402

T1 = ("Moscou accuse Kiev d'avoir frappé un dépôt.\n\n« Nous répondrons », a déclaré Sergueï Lavrov, "
      "le ministre russe des Affaires étrangères.")
T2 = ("Antony Blinken a rencontré les diplomates ukrainiens à Kiev.\n\nLavrov a rejeté les accusations "
      "et la Russie menace l'Ukraine.")
T3 = "Blinken a promis une aide à l'Ukraine. « Nous serons là », a-t-il dit aux journalistes."


def ev(eid, type_, cameo, src, tgt, trig, start, sentence=0, negated=False):
    return {"id": eid, "type": type_, "cameo": cameo, "source": src, "target": tgt,
            "trigger": {"start": start, "end": start + len(trig), "text": trig}, "sentence": sentence,
            "negated": negated, "hypothetical": False}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.db"
    store = Store(path)
    recs = [
        record("r1", T1, title="Moscou accuse Kiev", published="2024-03-01", url="https://ex.fr/1",
               actors=[actor("a1", "Russie", "GPE", "RUS", "GOV", "Moscou"),
                       actor("a2", "Ukraine", "GPE", "UKR", "GOV", "Kiev", 14),
                       actor("a3", "Sergueï Lavrov", "PER", "RUS", "GOV", "Sergueï Lavrov", 76)],
               quotes=[{"id": "q1", "text": "Nous répondrons", "start": 47, "end": 62, "kind": "direct",
                        "speaker": "a3", "cue": {"start": 68, "end": 76, "text": "déclaré"}}],
               events=[ev("e1", "ACCUSE", "112", "a1", "a2", "accuse", 7)]),
        record("r2", T2, title="Blinken à Kiev", published="2024-03-05", url="https://ex.fr/2",
               actors=[actor("a1", "Antony Blinken", "PER", "USA", "GOV"),
                       actor("a2", "Lavrov", "PER", "RUS", "GOV", "Lavrov", 62),
                       actor("a3", "Russie", "GPE", "RUS", "GOV", "la Russie", 95),
                       actor("a4", "Ukraine", "GPE", "UKR", "GOV", "l'Ukraine", 112)],
               events=[ev("e1", "CONSULT", "040", "a1", None, "rencontré", 17),
                       ev("e2", "REJECT", None, "a2", None, "rejeté", 69, 1),
                       ev("e3", "THREATEN", "138", "a3", "a4", "menace", 105, 1, negated=True)]),
        record("r3", T3, title="Aide américaine", published="2024-02-10", url="https://ex.fr/3",
               actors=[actor("a1", "Blinken", "PER", "USA", "GOV"),
                       actor("a2", "Ukraine", "GPE", "UKR", "GOV", "l'Ukraine", 30)],
               quotes=[{"id": "q1", "text": "Nous serons là", "start": 43, "end": 57, "kind": "direct",
                        "speaker": "a1", "cue": None}],
               events=[ev("e1", "AID", "070", "a1", "a2", "promis", 10)]),
    ]
    lemmas = {"r1": "moscou accuser kiev", "r2": "antony blinken rencontrer diplomate ukrainien",
              "r3": "blinken promettre aide ukraine"}
    for r in recs:
        store.add_article(r, lemmas[r["id"]], dedup.text_hash(r["text"]),
                          Source("url:" + r["url"], r["url"], url=r["url"]), dedup.signature(r["text"]))
    store.close()
    return path


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_search_snippets_accents_and_plain_syntax(db):
    con = query.open_db(db)
    (hit,) = query.search(con, "etrangeres")  # accents folded
    assert hit["title"] == "Moscou accuse Kiev" and "[étrangères]" in hit["snippet"]
    assert [r["title"] for r in query.search(con, "Kiev Blinken")] == ["Blinken à Kiev"]
    assert query.search(con, 'AND "Kiev OR (NEAR') == []  # FTS syntax in a plain query: just words, no error
    assert len(query.search(con, 'Kiev* ("')) == 2
    assert query.search(con, "Kiev", since="2024-03-02")[0]["title"] == "Blinken à Kiev"
    assert query.search(con, "nulle part") == []


def test_search_on_lemmas(db):
    class FakeNLP:  # the lemmatiser's answer for "accusait"
        def __call__(self, text):
            from spacy.lang.fr import French

            doc = French()(text)
            for t in doc:
                t.lemma_ = "accuser"
            return doc

    con = query.open_db(db)
    assert [r["title"] for r in query.search(con, "accusait", lemmas=True, nlp=FakeNLP())] == ["Moscou accuse Kiev"]


def test_quotes_by_speaker_full_name_or_surname(db):
    con = query.open_db(db)
    assert [q["text"] for q in query.quotes(con, speaker="Lavrov")] == ["Nous répondrons"]
    assert [q["text"] for q in query.quotes(con, speaker="Sergueï Lavrov")] == ["Nous répondrons"]
    assert [q["speaker"] for q in query.quotes(con, speaker="antony blinken")] == ["Blinken"]
    assert [q["text"] for q in query.quotes(con, text="serons")] == ["Nous serons là"]


def test_events_filters(db):
    con = query.open_db(db)
    assert [(e["source_code"], e["type"], e["target_code"]) for e in
            query.events(con, source="RUS", target="UKR")] == [("RUSGOV", "THREATEN", "UKRGOV"),
                                                               ("RUSGOV", "ACCUSE", "UKRGOV")]
    assert len(query.events(con, source="RUS", target="UKR", facts_only=True)) == 1
    assert [e["trigger"] for e in query.events(con, type_="ACCUSE", since="2024-01-01")] == ["accuse"]
    assert [e["trigger"] for e in query.events(con, source="Blinken")] == ["rencontré", "promis"]
    assert [e["trigger"] for e in query.events(con, type_="11")] == ["accuse"]
    assert query.events(con, since="2024-03-02", source="USA")[0]["trigger"] == "rencontré"


def test_top_actors_merge_names_across_articles(db):
    top = query.top_actors(query.open_db(db), top=3)
    assert [(a["name"], a["articles"]) for a in top[:2]] == [("Ukraine", 3), ("Antony Blinken", 2)] or \
        [(a["name"], a["articles"]) for a in top[:3]].count(("Antony Blinken", 2)) == 1
    names = {a["entity"]: a["articles"] for a in query.top_actors(query.open_db(db), top=20)}
    assert names["per:antony blinken"] == 2 and names["per:serguei lavrov"] == 2 and names["gpe:RUS"] == 2
    assert "per:blinken" not in names and "per:lavrov" not in names


@pytest.mark.parametrize("table", ["events", "quotes", "actors", "articles"])
def test_exports_round_trip(db, tmp_path, table):
    import duckdb
    import pandas as pd

    con = query.open_db(db)
    expected = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    assert expected > 0
    out = io.StringIO()
    assert write_table(con, table, "csv", out=out) == expected
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == expected
    out = io.StringIO()
    write_table(con, table, "jsonl", out=out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(lines) == expected and all("id" in x for x in lines)
    pq = tmp_path / f"{table}.parquet"
    assert write_table(con, table, "parquet", path=pq) == expected
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{pq}')").fetchall() == [(expected,)]
    frame = pd.read_parquet(pq)
    assert len(frame) == expected and list(frame.columns)[0] == "id"


def test_gdelt_export(db):
    out = io.StringIO()
    n = write_table(query.open_db(db), "events", "gdelt", out=out)
    assert n == 4  # the negated event is no fact
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert rows[0] == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61 and all(len(r) == 61 for r in rows)
    by = [dict(zip(rows[0], r)) for r in rows[1:]]
    accuse = next(r for r in by if r["EventCode"] == "112")
    assert (accuse["SQLDATE"], accuse["Actor1Code"], accuse["Actor1CountryCode"], accuse["Actor1Type1Code"],
            accuse["Actor2Code"], accuse["EventBaseCode"], accuse["EventRootCode"], accuse["QuadClass"],
            accuse["GoldsteinScale"], accuse["IsRootEvent"], accuse["SOURCEURL"]) == \
        ("20240301", "RUSGOV", "RUS", "GOV", "UKRGOV", "112", "11", "3", "-2.0", "1", "https://ex.fr/1")
    reject = next(r for r in by if r["Actor1Name"] == "LAVROV")  # no CAMEO code: the PLOVER default
    assert (reject["EventCode"], reject["QuadClass"], reject["IsRootEvent"]) == ("120", "3", "0")
    aid = next(r for r in by if r["EventCode"] == "070")
    assert (aid["QuadClass"], aid["GoldsteinScale"], aid["Actor1Name"]) == ("2", "7.0", "BLINKEN")


def test_cli_commands(db, tmp_path):
    r = run("search", "Kiev", "--db", str(db), "--json")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2
    r = run("events", "--db", str(db), "--source", "RUS", "--target", "UKR", "--type", "ACCUSE", "--csv")
    assert r.exit_code == 0 and len(list(csv.DictReader(io.StringIO(r.stdout)))) == 1
    r = run("quotes", "--db", str(db), "--speaker", "Lavrov")
    assert r.exit_code == 0 and "Nous répondrons" in r.stdout
    r = run("actors", "--db", str(db), "--top", "3", "--json")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    r = run("export", "--db", str(db), "--format", "parquet", "--table", "events")
    assert r.exit_code != 0 and "-o" in r.output
    r = run("export", "--db", str(db), "--format", "jsonl", "--table", "articles")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    r = run("export", "--db", str(db), "--format", "gdelt", "-o", str(tmp_path / "g.tsv"))
    assert r.exit_code == 0 and (tmp_path / "g.tsv").read_text().count("\n") == 5
    for cmd in (["search", "x"], ["quotes"], ["events"], ["actors"], ["export"]):
        r = run(*cmd, "--db", str(tmp_path / "missing.db"))
        assert r.exit_code == 1 and "no such database" in r.output
