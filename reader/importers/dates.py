"""Dates as bylines write them, in Italian and English: ``25 Mar 2024``, ``3 gennaio 2025``,
``March 3, 2025``, ``25/03/2024``, ``2024-03-25``."""

from __future__ import annotations

import datetime as dt
import re

from reader.library.text import fold

_MONTHS = {
    # Italian
    "gennaio": 1, "gen": 1, "febbraio": 2, "feb": 2, "marzo": 3, "mar": 3, "aprile": 4,
    "apr": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6, "luglio": 7, "lug": 7,
    "agosto": 8, "ago": 8, "settembre": 9, "set": 9, "sett": 9, "ottobre": 10, "ott": 10,
    "novembre": 11, "nov": 11, "dicembre": 12, "dic": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|°|º)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[t ].*)?$"),
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$"),
]
_WEEKDAY = re.compile(
    r"^(?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|lun|mar|mer|gio|ven|sab|dom|mon|tue|wed|thu|fri|sat|sun)"
    r"\.?,?\s+"
)


def parse_date(text: str) -> dt.date | None:
    """The date written in ``text``, or None if it is not a date we recognise."""
    cleaned = " ".join(fold(text).strip().split())
    cleaned = _WEEKDAY.sub("", cleaned)
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        if month is None:
            continue
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None
    return None
