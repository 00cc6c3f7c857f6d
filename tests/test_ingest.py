"""Each input type and each bad-input case: a clear error naming the input, the others still processed."""
import gzip
import json
import tarfile

import pytest

from veille.errors import InputError
from veille.ingest import read_inputs

from .conftest import EXAMPLE, shared


def items(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_text_file(tmp_path):
    (article,) = items(EXAMPLE)
    assert article.id == "blinken-lavrov"
    assert article.text.startswith("La conversation était principalement")
    assert "\n\nLe secrétaire d'État américain" in article.text


def test_jsonl_file(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps({"id": "x1", "text": "Premier article sur la politique française.", "title": "T1",
                    "date": "2022-07-29T10:00:00", "url": "https://example.org/1"}) + "\n"
        + "\n" + "{not json\n" + json.dumps({"title": "no text"}) + "\n"
        + json.dumps({"text": "Second article."}) + "\n", encoding="utf-8")
    out = items(f)
    articles = [x for x in out if not isinstance(x, InputError)]
    errors = [x for x in out if isinstance(x, InputError)]
    assert [a.id for a in articles] == ["x1", "batch-5"]
    assert articles[0].published == "2022-07-29" and articles[0].title == "T1"
    assert [(e.origin, e.reason) for e in errors] == [(f"{f}:3", "bad-record"), (f"{f}:4", "bad-record")]


def test_html_page_real(tmp_path):
    archive = shared("data", "orangesum", "html-sample.tar.gz")
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.isfile() and m.name.endswith(".html"))
        tar.extract(member, tmp_path, filter="data")
    page = tmp_path / member.name
    (article,) = items(page)
    assert article.title and article.published and article.url.startswith("http")
    assert len(article.text.split()) > 50
    # menus, cookie banners and comments are not article text
    for noise in ("cookies", "Se connecter", "Commentaires"):
        assert noise not in article.text


def test_html_page_without_article(tmp_path):
    f = tmp_path / "menu.html"
    f.write_text("<html><body><nav><a href='/'>Accueil</a><a href='/a'>Actualités</a></nav></body></html>")
    (err,) = items(f)
    assert isinstance(err, InputError) and err.reason == "not-an-article"


def test_folder_means_its_supported_files(tmp_path):
    (tmp_path / "a.txt").write_text("Un premier texte sur la politique.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Un second texte sur la politique.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert sorted(a.id for a in items(tmp_path)) == ["a", "b"]


def test_stdin(monkeypatch, tmp_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Texte lu sur l'entrée standard.".encode())))
    (article,) = items("-")
    assert article.text == "Texte lu sur l'entrée standard." and article.id.startswith("sha1-")


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("gzip.txt", gzip.compress(b"du texte"), "binary"),
    ("numbers.txt", b"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 = ; ; ;", "not-an-article"),
    ("undecodable.txt", bytes(range(128, 256)) * 4, "undecodable"),
    ("missing.txt", None, "missing"),
    ("table.csv", b"a,b\n1,2\n", "unsupported"),
])
def test_bad_inputs_are_reported_and_others_still_processed(tmp_path, name, content, reason):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    out = items(bad, EXAMPLE)
    assert isinstance(out[0], InputError) and out[0].reason == reason
    assert str(bad) in str(out[0]) and "\n" not in str(out[0])
    assert out[1].id == "blinken-lavrov"


def test_legacy_encoding_is_decoded_with_a_warning(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Le ministre a déclaré que l'été serait décisif pour la réforme des retraites.".encode("cp1252"))
    (article,) = items(f)
    assert "déclaré" in article.text and "été" in article.text
    assert any("not UTF-8" in w for w in article.warnings)


def test_too_large(tmp_path, monkeypatch):
    import veille.ingest.decode as decode

    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    f = tmp_path / "huge.txt"
    f.write_text("mot " * 1000, encoding="utf-8")
    (err,) = items(f)
    assert err.reason == "too-large"


@pytest.mark.parametrize("layout", [
    "<p>Publié hier.</p><div class='story'>{body}</div>",
    "<section>{body}</section>",
])
def test_html_page_the_fast_extraction_misses_is_rescued(tmp_path, layout):
    """Pages whose text is not in <p> elements: trafilatura's fast pass finds (almost) nothing and the
    full extraction (readability, jusText) must still find the article."""
    sentence = ("La commission des finances a examiné le projet de loi pendant de longues heures avant "
                "de rendre un avis favorable, selon son rapporteur.")
    body = " ".join([sentence] * 10)
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>Le budget</title></head><body><nav><a href='/'>Accueil</a></nav>"
                 + layout.format(body=body) + "<footer>Mentions légales</footer></body></html>", encoding="utf-8")
    (article,) = items(f)
    assert not isinstance(article, InputError), article
    assert article.text.count("commission des finances") == 10
