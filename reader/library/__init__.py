"""The library: articles as Markdown files with YAML front matter, in a folder that is the truth."""

from reader.library.model import Article, RelatedItem, Source
from reader.library.store import DuplicateArticleError, LibraryError, LibraryStore

__all__ = [
    "Article",
    "DuplicateArticleError",
    "LibraryError",
    "LibraryStore",
    "RelatedItem",
    "Source",
]
