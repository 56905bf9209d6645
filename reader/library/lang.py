"""Cheap language guess by stopword counts: enough to pick Italian or English stemming."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

STOPWORDS: dict[str, frozenset[str]] = {
    "it": frozenset(
        "il lo la i gli le un una uno di da del della dei delle dello degli nel nella nei "
        "che e è non per con su sono come anche più ma ha hanno questo questa alla al alle "
        "ai agli dal dalla tra fra essere stato stata sia se perché quando dove dopo molto "
        "già ancora loro suo sua ci si mi ti ne lei lui noi voi".split()
    ),
    "en": frozenset(
        "the a an of to and in is it that for on with as was were be by this are from at "
        "or have has had not but they you he she we his her their its which will would "
        "can could there been more when who what about into than also".split()
    ),
}


def detect_language(text: str, default: str = "en", sample_chars: int = 4000) -> str:
    """Return "it" or "en" (the languages Reader stems); ``default`` when there is no signal."""
    words = _WORD.findall(text[:sample_chars].lower().replace("’", "'"))
    counts = {lang: sum(1 for word in words if word in stops) for lang, stops in STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return default
    return best
