"""All 130 of Mozilla Readability's test pages, imported in place from the shared corpus.

The pages are not in this repository (their texts belong to their publishers): the test
finds ``shared/corpora/readability-test-pages`` above the repository, as it lies beside
/work/main and the worktrees, and is skipped where it is absent. It keeps the numbers of
docs/import-accuracy.md from slipping: titles as Readability's, article text as close to
its answer, bylines found, and no page failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction_accuracy import (
    BYLINE_TARGET,
    F1_TARGET,
    TITLE_TARGET,
    find_corpus,
    find_pages,
    score_pages,
)

CORPUS = find_corpus(Path(__file__).resolve().parents[3])

pytestmark = pytest.mark.skipif(CORPUS is None, reason="shared/corpora not found")


@pytest.fixture(scope="module")
def scores():
    assert CORPUS is not None
    pages = find_pages([CORPUS])
    assert len(pages) == 130
    return score_pages(pages, workers=2)


def test_every_page_imports(scores) -> None:
    failed = [(score.name, score.error) for score in scores if score.error]
    assert failed == []


def test_titles_are_readabilitys(scores) -> None:
    titled = [score for score in scores if score.expected_title]
    rate = sum(score.title_ok for score in titled) / len(titled)
    missed = [(s.name, s.got_title, s.expected_title) for s in titled if not s.title_ok]
    assert rate >= TITLE_TARGET, missed


def test_article_text_matches(scores) -> None:
    mean = sum(score.f1 for score in scores) / len(scores)
    worst = sorted((round(score.f1, 3), score.name) for score in scores)[:10]
    assert mean >= F1_TARGET, worst


def test_bylines_are_found(scores) -> None:
    bylined = [score for score in scores if score.expected_byline]
    rate = sum(score.byline_ok for score in bylined) / len(bylined)
    missed = [(s.name, s.got_byline, s.expected_byline) for s in bylined if not s.byline_ok]
    assert rate >= BYLINE_TARGET, missed
