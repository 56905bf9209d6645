"""Plain-Python pieces of the window: history and accent-insensitive matching."""

from __future__ import annotations

from reader.library.history import History
from reader.library.text_match import find_spans


def test_history_back_forward_and_truncation() -> None:
    history = History()
    for page in ("a", "b", "c"):
        history.visit(page)
    history.remember_scroll(0.7)
    assert history.back().article_id == "b"
    assert history.back().article_id == "a"
    assert history.back() is None
    assert history.forward().article_id == "b"
    history.visit("d")  # drops "c"
    assert not history.can_go_forward()
    assert [history.back().article_id, history.back().article_id] == ["b", "a"]
    assert history.forward().article_id == "b"
    assert history.forward().article_id == "d"


def test_history_keeps_scroll_per_entry_and_ignores_revisit() -> None:
    history = History()
    history.visit("a")
    history.remember_scroll(0.4)
    history.visit("a")
    history.visit("b")
    assert history.back().scroll_fraction == 0.4


def test_history_forgets_deleted_articles() -> None:
    history = History()
    for page in ("a", "b", "a", "c"):
        history.visit(page)
    history.forget("b")
    assert history.current.article_id == "c"
    assert history.back().article_id == "a"
    assert history.back() is None  # "a", "b", "a" collapsed into one "a"


def test_find_spans_folds_case_accents_and_quotes() -> None:
    text = "Perché l’IA? PERCHE no. superperche"
    assert find_spans(text, "perche") == [(0, 6), (13, 19), (29, 35)]
    assert find_spans(text, "perche", word_start=True) == [(0, 6), (13, 19)]
    assert find_spans(text, "l'ia") == [(7, 11)]


def test_find_spans_extends_prefixes_to_whole_words() -> None:
    text = "Hollywood e hollywoodiani"
    spans = find_spans(text, "hollyw", word_start=True, extend_to_word_end=True)
    assert [text[a:b] for a, b in spans] == ["Hollywood", "hollywoodiani"]


def test_find_spans_handles_length_changing_folds() -> None:
    text = "Die Straße, die STRASSE"
    assert [text[a:b] for a, b in find_spans(text, "strasse")] == ["Straße", "STRASSE"]


def test_long_teasers_are_elided_not_chopped(qapp) -> None:
    from PySide6.QtGui import QFont

    from reader.ui.related_panel import elide_to_lines

    font = QFont("DejaVu Sans", 9)
    teaser = "parola " * 200
    short = elide_to_lines(teaser, font, 200, 3)
    assert short.endswith("…") and len(short) < len(teaser)
    assert elide_to_lines("Breve.", font, 200, 3) == "Breve."
