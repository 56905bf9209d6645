"""Exact counts with a full page; phrases stay exact on bulk-written indexes."""

from __future__ import annotations

from pathlib import Path

from reader.library import Article
from reader.search import SearchService
from tests.search.conftest import build_store


def _service(tmp_path: Path, articles: list[Article]) -> SearchService:
    store, _ = build_store(tmp_path / "lib", articles)
    service = SearchService(tmp_path / "index", store)
    service.update()
    return service


def test_a_full_page_says_how_many_match_in_all(tmp_path: Path) -> None:
    articles = [
        Article(title=f"Nota {n}", body=f"Il gatto numero {n} dorme." + " gatto" * (n % 5))
        for n in range(30)
    ]
    articles.append(Article(title="Altro", body="Nessun felino qui."))
    service = _service(tmp_path, articles)
    try:
        page = service.search("gatto", limit=10)
        assert (len(page.hits), page.total, page.total_text()) == (10, 30, "30")
        # The page is the best ten of the thirty, whatever the limit.
        every = service.search("gatto", limit=100)
        assert [hit.id for hit in page.hits] == [hit.id for hit in every.hits[:10]]
        assert service.search("gatto -dorme", limit=5).total == 0
        assert service.search("felino").total == 1
        # Filters alone (sorted by date, no ranking) are counted too.
        italian = service.search("lang:it", limit=100)
        assert len(italian.hits) >= 30
        assert service.search("lang:it", limit=3).total == len(italian.hits)
    finally:
        service.close()


def test_phrases_stay_exact_on_a_rebuilt_index(tmp_path: Path) -> None:
    articles = [
        Article(title="Uno", body="la rete neurale impara dai dati"),
        Article(title="Due", body="una neurale rete, non la rete neurale"),
        Article(title="Tre", body="rete e poi neurale, lontane"),
        Article(title="Quattro", body="reti neurali al plurale"),
    ]
    service = _service(tmp_path, articles)
    try:

        def titles(query: str) -> set[str]:
            return {hit.title for hit in service.search(query).hits}

        assert titles('"rete neurale"') == {"Uno", "Due"}
        assert titles('"neurale rete"') == {"Due"}
        assert titles('"rete neurale impara"') == {"Uno"}
        assert titles('"neurali al plurale"') == {"Quattro"}
        assert titles('"rete lontane"') == set()
        assert titles("rete neurale") >= {"Uno", "Due", "Tre"}
        # A prefix of several words (neurale, neurali) preloads their postings together.
        assert titles("neura*") == {"Uno", "Due", "Tre", "Quattro"}
        assert titles("neura* plurale") == {"Quattro"}
        # More matches than the page: the collector then prunes by score bounds.
        assert len(service.search("neura*", limit=1).hits) == 1
        assert not service.needs_rebuild
    finally:
        service.close()


def test_an_exclusion_whose_word_runs_out_while_skipping_blocks() -> None:
    """ "word -other" with Whoosh skipping the word's low-scoring blocks to the end: its
    AndNot matcher then asked the spent word matcher for an id (IndexError), and the
    search came back empty with the index marked damaged. Found on 10k synthetic
    articles ("bosio -fenuo") once union trees made block skipping effective."""
    import pytest
    from whoosh.matching import AndNotMatcher, ListMatcher

    from reader.search.query import _ExhaustibleAndNotMatcher

    class SkipsToTheEnd(ListMatcher):
        """A word whose remaining blocks all score below the page: skipping spends it."""

        def supports_block_quality(self) -> bool:
            return True

        def skip_to_quality(self, minquality: float) -> int:
            self._i = len(self._ids)
            return 1

    def matchers() -> tuple[ListMatcher, ListMatcher]:
        return SkipsToTheEnd([1, 5, 9], [1.0, 1.0, 1.0]), ListMatcher([2, 7, 11])

    with pytest.raises(IndexError):  # Whoosh's own matcher
        AndNotMatcher(*matchers()).skip_to_quality(5.0)
    excluding = _ExhaustibleAndNotMatcher(*matchers())
    assert excluding.skip_to_quality(5.0) == 1
    assert not excluding.is_active()
    # Unskipped, it still excludes: 1 and 9 stay, 5 is excluded.
    kept = _ExhaustibleAndNotMatcher(ListMatcher([1, 5, 9]), ListMatcher([5]))
    assert list(kept.all_ids()) == [1, 9]
