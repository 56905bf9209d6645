"""Every directory Reader uses, decided in one place.

Tests and end-to-end runs pass a temporary base directory so they never touch the
user's home (the qutebrowser ``--temp-basedir`` habit).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Reader"
LIBRARY_ENV = "READER_LIBRARY"


def resources_dir() -> Path:
    """The bundled resources (themes, sample library), beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Reader's resources folder is missing (looked beside {here})")


def sample_library_dir() -> Path:
    return resources_dir() / "sample-library"


def translations_dir() -> Path:
    """The window's compiled translations (``reader_<lang>.qm``) and their ``.ts`` sources."""
    return resources_dir() / "translations"


@dataclass(frozen=True)
class Paths:
    """Resolved directories for one run of Reader."""

    library: Path
    cache: Path
    config: Path
    logs: Path

    @classmethod
    def resolve(
        cls,
        library: str | os.PathLike[str] | None = None,
        base_dir: str | os.PathLike[str] | None = None,
    ) -> Paths:
        """Pick the directories: explicit argument, then ``READER_LIBRARY``, then platform dirs.

        With ``base_dir`` every directory (library, cache, config, logs) lives under it.
        """
        if base_dir is not None:
            base = Path(base_dir)
            data, cache, config = base / "data", base / "cache", base / "config"
            logs = base / "logs"
        else:
            data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
            cache = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
            config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
            # ~/.local/state/Reader/log on Linux: logs are state, not data to back up.
            logs = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        chosen = library or os.environ.get(LIBRARY_ENV) or data / "library"
        return cls(
            library=Path(chosen).expanduser().resolve(), cache=cache, config=config, logs=logs
        )

    @property
    def library_cache(self) -> Path:
        """Derived data for this library (index, catalog), keyed by the library's path."""
        key = hashlib.sha256(str(self.library).encode("utf-8")).hexdigest()[:16]
        return self.cache / "libraries" / f"{self.library.name or 'library'}-{key}"

    @property
    def index_dir(self) -> Path:
        return self.library_cache / "index"

    @property
    def settings_file(self) -> Path:
        return self.config / "reader.ini"

    @property
    def log_file(self) -> Path:
        return self.logs / "reader.log"


CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by Reader.\n"
    "# Everything here is rebuilt from the library; backup tools may skip it.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def tag_cache_dir(cache: Path) -> None:
    """Write ``CACHEDIR.TAG`` into ``cache`` (once) so tar, borg, restic... skip the index.

    Best effort: a cache that cannot be written to fails later with a clearer message.
    """
    tag = cache / "CACHEDIR.TAG"
    if tag.is_file():
        return
    partial = cache / f".CACHEDIR.TAG.{os.getpid()}.tmp"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial.write_text(CACHEDIR_TAG, "ascii")
        partial.replace(tag)
    except OSError:
        partial.unlink(missing_ok=True)
