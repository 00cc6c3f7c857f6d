"""Score the event coder on short PLOVER sentences (``shared/data/plover-fr``, gold annotation format).

Each gold file is one sentence. Its *headline* event is the first non-optional gold event (the one the
file was chosen for; the file name uses a PLOVER-2 label, the ``type`` inside is what we score).
Sentences with several gold events are scored on the headline event only for **type accuracy**; the
other events count in the secondary figure **event recall** (share of all non-optional gold events
whose type the coder produced in that sentence).

- type accuracy: share of sentences where the coder produces at least one event (flags ignored) of the
  headline type;
- source / target country accuracy (per type): among those sentences, share where some event of that
  type has the gold source (target) country; a gold null country must be matched by no country.
"""
from __future__ import annotations

from collections import defaultdict

from ..model import Article
from ..normalise import normalise
from .gold import load_dir


def headline(gold) -> dict | None:
    events = [e for e in gold.events if not e.get("optional")] or gold.events
    return events[0] if events else None


def evaluate_dir(folder: str, nlp=None) -> dict:
    from ..analyse import analyse_batch

    golds = load_dir(folder)
    articles = [Article(id=g.id, text=normalise(g.text), title=g.title, published=g.date) for g in golds]
    results = list(analyse_batch(articles, nlp=nlp, check_language=False))
    return score(golds, results)


def score(golds, results) -> dict:
    per_type = defaultdict(lambda: {"n": 0, "type_ok": 0, "src_ok": 0, "tgt_ok": 0})
    rows = []
    ev_total = ev_found = 0
    for g, r in zip(golds, results):
        h = headline(g)
        if h is None:
            continue
        countries = {a.id: a.country for a in r.actors}
        produced = [(e.type, countries.get(e.source), countries.get(e.target), e) for e in r.events]
        t = h["type"]
        same = [p for p in produced if p[0] == t]
        src_ok = any(p[1] == h.get("source_country") for p in same)
        tgt_ok = any(p[2] == h.get("target_country") for p in same)
        row = per_type[t]
        row["n"] += 1
        row["type_ok"] += bool(same)
        row["src_ok"] += bool(same) and src_ok
        row["tgt_ok"] += bool(same) and tgt_ok
        types = {p[0] for p in produced}
        for e in g.events:
            if not e.get("optional"):
                ev_total += 1
                ev_found += e["type"] in types
        rows.append({"id": g.id, "gold": t, "gold_source": h.get("source_country"),
                     "gold_target": h.get("target_country"), "gold_trigger": h.get("trigger"), "ok": bool(same),
                     "gold_events": [f"{e.get('source_country') or '-'} {e['type']} {e.get('target_country') or '-'}"
                                     f" «{e.get('trigger')}»" + (" (neg)" if e.get("negated") else "")
                                     + (" (hyp)" if e.get("hypothetical") else "")
                                     + (" (opt)" if e.get("optional") else "") for e in g.events],
                     "system": [f"{p[1] or '-'} {p[0]} {p[2] or '-'} «{p[3].trigger.text if p[3].trigger else ''}»"
                                + (" (neg)" if p[3].negated else "")
                                + (" (hyp)" if p[3].hypothetical else "") + f" [{p[3].pattern}]" for p in produced],
                     "text": g.text})
    n = sum(v["n"] for v in per_type.values())
    ok = sum(v["type_ok"] for v in per_type.values())
    by_type = {}
    for t, v in sorted(per_type.items()):
        by_type[t] = {"sentences": v["n"], "type_accuracy": v["type_ok"] / v["n"],
                      "source_country_accuracy": v["src_ok"] / v["type_ok"] if v["type_ok"] else 0.0,
                      "target_country_accuracy": v["tgt_ok"] / v["type_ok"] if v["type_ok"] else 0.0}
    return {"sentences": n, "type_accuracy": ok / n if n else 0.0,
            "source_country_accuracy": sum(v["src_ok"] for v in per_type.values()) / ok if ok else 0.0,
            "target_country_accuracy": sum(v["tgt_ok"] for v in per_type.values()) / ok if ok else 0.0,
            "event_recall": ev_found / ev_total if ev_total else 0.0, "by_type": by_type, "rows": rows}


def format_report(report: dict, errors: bool = False) -> str:
    lines = [f"veille eval-plover: {report['sentences']} sentences (headline event = first non-optional gold event)",
             f"  type accuracy            {report['type_accuracy']:.3f}",
             f"  source country accuracy  {report['source_country_accuracy']:.3f}   (sentences with the type found)",
             f"  target country accuracy  {report['target_country_accuracy']:.3f}",
             f"  event recall (all non-optional gold events, type only)  {report['event_recall']:.3f}", "",
             "  type         n   type-acc  src-acc  tgt-acc"]
    for t, v in report["by_type"].items():
        lines.append(f"  {t:<11} {v['sentences']:>3}   {v['type_accuracy']:.3f}    {v['source_country_accuracy']:.3f}"
                     f"    {v['target_country_accuracy']:.3f}")
    if errors:
        lines += ["", "Errors (headline type not produced): gold headline, all gold events, system events"]
        for r in report["rows"]:
            if not r["ok"]:
                lines.append(f"-- {r['id']}  gold {r['gold_source'] or '-'} {r['gold']} {r['gold_target'] or '-'}"
                             f" «{r.get('gold_trigger') or ''}»")
                lines.append(f"   {r['text']}")
                lines.append(f"   gold:   {'; '.join(r.get('gold_events', []))}")
                lines.append(f"   system: {'; '.join(r['system']) or 'nothing'}")
    return "\n".join(lines)
