"""Composition root: the one place services are built and wired together.

The CLI and the window both get their services from here; nothing else constructs a
store, an index or a QApplication.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import diagnostics
from reader.language import DEFAULT_LANGUAGE, resolve_language
from reader.library import LibraryStore
from reader.library.catalog import Catalog
from reader.paths import Paths, sample_library_dir, tag_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

    from reader.search import SearchService


@dataclass
class Services:
    paths: Paths
    store: LibraryStore
    language: str = DEFAULT_LANGUAGE
    """The interface language ("en"/"it"), resolved once by ``build_services``."""
    _search: SearchService | None = field(default=None, repr=False)

    @functools.cached_property
    def search(self) -> SearchService:
        """The full-text index, opened on first use (the CLI's `list` never pays for it)."""
        from reader.search import SearchService

        return SearchService(self.paths.index_dir, self.store)

    def close(self) -> None:
        if "search" in self.__dict__:
            self.search.close()


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
