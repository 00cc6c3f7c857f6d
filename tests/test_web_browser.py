"""End to end in headless Chromium (Playwright, Debian's chromium): uvicorn in a thread on a free port.

Corpus: the example article, 30 OrangeSum pages from /work/shared (extracted to a temporary folder; kept
small because ingesting hundreds takes minutes on the 2-core test machine), the injection article ingested
for real, and the hand-written records with quotes and events. Screenshots go to test-artifacts/ (ignored
by git). Skipped when chromium or the shared data is missing.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_support import ARTIFACTS, CHROMIUM_ARGS, build_corpus, live_server  # noqa: E402
from corpus_support import html_sample  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium); Playwright cannot download browsers here")
N_PAGES = 30


@pytest.fixture(scope="module")
def server():
    tmp = Path(tempfile.mkdtemp(prefix="veille-web-e2e-"))
    pages = html_sample(tmp / "html", N_PAGES)  # skips when the shared data is absent
    db = build_corpus(tmp / "e2e.db", real=True, extra=pages)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    external: list[str] = []
    pg.on("request", lambda req: external.append(req.url) if not req.url.startswith(("http://127.0.0.1", "data:"))
          else None)
    pg.errors, pg.external = errors, external
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_search_open_article_click_highlight(server, page):
    page.goto(server + "/")
    assert "Derniers articles" in page.inner_text("#article-results")
    page.fill("input[name=q]", "Lavrov Blinken")
    page.click("button[type=submit]")
    page.wait_for_selector("#article-results li.hit")
    shot(page, "search")
    page.click("#article-results li.hit a.title >> nth=0")
    page.wait_for_selector("#article-text")
    assert page.locator("#lede").is_visible()
    assert page.locator("#article-text mark.hl-actor").count() >= 3
    shot(page, "article")
    assert page.locator("#evidence").is_hidden()
    page.locator("#article-text mark.hl-actor").first.click()
    page.wait_for_selector("#evidence:not([hidden])")
    assert "acteur" in page.inner_text("#evidence")
    assert not page.errors and not page.external, (page.errors, page.external)


def test_quote_and_event_evidence(server, page):
    page.goto(server + "/?q=r%C3%A9pondrons")
    page.click("#article-results li.hit a.title >> nth=0")
    page.locator("#article-text mark.hl-event").first.click()
    box = page.locator("#evidence")
    box.wait_for(state="visible")
    assert "ACCUSE" in box.inner_text() and "accuser:nsubj->obj" in box.inner_text()
    assert "Moscou accuse Kiev d'avoir frappé un dépôt." in page.inner_text("#evidence .ev-sentence")
    page.locator("#article-text mark.hl-quote").first.click()
    assert "Sergueï Lavrov" in box.inner_text() and "déclaré" in box.inner_text()
    assert page.locator("#article-text mark.active").count() >= 1
    shot(page, "evidence")
    page.click("#evidence .close")
    assert box.is_hidden()
    assert not page.errors, page.errors


def test_actor_network_timeline_render(server, page):
    page.goto(server + "/actors")
    page.click("#actors-table a >> text=Antony Blinken")
    page.wait_for_selector("#actor-name")
    assert page.locator("#actor-timeline svg rect").count() >= 1
    assert "REJECT" in page.inner_text("#actor-events-target")
    shot(page, "actor")

    page.goto(server + "/network?top=100")
    page.wait_for_selector("#network[data-ready='1']")
    assert page.locator("#network circle").count() >= 3
    assert page.locator("#network line.coop").count() >= 1 and page.locator("#network line.conflict").count() >= 1
    shot(page, "network")
    page.goto(server + "/network?by=country")
    page.wait_for_selector("#network[data-ready='1']")
    page.locator("#network a.node circle").first.click()
    page.wait_for_url("**/actors/**")

    page.goto(server + "/timeline?by=type")
    assert page.locator("#timeline-chart svg rect").count() >= 3
    shot(page, "timeline")
    page.goto(server + "/timeline?source=USA&target=UKR")
    assert "USA → UKR" in page.inner_text("h1")
    assert page.locator("#timeline-chart svg rect").count() >= 1
    assert not page.errors and not page.external, (page.errors, page.external)


def test_injected_markup_is_shown_as_text(server, page):
    """Articles with <script>, event handlers and javascript: URLs, ingested and hand-stored: nothing runs."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=onerror")
    hits = page.locator("#article-results li.hit a.title")
    assert hits.count() >= 2
    hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    assert page.evaluate("window.__xss") is None
    for href in hrefs:
        page.goto(server + href)
        page.wait_for_selector("#article-text")
        assert page.evaluate("window.__xss") is None
        assert page.title() != "pwned"
        text = page.inner_text("#article-text")
        assert "<script>" in text and "onerror=" in text
        assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
        assert page.locator("main img, main [onerror], main [onmouseover], a[href^='javascript']").count() == 0
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
        page.locator("#article-text mark.hl").first.click()  # evidence box: textContent only
        page.wait_for_selector("#evidence:not([hidden])")
        assert page.evaluate("window.__xss") is None
        shot(page, "xss-" + href.rsplit("/", 1)[-1])
    page.goto(server + "/actors?top=1000")
    assert page.evaluate("window.__xss") is None and page.locator("main img").count() == 0
    assert not dialogs and not page.errors, (dialogs, page.errors)


def test_no_corpus_page(browser, tmp_path):
    from web_support import live_server as serve

    with serve(tmp_path / "nothing.db") as url:
        pg = browser.new_page()
        pg.goto(url + "/")
        assert "veille ingest examples/blinken-lavrov.txt" in pg.inner_text("#no-corpus")
        pg.close()
