"""The segments a rebuild leaves are merged in a child process once the window is quiet;
searching goes on meanwhile, and an index update stops the merge first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from reader.library.model import Article
from reader.search import background_merge, indexer
from reader.services import Services
from reader.ui import index_jobs
from tests.ui.conftest import shown_window
from tests.ui.test_live_library import write_outside

WAIT_MS = 60_000
"""A spawned child imports Whoosh and merges; generous for a loaded CI machine."""


@pytest.fixture
def many_segments_window(
    qtbot, empty_services: Services, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 10)  # a rebuild writes 4 segments
    monkeypatch.setattr(index_jobs, "MERGE_IDLE_MS", 200)
    for number in range(35):
        empty_services.store.add(
            Article(title=f"Lighthouse {number}", body=f"Keeper number {number}.", lang="en")
        )
    yield from shown_window(qtbot, empty_services)


def test_a_quiet_window_merges_the_segments_and_keeps_answering(
    qtbot, many_segments_window
) -> None:
    window = many_segments_window
    service = window.search.service
    assert service.segment_count() >= 4
    qtbot.waitUntil(lambda: window.index_jobs.merge is not None, timeout=WAIT_MS)

    # Typed while the child merges: answered from the segments as they were.
    window.focus_search()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000) as blocker:
        qtbot.keyClicks(window.search_field, "keeper")
    assert blocker.args[0].total == 35

    qtbot.waitUntil(lambda: window.index_jobs.merge is None, timeout=WAIT_MS)
    assert service.segment_count() == background_merge.MERGE_TARGET
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000) as blocker:
        qtbot.keyClicks(window.search_field, "lighthouse")
    assert blocker.args[0].total == 35


def test_an_outside_change_stops_the_merge_and_is_indexed(qtbot, many_segments_window) -> None:
    window = many_segments_window
    service = window.search.service
    qtbot.waitUntil(lambda: window.index_jobs.merge is not None, timeout=WAIT_MS)
    merge = window.index_jobs.merge
    write_outside(
        window.services,
        "2030-01-01-foghorn",
        Article(title="Foghorn", body="A foghorn sounds over the harbour.", lang="en"),
    )
    qtbot.waitUntil(lambda: merge.finished(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: [hit.id for hit in service.search("harbour").hits] == ["2030-01-01-foghorn"],
        timeout=WAIT_MS,
    )
    assert not service.needs_rebuild
    assert service.search("keeper", limit=50).total == 35


def test_closing_the_window_stops_a_running_merge(qtbot, empty_services, monkeypatch) -> None:
    from reader.ui.main_window import MainWindow

    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 10)
    monkeypatch.setattr(index_jobs, "MERGE_IDLE_MS", 0)
    for number in range(35):
        empty_services.store.add(Article(title=f"Buoy {number}", body="Buoys.", lang="en"))
    window = MainWindow(empty_services)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.index_finished, timeout=20_000):
        window.show()
    qtbot.waitUntil(lambda: window.index_jobs.merge is not None, timeout=WAIT_MS)
    merge = window.index_jobs.merge
    window.close()
    assert merge.finished()
    assert window.index_jobs.merge is None
