"""The readable report ``veille analyze`` prints for a person at a terminal."""
from __future__ import annotations

import textwrap

from ..model import Analysis


def render(result: Analysis, explain: bool = False) -> str:
    a = result.article
    names = {x.id: x.name for x in result.actors}
    out = [f"== {a.id}" + (f" — {a.title}" if a.title else "")]
    meta = "  ".join(x for x in (a.published, a.url) if x)
    if meta:
        out.append(meta)
    out.append("")
    out.append("Lede")
    out.extend("  " + line for line in textwrap.wrap(result.summary, 96))
    out.append("")
    out.append(f"Actors ({len(result.actors)})")
    for x in result.actors:
        aliases = sorted({m.text for m in x.mentions} - {x.name})
        alias_text = ("  = " + "; ".join(aliases[:6])) if aliases else ""
        out.append(f"  {x.id:<4} {x.name[:40]:<40} {x.type:<4} {x.country or '-':<4} {x.sector or '-':<4}"
                   f"{alias_text}")
    out.append("")
    out.append(f"Quotations ({len(result.quotes)})")
    for q in result.quotes:
        who = names.get(q.speaker, "?") if q.speaker else "?"
        text = q.text if len(q.text) < 160 else q.text[:157] + "..."
        out.append(f"  {q.id:<4} [{q.kind}] {who}: « {text} »")
    out.append("")
    out.append(f"Events ({len(result.events)})")
    for e in result.events:
        flags = "".join([" (negated)" if e.negated else "", " (hypothetical)" if e.hypothetical else ""])
        src = names.get(e.source, "?") if e.source else "?"
        tgt = names.get(e.target, "-") if e.target else "-"
        line = f"  {e.id:<4} {src} -> {e.type}{'/' + e.cameo if e.cameo else ''} -> {tgt}  «{e.trigger.text}»{flags}"
        if explain and e.pattern:
            line += f"  [pattern {e.pattern}]"
        out.append(line)
    if result.warnings:
        out.append("")
        out.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(out) + "\n"
