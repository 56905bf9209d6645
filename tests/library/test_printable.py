"""``printable``: untrusted text made safe for a terminal or a plain-text label."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.library.printable import printable

UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def test_escape_sequences_become_visible_text() -> None:
    assert printable("Pwned \x1b]0;pwned\x07 title") == "Pwned \\x1b]0;pwned\\x07 title"
    assert printable("clear\x1b[2J") == "clear\\x1b[2J"
    assert printable("8-bit CSI \x9b31m") == "8-bit CSI \\x9b31m"
    assert printable("del\x7f") == "del\\x7f"


def test_line_breaks_are_escaped_unless_multiline() -> None:
    name = "x\nFAILED    fake.txt\r\tz"
    assert printable(name) == "x\\nFAILED    fake.txt\\r\\tz"
    assert printable("one\n\ttwo\r\x1b", multiline=True) == "one\n\ttwo\\r\\x1b"


def test_bidi_overrides_separators_and_lone_surrogates() -> None:
    assert printable("abc\u202etxt.exe") == "abc\\u202etxt.exe"
    assert printable("a\u2028b\u2066c") == "a\\u2028b\\u2066c"
    undecodable = b"caf\xe9.md".decode("utf-8", "surrogateescape")
    shown = printable(undecodable)
    assert shown == "caf\\udce9.md"
    shown.encode("utf-8")  # a lone surrogate would make print() raise


def test_ordinary_text_is_returned_as_is() -> None:
    text = "L’intelligenza artificiale — perché? 日本語 🙂"
    assert printable(text) is text
    assert printable("two\nlines", multiline=True) == "two\nlines"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    for multiline in (False, True):
        shown = printable(text, multiline=multiline)
        leftover = UNSAFE.findall(shown)
        assert set(leftover) <= ({"\n", "\t"} if multiline else set())
        if not UNSAFE.search(text):
            assert shown == text
