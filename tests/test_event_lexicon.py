"""Every lexicon entry's example sentence must yield an event of the entry's type; the schema is checked."""
from __future__ import annotations

import pytest

from veille.analyse import event_lexicon
from veille.model import PLOVER_TYPES

LEXICON = event_lexicon.default()


def test_lexicon_covers_all_types():
    assert {p.type for p in LEXICON.patterns} == set(PLOVER_TYPES)


@pytest.fixture(scope="module")
def coded(nlp):
    docs = nlp.pipe([p.example for p in LEXICON.patterns])
    return {p.id: doc._.events for p, doc in zip(LEXICON.patterns, docs)}


@pytest.mark.parametrize("pattern", LEXICON.patterns, ids=lambda p: p.id)
def test_example_yields_its_type(pattern, coded):
    types = [e.type for e in coded[pattern.id]]
    assert pattern.type in types, f"{pattern.file}: {pattern.id}: {pattern.example!r} gave {types}"


def test_schema_error_names_file_and_entry(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "type: ACCUSE\nentries:\n  - id: x.one\n    lemma: accuser\n    pos: verb\n    cameo: '112'\n"
        "    source: [subj]\n    target: [objet]\n    example: 'La France accuse la Chine.'\n", encoding="utf-8")
    with pytest.raises(event_lexicon.LexiconError, match=r"bad\.yaml, entry 1 \(x\.one\).*objet"):
        event_lexicon.load(tmp_path)


def test_duplicate_ids_rejected(tmp_path):
    entry = ("  - id: dup\n    lemma: accuser\n    pos: verb\n    cameo: '112'\n    source: [subj]\n"
             "    target: [obj]\n    example: 'La France accuse la Chine.'\n")
    (tmp_path / "a.yaml").write_text("type: ACCUSE\nentries:\n" + entry, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("type: ACCUSE\nentries:\n" + entry, encoding="utf-8")
    with pytest.raises(event_lexicon.LexiconError, match="already used"):
        event_lexicon.load(tmp_path)
