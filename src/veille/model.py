"""The records veille passes between stages: plain dataclasses, picklable and JSON-able.

Every span is a pair of character offsets into the article's *normalised* text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any

from . import SCHEMA

ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "REB", "OPP", "PTY", "BUS", "MED", "CVL", "IGO", "NGO")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass
class Article:
    """One input article, text already normalised (see :mod:`veille.normalise`)."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    site: str | None = None
    origin: str | None = None  # file (and line) it came from, for messages
    warnings: list[str] = field(default_factory=list)


@dataclass
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    mentions: list[Span] = field(default_factory=list)
    # Not serialised: evidence for the codes, gender, whether a mention is a title, etc.
    info: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "country": self.country,
            "sector": self.sector, "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    speaker: str | None = None  # actor id
    cue: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
            "speaker": self.speaker, "cue": self.cue.to_dict() if self.cue else None,
        }


@dataclass
class Event:
    id: str
    type: str
    trigger: Span
    sentence: int
    source: str | None = None  # actor id
    target: str | None = None  # actor id
    cameo: str | None = None
    negated: bool = False
    hypothetical: bool = False
    pattern: str | None = None  # lexicon entry that fired (shown by --explain)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d = {
            "id": self.id, "type": self.type, "cameo": self.cameo, "source": self.source,
            "target": self.target, "trigger": self.trigger.to_dict(), "sentence": self.sentence,
            "negated": self.negated, "hypothetical": self.hypothetical,
        }
        if explain:
            d["pattern"] = self.pattern
        return d


@dataclass
class Analysis:
    """What ``veille analyze`` says about one article: the ``veille.article/1`` record."""

    article: Article
    lang: str
    summary: str
    sentences: list[tuple[int, int]]
    actors: list[Actor]
    quotes: list[Quote]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
    # Lemmatised text (space-separated lemmas, lower case) for full-text search; not in to_dict.
    lemmas: str | None = field(default=None, repr=False)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        a = self.article
        return {
            "schema": SCHEMA, "id": a.id, "lang": self.lang, "title": a.title, "published": a.published,
            "url": a.url, "text": a.text, "summary": self.summary,
            "sentences": [[s, e] for s, e in self.sentences],
            "actors": [x.to_dict() for x in self.actors],
            "quotes": [x.to_dict() for x in self.quotes],
            "events": [x.to_dict(explain) for x in self.events],
            "warnings": list(self.warnings),
        }


__all__ = ["Article", "Span", "Actor", "Quote", "Event", "Analysis", "asdict"]
