from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "blinken-lavrov.txt"


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from veille.nlp import default

    return default()


@pytest.fixture(scope="session")
def example(nlp):
    """The analysis of the bundled example article."""
    from veille.analyse import analyse_batch
    from veille.ingest import read_inputs

    (result,) = list(analyse_batch(read_inputs([str(EXAMPLE)]), nlp=nlp))
    return result
