"""Scoring one analysed article against its gold annotation (rules in docs/evaluation.md)."""
from __future__ import annotations

import re
from collections import Counter

from ..analyse.gazetteer import fold
from ..model import Analysis
from .gold import Gold
from .rouge import rouge_scores, tokenize


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)] if needle else []


def match_actors(gold: Gold, result: Analysis) -> dict[str, str | None]:
    """Gold actor name -> id of the system actor that best covers its aliases (None if not found)."""
    text = result.article.text
    mapping: dict[str, str | None] = {}
    for g in gold.actors:
        spans = [s for alias in g["aliases"] + [g["name"]] for s in occurrences(text, alias)]
        folded = {fold(a) for a in g["aliases"] + [g["name"]]}
        votes: Counter = Counter()
        for actor in result.actors:
            for m in actor.mentions:
                if len(m.text) <= 4 and fold(m.text) in ("il", "elle", "-il", "-elle", "lui"):
                    continue  # pronouns say nothing about which gold actor this is
                if fold(m.text) in folded:
                    votes[actor.id] += 2
                    continue
                for s, e in spans:
                    overlap = min(e, m.end) - max(s, m.start)
                    if overlap > 0 and overlap >= 0.5 * min(e - s, m.end - m.start):
                        votes[actor.id] += 1
                        break
        mapping[g["name"]] = votes.most_common(1)[0][0] if votes else None
    return mapping


def score_actors(gold: Gold, result: Analysis, mapping: dict[str, str | None]) -> dict:
    by_id = {a.id: a for a in result.actors}
    gold_by_name = {a["name"]: a for a in gold.actors}
    rows = []
    for name in gold.scored_actor_names():
        g = gold_by_name[name]
        sys_id = mapping.get(name)
        a = by_id.get(sys_id) if sys_id else None
        rows.append({"gold": name, "found": a is not None, "system": a.name if a else None,
                     "gold_country": g["country"], "country": a.country if a else None,
                     "gold_sector": g["sector"], "sector": a.sector if a else None})
    return {"rows": rows}


def _quote_match(a: str, b: str) -> bool:
    ta, tb = Counter(tokenize(a)), Counter(tokenize(b))
    longer = max(sum(ta.values()), sum(tb.values()))
    return longer > 0 and sum((ta & tb).values()) >= 0.5 * longer


def score_quotes(gold: Gold, result: Analysis, mapping: dict[str, str | None]) -> dict:
    # A passage credited to several speakers counts once, with any of them accepted.
    passages: dict[str, dict] = {}
    for q in gold.quotes:
        p = passages.setdefault(q["text"], {"text": q["text"], "kind": q["kind"], "speakers": set()})
        if q.get("speaker"):
            p["speakers"].add(mapping.get(q["speaker"]))
    gold_list = list(passages.values())
    matched_gold: set[int] = set()
    pairs, spurious = [], []
    for q in result.quotes:
        hit = next((i for i, g in enumerate(gold_list) if i not in matched_gold and _quote_match(q.text, g["text"])), None)
        if hit is None:
            spurious.append(q)
            continue
        matched_gold.add(hit)
        g = gold_list[hit]
        pairs.append((g, q, q.speaker is not None and q.speaker in g["speakers"]))
    missed = [g for i, g in enumerate(gold_list) if i not in matched_gold]
    names = {a.id: a.name for a in result.actors}
    return {
        "pairs": [{"gold_kind": g["kind"], "kind": q.kind, "speaker_ok": ok, "text": q.text,
                   "speaker": names.get(q.speaker)} for g, q, ok in pairs],
        "spurious": [{"kind": q.kind, "text": q.text, "speaker": names.get(q.speaker)} for q in spurious],
        "missed": [{"kind": g["kind"], "text": g["text"]} for g in missed],
    }


def _triple(country_src, etype, country_tgt) -> tuple:
    return (country_src or "-", etype, country_tgt or "-")


def score_events(gold: Gold, result: Analysis) -> dict:
    required, optional = set(), set()
    for e in gold.events:
        if e.get("negated") or e.get("hypothetical"):
            continue
        t = _triple(e.get("source_country"), e["type"], e.get("target_country"))
        (optional if e.get("optional") else required).add(t)
    optional -= required
    by_id = {a.id: a for a in result.actors}
    system = set()
    for e in result.events:
        if e.negated or e.hypothetical:
            continue
        src, tgt = by_id.get(e.source), by_id.get(e.target)
        system.add(_triple(src.country if src else None, e.type, tgt.country if tgt else None))
    system -= optional
    return {"tp": sorted(system & required), "fp": sorted(system - required), "fn": sorted(required - system)}


def score_lede(gold: Gold, result: Analysis) -> dict | None:
    if not gold.summary_ref:
        return None
    return rouge_scores(result.summary, gold.summary_ref)
