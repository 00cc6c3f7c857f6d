"""Property-based tests: no query parameter makes a page or the API fail with a 5xx.

- hypothesis over the query parameters of every page and API route (text with FTS5 operators, quotes,
  control and non-BMP characters; dates valid and not; integers in and out of range);
- schemathesis against /openapi.json (a bounded number of examples per operation);
- the highlighter on random, overlapping spans: well-formed HTML whose text is the article text.
"""
from __future__ import annotations

import html as htmllib
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_support import corpus  # noqa: E402

from fastapi.testclient import TestClient  # noqa: E402

from veille.web import create_app  # noqa: E402
from veille.web.render import Span, highlight  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(corpus(real=True)))


words = st.sampled_from(["Lavrov", "Blinken", "Kiev", "AND", "OR", "NOT", "NEAR", "*", '"', "(", ")", ":",
                         "{title}", "^", "-", "é", "l'Ukraine", "\x00", "\u202e", "😀", "%", "_", "'", "\\"])
text = st.one_of(st.text(max_size=40), st.lists(words, max_size=6).map(" ".join))
dates = st.one_of(st.dates().map(str), st.text(max_size=12), st.sampled_from(["2024-02-30", "0000-01-01",
                                                                               "2024-3-1", "9999-12-31"]))
ints = st.one_of(st.integers(-5, 1200), st.integers(), st.text(max_size=6))
types = st.one_of(st.sampled_from(["ACCUSE", "AID", "accuse", "", "X"]), st.text(max_size=8))
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731


def params(**strategies):
    return st.fixed_dictionaries({}, optional=strategies).map(lambda d: {k: v for k, v in d.items()
                                                                         if v is not None})


@SETTINGS
@given(route=st.sampled_from(["/", "/api/search"]),
       p=params(q=text, since=dates, until=dates, actor=text, type=types, page=ints, size=ints,
                raw=st.sampled_from(["true", "false", "1", "yes", "x"])))
def test_search_never_fails(client, route, p):
    r = client.get(route, params=p)
    assert r.status_code < 500, (route, p, r.text[:500])


@SETTINGS
@given(route=st.sampled_from(["/network", "/api/network", "/timeline", "/api/timeline"]),
       p=params(by=st.sampled_from(["actor", "country", "quad", "type", "x"]), since=dates, until=dates,
                type=types, quad=ints, top=ints, source=text, target=text))
def test_network_and_timeline_never_fail(client, route, p):
    r = client.get(route, params=p)
    assert r.status_code < 500, (route, p, r.text[:500])


@SETTINGS
@given(route=st.sampled_from(["/articles/", "/api/articles/", "/actors/", "/api/actors/"]),
       key=st.one_of(st.integers().map(str), text, st.sampled_from(["gpe:UKR", "per:antony blinken", "1",
                                                                   "../../etc/passwd", "%00", "a/b"])))
def test_paths_never_fail(client, route, key):
    from urllib.parse import quote

    r = client.get(route + quote(key, safe=""))
    assert r.status_code < 500, (route, key, r.text[:500])


def test_schemathesis_finds_no_server_error(client):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck as HC, settings as hsettings
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @hsettings(max_examples=25, deadline=None, suppress_health_check=list(HC), database=None)
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            try:
                case.validate_response(response, checks=[not_a_server_error])
            except Exception as err:  # collect, report all at the end
                failures.append((operation.label, case.path_parameters, case.query, str(err)[:300]))

        run()
    assert not failures, failures[:5]


# -- the highlighter ------------------------------------------------------------------------------------
@st.composite
def text_and_spans(draw):
    t = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'é\n")), min_size=0, max_size=40))
    n = len(t)
    spans = draw(st.lists(st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2),
                                    st.sampled_from(["actor", "quote", "cue", "event"]),
                                    st.sampled_from(["x:1", "x:2", 'y:"<3>']))
                          .map(lambda x: Span(x[0], x[1], x[2], x[3], "<label & 'quote'>")), max_size=8))
    return t, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_highlight_is_well_formed_and_keeps_the_text(data):
    from html.parser import HTMLParser

    from markupsafe import escape

    t, spans = data
    out = str(highlight(t, spans))
    depth, ok = [], [True]

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            assert tag == "mark"
            depth.append(tag)

        def handle_endtag(self, tag):
            if not depth:
                ok[0] = False
            else:
                depth.pop()

    p = P(convert_charrefs=True)
    p.feed(out)
    p.close()
    assert ok[0] and not depth
    assert htmllib.unescape(re.sub(r"<[^>]*>", "", out)) == t
    # every valid span's characters are inside a mark carrying its key
    for s in spans:
        if 0 <= s.start < s.end <= len(t):
            assert f'data-ev="{escape(s.ref)}"' in out
