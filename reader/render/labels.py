"""Words Reader adds around an article (headings, notes, the PDF's contents), per language.

These belong to the article, not to the window: an Italian article is framed by "Articoli
correlati" on screen and on paper even in an English interface, and the CLI's PDF export has
no Qt translator to ask. So the core keeps its own tiny table (Italian and English, the
languages Reader stems) and falls back to the interface language for any other article.
"""

from __future__ import annotations

LABEL_LANGUAGES = ("en", "it")

LABELS: dict[str, dict[str, str]] = {
    "related_heading": {"en": "Related articles", "it": "Articoli correlati"},
    "not_in_library": {"en": "not in your library", "it": "non è nella tua libreria"},
    "source": {"en": "Source", "it": "Fonte"},
    "image": {"en": "image", "it": "immagine"},
    "contents": {"en": "Contents", "it": "Indice"},
    "link_library": {"en": "In your library", "it": "Nella tua libreria"},
    "link_web": {"en": "On the web", "it": "Sul web"},
    "link_missing": {"en": "Page not saved", "it": "Pagina non salvata"},
    "reading_time": {"en": "{minutes} min read", "it": "{minutes} min di lettura"},
}


def label_language(article_language: str, fallback: str = "en") -> str:
    """The article's language when Reader has labels for it, else ``fallback`` (the
    interface's; English when that is unknown too)."""
    code = (article_language or "").strip().lower().replace("-", "_").split("_")[0]
    if code in LABEL_LANGUAGES:
        return code
    return fallback if fallback in LABEL_LANGUAGES else "en"


def label(key: str, language: str) -> str:
    """The label ``key`` in ``language`` (English for a language without labels)."""
    texts = LABELS[key]
    return texts.get(language, texts["en"])
