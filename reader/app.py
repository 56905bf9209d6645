"""Composition root: the one place services are built and wired together.

The CLI and the window both get their services from here; nothing else constructs a
store, an index or a QApplication.
"""

from __future__ import annotations

from reader.library import LibraryStore
from reader.library.catalog import Catalog
from reader.paths import Paths, sample_library_dir
from reader.services import Services

__all__ = ["Services", "build_services", "run_gui"]


def build_services(paths: Paths, *, seed_sample_library: bool = True) -> Services:
    """Open the library at ``paths`` (seeding an empty one with the sample library)."""
    store = LibraryStore(paths.library, Catalog(paths.library_cache / "catalog.sqlite3"))
    if seed_sample_library and store.is_empty():
        store.seed_from(sample_library_dir())
    return Services(paths=paths, store=store)


def run_gui(services: Services, open_article: str | None = None) -> int:
    """Open the window on ``services``; the only door from the core into ``reader.ui``."""
    from reader.ui.launch import run_window

    return run_window(services, open_article=open_article)
