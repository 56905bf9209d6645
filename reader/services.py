"""``Services``: the opened library and its index, as handed to the CLI commands and the window.

A module of its own, apart from the composition root (``reader.app``) that builds it: the
window needs the type, and ``reader.ui`` must not import the module that imports it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.language import DEFAULT_LANGUAGE
from reader.library import LibraryStore
from reader.paths import Paths

if TYPE_CHECKING:
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
