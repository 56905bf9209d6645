"""Related items resolve by folded title; slugs and language detection."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.library.lang import detect_language
from reader.library.model import ArticleSummary, RelatedItem
from reader.library.related import RelatedIndex
from reader.library.text import normalize_title, slugify


def summary(article_id: str, title: str, related: tuple[str, ...] = ()) -> ArticleSummary:
    return ArticleSummary(
        id=article_id, title=title, author="", published=dt.date(2024, 1, 1), category="",
        tags=(), lang="it", starred=False, read=False, related_titles=related,
        source_sha256="", content_key=article_id,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("McDonald’s: l’IA non è ancora in grado", "mcdonald's l'ia non e ancora in grado"),
        ("PERCHÉ  l’IA?", "perche l'ia"),
        ("«Citazione» — con trattino", '"citazione" con trattino'),
    ],
)
def test_titles_fold_equal(first: str, second: str) -> None:
    assert normalize_title(first) == normalize_title(second)


def test_resolution_and_linked_from() -> None:
    index = RelatedIndex(
        [
            summary("a", "Apple rinvierà il lancio di Apple Intelligence nell’UE", ("Il B",)),
            summary("b", "Il b", ("Apple rinvierà il lancio di Apple Intelligence nell'UE",)),
            summary("c", "C", ("il B!",)),
        ]
    )
    items = [
        RelatedItem("apple rinviera il lancio di apple intelligence nell'ue"),
        RelatedItem("Missing article"),
    ]
    resolved = index.resolve(items, exclude="b")
    assert [r.article_id for r in resolved] == ["a", None]
    assert index.linked_from("b") == ["a", "c"]
    assert index.linked_from("a") == ["b"]
    assert index.find("IL B") == "b"


def test_an_item_never_resolves_to_its_own_article() -> None:
    index = RelatedIndex([summary("a", "Self")])
    assert index.resolve([RelatedItem("Self")], exclude="a")[0].article_id is None


def test_slugify() -> None:
    assert slugify("OpenAI tenta la conquista di Hollywood con Sora") == (
        "openai-tenta-la-conquista-di-hollywood-con-sora"
    )
    assert slugify("Città, società & più!") == "citta-societa-piu"
    assert len(slugify("parola " * 50, max_length=30)) <= 30
    assert slugify("日本語") == ""


def test_language_detection() -> None:
    assert (
        detect_language("Il gatto è sul tetto e non scende perché ha paura della pioggia") == "it"
    )
    assert detect_language("The cat is on the roof and it will not come down for the rain") == "en"
    assert detect_language("12345 !!!", default="it") == "it"
