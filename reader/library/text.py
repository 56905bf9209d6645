"""Text folding shared by related-title resolution, slugs and search.

Case, accents, curly vs straight apostrophes and punctuation are folded, so
``L’IA: perché`` and ``l'ia perche`` compare equal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from reader.library.model import Article

_APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


_QUOTE_PAIRS = tuple((chr(code), straight) for code, straight in _APOSTROPHES.items())


def straighten_quotes(text: str) -> str:
    """Curly quotes, guillemets and apostrophe look-alikes as ``'`` and ``"``; same length.

    Why not ``str.translate``: it looks every character up in a dict (~30 us per 1,000
    characters of accented text), and a regex search for the quotes tries every position
    (~9 us per 1,000). A substring test per quote character is a fast C search, and most
    texts have none or few of them; each present one is replaced in C.
    """
    for quote, straight in _QUOTE_PAIRS:
        if quote in text:
            text = text.replace(quote, straight)
    return text


_COMBINING_MARKS = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def strip_accents(text: str) -> str:
    """``perché`` -> ``perche``; letters of other scripts are kept (only marks go)."""
    if text.isascii():
        return text  # the common case, and 20x faster than decomposing
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Lowercase, accent-free, quote-straightened text (punctuation kept)."""
    return strip_accents(straighten_quotes(text)).casefold()


def normalize_title(title: str) -> str:
    """The key related items are matched by: folded, punctuation removed, spaces collapsed."""
    return " ".join(_NON_WORD.sub(" ", fold(title)).split())


def slugify(text: str, max_length: int = 80) -> str:
    """A filename-safe ASCII slug, cut at a word boundary."""
    words = normalize_title(text).encode("ascii", "ignore").decode("ascii").split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def content_key(title: str, body: str) -> str:
    """A hash of the case- and whitespace-folded text, so the same article imported twice is
    recognised. Kept cheap (no accent folding): it runs over every body of a large library."""
    folded = " ".join(f"{title}\n{body}".casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD.

    Why: they cannot be written as UTF-8 yet reach us — from JSON (``"\\ud800"`` is valid
    JSON) and from file names that are not UTF-8 (Python decodes their bytes to surrogates).
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def scrub_surrogates(article: Article) -> Article:
    """The article with lone surrogates replaced in every text field (see
    ``without_surrogates``): such an article could be neither keyed nor written."""
    clean = without_surrogates
    source = article.source
    if source is not None:
        source = replace(source, **{key: clean(value) for key, value in vars(source).items()})
    return replace(
        article,
        title=clean(article.title),
        body=clean(article.body),
        id=clean(article.id),
        author=clean(article.author),
        category=clean(article.category),
        tags=[clean(tag) for tag in article.tags],
        lang=clean(article.lang),
        site=clean(article.site),
        source=source,
        related=[
            replace(item, **{key: clean(value) for key, value in vars(item).items()})
            for item in article.related
        ],
        highlights=[
            replace(mark, text=clean(mark.text), note=clean(mark.note))
            for mark in article.highlights
        ],
    )
