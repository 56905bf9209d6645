"""Deterministic synthetic libraries for the benchmarks, made to look like real reading.

Each language has a Zipf-distributed vocabulary of 40,000 generated words (Italian-like
words with Italian plural and accented forms, English-like words with English inflections),
real stopwords mixed in at natural rates, bodies with a log-normal length (median ~550
words, some Markdown), related items pointing at earlier titles. Files are written straight
in the article format (no store per article), so a 100k library takes a minute, and the
same size always gives the same files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

from reader.library.lang import STOPWORDS

VOCABULARY = 40_000
SEED = 20240325

# Stopwords at natural rates: the ones Reader's language guess counts.
IT_STOP = sorted(STOPWORDS["it"])
EN_STOP = sorted(STOPWORDS["en"])
CATEGORIES = ["Tecnologia", "IA", "Scienza", "Economia", "Cultura", "World", "Science", "Sport"]


# -- the synthetic library -----------------------------------------------------------------
def _italian_word(rng: random.Random) -> str:
    onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z", "st", "pr"]
    vowels = "aeiou"
    stem = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3)))
    ending = rng.choice(["zione", "mente", "ità", "ente", "ale", "ore", "ato", "ino", "a", "o"])
    return stem + ending


def _english_word(rng: random.Random) -> str:
    onsets = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "l", "m", "n", "p", "pl", "r"]
    onsets += ["s", "sh", "st", "t", "th", "tr", "w"]
    nuclei = ["a", "e", "i", "o", "u", "ea", "ou", "ai"]
    codas = ["", "n", "r", "t", "ck", "nd", "st", "l"]
    syllables = rng.randint(1, 3)
    stem = "".join(rng.choice(onsets) + rng.choice(nuclei) for _ in range(syllables))
    return stem + rng.choice(codas) + rng.choice(["", "", "ing", "ed", "s", "tion", "ly", "er"])


def _inflect(word: str, lang: str, rng: random.Random) -> str:
    """Plurals and variants, so stemming has something to do."""
    if rng.random() > 0.3:
        return word
    if lang == "it":
        if word.endswith("o"):
            return word[:-1] + "i"
        if word.endswith("a"):
            return word[:-1] + "e"
        if word.endswith("ità"):
            return word
        return word[:-1] + "i" if word[-1] in "e" else word
    return word + ("es" if word.endswith(("s", "sh", "ch")) else "s")


class Vocabulary:
    def __init__(self, lang: str, rng: random.Random) -> None:
        make = _italian_word if lang == "it" else _english_word
        words: dict[str, None] = {}
        while len(words) < VOCABULARY:
            words[make(rng)] = None
        self.lang = lang
        self.words = list(words)
        self.stop = IT_STOP if lang == "it" else EN_STOP
        weights = [1.0 / (rank + 10) for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))

    def content(self, rng: random.Random, count: int) -> list[str]:
        picks = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return [_inflect(word, self.lang, rng) for word in picks]

    def text(self, rng: random.Random, count: int) -> list[str]:
        words = self.content(rng, count)
        for position in range(0, count, 3):  # ~1 in 3 words is a stopword, as in prose
            words[position] = rng.choice(self.stop)
        return words


def _body(rng: random.Random, vocab: Vocabulary, bigrams: list[str]) -> str:
    total = int(min(4000, max(80, rng.lognormvariate(6.3, 0.6))))
    words = vocab.text(rng, total)
    if len(bigrams) < 400 and rng.random() < 0.05:
        start = rng.randrange(0, max(1, total - 2))
        if words[start] not in vocab.stop and words[start + 1] not in vocab.stop:
            bigrams.append(f"{words[start]} {words[start + 1]}")
    paragraphs, position = [], 0
    while position < total:
        size = rng.randint(40, 120)
        chunk = words[position : position + size]
        position += size
        sentence = " ".join(chunk).capitalize() + "."
        roll = rng.random()
        if roll < 0.05:
            sentence = f"## {' '.join(chunk[:4]).capitalize()}\n\n{sentence}"
        elif roll < 0.12 and len(chunk) > 2:
            sentence = sentence.replace(chunk[1], f"**{chunk[1]}**", 1)
        elif roll < 0.18:
            sentence += f" [{chunk[0]}](https://example.org/{chunk[0]})"
        paragraphs.append(sentence)
    return "\n\n".join(paragraphs)


def write_library(root: Path, size: int) -> dict[str, object]:
    """Write ``size`` articles (deterministic) and return material for the query mix."""
    from reader.library.frontmatter import article_to_text
    from reader.library.model import Article, RelatedItem

    rng = random.Random(SEED)
    vocabs = {"it": Vocabulary("it", rng), "en": Vocabulary("en", rng)}
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    bigrams: dict[str, list[str]] = {"it": [], "en": []}
    titles: list[str] = []
    for number in range(size):
        lang = "it" if number % 2 == 0 else "en"
        vocab = vocabs[lang]
        title = " ".join(vocab.content(rng, rng.randint(4, 10))).capitalize()
        related = [
            RelatedItem(title=titles[rng.randrange(len(titles))])
            for _ in range(rng.randint(0, 3) if titles else 0)
        ]
        titles.append(title)
        if len(titles) > 2000:
            titles.pop(0)
        article = Article(
            id=f"{number:06d}",
            title=title,
            body=_body(rng, vocab, bigrams[lang]),
            author=rng.choice(["", "Mario Rossi", "Jane Doe", "Anna Bianchi", "Li Wei"]),
            published=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3900)),
            category=rng.choice(CATEGORIES),
            tags=rng.sample(["clima", "ai", "energia", "europe", "salute", "space"], 2),
            lang=lang if rng.random() < 0.8 else "",  # some must be detected
            related=related,
            starred=rng.random() < 0.05,
            read=rng.random() < 0.5,
        )
        path = articles / f"{article.id}.md"
        if not path.exists():
            path.write_text(article_to_text(article), "utf-8")
    return {"vocabs": vocabs, "bigrams": bigrams}
