"""Accent- and case-insensitive matching that maps back to positions in the original text.

Search terms arrive folded (``perche``) while the article says ``perché``; find-in-page should
also find ``l'IA`` when the text has ``l’IA``. Folding changes lengths (``ß`` -> ``ss``), so
each folded character remembers the original offset it came from.
"""

from __future__ import annotations

from reader.library.text import fold


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded, plus for every folded character the offset of its source character."""
    folded: list[str] = []
    offsets: list[int] = []
    for offset, character in enumerate(text):
        piece = fold(character)
        folded.append(piece)
        offsets.extend([offset] * len(piece))
    return "".join(folded), offsets


def find_spans(
    text: str, needle: str, *, word_start: bool = False, extend_to_word_end: bool = False
) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` where folded ``needle`` occurs in folded ``text``.

    ``word_start`` keeps only matches that begin a word (search terms and prefixes);
    ``extend_to_word_end`` widens such a match to the whole word (``hollyw`` -> ``Hollywood``).
    """
    target = fold(needle).strip()
    if not target or not text:
        return []
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    position = folded.find(target)
    while position >= 0:
        start = offsets[position]
        if not word_start or start == 0 or not text[start - 1].isalnum():
            end = offsets[position + len(target) - 1] + 1
            if extend_to_word_end:
                while end < len(text) and text[end].isalnum():
                    end += 1
            if not spans or start >= spans[-1][1]:
                spans.append((start, end))
        position = folded.find(target, position + 1)
    return spans
