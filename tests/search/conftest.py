"""A small bilingual library built in tmp_path, and a SearchService over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Article, LibraryStore, RelatedItem
from reader.search import SearchService

ARTICLES = [
    Article(
        title="L’intelligenza artificiale cambia il lavoro",
        body=(
            "Secondo gli esperti **l'IA** sta cambiando il modo in cui lavoriamo. "
            "Perché le aziende investono? Le reti neurali imparano dai dati.\n\n"
            "Un'altra novità riguarda la [scuola](https://example.org/scuola)."
        ),
        lang="it",
        published=dt.date(2024, 3, 25),
        category="IA",
        tags=["lavoro", "futuro del lavoro"],
        author="Mario Rossi",
    ),
    Article(
        title="Sora e Hollywood",
        body="OpenAI tenta la conquista di Hollywood con Sora, il modello dell’IA generativa.",
        published=dt.date(2024, 1, 10),
        category="IA",
        starred=True,
        related=[RelatedItem(title="ByteDance e Broadcom: al via una collaborazione")],
    ),
    Article(
        title="Cooking pasta at home",
        body=(
            "Pasta is easy to cook. Boil water, add salt. Some people use machine learning "
            "to plan their meals, but running a kitchen is still a craft."
        ),
        lang="en",
        published=dt.date(2023, 6, 1),
        category="Food",
        author="Jane Doe",
        read=True,
    ),
    Article(
        title="Gardening notes",
        body=(
            "Tomatoes love the sun. Neural networks do not grow tomatoes, but sensors help "
            "gardeners. " * 3
        ),
        lang="en",
        published=dt.date(2022, 11, 5),
        category="Home",
    ),
    Article(
        title="Le intelligenze delle piante",
        body="Le piante comunicano tra loro con segnali chimici e crescono verso la luce.",
        lang="it",
        published=dt.date(2024, 6, 30),
        category="Scienza",
    ),
]


def build_store(root: Path, articles: list[Article] = ARTICLES) -> tuple[LibraryStore, list[str]]:
    store = LibraryStore(root)
    ids = [store.add(article).id for article in articles]
    return store, ids


@pytest.fixture
def library(tmp_path: Path) -> tuple[LibraryStore, list[str]]:
    return build_store(tmp_path / "library")


@pytest.fixture
def service(tmp_path: Path, library: tuple[LibraryStore, list[str]]) -> Iterator[SearchService]:
    store, _ = library
    search = SearchService(tmp_path / "index", store)
    search.update()
    yield search
    search.close()


@pytest.fixture
def ids(library: tuple[LibraryStore, list[str]]) -> list[str]:
    return library[1]
