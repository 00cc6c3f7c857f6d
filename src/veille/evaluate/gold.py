"""Gold files in the annotation format of ``shared/data/dev`` (see docs/annotation-guidelines)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Gold:
    id: str
    path: str
    title: str | None
    date: str | None
    summary_ref: str | None
    text: str
    actors: list[dict]
    quotes: list[dict]
    events: list[dict]

    def scored_actor_names(self) -> list[str]:
        """Actors worth scoring: those that speak or take part in a non-optional event."""
        names = {q["speaker"] for q in self.quotes if q.get("speaker")}
        for e in self.events:
            if not e.get("optional"):
                names.update(x for x in (e.get("source"), e.get("target")) if x)
        return [a["name"] for a in self.actors if a["name"] in names]


def load_dir(folder: str | Path, limit: int | None = None) -> list[Gold]:
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold .json files in {folder}")
    out = []
    for f in files[:limit]:
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append(Gold(d.get("id") or f.stem, str(f), d.get("title"), d.get("date"), d.get("summary_ref"),
                        d["text"], d.get("actors", []), d.get("quotes", []), d.get("events", [])))
    return out
