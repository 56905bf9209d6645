"""Conflict copies that file-sync tools leave beside an article edited on two devices.

When two devices change the same file before syncing, Syncthing, Nextcloud and Dropbox
keep both versions: the original name holds one, a renamed copy the other. To Reader such
a copy is a second article with the same title and text — a duplicate in every list. It is
recognised by its name instead, kept out of the list and the index, and offered to the
person to settle: keep ours (the file with the original name) or theirs (the copy); the
version not kept goes to the trash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # notes.sync-conflict-20240102-130405-ABCDEFG.md
    ("Syncthing", re.compile(r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?$")),
    # notes (conflicted copy 2024-01-02 130405).md
    ("Nextcloud", re.compile(r"^(?P<stem>.+) \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)$")),
    # notes (Mario's conflicted copy 2024-01-02).md, also "... 2024-01-02 (1))"
    (
        "Dropbox",
        re.compile(
            r"^(?P<stem>.+) \([^()]*['’]s conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)$"
        ),
    ),
)


@dataclass(frozen=True)
class ConflictCopy:
    """One conflict copy: its own id (file name without ``.md``) and the article it copies."""

    copy_id: str
    original_id: str
    tool: str
    original_exists: bool = True


def conflict_original(article_id: str) -> tuple[str, str] | None:
    """(original id, sync tool) when ``article_id`` names a sync tool's conflict copy."""
    if "conflict" not in article_id:  # every file name passes here at every folder scan
        return None
    for tool, pattern in _PATTERNS:
        match = pattern.match(article_id)
        if match and match.group("stem").strip():
            return match.group("stem"), tool
    return None
