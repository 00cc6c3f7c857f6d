"""Pages and JSON API of `veille serve` with FastAPI's TestClient, on the small web test corpus.

The corpus (tests/web_support.py): the example article and an injection-laden text ingested for real, plus
four hand-written records with quotes and events.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_support import corpus  # noqa: E402

from fastapi.testclient import TestClient  # noqa: E402

from veille.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def db():
    return corpus(real=True)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def article_id(client, title_word: str) -> int:
    res = client.get("/api/search", params={"q": title_word}).json()
    assert res["articles"], title_word
    return res["articles"][0]["id"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and whether the nesting is balanced."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "rect", "line", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


# -- search -----------------------------------------------------------------------------------------
def test_search_page_finds_the_example_with_snippet(client):
    r = client.get("/", params={"q": "Lavrov"})
    assert r.status_code == 200
    assert "Blinken" in r.text and "<mark>Lavrov</mark>" in r.text
    assert 'id="quote-results"' in r.text


def test_search_api_articles_and_quotes(client):
    res = client.get("/api/search", params={"q": "répondrons"}).json()
    assert [a["title"] for a in res["articles"]] == ["Moscou accuse Kiev"]
    assert res["quotes"][0]["speaker"] == "Sergueï Lavrov"
    assert res["quotes"][0]["speaker_entity"] == "per:serguei lavrov"
    assert "\ue000" not in res["quotes"][0]["text"]  # markers are for the HTML page only


def test_search_filters_dates_actor_type_and_paging(client):
    all_ = client.get("/api/search", params={"size": 100}).json()
    assert all_["total"] >= 6
    dated = client.get("/api/search", params={"since": "2024-03-01", "until": "2024-03-03"}).json()
    assert {a["title"] for a in dated["articles"]} >= {"Moscou accuse Kiev"}
    assert all("2024-03-01" <= a["published"] <= "2024-03-03" for a in dated["articles"])
    by_actor = client.get("/api/search", params={"actor": "Lavrov"}).json()
    assert {"Moscou accuse Kiev", "Blinken à Kiev"} <= {a["title"] for a in by_actor["articles"]}
    by_key = client.get("/api/search", params={"actor": "gpe:UKR", "type": "AID"}).json()
    # every article found has an AID event with Ukraine as source or target (the injection article's own
    # analysis may have one too, so the exact list depends on the coder)
    assert "Aide américaine" in [a["title"] for a in by_key["articles"]]
    assert "Moscou accuse Kiev" not in [a["title"] for a in by_key["articles"]]
    p1 = client.get("/api/search", params={"size": 2, "page": 1}).json()
    p2 = client.get("/api/search", params={"size": 2, "page": 2}).json()
    assert len(p1["articles"]) == 2 and not {a["id"] for a in p1["articles"]} & {a["id"] for a in p2["articles"]}
    page = client.get("/", params={"actor": "Lavrov", "type": "", "since": ""})  # empty form fields = absent
    assert page.status_code == 200 and "Moscou accuse Kiev" in page.text


def test_accents_ignored_and_fts_syntax_only_with_raw(client):
    assert client.get("/api/search", params={"q": "repondrons"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": 'AND "Kiev OR (NEAR'}).status_code == 200
    bad = client.get("/api/search", params={"q": 'AND "Kiev OR (NEAR', "raw": "true"})
    assert bad.status_code == 400 and "full-text query" in bad.json()["detail"]
    page = client.get("/", params={"q": "(((", "raw": "true"})
    assert page.status_code == 400 and "Requête invalide" in page.text
    ok = client.get("/api/search", params={"q": "Kiev OR Moscou", "raw": "true"}).json()
    assert ok["total"] >= 2


@pytest.mark.parametrize("url", [
    "/?since=2024-13-01", "/?page=0", "/?page=abc", "/?type=NOPE", "/?q=" + "x" * 600,
    "/articles/0", "/articles/abc", "/articles/99999999999999999999", "/network?top=1", "/network?by=planet",
    "/timeline?by=colour", "/api/search?size=1000", "/api/network?quad=9", "/api/articles/-1",
])
def test_bad_parameters_are_4xx_with_a_message(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code)
    if url.startswith("/api/"):
        assert r.json()["detail"]
    else:
        assert "<h1>" in r.text and ("invalide" in r.text or "Introuvable" in r.text)


def test_missing_things_are_404(client):
    assert client.get("/articles/987654").status_code == 404
    assert client.get("/api/articles/987654").json()["detail"] == "no article 987654"
    assert client.get("/actors/per:nobody").status_code == 404
    assert client.get("/api/actors/per:nobody").status_code == 404


# -- article ----------------------------------------------------------------------------------------
def test_article_page_highlights_lede_and_panels(client):
    aid = article_id(client, "substantielle")
    r = client.get(f"/articles/{aid}")
    assert r.status_code == 200
    html = r.text
    assert 'id="lede"' in html
    assert 'class="hl hl-actor"' in html and "Sergueï Lavrov" in html
    assert 'id="panel-actors"' in html and 'id="panel-quotes"' in html and 'id="panel-events"' in html
    tags = parse(html)
    assert not tags.errors, tags.errors[:5]
    art = client.get(f"/api/articles/{aid}").json()
    assert art["summary"] and any(a["entity"] == "per:antony blinken" for a in art["actors"])
    # the text between the highlights is the article text, unchanged
    body = html.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    import html as htmllib

    assert htmllib.unescape(re.sub(r"<[^>]+>", "", body)) == art["text"]


def test_article_highlights_quotes_events_and_evidence(client):
    aid = article_id(client, "répondrons")
    html = client.get(f"/articles/{aid}").text
    assert 'data-ev="quote:q1"' in html and 'class="hl hl-quote"' in html and 'class="hl hl-cue"' in html
    assert 'class="hl hl-event"' in html and 'data-ev="event:e1"' in html
    assert "Russie</a> <code>RUSGOV</code>" in html and "ACCUSE" in html  # source -> type -> target panel
    import json

    evidence = json.loads(html.split('id="evidence-data">', 1)[1].split("</script>", 1)[0])
    assert evidence["event:e1"]["pattern"] == "accuser:nsubj->obj"
    assert evidence["event:e1"]["sentence"] == "Moscou accuse Kiev d'avoir frappé un dépôt."
    assert evidence["quote:q1"]["cue"] == "déclaré" and evidence["quote:q1"]["title"] == "Sergueï Lavrov"


def test_overlapping_spans_are_split_and_well_formed(client):
    aid = article_id(client, "journalistes")
    html = client.get(f"/articles/{aid}").text
    body = html.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    assert not parse(body).errors
    assert body.count('data-ev="event:e2"') == 2  # split around the end of "promis une aide"
    assert "hl-cont" in body


def test_javascript_url_is_not_a_link(client):
    aid = article_id(client, "journalistes")
    html = client.get(f"/articles/{aid}").text
    assert "javascript:" not in [a.get("href", "") for t, a in parse(html).tags if t == "a"]
    assert 'class="source-text">javascript:alert(1)</span>' in html
    ok = client.get(f"/articles/{article_id(client, 'répondrons')}").text
    assert 'href="https://ex.fr/1"' in ok


def test_injection_attempts_are_text(client):
    for q in ("onerror", "ministre Intérieur pwned"):
        for a in client.get("/api/search", params={"q": q}).json()["articles"]:
            html = client.get(f"/articles/{a['id']}").text
            tags = parse(html)
            scripts = [x for t, x in tags.tags if t == "script"]
            # only our own scripts: the evidence JSON and /static/veille.js
            assert all(x.get("type") == "application/json" or x.get("src", "").startswith("/static/")
                       for x in scripts), scripts
            assert not [t for t, _ in tags.tags if t in ("img", "b")]
            assert not [x for _, x in tags.tags if any(k.startswith("on") for k in x)]
            assert not [x for _, x in tags.tags if x.get("href", "").lower().startswith("javascript")]
            assert "&lt;script&gt;" in html
            assert not tags.errors
    search = client.get("/", params={"q": "onerror"}).text
    assert "<img" not in search and "&lt;img" in search
    actor = client.get("/actors", params={"top": 1000}).text
    assert "<img" not in actor and "&lt;img src=x onerror" in actor


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# -- actors, network, timeline ----------------------------------------------------------------------
def test_actor_page(client):
    r = client.get("/actors/per:antony blinken")
    assert r.status_code == 200
    html = r.text
    assert 'id="actor-name">Antony Blinken' in html
    assert "REJECT" in html.split('id="actor-events-target"')[1]  # Lavrov -> REJECT -> Blinken
    assert "AID" in html.split('id="actor-events-source"')[1]
    assert "Nous serons là" in html.split('id="actor-quotes"')[1]
    assert "Sergueï Lavrov" in html.split('id="actor-cooccurring"')[1]
    assert "<svg" in html.split('id="actor-timeline"')[1]
    ent = client.get("/api/actors/per:antony%20blinken").json()
    assert ent["n_articles"] >= 3 and ent["timeline"]["buckets"]
    listing = client.get("/actors").text
    assert 'href="/actors/per%3Aantony%20blinken"' in listing


def test_network(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"per:antony blinken", "gpe:UKR", "gpe:RUS"} <= ids
    tones = {(e["source"], e["target"]): e["tone"] for e in net["edges"]}
    assert tones[("per:antony blinken", "gpe:UKR")] == "coop"
    assert tones[("gpe:RUS", "gpe:UKR")] == "conflict"
    countries = client.get("/api/network", params={"by": "country"}).json()
    assert {"USA", "UKR", "RUS"} <= {n["id"] for n in countries["nodes"]}
    small = client.get("/api/network", params={"top": 2}).json()
    assert len(small["nodes"]) == 2 and small["total_nodes"] > 2
    conflict = client.get("/api/network", params={"quad": 3}).json()
    assert all(e["tone"] == "conflict" for e in conflict["edges"])
    page = client.get("/network", params={"type": "AID"})
    assert page.status_code == 200 and 'id="graph-data"' in page.text and "/static/network.js" in page.text


def test_timeline(client):
    tl = client.get("/api/timeline").json()
    assert tl["unit"] == "day" and tl["total"] >= 6
    assert "coopération matérielle" in tl["categories"]
    dyad = client.get("/api/timeline", params={"source": "USA", "target": "UKR", "by": "type"}).json()
    assert set(dyad["categories"]) == {"AID", "CONSULT", "SUPPORT"}
    assert sum(b["total"] for b in dyad["buckets"]) == dyad["total"] == 3
    page = client.get("/timeline", params={"source": "USA", "target": "RUS"})
    assert page.status_code == 200
    page = client.get("/timeline", params={"source": "RUS", "target": "UKR"})
    assert "<rect" in page.text and "conflit verbal" in page.text


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/actors/{key}", "/api/network",
            "/api/timeline"} <= set(spec["paths"])
    assert "/" not in spec["paths"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN script


# -- no corpus ----------------------------------------------------------------------------------------
def test_no_corpus_explains_how_to_ingest(tmp_path):
    missing = tmp_path / "none.db"
    c = TestClient(create_app(missing))
    for url in ("/", "/network", "/articles/1"):
        r = c.get(url)
        assert r.status_code == 200 and "veille ingest examples/blinken-lavrov.txt" in r.text
    assert c.get("/api/search").status_code == 404
    assert not missing.exists()  # read-only: nothing created
    from veille.store import connect

    connect(tmp_path / "empty.db").close()  # a schema, no article yet
    r = TestClient(create_app(tmp_path / "empty.db")).get("/")
    assert "Aucun corpus" in r.text
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    r = TestClient(create_app(tmp_path / "junk.db")).get("/")
    assert r.status_code == 200 and "not a veille database" in r.text


def test_database_is_opened_read_only(db):
    from veille.web.data import open_readonly

    con = open_readonly(db)
    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        con.execute("DELETE FROM articles")
    con.close()


def test_serve_command_registered():
    from click.testing import CliRunner

    from veille.cli import cli

    out = CliRunner().invoke(cli, ["serve", "--help"])
    assert out.exit_code == 0 and "--host" in out.output and "127.0.0.1" in out.output


def test_raw_fts_special_query_is_a_400(client):
    # FTS5 reads a leading "*" as a special query ("unknown special query"): a bad query, not a crash
    res = client.get("/api/search", params={"q": "*", "raw": "true"})
    assert res.status_code == 400 and "invalid full-text query" in res.json()["detail"]
