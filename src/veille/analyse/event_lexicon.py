"""The event lexicon: readable YAML patterns under ``data/fr/events/`` (one file per PLOVER type).

A file looks like::

    type: ACCUSE            # default PLOVER type of the file's entries
    entries:
      - id: accuse.accuser              # unique over the whole lexicon; shown by ``--explain``
        lemma: accuser                  # lemma of the trigger (verb or noun)
        pos: verb                       # verb | noun | adj
        cameo: "112"                    # CAMEO code (2 or 3 digits) as a string
        source: [subj]                  # slots tried in order for the source actor
        target: [obj]                   # slots tried in order for the target actor ([] = no target)
        requires: []                    # conditions that must hold for the entry to fire
        example: "Le ministre a accusé la Chine d'espionnage."

Triggers are verbs, nouns, or adjectives (``pos: adj``: "prêt à", "favorable à", "opposé à"; their
subject is that of the copula or of "se dire", "se montrer").

Slots: ``subj`` (the agent: grammatical subject, ``par X`` in a passive, inherited through coordination,
relative clauses, infinitive and que-clauses of a reporting verb, and from the light verb that governs a
nominal trigger: "imposer des sanctions"), ``obj`` (direct object, the subject of a passive),
``iobj`` (indirect object: "lui", "à X"), ``prep:X`` (complement introduced by preposition X, e.g.
``prep:avec``, ``prep:contre``, ``prep:auprès``, ``prep:par``, ``prep:de``), ``entre`` (both actors of
"entre X et Y": source X, target Y), ``clause`` (subject of a que-clause complement, object of an
infinitive complement: "exiger que Moscou reconnaisse", "proposer de remettre X à Londres"), ``inner`` (any actor inside the
infinitive, que- or nominal complement of the trigger, a few levels down: "menacer de suspendre ses
exportations vers X", "refuser de rencontrer X", "favorable à une rencontre avec X"), ``none``
(as the last target slot: the event stands without a target, for protests, mobilisations, retreats),
``purpose`` (actors in the "pour/afin de" purpose clause of the trigger: "ont ouvert le feu pour disperser
des manifestants").

Conditions (``requires``): ``obj``, ``iobj``, ``prep:X`` (the slot is filled by something, actor or
not), ``obj=LEMMA`` / ``prep:X=LEMMA`` (filled by that lemma: "ouvrir le feu" is ``obj=feu``), ``se``
(reflexive clitic: "s'entretenir"), ``xcomp`` (an infinitive complement: "appeler X à faire"),
``ccomp=LEMMA`` (a que-clause whose verb has that lemma: "a déclaré que X devait..." is ``ccomp=devoir``),
``not:obj`` (no direct object), ``cue`` (the trigger introduces a reported-speech quotation with a speaker:
"..., a protesté X" is a verbal protest, ACCUSE, not a demonstration), ``target:PER`` / ``not:target:PER`` (the target actor is, or is not, of
that actor type: "attaquer" a person is a verbal attack, ACCUSE; a country or a base, ASSAULT).

Optional keys: ``type`` (overrides the file's type), ``symmetric: true`` (also code target -> source:
"se rencontrer", "la rencontre entre X et Y"), ``note``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..model import PLOVER_TYPES

FOLDER = Path(__file__).resolve().parent.parent / "data" / "fr" / "events"
SLOT_RE = re.compile(r"^(subj|obj|iobj|entre|clause|inner|purpose|none|prep:[a-zà-ÿ']+)$")
REQUIRE_RE = re.compile(r"^((not:)?(se|xcomp|ccomp|obj|iobj|inner|prep:[a-zà-ÿ']+)(=[a-zà-ÿ' -]+)?|(not:)?target:[A-Z]+|(not:)?cue)$")
KEYS = {"id", "lemma", "pos", "cameo", "source", "target", "requires", "example", "type", "symmetric", "note"}
REQUIRED_KEYS = ("id", "lemma", "pos", "cameo", "source", "target", "example")


class LexiconError(ValueError):
    """A lexicon file breaks the schema; the message names the file and the entry."""


@dataclass(frozen=True)
class Pattern:
    id: str
    lemma: str
    pos: str  # verb | noun | adj
    type: str
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    requires: tuple[str, ...] = ()
    symmetric: bool = False
    example: str = ""
    file: str = ""


@dataclass
class Lexicon:
    patterns: list[Pattern] = field(default_factory=list)
    by_lemma: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        self.patterns.append(p)
        same = self.by_lemma.setdefault((p.pos, p.lemma), [])
        same.append(p)
        # entries that name a word ("obj=blocus", "ccomp=devoir") are tried before the general ones
        same.sort(key=lambda q: not any(("=" in r or r.startswith("target:")) and not r.startswith("not:")
                                        for r in q.requires))

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.by_lemma.get((pos, lemma), [])


def _as_list(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: '{key}' must be a string or a list of strings")
    return tuple(value)


def parse_file(path: Path) -> list[Pattern]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LexiconError(f"{path.name}: not valid YAML: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LexiconError(f"{path.name}: expected a mapping with 'type' and a list 'entries'")
    default_type = data.get("type")
    out = []
    for n, e in enumerate(data["entries"], 1):
        where = f"{path.name}, entry {n}" + (f" ({e.get('id')})" if isinstance(e, dict) and e.get("id") else "")
        if not isinstance(e, dict):
            raise LexiconError(f"{where}: an entry must be a mapping")
        unknown = set(e) - KEYS
        if unknown:
            raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(KEYS)}")
        for k in REQUIRED_KEYS:
            if k not in e or e[k] is None and k != "target":
                raise LexiconError(f"{where}: missing '{k}'")
        etype = e.get("type", default_type)
        if etype not in PLOVER_TYPES:
            raise LexiconError(f"{where}: type {etype!r} is not a PLOVER type {PLOVER_TYPES}")
        if e["pos"] not in ("verb", "noun", "adj"):
            raise LexiconError(f"{where}: pos must be 'verb', 'noun' or 'adj', not {e['pos']!r}")
        cameo = str(e["cameo"])
        if not re.fullmatch(r"\d{2,4}", cameo):
            raise LexiconError(f"{where}: cameo must be 2 to 4 digits in quotes, not {e['cameo']!r}")
        source = _as_list(e["source"], where, "source")
        target = _as_list(e["target"], where, "target")
        if not source:
            raise LexiconError(f"{where}: 'source' needs at least one slot")
        for s in source + target:
            if not SLOT_RE.match(s):
                raise LexiconError(f"{where}: unknown slot {s!r} (subj, obj, iobj, entre, clause, inner, purpose, none, prep:X)")
        requires = _as_list(e.get("requires"), where, "requires")
        for r in requires:
            if not REQUIRE_RE.match(r):
                raise LexiconError(f"{where}: unknown condition {r!r} (se, xcomp, ccomp, obj, iobj, inner, prep:X, X=LEMMA, not:X, target:TYPE, cue)")
        if not isinstance(e["example"], str) or not e["example"].strip():
            raise LexiconError(f"{where}: 'example' must be a sentence")
        if not isinstance(e["lemma"], str) or not e["lemma"].strip():
            raise LexiconError(f"{where}: 'lemma' must be a word")
        out.append(Pattern(id=str(e["id"]), lemma=e["lemma"].strip().lower(), pos=e["pos"], type=etype,
                           cameo=cameo, source=source, target=target, requires=requires,
                           symmetric=bool(e.get("symmetric", False)), example=e["example"], file=path.name))
    return out


def load(folder: Path | str = FOLDER) -> Lexicon:
    folder = Path(folder)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise LexiconError(f"no event lexicon files (*.yaml) in {folder}")
    lex = Lexicon()
    seen: dict[str, str] = {}
    for f in files:
        for p in parse_file(f):
            if p.id in seen:
                raise LexiconError(f"{f.name}: entry id {p.id!r} already used in {seen[p.id]}")
            seen[p.id] = f.name
            lex.add(p)
    return lex


@lru_cache(maxsize=1)
def default() -> Lexicon:
    return load()
