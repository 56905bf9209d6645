"""Shared fixtures: every test runs against temporary directories, never the user's home."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports send2trash (it reads XDG_DATA_HOME once, at import): the trash,
# settings and caches of the whole test session live in a temp dir, never the user's.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="reader-tests-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(_SESSION_HOME / _variable.lower())
os.environ.pop("READER_LIBRARY", None)
# The interface language follows the locale: pin it, so the suite means the same everywhere
# (tests of other languages ask for them explicitly).
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

import pytest  # noqa: E402

from reader.app import Services, build_services  # noqa: E402
from reader.paths import Paths  # noqa: E402

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


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application with Reader's English catalog, as ``run_window`` installs it
    (it holds the English plural forms: "1 article", "2 articles")."""
    from reader.ui.i18n import install_translators

    install_translators(qapp, "en")
    return qapp


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After a fuzz run: how many inputs each target tried (the figures of
    docs/reliability.md)."""
    from tests.fuzzing import INPUTS_TRIED

    if not INPUTS_TRIED:
        return
    terminalreporter.section("fuzz inputs tried per target")
    for name, count in sorted(INPUTS_TRIED.items()):
        terminalreporter.write_line(f"{count:>9,}  {name}")
    terminalreporter.write_line(f"{sum(INPUTS_TRIED.values()):>9,}  total")
