"""Fixtures for the window tests: a real library on disk, a real index, an offscreen window."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app import Services
from reader.library.model import Article, RelatedItem

SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"
SEED_TITLE = "OpenAI tenta la conquista di Hollywood con Sora"
WELCOME_ID = "2026-11-22-welcome-to-reader"
WELCOME_TITLE = "Welcome to Reader"


# The offscreen platform plugin cannot pass a top-level window's size constraints to a real
# window system and says so whenever a layout sets them; that is a property of the test
# platform, not a problem in the window.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def private_trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Deletes go to the desktop trash: keep it inside the test's temporary directory."""
    data_home = tmp_path / "xdg-data"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    # send2trash reads XDG_DATA_HOME once, at import: point its module constants here too.
    from send2trash import plat_other

    encoded = os.fsencode(data_home)
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", encoded)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.fsencode(data_home / "Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", str(data_home / "Trash"))
    return data_home


def shown_window(qtbot, services: Services) -> Iterator[object]:
    """A main window on ``services``, shown, once its search index is built and its
    workers are idle; closed afterwards. The body of the window fixtures."""
    from reader.ui.main_window import MainWindow

    main_window = MainWindow(services)
    qtbot.addWidget(main_window)
    with qtbot.waitSignal(main_window.index_finished, timeout=20_000) as indexed:
        main_window.show()
    assert indexed.args == [True]
    qtbot.waitUntil(lambda: not main_window.jobs.is_busy(), timeout=20_000)
    yield main_window
    main_window.close()


@pytest.fixture
def window(qtbot, sample_services: Services) -> Iterator[object]:
    """The main window on the sample library, shown, with the search index built."""
    yield from shown_window(qtbot, sample_services)


@pytest.fixture
def small_services(empty_services: Services) -> Services:
    """A hand-built library: two articles linked both ways, one related item not in it."""
    store = empty_services.store
    store.add(
        Article(
            title="Alpha article",
            body="Alpha talks about gardens.\n\nSecond paragraph about gardens and bees.",
            published=dt.date(2024, 1, 2),
            category="Nature",
            tags=["garden"],
            lang="en",
            related=[
                RelatedItem("Beta article", teaser="Beta teaser"),
                RelatedItem("Missing article", teaser="Not imported yet"),
            ],
        )
    )
    store.add(
        Article(
            title="Beta article",
            body="Beta is about rivers and bridges.",
            published=dt.date(2024, 3, 4),
            category="Cities",
            lang="en",
            related=[RelatedItem("Alpha article", teaser="Alpha teaser")],
        )
    )
    return empty_services
