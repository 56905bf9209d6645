"""Deterministic synthetic libraries for benchmarks: Italian-like and English-like articles.

Written straight in the article file format (no store per article), so a 100k library takes
seconds to make, and the same N always gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from reader.library.frontmatter import article_to_text
from reader.library.model import Article, RelatedItem, Source


def _words(text: str) -> list[str]:
    return text.split()


ITALIAN = _words(
    "il la di che e un una per con non sono del della nel anche più come tra dopo "
    "intelligenza artificiale governo mercato città scuola lavoro tecnologia ricerca "
    "università energia clima acqua economia azienda progetto sviluppo cultura musica "
    "cinema libro storia politica europa italia roma milano sanità salute sport calcio "
    "dati rete sicurezza futuro giovani famiglia lingua arte museo teatro viaggio treno"
)
ENGLISH = _words(
    "the of and to in is that for on with as was by this are from at have not "
    "artificial intelligence government market city school work technology research "
    "university energy climate water economy company project development culture music "
    "film book history politics europe london science health sport football data network "
    "security future young family language art museum theatre travel train river"
)
CATEGORIES = ("Tech", "IA", "Scienza", "Economia", "Cultura", "World", "Science", "Sport")
TAGS = ("clima", "ai", "energia", "europe", "startup", "salute", "space", "music")


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def synthetic_article(number: int, rng: random.Random) -> Article:
    italian = number % 2 == 0
    vocabulary = ITALIAN if italian else ENGLISH
    # realistic lengths: 300-1500 words in 4-12 paragraphs
    paragraphs = [
        " ".join(_sentence(rng, vocabulary) for _ in range(rng.randint(3, 8)))
        for _ in range(rng.randint(4, 12))
    ]
    title_words = [rng.choice(vocabulary) for _ in range(rng.randint(4, 9))]
    return Article(
        id=f"a{number:06d}",
        title=" ".join(title_words).capitalize() + f" {number}",
        body="\n\n".join(paragraphs),
        author=rng.choice(["", "Mario Rossi", "Jane Doe", "Anna Bianchi"]),
        published=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4000)),
        category=rng.choice(CATEGORIES),
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        lang="it" if italian else "en",
        source=Source(kind="synthetic"),
        imported=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        related=[
            RelatedItem(title=f"Related {rng.randint(0, number + 10)}", teaser="A teaser.")
            for _ in range(rng.randint(0, 3))
        ],
        starred=rng.random() < 0.05,
        read=rng.random() < 0.5,
    )


def write_library(root: Path, count: int, seed: int = 1234) -> Path:
    """Create (or complete) a library of ``count`` articles under ``root``."""
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for number in range(count):
        article = synthetic_article(number, rng)
        path = articles / f"{article.id}.md"
        if not path.exists():
            path.write_text(article_to_text(article), "utf-8")
    return root
