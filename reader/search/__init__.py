"""Full-text search: a Whoosh index derived from the library folder, kept in the cache dir.

Modules, bottom up: ``analysis`` (tokenizing, folding, stemming), ``plaintext`` (Markdown
to text), ``schema`` (fields), ``query`` (the query language), ``docstore`` (stamps and
snippet text), ``indexer`` (incremental sync), ``highlight`` (snippets) and ``service``
(the thread-safe facade the window and the CLI use). No Qt anywhere in here.
"""

from reader.search.service import SearchHit, SearchResults, SearchService, UpdateStats

__all__ = ["SearchHit", "SearchResults", "SearchService", "UpdateStats"]
