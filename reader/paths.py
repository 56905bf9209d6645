"""Every directory Reader uses, decided in one place.

Tests and end-to-end runs pass a temporary base directory so they never touch the
user's home (the qutebrowser ``--temp-basedir`` habit).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP_NAME = "Reader"
LIBRARY_ENV = "READER_LIBRARY"


RESOURCES_PACKAGE = "reader.resources"


def resources() -> Traversable:
    """Reader's data files (themes, sample library, icons, desktop entry) wherever it runs.

    They are the package ``reader.resources`` (the checkout's top-level ``resources/`` mapped
    in at build time), so importlib finds them in a wheel, a pipx venv, an editable install and
    a PyInstaller bundle alike. Readers of single files use the Traversable directly.
    """
    return importlib.resources.files(RESOURCES_PACKAGE)


def resource_path(*parts: str) -> Path:
    """A resource as a real file-system path, for callers that copy trees or hand paths on.

    Every way Reader is installed (wheel, pipx, editable, PyInstaller) unpacks the package on
    disk, so the Traversable is a Path; a zipped install is refused with a clear message
    rather than extracted behind the caller's back.
    """
    found = resources().joinpath(*parts)
    if not isinstance(found, Path):
        raise FileNotFoundError(
            f"Reader's resources are not on the file system ({found!r}); install Reader unzipped"
        )
    if not found.exists():
        raise FileNotFoundError(f"Reader's resource {'/'.join(parts)} is missing ({found})")
    return found


def sample_library_dir() -> Path:
    return resource_path("sample-library")


def translations_dir() -> Path:
    """The window's compiled translations (``reader_<lang>.qm``) and their ``.ts`` sources."""
    return resource_path("translations")


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
