"""Server-side rendering helpers: the highlighted article text and the bar-chart geometry.

The highlighted text is built like spaCy's displaCy: from character offsets, every piece of text escaped,
spans nested; a span that crosses another is split (closed and reopened) so the HTML stays well formed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup, escape

from . import data

# Outer kinds first when two spans cover the same characters.
KIND_RANK = {"quote": 0, "cue": 1, "actor": 2, "event": 3}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # quote | cue | actor | event
    ref: str  # evidence key, e.g. "event:v1"
    label: str  # tooltip


def spans_of(art: dict[str, Any]) -> list[Span]:
    out: list[Span] = []
    for a in art["actors"]:
        label = f"{a['name']} ({a['type']}{', ' + a['code'] if a['code'] else ''})"
        for m in a["mentions"]:
            out.append(Span(_int(m.get("start")), _int(m.get("end")), "actor", f"actor:{a['id']}", label))
    for q in art["quotes"]:
        who = q["speaker_name"] or "locuteur inconnu"
        out.append(Span(_int(q["start"]), _int(q["end"]), "quote", f"quote:{q['id']}", f"citation — {who}"))
        if q["cue"]:
            out.append(Span(_int(q["cue"].get("start")), _int(q["cue"].get("end")), "cue", f"quote:{q['id']}",
                            f"verbe introducteur — {who}"))
    for e in art["events"]:
        label = f"{e['source_name'] or '?'} → {e['type']} → {e['target_name'] or '?'}"
        out.append(Span(_int(e["trigger"].get("start")), _int(e["trigger"].get("end")), "event",
                        f"event:{e['id']}", label))
    return out


def _int(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else -1


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` as HTML with each span wrapped in a ``<mark>``; overlapping spans nest or are split."""
    n = len(text)
    valid = sorted({s for s in spans if 0 <= s.start < s.end <= n},
                   key=lambda s: (s.start, -s.end, KIND_RANK.get(s.kind, 9), s.ref))
    starts: dict[int, list[Span]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
    bounds = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    pieces: dict[Span, int] = {}

    def open_(s: Span) -> None:
        pieces[s] = pieces.get(s, 0) + 1
        cont = " hl-cont" if pieces[s] > 1 else ""
        out.append(f'<mark class="hl hl-{escape(s.kind)}{cont}" data-ev="{escape(s.ref)}" tabindex="0" '
                   f'title="{escape(s.label)}">')
        stack.append(s)

    for i, pos in enumerate(bounds):
        if any(s.end == pos for s in stack):
            reopen = []
            while any(s.end == pos for s in stack):
                s = stack.pop()
                out.append("</mark>")
                if s.end != pos:
                    reopen.append(s)
            for s in reversed(reopen):
                open_(s)
        for s in starts.get(pos, ()):
            open_(s)
        if i + 1 < len(bounds):
            out.append(str(escape(text[pos:bounds[i + 1]])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def snippet(value: str | None) -> Markup:
    """An FTS snippet (markers from :mod:`.data`) as HTML: the text escaped, the hits in ``<mark>``."""
    if not value:
        return Markup("")
    html = str(escape(value))
    opened = html.count(data.MARK_OPEN)
    html = html.replace(data.MARK_OPEN, "<mark>").replace(data.MARK_CLOSE, "</mark>")
    html += "</mark>" * max(0, opened - value.count(data.MARK_CLOSE))
    return Markup(html)


def plain(value: str | None) -> str:
    return (value or "").replace(data.MARK_OPEN, "").replace(data.MARK_CLOSE, "")


def safe_url(url: Any) -> str | None:
    """The URL when it is http(s), else None (never a ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    low = u.lower()
    if (low.startswith("http://") or low.startswith("https://")) and not any(c in u for c in "\x00\r\n\t <>\"'`"):
        return u
    return None


def bars(chart: dict[str, Any], by: str, width: int = 900, height: int = 260) -> dict[str, Any]:
    """Stacked-bar geometry for a timeline (rendered as SVG by the template)."""
    buckets, cats = chart["buckets"], chart["categories"]
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((b["total"] for b in buckets), default=0) or 1
    bw = plot_w / max(len(buckets), 1)
    rects, labels = [], []
    every = max(1, len(buckets) // 8)
    for i, b in enumerate(buckets):
        x = left + i * bw
        y = top + plot_h
        for c in cats:
            v = b["counts"].get(c, 0)
            if not v:
                continue
            h = plot_h * v / peak
            y -= h
            rects.append({"x": round(x + 0.5, 2), "y": round(y, 2), "w": round(max(bw - 1, 0.8), 2),
                          "h": round(h, 2), "fill": data.colour(by, c, cats), "title": f"{b['date']} · {c} : {v}"})
        if i % every == 0:
            labels.append({"x": round(x + bw / 2, 2), "text": b["date"]})
    ticks = [{"y": round(top + plot_h - plot_h * f, 2), "v": round(peak * f)} for f in (0, 0.5, 1)]
    legend = [{"name": c, "fill": data.colour(by, c, cats)} for c in cats]
    return {"width": width, "height": height, "rects": rects, "labels": labels, "ticks": ticks,
            "axis_y": top + plot_h, "left": left, "legend": legend}
