"""``veille eval`` runs on gold files and its scoring rules behave as documented."""
import json

from click.testing import CliRunner

from veille.cli import cli
from veille.evaluate.gold import Gold
from veille.evaluate.metrics import score_events, _quote_match
from veille.model import Actor, Analysis, Article, Event, Span

from .conftest import shared


def test_eval_command_on_dev(nlp):
    dev = shared("data", "dev")
    result = CliRunner().invoke(cli, ["eval", str(dev), "--limit", "2", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["articles"] == 2
    assert 0 < report["actors"]["gold"] and 0 <= report["actors"]["found_rate"] <= 1
    assert set(report["quotes"]["by_kind"]) == {"direct", "indirect", "mixed"}
    assert report["lede"] is None or 0 <= report["lede"]["rouge1"] <= 1


def test_quote_match_rule():
    assert _quote_match("le monde ne reconnaîtrait jamais", "le monde ne reconnaîtrait jamais une annexion")
    assert not _quote_match("le monde", "le monde ne reconnaîtrait jamais une annexion")


def test_event_scoring_ignores_optional_and_flags():
    gold = Gold("g", "", None, None, None, "x", [], [], [
        {"source_country": "USA", "type": "CONSULT", "target_country": "RUS", "optional": False},
        {"source_country": "RUS", "type": "ACCUSE", "target_country": "USA", "optional": True},
        {"source_country": "RUS", "type": "ASSAULT", "target_country": "UKR", "hypothetical": True},
    ])
    actors = [Actor("a1", "USA", "GPE", "USA"), Actor("a2", "RUS", "GPE", "RUS"), Actor("a3", "UKR", "GPE", "UKR")]
    span = Span(0, 1, "x")
    events = [Event("v1", "CONSULT", span, 0, "a1", "a2"), Event("v2", "ACCUSE", span, 0, "a2", "a1"),
              Event("v3", "ASSAULT", span, 0, "a2", "a3", hypothetical=True), Event("v4", "REJECT", span, 0, "a1", "a3")]
    result = Analysis(Article("g", "x"), "fr", "", [(0, 1)], actors, [], events)
    scored = score_events(gold, result)
    assert scored["tp"] == [("USA", "CONSULT", "RUS")]
    assert scored["fp"] == [("USA", "REJECT", "UKR")]
    assert scored["fn"] == []
