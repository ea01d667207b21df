"""Shared fixtures: the trained spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import nlp as nlp_stage

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a95de5eb2c9af007.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline."""
    return nlp_stage.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, as stored."""
    return SEED.read_text(encoding="utf-8")
