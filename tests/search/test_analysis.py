"""Tokenizing, folding, elisions, stemming and Markdown stripping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.search.analysis import fold_words, index_language, stem, stemmed_analyzer
from reader.search.plaintext import markdown_to_text
from tests.fuzzing import fuzz_settings


def test_folding_case_accents_and_apostrophes() -> None:
    assert fold_words("L’IA dell'IA l'ia DELL’IA") == ["ia", "ia", "ia", "ia"]
    assert fold_words("Perché città PERCHÈ") == ["perche", "citta", "perche"]
    assert fold_words("un'altra quest’anno") == ["altra", "anno"]


def test_elision_only_before_a_word() -> None:
    assert fold_words("dell della l' - l") == ["dell", "della", "l", "l"]
    assert fold_words("fine dell'") == ["fine", "dell"]


def test_elision_followed_by_one_space_folds_like_none() -> None:
    # People type "cos' è" and "nell' ottobre"; the elided word is not a word of its own.
    assert fold_words("Che cos' è la stratigrafia?") == fold_words("Che cos'è la stratigrafia?")
    assert fold_words("nell' ottobre") == ["ottobre"]
    assert fold_words("dell’ IA") == ["ia"]
    # Two spaces are no elision: the words stay apart.
    assert fold_words("l'  uomo") == ["l", "uomo"]


def test_offsets_point_into_original_text() -> None:
    analyzer = stemmed_analyzer("it")
    text = "Ecco l’Intelligenza"
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
    assert len(tokens) == 2
    word, start, end = tokens[1]
    assert text[start:end] == "Intelligenza"
    assert word == stem("it", "intelligenza")


def test_italian_and_english_stems() -> None:
    assert stem("it", "intelligenze") == stem("it", "intelligenza")
    assert stem("en", "running") == stem("en", "run")
    assert stem("it", "della") == ""  # a stopword is not indexed in stemmed fields


def test_index_language() -> None:
    assert index_language("it", "whatever") == "it"
    assert index_language("EN-us", "whatever") == "en"
    assert index_language("fr", "the cat is on the table") == ""  # no wrong stemmer
    assert index_language("", "il gatto è sul tavolo e non si muove per niente") == "it"


def test_markdown_to_text_drops_markup_keeps_words() -> None:
    text = markdown_to_text(
        "# Titolo #\n\nCiao **mondo** e [un link](http://x.y/z.png) ![alt](a.png)\n"
        '<div class="x">html</div> &amp; snake_case `code`\n\n> citazione\n- voce\n\n'
        "| a | b |\n|---|---|\n\n```py\nprint(1)\n```\n[ref]: http://foo"
    )
    words = fold_words(text)
    for expected in ("titolo", "mondo", "link", "alt", "html", "snake", "code", "voce", "print"):
        assert expected in words
    for unwanted in ("http", "png", "div", "class", "ref", "foo"):
        assert unwanted not in words
    assert "**" not in text and "#" not in text and "&amp;" not in text


def test_markdown_escapes_are_plain_characters_in_text_and_snippets() -> None:
    text = markdown_to_text(r"The controversy\[edit\] was \*not\* about 1\. the \_end\_ \\ here")
    assert text == r"The controversy[edit] was *not* about 1. the _end_ \ here"
    assert "\\[" not in markdown_to_text("plain [link](https://x.org) **bold**")


def test_fast_indexing_path_matches_the_analyzers() -> None:
    from reader.search.schema import build_schema

    schema = build_schema()
    text = "L’Intelligenza artificiale e le reti neurali: perché l'IA impara? Running cats, a b."
    for name in ("text", "title"):
        field = schema[name]
        fast = sorted(word.decode() for word, *_ in field.index(text))
        slow = sorted({token.text for token in field.analyzer(text)})
        assert fast == slow, name
    for name in ("stems", "title_stems"):
        field = schema[name]
        for lang in ("it", "en"):
            fast = sorted(word.decode() for word, *_ in field.index((lang, text)))
            slow = sorted({token.text for token in stemmed_analyzer(lang)(text)})
            assert fast == slow, (name, lang)
        unstemmed = sorted(word.decode() for word, *_ in field.index(("", text)))
        assert unstemmed == sorted(set(fold_words(text))), name


def _reference_words(text: str) -> list[str]:
    """Folded words as the tokenizing regex finds them, one word at a time."""
    from reader.library.text import straighten_quotes
    from reader.search.analysis import _WORD, fold_word

    return [fold_word(word) for word in _WORD.findall(straighten_quotes(text))]


def test_fast_word_splitting_matches_the_tokenizer_on_hard_cases() -> None:
    cases = [
        "l'l'IA dell' IA dell'  IA DELL’IA quest`anno c´era nessunʼaltro",
        "modell'IA _dell'IA dell'_IA dell' 'IA l'",
        "İstanbul KELVIN K ΟΔΟΣ Straße ﬁne ½ perché ÀÉÎ",
        "un'altra' volta, anch'io com'è cos' è",
        "",
    ]
    for text in cases:
        assert fold_words(text) == _reference_words(text), text


_PIECES = [
    "l",
    "dell",
    "un",
    "Quest",
    "IA",
    "ab",
    "'",
    "’",
    "ʼ",
    "´",
    "`",
    " ",
    "  ",
    "_",
    "-",
    "é",
    "İ",
    "K",
    "Σ",
    "ß",
    "ﬁ",
    "½",
    "7",
    "\n",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.text(max_size=20))
@fuzz_settings(300)
def test_fast_word_splitting_matches_the_tokenizer(pieces: list[str], noise: str) -> None:
    text = "".join(pieces) + noise
    assert fold_words(text) == _reference_words(text)
