"""Snippets: the best short window of an article's text, matches wrapped in ``<b>``.

Why not ``whoosh.highlight``: a word can match through the unstemmed field, through the
stems of the article's own language, or as a prefix, and phrases should light up only
where the words are adjacent. Whoosh's highlighter analyses the text with one field's
analyser at a time. Here the text is tokenized once with the same tokenizer the index
used (so offsets point into the original text) and each word is checked against all
three kinds of terms. Everything outside the marks is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.search.analysis import iter_words, query_stopwords, stem
from reader.search.query import ParsedQuery

SNIPPET_CHARS = 220
SCAN_CHARS = 200_000
"""Only the first part of a very long text is scanned for matches; it bounds the cost."""
ELLIPSIS = "…"


@dataclass
class TermMatcher:
    """What to mark: folded words, stems per language, prefixes and phrases."""

    words: set[str] = field(default_factory=set)
    stems: dict[str, set[str]] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    stem_heads: dict[str, set[str] | None] = field(default_factory=dict)
    """First letters of the stems: a cheap filter so not every word of a text is stemmed
    (Snowball stems keep the word's first letters; None disables the filter)."""

    @classmethod
    def from_query(
        cls, parsed: ParsedQuery, languages: Iterable[str] = ("it", "en")
    ) -> TermMatcher:
        matcher = cls()
        prefixes: list[str] = []
        for clause in parsed.positive_clauses():
            if clause.field not in (None, "title"):
                continue
            if clause.kind == "word":
                matcher.words.update(clause.words)
            elif clause.kind == "prefix":
                matcher.words.update(clause.words[:-1])
                prefixes.append(clause.words[-1])
            elif clause.kind == "phrase":
                if len(clause.words) == 1:
                    matcher.words.add(clause.words[0])
                else:
                    matcher.phrases.append(clause.words)
        # Bare stopwords are not searched for (see query.py) and marking every "e" and "the"
        # of a snippet hides the words that matched; keep them only if nothing else is left.
        common = query_stopwords()
        if matcher.words - common or matcher.prefixes or matcher.phrases:
            matcher.words -= common
        for lang in languages:
            stems = {stem(lang, word) for word in matcher.words}
            stems.discard("")
            matcher.stems[lang] = stems
            short = any(len(s) < 3 for s in stems)
            matcher.stem_heads[lang] = None if short else {s[:3] for s in stems}
        matcher.prefixes = tuple(prefixes)
        return matcher

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.phrases)

    def matches(self, word: str, lang: str) -> bool:
        if word in self.words:
            return True
        stems = self.stems.get(lang)
        if stems:
            heads = self.stem_heads.get(lang)
            if (heads is None or word[:3] in heads) and stem(lang, word) in stems:
                return True
        return bool(self.prefixes) and word.startswith(self.prefixes)


def snippet(text: str, matcher: TermMatcher, lang: str, max_chars: int = SNIPPET_CHARS) -> str:
    """HTML snippet of ``text`` around its densest cluster of matches."""
    if not text:
        return ""
    words = list(iter_words(text[:SCAN_CHARS])) if matcher else []
    marked = _marked(words, matcher, lang) if words else []
    if not marked:
        return _plain_start(text, max_chars)
    start, end = _best_window(words, marked, max_chars)
    window_start = words[marked[start]][0]
    # Begin a few words before the first match, for context.
    first = marked[start]
    lead = max(0, first - 4)
    while lead < first and window_start - words[lead][0] > max_chars // 3:
        lead += 1
    begin = words[lead][0]
    limit = begin + max_chars
    last_word = lead
    while last_word + 1 < len(words) and words[last_word + 1][1] <= limit:
        last_word += 1
    finish = max(words[last_word][1], words[marked[end]][1])
    parts: list[str] = [ELLIPSIS if begin > 0 else ""]
    position = begin
    for index in marked[start:]:
        word_start, word_end, _ = words[index]
        if word_end > finish:
            break
        parts.append(_escape(text[position:word_start]))
        parts.append(f"<b>{_escape(text[word_start:word_end])}</b>")
        position = word_end
    rest = text[finish:]
    if rest and not any(ch.isalnum() for ch in rest):
        finish = len(text.rstrip())  # only closing punctuation is left: show it
    parts.append(_escape(text[position:finish]))
    if finish < len(text.rstrip()):
        parts.append(ELLIPSIS)
    return "".join(parts)


def _marked(words: list[tuple[int, int, str]], matcher: TermMatcher, lang: str) -> list[int]:
    marks: set[int] = set()
    cache: dict[str, bool] = {}
    for index, (_, _, word) in enumerate(words):
        hit = cache.get(word)
        if hit is None:
            hit = cache[word] = matcher.matches(word, lang)
        if hit:
            marks.add(index)
    for phrase in matcher.phrases:
        size = len(phrase)
        head = phrase[0]
        for index, (_, _, word) in enumerate(words):
            if word == head and tuple(w for _, _, w in words[index : index + size]) == phrase:
                marks.update(range(index, index + size))
    return sorted(marks)


def _best_window(
    words: list[tuple[int, int, str]], marked: list[int], max_chars: int
) -> tuple[int, int]:
    """Indexes into ``marked`` of the window (<= max_chars) with the most distinct matches."""
    best = (0, 0)
    best_score = (-1, -1)
    end = 0
    for start in range(len(marked)):
        end = max(end, start)
        origin = words[marked[start]][0]
        while end + 1 < len(marked) and words[marked[end + 1]][1] - origin <= max_chars:
            end += 1
        window = marked[start : end + 1]
        score = (len({words[i][2] for i in window}), len(window))
        if score > best_score:
            best, best_score = (start, end), score
    return best


def _plain_start(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return _escape(text.strip())
    cut = text.rfind(" ", 0, max_chars)
    cut = cut if cut > max_chars // 2 else max_chars
    return _escape(text[:cut].rstrip()) + ELLIPSIS


_WHITESPACE = re.compile(r"\s+")


def _escape(text: str) -> str:
    return html.escape(_WHITESPACE.sub(" ", text), quote=False)
