"""Composition root: the one place services are built and wired together.

The CLI and the window both get their services from here; nothing else constructs a
store, an index or a QApplication.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader import diagnostics
from reader.language import resolve_language
from reader.library import LibraryStore
from reader.library.catalog import Catalog
from reader.paths import Paths, sample_library_dir, tag_cache_dir
from reader.services import Services

__all__ = ["Services", "build_services", "logging_session", "run_gui"]


def build_services(
    paths: Paths, *, seed_sample_library: bool = True, language: str | None = None
) -> Services:
    """Open the library at ``paths`` (seeding an empty one with the sample library).

    ``language`` (``--lang``) overrides the saved preference and the system language; the
    result is the window's language and the language of the guides seeded on first start.
    """
    chosen = resolve_language(language, paths.settings_file)
    tag_cache_dir(paths.cache)
    store = LibraryStore(paths.library, Catalog(paths.library_cache / "catalog.sqlite3"))
    if seed_sample_library and store.is_empty():
        store.seed_from(sample_library_dir(), language=chosen)
    return Services(paths=paths, store=store, language=chosen)


@contextmanager
def logging_session(paths: Paths, *, debug: bool = False) -> Iterator[Path]:
    """Logging for one run (CLI command or window): ``paths.log_file`` plus the console;
    yields the log file's path, which error messages point to."""
    with diagnostics.logging_to(paths.log_file, debug=debug) as log_file:
        yield log_file


def run_gui(
    services: Services, open_article: str | None = None, screenshot: Path | None = None
) -> int:
    """Open the window on ``services``; the only door from the core into ``reader.ui``."""
    from reader.ui.launch import run_window

    return run_window(services, open_article=open_article, screenshot=screenshot)
