"""The fast snippet path marks exactly what tokenizing the whole text marks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.search.highlight import TermMatcher, snippet, snippet_by_tokens
from reader.search.plaintext import markdown_to_text
from reader.search.query import parse

SEED = Path(__file__).resolve().parent.parent / "data" / "000_bfcfb1f07bcdb431.txt"
TRICKY = (
    "L’IA e l'IA, dell’IA: l' uomo e nell' ottobre. Perché? PERCHÉ città… "
    "all'alba un'altra volta; ball'uomo l'l'l x_y 2024-03 e-mail «virgolette» "
    "intelligenze intelligenza intelligente. " * 6
)


def texts() -> list[str]:
    seed = markdown_to_text(SEED.read_text(encoding="utf-8"))
    return [seed, TRICKY, seed[:900], "Solo testo breve."]


def queries(text: str, count: int) -> list[str]:
    rng = random.Random(len(text))
    words = text.split()
    found = []
    for _ in range(count):
        picked = rng.sample(words, k=min(len(words), rng.randint(1, 4)))
        extra = rng.choice(["", " intellig*", " perche", " IA", " l'uomo", " zzz"])
        found.append(" ".join(picked) + extra)
    return found


@pytest.mark.parametrize("index", range(4))
def test_fast_snippet_equals_full_tokenizing(index: int) -> None:
    text = texts()[index]
    checked = 0
    for query in queries(text, 60):
        matcher = TermMatcher.from_query(parse(query))
        for lang in ("it", "en", ""):
            for width in (60, 220):
                assert snippet(text, matcher, lang, width) == snippet_by_tokens(
                    text, matcher, lang, width
                ), (query, lang, width)
                checked += 1
    assert checked == 60 * 6


def test_elided_article_is_not_marked_as_a_word() -> None:
    # "sant" is a word of the query; in "sant'Antonio" it is the elided part of "Antonio".
    matcher = TermMatcher.from_query(parse("sant antonio"))
    text = "Festa di sant'Antonio e il sant rimasto, poi sant' Antonio."
    marked = snippet(text, matcher, "it")
    assert marked == snippet_by_tokens(text, matcher, "it")
    assert marked == (
        "Festa di sant'<b>Antonio</b> e il <b>sant</b> rimasto, poi sant' <b>Antonio</b>."
    )
