"""Snippets: the best short window of an article's text, matches wrapped in ``<b>``.

Why not ``whoosh.highlight``: a word can match through the unstemmed field, through the
stems of the article's own language, or as a prefix, and phrases should light up only
where the words are adjacent. Whoosh's highlighter analyses the text with one field's
analyser at a time. Here the words are those of the tokenizer the index used (so
offsets point into the original text) and each is checked against all three kinds of
terms. Everything outside the marks is HTML-escaped.

Why the search for matches is not a loop over the words: ``snippet`` runs for each of a
page's 20 hits, and a Python loop over every word of an article (or even one C-level
``findall`` of them all) was most of a query's time. The words that may be marked all
begin with a query word, a prefix or a stem's first letters, once folded; an ASCII
letter folds to itself, so those words are found by literal searches (fast C string
searches), plus the few words whose first letters are not ASCII. ``snippet_by_tokens``
tokenizes everything and is the reference: tests compare the two on tricky text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from reader.library.text import straighten_quotes
from reader.search.analysis import (
    _APOSTROPHE_LIKE,
    _RUN,
    _WORD,
    fold_word,
    iter_words,
    query_stopwords,
    stem,
)
from reader.search.query import ParsedQuery

SNIPPET_CHARS = 220
SCAN_CHARS = 200_000
"""Only the first part of a very long text is scanned for matches; it bounds the cost."""
ELLIPSIS = "…"


@dataclass
class TermMatcher:
    """What to mark: folded words, stems per language, prefixes and phrases.

    One matcher serves all the hits of one query, and it remembers what it decided: which
    lowered words of the texts it has already checked and which of them it marks (per
    language), so each further text only checks the words no earlier hit had. Zipf
    vocabularies make most words of the 20 hits of a page repeat.
    """

    words: set[str] = field(default_factory=set)
    stems: dict[str, set[str]] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    stem_heads: dict[str, set[str] | None] = field(default_factory=dict)
    """First letters of the stems: a cheap filter so not every word of a text is stemmed
    (Snowball stems keep the word's first letters; None disables the filter)."""
    _checked: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _marked: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _literals: dict[str, tuple[str, ...] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

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

    def matching(self, words: set[str], lang: str) -> set[str]:
        """The folded ``words`` that ``matches`` marks, found with set operations."""
        found = words & self.words
        stems = self.stems.get(lang)
        if stems:
            heads = self.stem_heads.get(lang)
            candidates = words if heads is None else [w for w in words if w[:3] in heads]
            found.update(word for word in candidates if stem(lang, word) in stems)
        if self.prefixes:
            found.update(word for word in words if word.startswith(self.prefixes))
        return found

    def marked_among(self, lowered: set[str], lang: str) -> set[str]:
        """The ``lowered`` words (lowercase, not yet folded) whose folded form ``matches``.

        Only words no earlier call checked are folded and matched; the answer for the
        rest is a set intersection with what was marked before (both in C).
        """
        checked = self._checked.setdefault(lang, set())
        marked = self._marked.setdefault(lang, set())
        new = lowered - checked
        if new:
            if len(checked) > _MAX_CHECKED:  # a matcher kept far longer than one query
                checked.clear()
                marked.clear()
            folded = _fold_lowered(new)
            ascii_words = new.difference(folded) if folded else new
            found = self.matching(ascii_words.union(folded.values()), lang)
            marked.update(ascii_words & found)
            marked.update(raw for raw, word in folded.items() if word in found)
            checked |= new
        return lowered & marked

    def scan_literals(self, lang: str) -> tuple[str, ...] | None:
        """Beginnings that every marked word's folded form starts with (None: any word may
        be marked, as when a stem is too short to filter by its first letters).

        A marked word is a query word, starts with a prefix, or (to be stemmed at all)
        starts with the first letters of a stem; a word's ASCII letters fold to
        themselves, so only non-ASCII words can match without beginning with one of these.
        """
        if lang not in self._literals:
            self._literals[lang] = self._beginnings(lang)
        return self._literals[lang]

    def _beginnings(self, lang: str) -> tuple[str, ...] | None:
        if self.stems.get(lang) and self.stem_heads.get(lang) is None:
            return None
        starts = {*self.words, *self.prefixes, *(self.stem_heads.get(lang) or ())}
        # "casa" is found by a search for "cas": keep only the shortest beginnings.
        kept: list[str] = []
        for start in sorted(starts, key=len):
            if not start.startswith(tuple(kept)):
                kept.append(start)
        return tuple(sorted(kept))

    def matches(self, word: str, lang: str) -> bool:
        if word in self.words:
            return True
        stems = self.stems.get(lang)
        if stems:
            heads = self.stem_heads.get(lang)
            if (heads is None or word[:3] in heads) and stem(lang, word) in stems:
                return True
        return bool(self.prefixes) and word.startswith(self.prefixes)


_MAX_CHECKED = 500_000
"""Words a matcher remembers; a page of hits checks a few hundred."""


def _fold_lowered(lowered: set[str]) -> dict[str, str]:
    """{word: folded} for the non-ASCII ``lowered`` words (an ASCII word is its own fold)."""
    return {word: fold_word(word) for word in lowered if not word.isascii()}


def snippet(text: str, matcher: TermMatcher, lang: str, max_chars: int = SNIPPET_CHARS) -> str:
    """HTML snippet of ``text`` around its densest cluster of matches.

    The candidate words are found by literal searches (see the module's docstring), the
    matcher checks those it has not seen in an earlier hit, and the marked ones are
    located by a literal search each; phrases are checked word by word from each
    occurrence of their first word. The result is the same as ``snippet_by_tokens``.
    """
    if not text:
        return ""
    if not matcher:
        return _plain_start(text, max_chars)
    spans = _matched_spans(text[:SCAN_CHARS], matcher, lang)
    if not spans:
        return _plain_start(text, max_chars)
    return _render(text, spans, max_chars)


def snippet_by_tokens(
    text: str, matcher: TermMatcher, lang: str, max_chars: int = SNIPPET_CHARS
) -> str:
    """``snippet`` by tokenizing the whole text: the reference the fast path must equal."""
    if not text:
        return ""
    words = list(iter_words(text[:SCAN_CHARS])) if matcher else []
    spans = [words[index] for index in _marked(words, matcher, lang)] if words else []
    if not spans:
        return _plain_start(text, max_chars)
    return _render(text, spans, max_chars)


Span = tuple[int, int, str]
"""(start, end, folded word) of a word of the text, as the index saw it."""


def _matched_spans(text: str, matcher: TermMatcher, lang: str) -> list[Span]:
    """The spans of the words of ``text`` the matcher marks, in order.

    Candidates are runs of word characters of the lowered text (a superset of the words:
    it has elided articles such as the "l" of "l'IA", and pieces of longer words); the
    matcher checks them as a set, and the marked ones are located in the lowered text,
    whose offsets are the original's, keeping only whole words the tokenizer yields.
    """
    straight = straighten_quotes(text)
    lowered = straight.lower()
    if len(lowered) != len(straight):  # "İ" lowers to two characters: tokenize
        words = list(iter_words(text))
        return [words[index] for index in _marked(words, matcher, lang)]
    literals = matcher.scan_literals(lang)
    heads = tuple(phrase[0] for phrase in matcher.phrases)
    if literals is None:
        candidates = set(_RUN.findall(lowered))
        non_ascii = _non_ascii_runs(lowered, _reach(heads))
    else:
        non_ascii = _non_ascii_runs(lowered, _reach(literals + heads))
        candidates = set(non_ascii)
        for literal in literals:
            if literal.isascii():  # a word starting otherwise is not ASCII: found above
                candidates.update(_run_from(literal).findall(lowered))
    spans = _located(straight, lowered, matcher.marked_among(candidates, lang))
    if matcher.phrases:
        spans = _with_phrases(straight, lowered, non_ascii, spans, matcher.phrases)
    return spans


def _reach(beginnings: tuple[str, ...]) -> int | None:
    """How far into a word a non-ASCII character may be for the word's folded form to
    start with one of the ASCII ``beginnings`` without the word itself starting with it
    (None: any distance, for a beginning that is not ASCII)."""
    if not all(beginning.isascii() for beginning in beginnings):
        return None
    return max(map(len, beginnings), default=0)


def _non_ascii_runs(lowered: str, reach: int | None) -> set[str]:
    """The distinct words (runs of word characters) of ``lowered`` that have a non-ASCII
    character among their first ``reach`` characters (anywhere when None).

    Why: an ASCII letter folds to itself, so a word whose first letters are ASCII is
    found by searching for the beginnings themselves. Searched in the reversed text,
    where a pattern can start at the non-ASCII character (a fast search) and reach back
    to the word's start; the word's end is then a forward match from there.
    """
    if reach == 0 or lowered.isascii():
        return set()
    reverse = lowered[::-1]
    size = len(lowered)
    match_run = _RUN.match
    return {
        match_run(lowered, size - tail.end(1)).group()  # type: ignore[union-attr]
        for tail in _non_ascii_tail(reach).finditer(reverse)
        if tail.end(1) > 0
    }


@lru_cache(maxsize=64)
def _non_ascii_tail(reach: int | None) -> re.Pattern[str]:
    """In reversed text: ASCII, then a non-ASCII character; group 1 when that character is
    a word character whose word starts at most ``reach - 1`` characters beyond it.

    Why this shape: every match either ends at a non-ASCII character or at the end of
    the text, so the ASCII stretches are crossed by a tight loop inside one match rather
    than by trying a new match at each position (several times faster).
    """
    before = "*" if reach is None else f"{{0,{reach - 1}}}"
    return re.compile(
        rf"[\x00-\x7f]*+(?:[^\x00-\x7f](?<![\W_])([^\W_]{before})(?![^\W_])|[^\x00-\x7f]|$)"
    )


@lru_cache(maxsize=1024)
def _run_from(literal: str) -> re.Pattern[str]:
    """``literal`` and the rest of the word it is in: candidates that may be marked.

    A match may begin inside a longer word; such a candidate is harmless (it is only
    ever located as a whole word, where it is one)."""
    return re.compile(rf"{re.escape(literal)}[^\W_]*")


def _located(straight: str, lowered: str, hits: Iterable[str]) -> list[Span]:
    """Every word of the text whose lowered form is one of ``hits``, in order."""
    spans = []
    for raw in hits:
        folded = fold_word(raw)
        for match in _literal(raw).finditer(lowered):
            start, end = match.span()
            if start and lowered[start - 1].isalnum():
                continue  # the end of a longer word
            if straight.startswith("'", end) and not _is_token_start(straight, start):
                continue  # an elided article ("sant" of "sant'Antonio") is not a word
            spans.append((start, end, folded))
    spans.sort()
    return spans


@lru_cache(maxsize=4096)
def _literal(raw: str) -> re.Pattern[str]:
    """``raw`` not followed by a word character.

    Why a literal first: a pattern that starts with the literal is searched for with a
    fast string search; one that starts with a look-behind is tried at every position
    (30x slower on a 15,000-character text).
    """
    return re.compile(rf"{re.escape(raw)}(?![^\W_])")


def _is_token_start(straight: str, start: int) -> bool:
    """Whether the tokenizer yields a word starting at ``start`` (a run start)."""
    for token in _WORD.finditer(straight, _token_origin(straight, start)):
        if token.start(1) >= start:
            return token.start(1) == start
    return False


def _with_phrases(
    straight: str,
    lowered: str,
    non_ascii: set[str],
    spans: list[Span],
    phrases: list[tuple[str, ...]],
) -> list[Span]:
    """``spans`` plus the words of every place where a phrase's words follow each other.

    Each occurrence of a phrase's first word is located like a single word; the words
    after it are the tokenizer's next matches from its end (tokenizing resumes exactly
    there, as a word always ends a match).
    """
    by_start = {span[0]: span for span in spans}
    for phrase in phrases:
        head = phrase[0]
        heads = {raw for raw in non_ascii if fold_word(raw) == head}
        if head.isascii():
            heads.add(head)
        for start, end, word in _located(straight, lowered, heads):
            found = [(start, end, word)]
            for expected in phrase[1:]:
                token = _WORD.search(straight, found[-1][1])
                if token is None or fold_word(token.group(1)) != expected:
                    break
                found.append((token.start(1), token.end(1), expected))
            else:
                for span in found:
                    by_start.setdefault(span[0], span)
    return [by_start[start] for start in sorted(by_start)]


def _token_origin(text: str, position: int) -> int:
    """A position at or before ``position`` where tokenizing gives the same tokens as
    tokenizing the whole text: after whitespace that no elision ("l' uomo") spans.
    ``text`` may be the original: every apostrophe-like character counts."""
    origin = position
    while origin > 0:
        while origin > 0 and not text[origin - 1].isspace():
            origin -= 1
        if origin >= 2 and text[origin - 2] in _APOSTROPHE_LIKE:
            origin -= 1  # "l' uomo": the elision reaches over this space
            continue
        break
    return origin


def _render(text: str, spans: list[tuple[int, int, str]], max_chars: int) -> str:
    start, end = _best_window(spans, max_chars)
    window_start = spans[start][0]
    begin = _lead_start(text, window_start, max_chars // 3)
    finish = max(_last_word_end(text, begin, begin + max_chars), spans[end][1])
    parts: list[str] = [ELLIPSIS if begin > 0 else ""]
    position = begin
    for word_start, word_end, _ in spans[start:]:
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


LEAD_WORDS = 4
"""A snippet begins up to this many words before its first match, for context."""


def _tokens_between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words whose token starts in text[start:end], as the index saw
    them: tokenizing from ``start`` resynchronizes after at most one partial token."""
    straight = straighten_quotes(text[start : end + 64])
    if "'" not in straight:  # no elision: the words are the runs of word characters
        return [(start + m.start(), start + m.end()) for m in _RUN.finditer(straight)]
    return [(start + m.start(1), start + m.end(1)) for m in _WORD.finditer(straight)]


def _lead_start(text: str, first: int, reach: int) -> int:
    """Start of the earliest of the ``LEAD_WORDS`` words before ``first`` that begins
    within ``reach`` characters of it (``first`` if none)."""
    if first == 0:
        return 0
    low = max(0, first - reach)
    origin = _token_origin(text, low)
    if _has_apostrophe(text, origin, first + 64):
        before = [s for s, _ in _tokens_between(text, origin, first) if low <= s < first]
        return before[-LEAD_WORDS] if len(before) >= LEAD_WORDS else (before or [first])[0]
    # No elision here: the words are the runs of word characters; walk back over them.
    starts: list[int] = []
    position = first
    while len(starts) < LEAD_WORDS:
        while position > low and not text[position - 1].isalnum():
            position -= 1
        if position <= low:
            break
        while position > origin and text[position - 1].isalnum():
            position -= 1
        if position < low:
            break
        starts.append(position)
    return starts[-1] if starts else first


def _last_word_end(text: str, begin: int, limit: int) -> int:
    """End of the last word (from ``begin``) that ends within ``limit``."""
    origin = _token_origin(text, begin)
    if _has_apostrophe(text, origin, limit + 64):
        last = begin
        for start, end in _tokens_between(text, origin, limit):
            if end > limit:
                break
            if start >= begin:
                last = end
        return last
    # No elision here: the words are the runs of word characters; walk back to the last
    # one that ends within the limit.
    position = min(limit, len(text))
    if position < len(text) and text[position].isalnum():
        while position > origin and text[position - 1].isalnum():
            position -= 1  # the word across the limit does not end within it
    while position > origin and not text[position - 1].isalnum():
        position -= 1
    end = position
    while position > origin and text[position - 1].isalnum():
        position -= 1
    return end if end > origin and position >= begin else begin


def _has_apostrophe(text: str, start: int, end: int) -> bool:
    window = text[start:end]
    return any(mark in window for mark in _APOSTROPHE_LIKE)


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


def _best_window(spans: list[tuple[int, int, str]], max_chars: int) -> tuple[int, int]:
    """Indexes into ``spans`` of the window (<= max_chars) with the most distinct matches."""
    best = (0, 0)
    best_score = (-1, -1)
    end = 0
    for start in range(len(spans)):
        end = max(end, start)
        origin = spans[start][0]
        while end + 1 < len(spans) and spans[end + 1][1] - origin <= max_chars:
            end += 1
        window = spans[start : end + 1]
        score = (len({span[2] for span in window}), len(window))
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
