"""``veille eval``: analyse gold articles and aggregate the figures."""
from __future__ import annotations

import sys
from collections import defaultdict

from ..model import Article
from ..normalise import normalise
from . import metrics
from .gold import load_dir


def evaluate_dir(folder: str, limit: int | None = None, nlp=None, progress: bool = True) -> dict:
    from ..analyse import analyse_batch

    golds = load_dir(folder, limit)
    articles = [Article(id=g.id, text=normalise(g.text), title=g.title, published=g.date) for g in golds]
    results = []
    for n, r in enumerate(analyse_batch(articles, nlp=nlp, check_language=False), 1):
        results.append(r)
        if progress and sys.stderr.isatty():
            print(f"\r{n}/{len(golds)} articles", end="", file=sys.stderr, flush=True)
    if progress and sys.stderr.isatty():
        print(file=sys.stderr)
    return aggregate(golds, results)


def aggregate(golds, results) -> dict:
    actor_rows, quote_parts, event_parts, ledes = [], [], [], []
    per_article = []
    for g, r in zip(golds, results):
        mapping = metrics.match_actors(g, r)
        a = metrics.score_actors(g, r, mapping)
        q = metrics.score_quotes(g, r, mapping)
        e = metrics.score_events(g, r)
        lede = metrics.score_lede(g, r)
        for row in a["rows"]:
            row["article"] = g.id
        actor_rows += a["rows"]
        quote_parts.append(q)
        event_parts.append(e)
        if lede:
            ledes.append(lede)
        per_article.append({"id": g.id, "actors": a["rows"], "quotes": q,
                            "events": {k: [list(t) for t in v] for k, v in e.items()}})
    return {
        "articles": len(golds),
        "actors": _actor_summary(actor_rows),
        "quotes": _quote_summary(quote_parts),
        "events": _event_summary(event_parts),
        "lede": {k: sum(x[k] for x in ledes) / len(ledes) for k in ("rouge1", "rouge2", "rougeL")} if ledes else None,
        "per_article": per_article,
    }


def _actor_summary(rows) -> dict:
    found = [r for r in rows if r["found"]]
    return {
        "gold": len(rows), "found": len(found), "found_rate": len(found) / len(rows) if rows else 0.0,
        "country_accuracy": sum(r["country"] == r["gold_country"] for r in found) / len(found) if found else 0.0,
        "sector_accuracy": sum(r["sector"] == r["gold_sector"] for r in found) / len(found) if found else 0.0,
    }


def _quote_summary(parts) -> dict:
    pairs = [p for part in parts for p in part["pairs"]]
    spurious = [s for part in parts for s in part["spurious"]]
    missed = [m for part in parts for m in part["missed"]]
    out = {
        "span": metrics.prf(len(pairs), len(spurious), len(missed)),
        "speaker": metrics.prf(sum(p["speaker_ok"] for p in pairs),
                               len(spurious) + sum(not p["speaker_ok"] for p in pairs),
                               len(missed) + sum(not p["speaker_ok"] for p in pairs)),
        "by_kind": {},
    }
    for kind in ("direct", "indirect", "mixed"):
        kp = [p for p in pairs if p["gold_kind"] == kind]
        out["by_kind"][kind] = {
            "gold": len(kp) + sum(m["kind"] == kind for m in missed),
            "found": len(kp),
            "recall": len(kp) / (len(kp) + sum(m["kind"] == kind for m in missed)) if kp or missed else 0.0,
            "precision": (sum(p["kind"] == kind for p in pairs) /
                          (sum(p["kind"] == kind for p in pairs) + sum(s["kind"] == kind for s in spurious))
                          if any(p["kind"] == kind for p in pairs) or any(s["kind"] == kind for s in spurious) else 0.0),
            "speaker_accuracy": sum(p["speaker_ok"] for p in kp) / len(kp) if kp else 0.0,
            "kind_accuracy": sum(p["kind"] == kind for p in kp) / len(kp) if kp else 0.0,
        }
    return out


def _event_summary(parts) -> dict:
    tp = sum(len(p["tp"]) for p in parts)
    fp = sum(len(p["fp"]) for p in parts)
    fn = sum(len(p["fn"]) for p in parts)
    by_type = defaultdict(lambda: [0, 0, 0])
    for p in parts:
        for i, k in enumerate(("tp", "fp", "fn")):
            for t in p[k]:
                by_type[t[1]][i] += 1
    return {"triples": metrics.prf(tp, fp, fn),
            "by_type": {t: metrics.prf(*v) for t, v in sorted(by_type.items())}}


def format_report(report: dict, errors: bool = False) -> str:
    a, q, e = report["actors"], report["quotes"], report["events"]
    lines = [f"veille eval: {report['articles']} articles", "",
             "Actors (gold actors that speak or take part in an event)",
             f"  found        {a['found']}/{a['gold']} = {a['found_rate']:.3f}",
             f"  country acc  {a['country_accuracy']:.3f}   sector acc  {a['sector_accuracy']:.3f}", "",
             "Quotations          P      R      F1",
             "  span          " + _prf(q["span"]),
             "  with speaker  " + _prf(q["speaker"]),
             "  kind      gold found recall precision speaker-acc kind-acc"]
    for kind, k in q["by_kind"].items():
        lines.append(f"  {kind:<9} {k['gold']:>4} {k['found']:>5} {k['recall']:>6.3f} {k['precision']:>9.3f}"
                     f" {k['speaker_accuracy']:>11.3f} {k['kind_accuracy']:>8.3f}")
    lines += ["", "Events (source country, type, target country) P      R      F1",
              "  all           " + _prf(e["triples"])]
    for t, v in e["by_type"].items():
        lines.append(f"  {t:<13} " + _prf(v) + f"   tp {v['tp']} fp {v['fp']} fn {v['fn']}")
    if report["lede"]:
        l = report["lede"]
        lines += ["", f"Lede ROUGE-1/2/L F1  {100 * l['rouge1']:.1f} / {100 * l['rouge2']:.1f} / {100 * l['rougeL']:.1f}"]
    if errors:
        lines += ["", "Errors"]
        for art in report["per_article"]:
            lines.append(f"-- {art['id']}")
            for r in art["actors"]:
                if not r["found"]:
                    lines.append(f"  actor missed: {r['gold']}")
                elif r["country"] != r["gold_country"] or r["sector"] != r["gold_sector"]:
                    lines.append(f"  actor code: {r['gold']} gold {r['gold_country']}/{r['gold_sector']}"
                                 f" system {r['system']} {r['country']}/{r['sector']}")
            for m in art["quotes"]["missed"]:
                lines.append(f"  quote missed [{m['kind']}]: {m['text'][:100]}")
            for s in art["quotes"]["spurious"]:
                lines.append(f"  quote spurious [{s['kind']}] {s['speaker']}: {s['text'][:100]}")
            for p in art["quotes"]["pairs"]:
                if not p["speaker_ok"]:
                    lines.append(f"  quote speaker wrong ({p['speaker']}): {p['text'][:80]}")
            for t in art["events"]["fn"]:
                lines.append(f"  event missed: {' '.join(t)}")
            for t in art["events"]["fp"]:
                lines.append(f"  event spurious: {' '.join(t)}")
    return "\n".join(lines)


def _prf(d: dict) -> str:
    return f"{d['precision']:.3f}  {d['recall']:.3f}  {d['f1']:.3f}"
