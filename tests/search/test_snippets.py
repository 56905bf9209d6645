"""The fast snippet path marks exactly what tokenizing the whole text marks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library.text import _APOSTROPHES, straighten_quotes
from reader.search.highlight import TermMatcher, snippet, snippet_by_tokens
from reader.search.plaintext import markdown_to_text
from reader.search.query import parse
from tests.fuzzing import counted, fuzz_settings

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


def _readability_pages(count: int) -> list[str]:
    for parent in Path(__file__).resolve().parents:
        pages = parent / "shared" / "corpora" / "readability-test-pages"
        if pages.is_dir():
            break
    else:
        pytest.skip("the Readability corpus (shared/corpora) is not here")
    from reader.importers.html_markdown import html_to_markdown

    found = sorted(pages.glob("*/expected.html"))
    picked = random.Random(5).sample(found, k=min(count, len(found)))
    return [markdown_to_text(html_to_markdown(page.read_text("utf-8"))) for page in picked]


def _queries_from(text: str, rng: random.Random, count: int) -> list[str]:
    words = [word.strip('.,;:!?()[]«»“”"') for word in text.split()]
    words = [word for word in words if word]
    found = []
    for number in range(count):
        start = rng.randrange(len(words) - 2)
        kind = number % 4
        if kind == 0:
            found.append(" ".join(rng.sample(words, k=2)))
        elif kind == 1:
            found.append(f"{words[start][:3]}* {rng.choice(words)}")
        elif kind == 2:
            found.append(f'"{words[start]} {words[start + 1]} {words[start + 2]}"')
        else:
            found.append(f'{rng.choice(words)} "{words[start]} {words[start + 1]}"')
    return found


def test_real_pages_one_matcher_per_query_equals_full_tokenizing() -> None:
    """Real pages (curly quotes, accents, many languages), and one matcher shared by all
    the hits of a query, as the search shares it: what it remembers from one text never
    changes another text's snippet."""
    pages = _readability_pages(12)
    rng = random.Random(9)
    for page in pages:
        for query in _queries_from(page, rng, 6):
            for lang in ("it", "en"):
                shared = TermMatcher.from_query(parse(query))
                for text in [page, *rng.sample(pages, k=3), page]:
                    expected = snippet_by_tokens(text, TermMatcher.from_query(parse(query)), lang)
                    assert snippet(text, shared, lang) == expected, (query, lang)


_WORDS = [
    "l'IA",
    "L’IA",
    "dell’intelligenza",
    "cos' è",
    "Cos’è",
    "nell' ottobre",
    "sant'Antonio",
    "sant",
    "l'l'IA",
    "un'altra",
    "È",
    "è",
    "perché",
    "PERCHÉ",
    "perche",
    "città",
    "citta",
    "cìtta",
    "İstanbul",
    "istanbul",
    "straße",
    "strasse",
    "ﬁne",
    "fine",
    "intelligenza",
    "intelligenze",
    "intelligente",
    "Intelligent",
    "running",
    "runs",
    "ran",
    "Ωmega",
    "ωmega",
    "x_y",
    "2024",
    "3½",
    "ab",
    "a",
    "the",
    "e",
    "libertà",
    "liberta",
    "àncora",
    "ancora",
]
_GLUE = [" ", "  ", "\n", ", ", ". ", "' ", "’", "'", "-", "_", "…", " «", "» ", "“", "” ", "`"]


@st.composite
def _texts_and_queries(draw: st.DrawFn) -> tuple[list[str], str]:
    pieces = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GLUE)), max_size=60)
    texts = [
        "".join(word + glue for word, glue in draw(pieces)) for _ in range(draw(st.integers(1, 3)))
    ]
    plain = st.sampled_from(_WORDS)
    parts = draw(st.lists(plain, min_size=1, max_size=3))
    if draw(st.booleans()):
        parts.append(draw(plain)[:3].strip("'’ ") + "*")
    if draw(st.booleans()):
        parts.append('"' + " ".join(draw(st.lists(plain, min_size=2, max_size=3))) + '"')
    return texts, " ".join(parts)


@given(_texts_and_queries(), st.sampled_from(["it", "en", ""]), st.sampled_from([40, 220]))
@fuzz_settings(300)
@counted
def test_fast_snippet_equals_full_tokenizing_on_tricky_text(
    case: tuple[list[str], str], lang: str, width: int
) -> None:
    texts, query = case
    shared = TermMatcher.from_query(parse(query))  # remembers across the texts, as a page
    for text in texts:
        expected = snippet_by_tokens(text, TermMatcher.from_query(parse(query)), lang, width)
        assert snippet(text, shared, lang, width) == expected


@given(st.text(alphabet="aeèéiİlnsßﬁ’'` \n._-«»“”‘ʼ´7", max_size=80), st.text(max_size=12))
@fuzz_settings(300)
@counted
def test_fast_snippet_equals_full_tokenizing_on_any_text(text: str, query: str) -> None:
    matcher = TermMatcher.from_query(parse(query))
    for lang in ("it", "en"):
        assert snippet(text, matcher, lang, 30) == snippet_by_tokens(text, matcher, lang, 30)


@given(st.text(alphabet="ab ’‘ʼ´`“”«»'\"é", max_size=40))
@fuzz_settings(200)
@counted
def test_straightened_quotes_are_a_one_to_one_translation(text: str) -> None:
    assert straighten_quotes(text) == text.translate(_APOSTROPHES)


EDGE_CASES = [
    ("L’IA e l'IA, poi l' IA e dell’IA.", "ia"),
    ("Che cos' è la stratigrafia? Cos’è? cos è", "cos stratigrafia"),
    ("«Perché» disse “perche” e PERCHÉ.", "perché"),
    ("İstanbul e istanbul, İSTANBUL.", "istanbul"),
    ("Un'àncora, l’ancora e ÀNCORA.", "ancora"),
    ("La ﬁne e la fine; straße e strasse.", "fine strasse"),
    ("intelligenza intelligenze intelligente", "intelligenza"),
    ("running runs ran the runner", "run"),
    ("intelligenza artificiale e artificiale intelligenza", '"intelligenza artificiale"'),
    ("l'intelligenza artificiale, dell’intelligenza   artificiale", '"intelligenza artificiale"'),
    ("città e citta e cìtta e CITTÀ", "citta"),
    ("prefissi: intel intellettuale intelligente", "intell*"),
    ("Ωmega ωμέγα Ωmega", "ωmega"),
]


@pytest.mark.parametrize(("text", "query"), EDGE_CASES)
def test_edge_cases_equal_full_tokenizing(text: str, query: str) -> None:
    for lang in ("it", "en", ""):
        matcher = TermMatcher.from_query(parse(query))
        assert snippet(text, matcher, lang) == snippet_by_tokens(text, matcher, lang)


def test_words_found_through_their_folded_form_and_elisions() -> None:
    matcher = TermMatcher.from_query(parse("ancora ia"))
    assert snippet("Poi un'àncora, l’IA e ÀNCORA.", matcher, "it") == (
        "Poi un'<b>àncora</b>, l’<b>IA</b> e <b>ÀNCORA</b>."
    )
    phrase = TermMatcher.from_query(parse('"intelligenza artificiale"'))
    assert snippet("artificiale intelligenza; l'intelligenza  artificiale.", phrase, "it") == (
        "artificiale intelligenza; l'<b>intelligenza</b> <b>artificiale</b>."
    )
