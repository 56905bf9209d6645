"""How text becomes index terms: one tokenizer for everything, stemming per language.

Why a custom tokenizer rather than Whoosh's ``StandardAnalyzer``:

* folding (case, accents, curly vs straight apostrophes) must match what
  :func:`reader.library.text.fold` does for titles, so ``perche`` finds ``perché``;
* Italian elisions (``l'IA``, ``dell’IA``, ``un'altra``) must yield the bare word, so
  every spelling of "IA" is the same term; the elided article is simply skipped;
* the character offsets of tokens must point into the *original* text, so the
  snippet highlighter can wrap the original words (folding may change lengths).

Doing folding inside the tokenizer (with a memo of already-folded words) also saves one
generator layer per token, which is most of Whoosh's indexing cost in pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer
from whoosh.analysis import Analyzer, Filter, StopFilter, Token, Tokenizer
from whoosh.lang.stopwords import stoplists

from reader.library.text import fold, straighten_quotes

STEMMED_LANGUAGES = ("it", "en")
"""Languages with their own stemmed fields; any other language is indexed unstemmed only."""

# Italian elided forms: "l'", "dell'", "un'", "quest'" ... followed by a word. The elided
# part is consumed by the regex but is not part of the token (group 1 is the word).
_ELISIONS = (
    "l|dell|nell|all|dall|sull|coll|pell|quell|quest|bell|sant|tutt|nessun|qualcun|"
    "un|d|c|n|m|s|t|v|gl|anch|com|dov|cos|quand|senz|tant|buon"
)
# "cos' è", "nell' ottobre": people (and some old texts) put a space after the apostrophe;
# one space is folded like none, so the elided article never becomes a word of its own.
_WORD = re.compile(rf"(?:(?i:{_ELISIONS})' ?(?=[^\W_]))?([^\W_]+)")
# The same words, found faster for indexing (see ``word_tokens``): a run of word
# characters, and whether an apostrophe (and at most one space) joins it to the next run.
_RUN = re.compile(r"[^\W_]+")
_RUN_APOSTROPHE = re.compile(r"([^\W_]+)(' ?(?=[^\W_]))?")
_ELISION = re.compile(rf"(?i:{_ELISIONS})")
_APOSTROPHE_LIKE = ("'", "\u2019", "\u2018", "\u02bc", "\u00b4", "`")
"""Characters ``straighten_quotes`` turns into an apostrophe."""


class FoldingTokenizer(Tokenizer):
    """Words of the text, folded; offsets refer to the original text.

    The quote straightening is a one-to-one character translation, so offsets found in
    the straightened text are valid in the original.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = value
            token.text = fold_word(value)
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for pos, match in enumerate(_WORD.finditer(straighten_quotes(value)), start_pos):
            word = match.group(1)
            token.text = fold_word(word)
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start(1)
                token.endchar = start_char + match.end(1)
            yield token


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``: what the index saw."""
    for match in _WORD.finditer(straighten_quotes(text)):
        word = match.group(1)
        yield match.start(1), match.end(1), fold_word(word)


@lru_cache(maxsize=262_144)
def fold_word(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, exactly as the unstemmed fields index them.

    The fast path used at indexing time: one C-level ``findall`` and a cached fold per
    word, instead of one Token object per word through a generator chain.
    """
    return list(folded_words(text))


