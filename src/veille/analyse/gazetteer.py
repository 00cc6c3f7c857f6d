"""The actor gazetteer: readable TSV files in ``veille/data/fr/`` loaded once into lookup tables.

Files (see ``data/fr/README.md``): ``countries.tsv`` (names, capitals, demonyms), ``regions.tsv``,
``roles.tsv`` (role nouns -> sector), ``organisations.tsv`` and ``people.tsv``. Lookups are made on
:func:`key`, which ignores case, accents, hyphens and leading articles, so "Etats-Unis", "les États-Unis"
and "États Unis" are one key.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

_ARTICLE = re.compile(r"^(?:(?:les|le|la|des|du|de la|de|au|aux|un|une)\s+|(?:de l|l|d)['’]\s*)", re.I)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, without accents, typographic apostrophes made straight, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("œ", "oe"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-‐–]+", " ", text).strip(" .,;:")


def key(text: str) -> str:
    """The lookup key of a name: :func:`fold` without a leading article."""
    folded = fold(text)
    stripped = _ARTICLE.sub("", folded, count=1)
    return stripped or folded


@dataclass(frozen=True)
class Entry:
    name: str
    type: str  # PER, ORG, GPE, LOC, MISC
    country: str | None
    sector: str | None
    gender: str | None = None


@dataclass(frozen=True)
class Role:
    term: str
    sector: str | None
    kind: str  # PER, ORG or MISC
    gender: str | None
    generic: bool = False  # a title whose sector is its organisation's: "président de la CFDT"


@dataclass
class Gazetteer:
    names: dict[str, Entry] = field(default_factory=dict)  # key -> entry (countries, capitals, orgs...)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded form -> ISO3
    countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical French name
    roles: dict[str, Role] = field(default_factory=dict)  # folded term -> role
    max_role_words: int = 1
    role_starts: set[str] = field(default_factory=set)  # folded first words of role terms (fast reject)

    def may_start_role(self, word: str) -> bool:
        w = fold(word).split(" ")[0]  # "porte-parole" folds to "porte parole"
        return w in self.role_starts or (w[-1:] in ("s", "x") and w[:-1] in self.role_starts)
    surnames: dict[str, Entry] = field(default_factory=dict)  # folded surname of a listed person
    opposition: set[str] = field(default_factory=set)  # keys of parties in opposition (opposition.tsv)

    def party_sector(self, entry: Entry) -> str | None:
        """A party member's sector: OPP for an opposition party, else PTY; None if not a party."""
        if entry.sector != "PTY":
            return None
        return "OPP" if key(entry.name) in self.opposition else "PTY"

    def lookup(self, text: str) -> Entry | None:
        return self.names.get(key(text))

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(fold(word))

    def role(self, words: list[str]) -> Role | None:
        term = fold(" ".join(words)).replace("' ", "'")
        found = self.roles.get(term)
        if found is None and len(words) == 1 and term[-1:] in ("s", "x"):
            found = self.roles.get(term[:-1])  # plural: "détenus", "généraux" is listed as such
        return found


def _rows(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def load(folder: Path | None = None) -> Gazetteer:
    folder = folder or Path(str(resources.files("veille") / "data" / "fr"))
    gaz = Gazetteer()

    def add(name: str, entry: Entry, overwrite: bool = False) -> None:
        k = key(name)
        if k and (overwrite or k not in gaz.names):
            gaz.names[k] = entry

    for row in _rows(folder / "countries.tsv"):
        iso = row["iso3"]
        gaz.countries[iso] = row["name"]
        state = Entry(row["name"], "GPE", iso, "GOV")
        for name in [row["name"], *_split(row.get("aliases", "")), *_split(row.get("capitals", ""))]:
            add(name, state, overwrite=True)
        for form in _split(row.get("demonyms", "")):
            gaz.demonyms.setdefault(fold(form), iso)
    if (folder / "regions.tsv").exists():
        for row in _rows(folder / "regions.tsv"):
            place = Entry(row["name"], "LOC", row["iso3"] or None, None)
            for name in [row["name"], *_split(row.get("aliases", ""))]:
                add(name, place)
    for row in _rows(folder / "organisations.tsv"):
        org = Entry(row["name"], row.get("type") or "ORG", row["iso3"] or None, row["sector"] or None)
        for name in [row["name"], *_split(row.get("aliases", ""))]:
            add(name, org, overwrite=True)
    for row in _rows(folder / "people.tsv"):
        person = Entry(row["name"], "PER", row["iso3"] or None, row["sector"] or None, row.get("gender") or None)
        for name in [row["name"], *_split(row.get("aliases", ""))]:
            add(name, person, overwrite=True)
            if len(name.split()) == 1:
                gaz.surnames.setdefault(fold(name), person)
        gaz.surnames.setdefault(fold(row["name"].split()[-1]), person)
    if (folder / "opposition.tsv").exists():
        gaz.opposition = {key(row["party"]) for row in _rows(folder / "opposition.tsv")}
    for row in _rows(folder / "roles.tsv"):
        role = Role(fold(row["term"]), row["sector"] or None, row.get("kind") or "PER",
                    (row.get("gender") or "-").replace("-", "") or None, row.get("generic") == "yes")
        gaz.roles[role.term] = role
        gaz.role_starts.add(role.term.split(" ")[0])
        gaz.max_role_words = max(gaz.max_role_words, len(role.term.split()))
    return gaz


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    return load()
