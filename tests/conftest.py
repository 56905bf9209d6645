"""Shared fixtures: every test runs against temporary directories, never the user's home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.app import Services, build_services
from reader.paths import Paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEED_FILE_NAME = "000_bfcfb1f07bcdb431.txt"
DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture
def seed_path() -> Path:
    """The real seed article (a copy ships in tests/data so the suite is self-contained)."""
    return DATA_DIR / SEED_FILE_NAME


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths.resolve(base_dir=tmp_path / "base")


@pytest.fixture
def empty_services(paths: Paths) -> Services:
    services = build_services(paths, seed_sample_library=False)
    yield services
    services.close()


@pytest.fixture
def sample_services(paths: Paths) -> Services:
    """A library seeded from resources/sample-library, as on a first start."""
    services = build_services(paths)
    yield services
    services.close()
