"""The query language, parsed: fields, dates, OR, exclusion, and malformed input."""

from __future__ import annotations

import pytest

from reader.search.query import parse, to_whoosh


def kinds(text: str) -> list[list[tuple[str, str | None, tuple[str, ...]]]]:
    return [[(c.kind, c.field, c.words) for c in group] for group in parse(text).groups]


def test_words_phrases_prefix_or() -> None:
    assert kinds('ia "reti neurali" intell* pasta OR sora') == [
        [("word", None, ("ia",))],
        [("phrase", None, ("reti", "neurali"))],
        [("prefix", None, ("intell",))],
        [("word", None, ("pasta",)), ("word", None, ("sora",))],
    ]


def test_fields_and_aliases() -> None:
    assert kinds('title:pasta autore:Rossi cat:IA tag:"futuro del lavoro"') == [
        [("word", "title", ("pasta",))],
        [("word", "author", ("rossi",))],
        [("word", "category", ("ia",))],
        [("phrase", "tag", ("futuro", "del", "lavoro"))],
    ]


def test_unknown_field_becomes_words() -> None:
    assert kinds("nota:bene") == [[("word", None, ("nota", "bene"))]]


def test_exclusions() -> None:
    parsed = parse("ia -sora NOT pasta")
    assert [c.words for c in parsed.excluded] == [("sora",), ("pasta",)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("published:2024", 20240101, 20241231),
        ("published:2024-02", 20240201, 20240229),
        ("published:2024-03-25", 20240325, 20240325),
        ("published:2024-01..2024-06", 20240101, 20240630),
        ("published:2024..", 20240101, None),
        ("published:..2023", None, 20231231),
        ("published:[2024-01 TO 2024-06]", 20240101, 20240630),
        ("published:{2024-01-01 TO 2024-02-01}", 20240102, 20240131),
        ("date:>=2024-03", 20240301, None),
        ("published:<2024", None, 20231231),
        ("published:>2023-12-31", 20240101, None),
    ],
)
def test_dates(text: str, low: int | None, high: int | None) -> None:
    [[clause]] = parse(text).groups
    assert (clause.kind, clause.low, clause.high) == ("date", low, high)


def test_bad_dates_become_words() -> None:
    assert kinds("published:ieri") == [[("word", None, ("ieri",))]]
    assert kinds("published:2024-13") == [[("word", None, ("2024", "13"))]]


def test_flags_and_lang() -> None:
    groups = parse("is:unread is:starred lang:Italiano").groups
    assert [c.flag for [c] in groups[:2]] == [("read", False), ("starred", True)]
    assert groups[2][0].lang == "it"
    assert kinds("is:nonsense") == [[("word", None, ("nonsense",))]]


def test_has_highlights_and_note_field() -> None:
    [[has], [note]] = parse("has:Highlights note:Formiche").groups
    assert has.kind == "flag" and has.flag == ("highlighted", True)
    assert (note.kind, note.field, note.words) == ("word", "note", ("formiche",))
    assert kinds("has:nothing") == [[("word", None, ("nothing",))]]


@pytest.mark.parametrize(
    "text", ["", "   ", '"', "((", ")", "-", "*", "OR", "title:", ":", "a*", '"unclosed phrase']
)
def test_degenerate_input_never_raises(text: str) -> None:
    parsed = parse(text)
    to_whoosh(parsed)


def test_unclosed_phrase_is_a_phrase_to_the_end() -> None:
    assert kinds('"reti neurali') == [[("phrase", None, ("reti", "neurali"))]]


def test_stopwords_are_dropped_when_other_words_remain() -> None:
    assert "the" not in str(to_whoosh(parse("the pasta")))
    assert to_whoosh(parse("the")) is not None


def test_highlight_terms() -> None:
    assert parse('L’IA "Reti Neurali" intell* -pasta category:x').highlight_terms() == [
        "ia",
        "reti neurali",
        "intell",
    ]
