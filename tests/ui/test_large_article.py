"""A large article is rendered in the worker pool, never on the GUI thread (issue 12)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

import reader.render.html
from reader.library.model import Article
from reader.render.html import render_is_slow
from reader.services import Services

WAIT_MS = 20_000
"""Python-Markdown renders 200 KB in about half a second; a loaded machine may take longer."""


def large_body() -> str:
    body = "\n\n".join(
        f"Paragraph {n} tells of whales, tides and the long coast road north." for n in range(3000)
    )
    assert len(body) > 190_000 and render_is_slow(body)
    return body


@pytest.fixture
def window(qtbot, small_services: Services) -> Iterator[object]:
    from reader.ui.main_window import MainWindow

    window = MainWindow(small_services, index_on_start=False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


@pytest.fixture
def render_threads(monkeypatch) -> dict[str, list[bool]]:
    """Article title -> for each render of it, whether it ran on the GUI thread."""
    calls: dict[str, list[bool]] = {}
    real = reader.render.html.render_article

    def spy(article: Article, **options: object) -> str:
        on_gui = threading.current_thread() is threading.main_thread()
        calls.setdefault(article.title, []).append(on_gui)
        return real(article, **options)

    monkeypatch.setattr(reader.render.html, "render_article", spy)
    return calls


def test_a_large_article_opens_without_rendering_on_the_gui_thread(
    qtbot, window, render_threads
) -> None:
    article_id = window.services.store.add(Article(title="Whale roads", body=large_body())).id
    assert window.open_article(article_id)
    assert window.reader_view.toPlainText() == "Opening…"  # shown while the worker renders
    assert "Whale roads" in window.windowTitle()
    qtbot.waitUntil(
        lambda: "Paragraph 2999 tells of whales" in window.reader_view.toPlainText(),
        timeout=WAIT_MS,
    )
    assert window.reader_view.toPlainText().startswith("Whale roads")
    assert render_threads["Whale roads"] == [False]


def test_a_small_article_still_renders_at_once(window, render_threads) -> None:
    alpha_id = next(s.id for s in window.library_model.summaries() if s.title == "Alpha article")
    assert window.open_article(alpha_id)
    assert window.reader_view.toPlainText().startswith("Alpha article")
    assert render_threads["Alpha article"] == [True]


def test_a_large_render_for_an_article_left_at_once_is_dropped(
    qtbot, window, render_threads
) -> None:
    big_id = window.services.store.add(Article(title="Whale roads", body=large_body())).id
    alpha_id = next(s.id for s in window.library_model.summaries() if s.title == "Alpha article")
    window.open_article(big_id)
    window.open_article(alpha_id)  # before the worker is done
    qtbot.waitUntil(lambda: not window.jobs.is_busy(), timeout=WAIT_MS)
    qtbot.wait(50)  # (the finished job's result is delivered through the event loop)
    assert render_threads["Whale roads"] == [False]
    assert window.reader_view.toPlainText().startswith("Alpha article")
    assert window.current_article.title == "Alpha article"