@lru_cache(maxsize=8)
def folded_words(text: str) -> tuple[str, ...]:
    """``fold_words`` remembered for the last few texts.

    Why remembered: an article's catch-all text feeds two fields (``text`` and
    ``stems``) and its title two more; each field asks for the same words. Why lowered
    first: one ``lower()`` of the whole text leaves only the non-ASCII words to fold one
    by one (a property test compares the result with folding every word).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: fold word by word
        return tuple(map(fold_word, word_tokens(text)))
    return tuple([word if word.isascii() else fold_word(word) for word in word_tokens(lowered)])


def word_tokens(text: str) -> list[str]:
    """The words ``_WORD`` finds in ``straighten_quotes(text)`` (its group 1), unfolded.

    Why not ``_WORD.findall``: its optional elision group is tried at every position of
    the text, which made tokenizing 5x slower than finding runs of word characters.
    Here the elision is decided only where an apostrophe follows a run: that run is an
    elided article ("dell'", "l' ") when it is one of ``_ELISIONS``, unless it is itself
    the word that follows an elision ("l'l'IA" gives "l", "IA", as the regex does).
    """
    if not any(mark in text for mark in _APOSTROPHE_LIKE):
        return _RUN.findall(text)
    words = []
    after_elision = False
    for word, apostrophe in _RUN_APOSTROPHE.findall(straighten_quotes(text)):
        if apostrophe and not after_elision and _ELISION.fullmatch(word):
            after_elision = True
            continue
        after_elision = False
        words.append(word)
    return words


def stem_words(lang: str, words: list[str]) -> list[str]:
    """What the ``lang`` stemmed analyzer yields for already folded ``words``."""
    stemmed = [stem(lang, word) for word in words]
    return [word for word in stemmed if word]


@lru_cache(maxsize=4)
def stopwords(lang: str) -> frozenset[str]:
    """Folded stopwords of a stemmed language (Whoosh's lists, accents removed)."""
    return frozenset(fold(word) for word in stoplists.get(lang, ()))


QUESTION_WORDS = frozenset(
    fold(word)
    for word in (
        "cosa cos qual quale quali quanto quanta quanti quante quando come dove perché chi "
        "cosè quand dov com "
        "posso puoi può possiamo potete possono potrei potresti potrebbe "
        "devo devi deve dobbiamo dovete devono dovrei bisogna occorre "
        "voglio vuoi vorrei fare fa riesco riesci servono "
        "what which when how why who whom whose where could would shall might please"
    ).split()
)
"""Words that ask rather than describe: a question typed as-is ("Quando è iniziata la crisi
del 1973?", "Posso fare calcoli con più tabelle?") must not require them. Whoosh's lists
have some (come, dove, faccio, what, can, do ...) but not cosa, qual, quali, quando, cos,
nor the modal and light verbs a request starts with (posso, devo, fare, servono, could).
Left out on purpose: words that are also content in a manual or an encyclopedia ("modo",
"use", "need", "way", "may", "serve")."""


@lru_cache(maxsize=1)
def query_stopwords() -> frozenset[str]:
    """Words a free-text query does not require: both languages' stopwords and question words.

    Why both languages: a query has no declared language, and an Italian stopword is not a
    content word in an English article either (and vice versa).
    """
    return stopwords("it") | stopwords("en") | QUESTION_WORDS


_STEMMERS = {"it": "italian", "en": "english"}
"""Snowball algorithm names in PyStemmer for the stemmed languages."""


def exact_analyzer() -> Analyzer:
    """Folded, unstemmed, stopwords kept: backs exact words, phrases and prefixes."""
    return FoldingTokenizer()


def stemmed_analyzer(lang: str) -> Analyzer:
    """Folded, stopwords removed, Snowball-stemmed for ``lang`` ("it" or "en")."""
    return (
        FoldingTokenizer() | StopFilter(stoplist=stopwords(lang), minsize=2) | SnowballFilter(lang)
    )


class SnowballFilter(Filter):
    """Whoosh filter stemming each token with :func:`stem` (PyStemmer, cached).

    Why not Whoosh's ``StemFilter``: its Snowball stemmers are pure Python (~10-30 us a
    word, the largest analysis cost of indexing) and its English one differs from the
    Snowball reference on some words (see ``stem``). Pickled into the index's schema by
    language name only.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.lang == self.lang  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self.lang))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        lang = self.lang
        for token in tokens:
            if not token.stopped:
                token.text = stem(lang, token.text) or token.text
            yield token


@lru_cache(maxsize=262_144)
def stem(lang: str, folded_word: str) -> str:
    """The stem the ``lang`` field indexes for an already folded word ("" for a stopword).

    PyStemmer runs the Snowball project's own C stemmers. Whoosh's pure-Python ports
    (format 4 and earlier) gave the same Italian stems for all but 2 of the 50,668
    distinct words of the LibreOffice help (aaaa, ieee); in English they differ on 31 of
    12,060 words of the NPL abstracts, 0.3 % of the text (Whoosh: internal -> intern,
    added -> ad, organic -> organ; Snowball: internal, add, organic).
    """
    if lang not in _STEMMERS or len(folded_word) < 2 or folded_word in stopwords(lang):
        return ""
    return _stemmer(lang).stemWord(folded_word)  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS[lang])


def index_language(declared: str, text: str) -> str:
    """The language whose stemmer an article uses: its ``lang`` if stemmed, else detected.

    An article that declares another language ("fr") gets no stemming at all rather than
    the wrong stemmer; its words are still found through the unstemmed fields.
    """
    from reader.library.lang import detect_language

    code = declared.strip().lower()[:2]
    if code in STEMMED_LANGUAGES:
        return code
    if code:
        return ""
    return detect_language(text)
