"""Reading time: words in an article and the minutes they take at a given reading speed.

Shared by the list (minutes per article, from the catalog's word count), the byline and the
window's progress, so all three agree.
"""

from __future__ import annotations

import math

DEFAULT_WORDS_PER_MINUTE = 230
"""An adult's silent reading of non-fiction in English or Italian (about 200–260 wpm)."""
MIN_WORDS_PER_MINUTE = 50
MAX_WORDS_PER_MINUTE = 1000


def word_count(text: str) -> int:
    """Whitespace-separated words of ``text`` (Markdown markup barely moves the count)."""
    return len(text.split())


def reading_minutes(words: int, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Whole minutes to read ``words`` (at least 1 for any text, 0 for none), rounded up."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / max(words_per_minute, 1)))
