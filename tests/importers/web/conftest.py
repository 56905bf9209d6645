"""Web importer tests: fixtures on disk, and no network at all (nothing may be fetched)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "data" / "web" / "fixtures"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing a page, export or feed must never open a connection."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def web_fixtures(tmp_path: Path) -> Path:
    """A private copy of the hand-written fixtures (tests may add files beside them)."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    """Every file's bytes and mtime, to prove an import changed nothing."""
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
