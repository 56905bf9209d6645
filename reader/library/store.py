"""The library folder: one Markdown file per article in ``articles/``, assets beside them.

The folder is the truth; the catalog is a cache of it. Every write is atomic and a delete
goes to the desktop trash, so a crash or a slip never loses an article.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from send2trash import send2trash

from reader.library.atomic import (
    TEMP_PREFIX,
    atomic_create_text,
    atomic_write_text,
    read_regular_file,
)
from reader.library.catalog import Catalog, CatalogEntry, DuplicateOf, ProblemEntry
from reader.library.conflicts import ConflictCopy, conflict_original
from reader.library.folder_scan import FolderScan, scan_articles
from reader.library.frontmatter import FrontMatterError, article_from_text, article_to_text
from reader.library.links import FILE_PREFIX, LinkIndex, link_keys, location_keys
from reader.library.lock import LibraryLock
from reader.library.model import Article, ArticleSummary
from reader.library.reading import word_count
from reader.library.related import RelatedIndex
from reader.library.text import content_key, normalize_title, scrub_surrogates, slugify
from reader.library.urls import url_key

ARTICLE_SUFFIX = ".md"
LOCK_FILE = ".reader.lock"
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
"""Larger article files are refused: far above any article, far below running out of memory."""
MAX_ID_LENGTH = 100

Progress = Callable[[int, int], None]


class LibraryError(Exception):
    """A library operation failed; the message names the file and the problem."""


class ArticleNotFoundError(LibraryError, KeyError):
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "article not found"


class DuplicateArticleError(LibraryError):
    """The article is already in the library (same source bytes or same text)."""

    def __init__(self, message: str, existing_id: str) -> None:
        super().__init__(message)
        self.existing_id = existing_id


@dataclass(frozen=True)
class LibraryChanges:
    """What changed in the library since a version a reader of it had seen (``refresh``).

    A moved (renamed) file is a removal of the old id and an addition of the new one: the id
    is the file name.
    """

    changed: tuple[ArticleSummary, ...]
    """Added or edited articles, with their current list fields."""
    removed: tuple[str, ...]
    """Ids no longer in the library (deleted, moved away, or unreadable now)."""
    version: int
    """Pass this to the next ``refresh`` to hear only what changed after it."""

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)

    @property
    def ids(self) -> set[str]:
        return {summary.id for summary in self.changed} | set(self.removed)


class LibraryStore:
    """Read, list, add, update and delete the articles of one library folder."""

    def __init__(self, root: Path, catalog: Catalog | None = None) -> None:
        self.root = Path(root)
        self.articles_dir = self.root / "articles"
        self.assets_root = self.root / "assets"
        self._catalog = catalog if catalog is not None else Catalog(None)
        self._lock = threading.RLock()
        self._undo_dir: Path | None = None
        """Copies of deleted articles' assets, so undo can put them back (the trash keeps
        the originals; where send2trash put them is not reported on every platform)."""
        self._summaries: dict[str, ArticleSummary] | None = None
        self._stamps: dict[str, tuple[int, int]] | None = None
        """filename -> (mtime_ns, size) as catalogued; None until the folder was scanned."""
        self.problems: dict[str, str] = {}
        """filename -> why that file could not be read (shown to the user, never deleted)."""
        self._version = 0
        self._changed_at: dict[str, int] = {}
        """article id -> the version at which it last changed (written, removed or seen
        changed on disk), so ``refresh`` can tell a reader what changed since its version."""
        self._asset_copies: dict[tuple[str, int, int], Path] = {}
        """(source file, size, mtime) -> its copy in the library, to hard-link the next time."""
        self._known_problems: dict[str, ProblemEntry] | None = None
        self._conflicts: dict[str, ConflictCopy] = {}
        self._generation = self._catalog.generation
        self._adding_lock = LibraryLock(self.root / LOCK_FILE)

    # -- locations -----------------------------------------------------------------------
    def ensure(self) -> None:
        self.articles_dir.mkdir(parents=True, exist_ok=True)

    def path_for(self, article_id: str) -> Path:
        if not article_id or "/" in article_id or "\\" in article_id or article_id.startswith("."):
            raise ArticleNotFoundError(f"not a valid article id: {article_id!r}")
        return self.articles_dir / f"{article_id}{ARTICLE_SUFFIX}"

    def assets_dir(self, article_id: str) -> Path:
        return self.assets_root / article_id

    def is_empty(self) -> bool:
        if not self.articles_dir.is_dir():
            return True
        with os.scandir(self.articles_dir) as entries:
            return not any(entry.name.endswith(ARTICLE_SUFFIX) for entry in entries)

    # -- reading -------------------------------------------------------------------------
    def get(self, article_id: str) -> Article:
        path = self.path_for(article_id)
        try:
            data = read_regular_file(path, MAX_ARTICLE_BYTES)
        except FileNotFoundError:
            raise ArticleNotFoundError(
                f"no article with id {article_id!r} in {self.root}"
            ) from None
        except OSError as error:
            raise LibraryError(f"{path}: cannot be read: {error.strerror or error}") from error
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise LibraryError(f"{path}: not UTF-8 text (byte {error.start})") from error
        try:
            article = article_from_text(text)
        except FrontMatterError as error:
            raise LibraryError(f"{path}: {error}") from error
        except (ValueError, RecursionError, MemoryError) as error:
            # Whatever else a hand-edited file provokes: one bad file, never a crash.
            raise LibraryError(f"{path}: cannot be read: {type(error).__name__}") from error
        article.id = article_id
        return article

    def exists(self, article_id: str) -> bool:
        try:
            return self.path_for(article_id).is_file()
        except ArticleNotFoundError:
            return False

    def summaries(self, progress: Progress | None = None) -> list[ArticleSummary]:
        """Every article's summary, brought up to date with the folder by stat."""
        with self._lock:
            self._refresh(progress)
            assert self._summaries is not None
            return list(self._summaries.values())

    def summaries_with_stamps(
        self, progress: Progress | None = None, *, check_folder: bool = True
    ) -> tuple[list[ArticleSummary], dict[str, tuple[int, int]]]:
        """``summaries()`` and each article's (mtime_ns, size) from the same folder scan.

        Why: the search index notices changed files by these stamps; stat-ing 100k files a
        second time cost it half a second per update. ``check_folder=False`` answers from
        the scan just made by ``refresh`` (the window's watcher), without a second one.
        """
        with self._lock:
            if check_folder or self._stamps is None:
                self._refresh(progress)
            assert self._summaries is not None and self._stamps is not None
            stamps = {
                name.removesuffix(ARTICLE_SUFFIX): stamp for name, stamp in self._stamps.items()
            }
            return list(self._summaries.values()), stamps

    @property
    def version(self) -> int:
        """Grows with every change this store writes or notices; see ``refresh``."""
        with self._lock:
            return self._version

    def refresh(self, since: int = 0, progress: Progress | None = None) -> LibraryChanges:
        """Bring the catalog up to date with the folder (a stat scan, re-reading only changed
        files) and say which articles changed after version ``since``.

        Why versions rather than "what this scan found": an import in this process updates
        the catalog as it writes, so a later scan finds nothing new; the window still has to
        hear about those articles. A reader passes the ``version`` its snapshot showed (read
        with no writer running, or before the snapshot: reporting an article twice is
        harmless, an upsert).
        """
        # The stat scan (most of the time at 100k files) runs before taking the lock, so
        # the window's own writes (read/star) never wait for it.
        scan = (
            scan_articles(self.articles_dir, ARTICLE_SUFFIX) if self.articles_dir.is_dir() else None
        )
        with self._lock:
            self._refresh(progress, scan)
            summaries = self._loaded()
            ids = [aid for aid, at in self._changed_at.items() if at > since]
            changed = tuple(summaries[aid] for aid in ids if aid in summaries)
            removed = tuple(aid for aid in ids if aid not in summaries)
            return LibraryChanges(changed, removed, self._version)

    def _mark_changed(self, article_ids: Iterable[str]) -> None:
        self._version += 1
        for article_id in article_ids:
            self._changed_at[article_id] = self._version

    def cached_summaries(self) -> list[ArticleSummary]:
        """The catalog as it was last seen, without checking the folder: a window can show a
        large library at once and call ``summaries()`` in a worker to catch up with changes
        (which then reuses these objects for every unchanged article)."""
        with self._lock:
            return list(self._loaded().values())

    def known_summary(self, article_id: str) -> ArticleSummary | None:
        """The article as this store last saw or wrote it, without a folder scan: what a
        window needs to show its own writes at once (the scan runs in its worker)."""
        with self._lock:
            return self._loaded().get(article_id)

    def summary(self, article_id: str) -> ArticleSummary | None:
        with self._lock:
            self._catch_up()
            return self._loaded().get(article_id)

    def related_index(self, *, check_folder: bool = True) -> RelatedIndex:
        """Related-title lookups answered by the catalog (no per-article data in memory).

        ``check_folder=False`` answers from the catalog as last seen (a window opening a
        large library; its background folder check brings the catalog up to date)."""
        with self._lock:
            if self._stamps is None and check_folder:
                self._refresh(None)
        return RelatedIndex(catalog=self._catalog)

    def link_index(self, *, check_folder: bool = True) -> LinkIndex:
        """Body-link lookups answered by the catalog (see ``reader.library.links``).

        ``check_folder=False`` does not wait for the store: the window opens an article with
        it while a worker may be checking a large folder (the catalog answers meanwhile)."""
        if check_folder:
            with self._lock:
                self._catch_up()
        return LinkIndex(catalog=self._catalog)

    def _catch_up(self) -> None:
        """Scan the folder unless this process already did and the catalog is intact."""
        if self._stamps is None or self._catalog.generation != self._generation:
            self._refresh(None)

    def _loaded(self) -> dict[str, ArticleSummary]:
        if self._summaries is None:
            self._summaries = {summary.id: summary for summary in self._catalog.summaries()}
        return self._summaries

    def _refresh(self, progress: Progress | None, scan: FolderScan | None = None) -> None:
        """Stat the folder (unless ``scan`` is such a pass, made just before); re-read new
        and changed files; forget removed ones.

        Run twice when the catalog had to start over meanwhile (it was damaged): the
        second pass reads the whole folder into the fresh catalog.
        """
        for _attempt in range(2):
            generation = self._catalog.generation
            if generation != self._generation:
                self._generation = generation
                self._summaries = self._stamps = self._known_problems = None
            self._refresh_once(progress, scan)
            scan = None
            if self._catalog.generation == generation:
                return

    def _refresh_once(self, progress: Progress | None, scan: FolderScan | None) -> None:
        self.ensure()
        summaries = self._loaded()
        if self._stamps is None or self._known_problems is None:
            self._stamps = self._catalog.stamps()
            self._known_problems = self._catalog.problems()
        known, remembered = self._stamps, self._known_problems
        prescanned = scan is not None
        seen, unusable = (
            scan if scan is not None else scan_articles(self.articles_dir, ARTICLE_SUFFIX)
        )
        seen = dict(seen)
        self._conflicts = {}
        for name in list(seen):
            conflict = conflict_original(name.removesuffix(ARTICLE_SUFFIX))
            if conflict is not None:
                original, tool = conflict
                del seen[name]
                self._conflicts[name.removesuffix(ARTICLE_SUFFIX)] = ConflictCopy(
                    name.removesuffix(ARTICLE_SUFFIX), original, tool
                )
        changed = [name for name, stamp in seen.items() if known.get(name) != stamp]
        removed = [name for name in known if name not in seen]
        if prescanned:
            # This process may have written files between that scan and taking the lock:
            # look again at the few names the scan says changed or vanished.
            for name in [*changed, *removed]:
                try:
                    stat = (self.articles_dir / name).stat()
                except OSError:
                    seen.pop(name, None)
                else:
                    seen[name] = (stat.st_mtime_ns, stat.st_size)
            changed = [name for name in changed if name in seen and known.get(name) != seen[name]]
            removed = [name for name in removed if name not in seen]
        upserts: list[CatalogEntry] = []
        new_problems: list[ProblemEntry] = []
        for done, name in enumerate(changed, start=1):
            problem = remembered.get(name)
            if problem is not None and (problem.mtime_ns, problem.size) == seen[name]:
                self.problems[name] = problem.reason  # known bad and unchanged: not re-read
                continue
            try:
                article = self.get(name.removesuffix(ARTICLE_SUFFIX))
            except LibraryError as error:
                self.problems[name] = str(error)
                new_problems.append(ProblemEntry(name, *seen[name], str(error)))
                if name in known:
                    removed.append(name)
            else:
                self.problems.pop(name, None)
                upserts.append(CatalogEntry(name, *seen[name], summarize(article)))
            if progress is not None and (done % 200 == 0 or done == len(changed)):
                progress(done, len(changed))
        self.problems.update(unusable)
        for name in list(self.problems):
            if name not in seen and name not in unusable:
                del self.problems[name]
        gone_problems = [name for name in remembered if name not in seen]
        if upserts or removed or new_problems or gone_problems:
            self._catalog.apply(upserts, [*removed, *gone_problems], new_problems)
        for name in gone_problems:
            remembered.pop(name, None)
        for entry in new_problems:
            remembered[entry.filename] = entry
        for name in removed:
            known.pop(name, None)
            summaries.pop(name.removesuffix(ARTICLE_SUFFIX), None)
        for entry in upserts:
            remembered.pop(entry.filename, None)
            known[entry.filename] = (entry.mtime_ns, entry.size)
            summaries[entry.summary.id] = _slim(entry.summary)
        if upserts or removed:
            self._mark_changed(
                [entry.summary.id for entry in upserts]
                + [name.removesuffix(ARTICLE_SUFFIX) for name in removed]
            )

    # -- sync tools' conflict copies ---------------------------------------------------
    def conflicts(self) -> list[ConflictCopy]:
        """Conflict copies a sync tool left in the folder (kept out of the list)."""
        with self._lock:
            self._refresh(None)
            return [
                replace(copy, original_exists=self.exists(copy.original_id))
                for copy in sorted(self._conflicts.values(), key=lambda c: c.copy_id)
            ]

    def problem_files(self) -> dict[str, str]:
        """filename -> why it could not be read, as of the last folder scan (a copy: a
        worker thread may be scanning meanwhile)."""
        with self._lock:
            return dict(self.problems)

    def known_conflicts(self) -> list[ConflictCopy]:
        """The conflict copies seen by the last folder scan (no new scan)."""
        with self._lock:
            return sorted(self._conflicts.values(), key=lambda c: c.copy_id)

    def resolve_conflict(self, copy_id: str, keep: str) -> str:
        """Keep ``"ours"`` (the original file) or ``"theirs"`` (the conflict copy) under
        the original id; the other version goes to the trash. Returns the original id."""
        if keep not in ("ours", "theirs"):
            raise ValueError(f"keep must be 'ours' or 'theirs', not {keep!r}")
        with self._lock:
            conflict = conflict_original(copy_id)
            copy_path = self.path_for(copy_id)
            if conflict is None or not copy_path.is_file():
                raise ArticleNotFoundError(f"no conflict copy {copy_id!r} in {self.root}")
            original_id = conflict[0]
            original_path = self.path_for(original_id)
            if keep == "ours":
                if not original_path.is_file():
                    raise LibraryError(
                        f"{original_path}: missing; keep 'theirs' to make the copy the article"
                    )
                send2trash(copy_path)
            else:
                article = self.get(copy_id)  # refuse to promote a copy that cannot be read
                if original_path.exists():
                    send2trash(original_path)
                os.replace(copy_path, original_path)  # noqa: PTH105 - atomic rename into place
                article.id = original_id
                self._record(original_path.name, summarize(article))
            self._conflicts.pop(copy_id, None)
            return original_id

    # -- writing -------------------------------------------------------------------------
    def add(self, article: Article, assets: Mapping[str, Path] | None = None) -> Article:
        """Store a new article under a fresh, stable id; refuses a duplicate.

        ``assets`` maps file names (as the body links them, relative) to source files that
        are copied into ``assets/<id>/`` before the article file appears, so a reader never
        sees an article whose images are still missing.
        """
        article = scrub_surrogates(article)
        with self._lock, self._adding_lock.hold() as others_wrote:
            self.ensure()
            if others_wrote:
                self._refresh(None)  # see their new articles before checking for duplicates
            duplicate = self.find_duplicate(article)
            if duplicate is not None:
                raise DuplicateArticleError(
                    f"already in the library as {duplicate.article_id!r} ({duplicate.why})",
                    existing_id=duplicate.article_id,
                )
            if article.imported is None:
                article = replace(article, imported=dt.datetime.now(dt.UTC).replace(microsecond=0))
            while True:
                stored = replace(article, id=self._unique_id(article))
                if assets:
                    self._copy_assets(stored.id, assets)
                try:
                    self._write(stored, create=True)
                except FileExistsError:
                    continue  # another process took this id a moment ago: take the next
                return stored

    def _copy_assets(self, article_id: str, assets: Mapping[str, Path]) -> None:
        target = self.assets_dir(article_id)
        staging = self.assets_root / f"{TEMP_PREFIX}{article_id}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            staging.mkdir(parents=True)
            copied = {}
            for name, source in assets.items():
                if Path(name).name != name or name.startswith("."):
                    raise LibraryError(f"{source}: unsafe asset name {name!r}")
                copied[name] = self._copy_asset(Path(source), staging / name)
            shutil.rmtree(target, ignore_errors=True)
            os.replace(staging, target)  # noqa: PTH105 - atomic publish of the folder
            for name, key in copied.items():
                self._asset_copies[key] = target / name
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise LibraryError(
                f"{target}: cannot copy images: {error.strerror or error}"
            ) from error

    def _copy_asset(self, source: Path, destination: Path) -> tuple[str, int, int]:
        """Copy one image; one already copied from the same file is hard-linked instead.

        Pages of one folder share their images (a help set's icons, a site's logo): each
        article still has its own ``assets/<id>/`` entry, so deleting one article (to the
        trash, and back with undo) never touches another's images, but the bytes are on
        disk once. Where hard links are impossible (another file system), it is a copy.
        """
        stat = source.stat()
        key = (str(source.resolve()), stat.st_size, stat.st_mtime_ns)
        earlier = self._asset_copies.get(key)
        if earlier is not None:
            with contextlib.suppress(OSError):
                if earlier.stat().st_size == stat.st_size:
                    os.link(earlier, destination)
                    return key
        shutil.copyfile(source, destination)
        return key

    def update(self, article: Article) -> None:
        with self._lock:
            if not self.exists(article.id):
                raise ArticleNotFoundError(f"no article with id {article.id!r} in {self.root}")
            self._write(article)

    def set_flags(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> Article:
        with self._lock:
            article = self.get(article_id)
            if read is not None:
                article.read = read
            if starred is not None:
                article.starred = starred
            self._write(article)
            return article

    def delete(self, article_id: str) -> Article:
        """Move the article file and its assets to the trash; returns it so it can be restored."""
        with self._lock:
            article = self.get(article_id)
            assets = self.assets_dir(article_id)
            if assets.is_dir():
                self._undo_copy(article_id)
            send2trash(self.path_for(article_id))
            if assets.exists():
                send2trash(assets)
            self._forget(article_id)
            return article

    def restore(self, article: Article) -> None:
        """Put back an article deleted in this session (undo), under the same id, with its
        images and other assets."""
        with self._lock:
            kept = self._undo_dir / article.id if self._undo_dir is not None else None
            target = self.assets_dir(article.id)
            if kept is not None and kept.is_dir() and not target.exists():
                staging = self.assets_root / f"{TEMP_PREFIX}{article.id}"
                shutil.rmtree(staging, ignore_errors=True)
                try:
                    shutil.copytree(kept, staging)
                    os.replace(staging, target)  # noqa: PTH105 - atomic publish of the folder
                except OSError as error:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise LibraryError(
                        f"{target}: cannot restore images: {error.strerror or error}"
                    ) from error
            self._write(article)
            if kept is not None:
                shutil.rmtree(kept, ignore_errors=True)

    def _undo_copy(self, article_id: str) -> None:
        if self._undo_dir is None:
            self._undo_dir = Path(tempfile.mkdtemp(prefix="reader-undo-"))
            weakref.finalize(self, shutil.rmtree, self._undo_dir, ignore_errors=True)
        target = self._undo_dir / article_id
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.assets_dir(article_id), target)

    def _write(self, article: Article, *, create: bool = False) -> None:
        article = scrub_surrogates(article)
        path = self.path_for(article.id)
        try:
            if create:
                atomic_create_text(path, article_to_text(article))
            else:
                atomic_write_text(path, article_to_text(article))
        except FileExistsError:
            raise
        except OSError as error:
            raise LibraryError(f"{path}: cannot be written: {error.strerror or error}") from error
        self._record(path.name, summarize(article))

    def _record(self, filename: str, summary: ArticleSummary) -> None:
        """Catalog a file this process just wrote, so lookups see it at once."""
        try:
            stat = (self.articles_dir / filename).stat()
        except OSError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        self._catalog.apply([CatalogEntry(filename, *stamp, summary)], [])
        if self._stamps is not None:
            self._stamps[filename] = stamp
        if self._summaries is not None:
            self._summaries[summary.id] = _slim(summary)
        self._mark_changed([summary.id])

    def _forget(self, article_id: str) -> None:
        filename = f"{article_id}{ARTICLE_SUFFIX}"
        self._catalog.apply([], [filename])
        if self._stamps is not None:
            self._stamps.pop(filename, None)
        if self._summaries is not None:
            self._summaries.pop(article_id, None)
        self._mark_changed([article_id])

    def find_duplicate(self, article: Article) -> DuplicateOf | None:
        """The article with the same text, source bytes or canonical URL, if any."""
        keys = (
            content_key(article.title, article.body),
            article.source.sha256 if article.source else "",
            url_key(article.source.url) if article.source else "",
        )
        with self._lock:
            self._catch_up()
            found = self._catalog.find_duplicate(*keys)
            if self._catalog.generation != self._generation:  # it started over: refill it
                self._refresh(None)
                found = self._catalog.find_duplicate(*keys)
            if found is not None and found.why == "same text" and self._elsewhere(article, found):
                found = self._catalog.find_duplicate("", *keys[1:])
            return found

    def _elsewhere(self, article: Article, duplicate: DuplicateOf) -> bool:
        """Both are pages of a folder, from different files: two pages of a set that say
        the same thing (the same menu in two modules of a help) are two pages others link
        to, not one article imported twice."""
        mine = {key for key in location_keys(article.source) if key.startswith(FILE_PREFIX)}
        theirs = {
            key
            for key in self._catalog.locations_of(duplicate.article_id)
            if key.startswith(FILE_PREFIX)
        }
        return bool(mine and theirs and not mine & theirs)

    def _unique_id(self, article: Article) -> str:
        slug = slugify(article.title, max_length=MAX_ID_LENGTH - 11) or "article"
        base = f"{article.published.isoformat()}-{slug}" if article.published else slug
        candidate, counter = base, 2
        while self.path_for(candidate).exists():
            candidate = f"{base}-{counter}"
            counter += 1
        return candidate

    # -- first start -----------------------------------------------------------------------
    def seed_from(self, sample_dir: Path, *, language: str = "en") -> int:
        """Copy the bundled sample library into an empty library; returns articles copied.

        ``articles/*.md`` go to every library, ``articles/<language>/*.md`` (the guides,
        written once per interface language) only to a library opened in that language.
        """
        with self._lock:
            if not self.is_empty():
                return 0
            self.ensure()
            copied = 0
            articles = sample_dir / "articles"
            pattern = f"*{ARTICLE_SUFFIX}"
            sources = [*articles.glob(pattern), *(articles / language).glob(pattern)]
            for source in sorted(sources, key=lambda path: path.name):
                atomic_write_text(self.articles_dir / source.name, source.read_text("utf-8"))
                copied += 1
            sample_assets = sample_dir / "assets"
            if sample_assets.is_dir():
                shutil.copytree(sample_assets, self.assets_root, dirs_exist_ok=True)
            return copied


def _slim(summary: ArticleSummary) -> ArticleSummary:
    """The list fields only, as the catalog loads them (lookups stay in the catalog)."""
    return summary._replace(
        related_titles=(),
        source_sha256="",
        content_key="",
        related_keys=(),
        url_key="",
        location_keys=(),
        link_keys=(),
    )


def summarize(article: Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        title=article.title,
        author=article.author,
        published=article.published,
        category=article.category,
        tags=tuple(article.tags),
        lang=article.lang,
        starred=article.starred,
        read=article.read,
        related_titles=tuple(item.title for item in article.related),
        source_sha256=article.source.sha256 if article.source else "",
        content_key=content_key(article.title, article.body),
        title_key=normalize_title(article.title),
        url_key=url_key(article.source.url) if article.source else "",
        related_keys=tuple(normalize_title(item.title) for item in article.related),
        location_keys=location_keys(article.source),
        link_keys=link_keys(article),
        words=word_count(article.body),
    )
