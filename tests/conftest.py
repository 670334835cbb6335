"""Shared fixtures: the seed reports (read from ../shared when present) and the pipeline."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = REPO / "tests" / "gold"
EXAMPLES = REPO / "examples"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


needs_seeds = pytest.mark.skipif(not seed_paths(), reason="../shared/seeds not present")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """Seed id -> NFC text."""
    if not seed_paths():
        pytest.skip("../shared/seeds not present")
    return {p.stem: unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
            for p in seed_paths()}


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import Pipeline

    return Pipeline()
