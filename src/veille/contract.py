"""The ``veille.article/1`` contract: its JSON Schema and the checks a schema cannot express."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((resources.files("veille") / "schema" / "article-1.schema.json").read_text("utf-8"))


def problems(record: dict) -> list[str]:
    """Every way ``record`` breaks the contract (empty when it is valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    out = [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in validator.iter_errors(record)]
    if out:
        return out
    text = record["text"]
    actor_ids = {a["id"] for a in record["actors"]}

    def check_span(where: str, start: int, end: int, expected: str | None = None) -> None:
        if not 0 <= start <= end <= len(text):
            out.append(f"{where}: offsets {start}-{end} outside the text")
        elif expected is not None and text[start:end] != expected:
            out.append(f"{where}: text {expected!r} is not text[{start}:{end}] = {text[start:end]!r}")

    for i, (s, e) in enumerate(record["sentences"]):
        check_span(f"sentences/{i}", s, e)
    for a in record["actors"]:
        for m in a["mentions"]:
            check_span(f"actors/{a['id']}", m["start"], m["end"], m["text"])
    for q in record["quotes"]:
        check_span(f"quotes/{q['id']}", q["start"], q["end"], q["text"])
        if q["cue"]:
            check_span(f"quotes/{q['id']}/cue", q["cue"]["start"], q["cue"]["end"], q["cue"]["text"])
        if q["speaker"] is not None and q["speaker"] not in actor_ids:
            out.append(f"quotes/{q['id']}: speaker {q['speaker']} is not an actor")
    for v in record["events"]:
        check_span(f"events/{v['id']}/trigger", v["trigger"]["start"], v["trigger"]["end"], v["trigger"]["text"])
        for role in ("source", "target"):
            if v[role] is not None and v[role] not in actor_ids:
                out.append(f"events/{v['id']}: {role} {v[role]} is not an actor")
        if not 0 <= v["sentence"] < len(record["sentences"]):
            out.append(f"events/{v['id']}: sentence {v['sentence']} does not exist")
    return out
