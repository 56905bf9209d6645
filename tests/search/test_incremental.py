"""Keeping the index in step: add/change/delete by stat, flags, damage and stale locks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.library import Article, LibraryStore

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
from reader.search import SearchService, background_merge, indexer
from reader.search.background_merge import BackgroundMerge
from reader.search.indexer import WRITER_MARK, IndexFolder
from tests.search.conftest import ARTICLES, build_store


def found(service: SearchService, query: str) -> list[str]:
    return [hit.id for hit in service.search(query).hits]


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    return build_store(tmp_path / "library")[0]


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index"


def test_first_update_builds_then_nothing_to_do(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    progress: list[tuple[int, int]] = []
    stats = service.update(lambda done, total: progress.append((done, total)))
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (5, 0, 0, True)
    assert progress[-1] == (5, 5)
    again = service.update()
    assert (again.added, again.updated, again.removed, again.rebuilt) == (0, 0, 0, False)
    service.close()
    reopened = SearchService(index_dir, store)
    assert reopened.search("hollywood").total == 1  # usable before any update
    assert reopened.update().rebuilt is False
    reopened.close()


def test_add_change_delete(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    new = store.add(Article(title="Quantum computing primer", body="Qubits and gates.", lang="en"))
    stats = service.update()
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (1, 0, 0, False)
    assert found(service, "qubits") == [new.id]

    new.body = "Superposition and entanglement."
    store.update(new)
    stats = service.update()
    assert (stats.added, stats.updated, stats.removed) == (0, 1, 0)
    assert found(service, "qubits") == []
    assert found(service, "entanglement") == [new.id]
    assert "<b>entanglement</b>" in service.search("entanglement").hits[0].snippet

    store.path_for(new.id).unlink()  # deleted behind Reader's back (e.g. by a sync tool)
    stats = service.update()
    assert (stats.added, stats.updated, stats.removed) == (0, 0, 1)
    assert found(service, "entanglement") == []
    service.close()


def test_edit_by_hand_is_picked_up(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    [hit] = service.search("hollywood").hits
    path = store.path_for(hit.id)
    path.write_text(path.read_text("utf-8").replace("Hollywood con", "Cinecittà con"), "utf-8")
    assert service.update().updated == 1
    assert found(service, "cinecitta") == [hit.id]
    service.close()


def test_flags_follow_set_flags(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    [hit] = service.search("hollywood").hits
    assert hit.id not in found(service, "is:read")
    store.set_flags(hit.id, read=True, starred=False)
    assert service.update().updated == 1
    assert hit.id in found(service, "is:read")
    assert hit.id not in found(service, "is:starred")
    service.close()


def test_unreadable_article_is_dropped_not_fatal(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    [hit] = service.search("hollywood").hits
    store.path_for(hit.id).write_text("---\ntitle: [broken\n---\nbody\n", "utf-8")
    stats = service.update()
    assert stats.removed == 1 and not stats.rebuilt
    assert found(service, "conquista") == []  # the old body is gone
    service.close()


def test_rebuild_reports_and_keeps_results(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    stats = service.rebuild()
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (0, 5, 0, True)
    assert service.search("hollywood").total == 1
    assert sorted(p.name for p in index_dir.iterdir()) == ["current"]
    service.close()


def _damage(folder: Path, how: str) -> None:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if how == "garbage-everywhere":
        for path in files:
            path.write_bytes(os.urandom(max(64, path.stat().st_size)))
    elif how == "truncated-segment":
        [segment] = [p for p in files if p.suffix == ".pst"]  # the postings of the segment
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    elif how == "newer-garbage-toc":
        (folder / "_MAIN_99.toc").write_bytes(b"\x00garbage" * 20)
    elif how == "sidetable-deleted":
        for path in files:
            if path.name.startswith("docs.sqlite3"):
                path.unlink()
    elif how == "sidetable-garbage":
        (folder / "docs.sqlite3").write_bytes(b"this is not a database" * 100)
    elif how == "toc-deleted":
        for path in files:
            if path.suffix == ".toc":
                path.unlink()


@pytest.mark.parametrize(
    "how",
    [
        "garbage-everywhere",
        "truncated-segment",
        "newer-garbage-toc",
        "sidetable-deleted",
        "sidetable-garbage",
        "toc-deleted",
    ],
)
def test_damaged_index_is_rebuilt(store: LibraryStore, index_dir: Path, how: str) -> None:
    service = SearchService(index_dir, store)
    service.update()
    service.close()
    _damage(index_dir / "current", how)
    (index_dir / "stray-file.bin").write_bytes(os.urandom(100))

    damaged = SearchService(index_dir, store)  # must not raise
    assert damaged.search("hollywood").hits == []  # and must not raise either
    assert damaged.similar("anything") == []
    stats = damaged.update()
    assert stats.rebuilt and stats.added + stats.updated == len(ARTICLES)
    assert damaged.search("hollywood").total == 1
    damaged.close()


def test_unopenable_index_dir_does_not_raise(store: LibraryStore, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    service = SearchService(blocker / "index", store)
    assert service.search("hollywood").hits == []
    service.close()


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from reader.search.indexer import IndexFolder
folder = IndexFolder.open(Path(sys.argv[1]))
writer = folder.writer(timeout=5)
writer.add_document(id="ghost", title="Ghost article", text="half written")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_writer_killed_mid_write_leaves_a_usable_index(
    store: LibraryStore, index_dir: Path
) -> None:
    service = SearchService(index_dir, store)
    service.update()
    service.close()
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(index_dir / "current")],
        timeout=60,
        check=False,
    )
    assert result.returncode == -9
    assert (index_dir / "current" / WRITER_MARK).exists()  # the dead writer's mark is left

    service = SearchService(index_dir, store)
    new = store.add(Article(title="After the crash", body="Phoenix rising.", lang="en"))
    stats = service.update()
    assert stats.added == 1
    assert found(service, "phoenix") == [new.id]
    assert found(service, "ghost") == []
    assert not (index_dir / "current" / WRITER_MARK).exists()
    service.close()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.skipif(fcntl is None, reason="POSIX file locks")
def test_lock_held_for_a_dead_process_is_rebuilt_around(
    store: LibraryStore, index_dir: Path
) -> None:
    service = SearchService(index_dir, store)
    service.update()
    # A lock that outlived its process (as on some network filesystems): the lock is held,
    # and the writer mark names a process that no longer exists.
    lock_fd = os.open(index_dir / "current" / "MAIN_WRITELOCK", os.O_CREAT | os.O_WRONLY)
    fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    (index_dir / "current" / WRITER_MARK).write_text(str(_dead_pid()))
    store.add(Article(title="Written while locked", body="Zebra crossing.", lang="en"))
    try:
        stats = service.update()
        assert stats.rebuilt
        assert service.search("zebra").total == 1
    finally:
        os.close(lock_fd)
        service.close()


def test_lock_held_by_a_live_writer_is_respected(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    other = IndexFolder.open(index_dir / "current")
    held = other.writer(timeout=1)  # this (live) process holds the lock
    store.add(Article(title="Pending article", body="Walrus.", lang="en"))
    try:
        stats = service.update()
        assert (stats.added, stats.rebuilt) == (0, False)
        assert service.search("hollywood").total == 1  # searching still works
    finally:
        held.cancel()
        other.close()
    assert service.update().added == 1
    assert service.search("walrus").total == 1
    service.close()


def test_update_in_a_thread_while_searching(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    service.update()
    for number in range(60):
        store.add(Article(title=f"Batch article {number}", body=f"Llama number {number}."))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            service.rebuild()
            service.update()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        assert service.search("hollywood").total in (0, 1)
        service.search("llama")
    worker.join()
    assert not errors
    assert service.search("llama").total == 60
    service.close()


def test_close_stops_a_running_rebuild(store: LibraryStore, index_dir: Path) -> None:
    for number in range(120):
        store.add(Article(title=f"Filler {number}", body="Words " * 50))
    service = SearchService(index_dir, store)
    started = threading.Event()
    results = []

    def progress(done: int, total: int) -> None:
        started.set()

    worker = threading.Thread(target=lambda: results.append(service.update(progress)))
    worker.start()
    assert started.wait(30)
    service.close()
    worker.join(30)
    assert not worker.is_alive()
    assert results and results[0].added in (0, 125)  # stopped, or finished first
    assert not [p for p in index_dir.iterdir() if p.name.startswith("building-")]


def test_rebuild_writes_several_segments_and_stays_whole(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large rebuild commits one segment per batch; search and updates see all of them."""
    from reader.search import indexer

    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 3)
    ids = [
        store.add(Article(title=f"Segment article {n}", body=f"parola{n} comune", lang="it")).id
        for n in range(10)
    ]
    service = SearchService(index_dir, store)
    stats = service.rebuild()
    assert stats.added == len(store.summaries())  # the fixture's articles and these ten
    segments = list((index_dir / "current").glob("*.seg")) or list(
        (index_dir / "current").glob("MAIN_*.trm")
    )
    assert len(segments) >= 3
    assert sorted(found(service, "comune")) == sorted(ids)
    assert found(service, "parola7") == [ids[7]]
    store.delete(ids[7])
    service.update()
    assert found(service, "parola7") == []
    assert len(found(service, "comune")) == 9
    service.close()
    reopened = SearchService(index_dir, store)
    assert len(found(reopened, "comune")) == 9
    reopened.close()


def _segments(index_dir: Path) -> list[tuple[str, int]]:
    with whoosh_index.open_dir(str(index_dir / "current")).reader() as reader:
        return sorted(
            (leaf.segment().segment_id(), leaf.doc_count_all())
            for leaf in (r for r, _ in reader.leaf_readers())
        )


def test_updates_merge_small_segments_and_leave_large_ones(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Updating one article must not rewrite the index: Whoosh's own policy merged every
    segment of a 100k rebuild on a one-article update (minutes of CPU)."""
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 10)
    monkeypatch.setattr(indexer, "SMALL_SEGMENT_DOCS", 5)
    monkeypatch.setattr(indexer, "SMALL_SEGMENTS_TO_MERGE", 2)
    ids = [store.add(Article(title=f"Filler {n}", body=f"Words number {n}.")).id for n in range(30)]
    service = SearchService(index_dir, store)
    service.update()
    large = _segments(index_dir)
    assert len(large) >= 3 and all(count >= 5 for _, count in large)
    for number, article_id in enumerate(ids[:6]):
        store.set_flags(article_id, starred=number % 2 == 0)
        assert service.update().updated == 1
        segments = _segments(index_dir)
        assert set(large) <= set(segments)  # the rebuild's segments are never rewritten
        # Small segments are folded together once two have piled up.
        assert sum(1 for _, count in segments if count < 5) <= 2
    assert service.search("filler").total == 30
    service.close()


def test_an_update_merges_at_most_a_few_articles(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild of a smallish library leaves segments under the "small" size; updates
    must not rewrite them all at once (15 s measured at 2,000 articles): an update's
    commit copies at most ``SMALL_SEGMENT_DOCS`` articles besides its own."""
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 4)
    monkeypatch.setattr(indexer, "SMALL_SEGMENT_DOCS", 5)
    monkeypatch.setattr(indexer, "SMALL_SEGMENTS_TO_MERGE", 2)
    ids = [store.add(Article(title=f"Filler {n}", body=f"Words number {n}.")).id for n in range(30)]
    service = SearchService(index_dir, store)
    service.update()
    rebuilt = _segments(index_dir)
    assert sum(1 for _, count in rebuilt if count == 4) >= 7  # all small, as at 2,000
    merged_any = False
    for article_id in ids[:6]:
        before = set(_segments(index_dir))
        store.set_flags(article_id, starred=True)
        assert service.update_articles([article_id]).updated == 1
        after = set(_segments(index_dir))
        written = after - before
        assert len(written) == 1
        gone = before - after
        merged_any = merged_any or bool(gone)
        assert sum(count for _, count in gone) <= 5  # never the whole pile of 4-article segments
        assert next(iter(written))[1] <= 5 + 1
    assert merged_any  # the small segments were merged, a few at a time
    assert service.search("filler").total == 30
    service.close()


def test_small_segments_are_folded_by_indexing_their_articles_again(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once enough one-article segments pile up, an update drops them and indexes their
    articles again from the files (faster than Whoosh's merge): nothing is lost, a file
    edited meanwhile is indexed as it is now, one deleted meanwhile leaves the index."""
    monkeypatch.setattr(indexer, "SMALL_SEGMENTS_TO_MERGE", 2)
    ids = [store.add(Article(title=f"Filler {n}", body=f"Words number {n}.")).id for n in range(20)]
    service = SearchService(index_dir, store)
    service.update()
    first = _segments(index_dir)
    for number, article_id in enumerate(ids[:2]):
        store.set_flags(article_id, starred=True)
        store.path_for(article_id).write_text(
            store.path_for(article_id).read_text().replace(f"number {number}", f"zebra{number}")
        )
        assert service.update_articles([article_id]).updated == 1
    assert len(_segments(index_dir)) == len(first) + 2  # two one-article segments
    # Behind the index's back: one of them edited, the other deleted (no update yet).
    edited = store.path_for(ids[0])
    edited.write_text(edited.read_text().replace("zebra0", "giraffe0"))
    store.path_for(ids[1]).unlink()
    store.set_flags(ids[5], starred=True)
    stats = service.update_articles([ids[5]])
    assert stats.updated == 1 and stats.removed == 1  # the deleted one, found on the way
    segments = _segments(index_dir)
    assert len(segments) == len(first) + 1  # the two small ones folded into the new one
    assert max(count for _, count in segments if (_, count) not in first) == 2
    assert found(service, "giraffe0") == [ids[0]] and found(service, "zebra0") == []
    assert found(service, "zebra1") == []
    assert service.search("filler").total == 19
    # The side table follows: the folded article has its snippet text and current stamp,
    # so asking for it again changes nothing; the deleted one is gone from it too.
    folder = service._folder
    assert folder is not None
    assert "giraffe0" in folder.docs.texts([ids[0]])[ids[0]][1]
    assert ids[1] not in folder.docs.stamps()
    assert service.update_articles([ids[0]]).updated == 0
    service.close()


def test_merge_segments_on_request(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 10)
    for number in range(25):
        store.add(Article(title=f"Filler {number}", body=f"Llama number {number}."))
    service = SearchService(index_dir, store)
    service.update()
    assert len(_segments(index_dir)) >= 3
    before = [hit.id for hit in service.search("llama", limit=50).hits]
    assert service.merge_segments() >= 3
    assert len(_segments(index_dir)) == 1
    assert sorted(hit.id for hit in service.search("llama", limit=50).hits) == sorted(before)
    assert len(before) == 25
    assert service.merge_segments() == 1  # nothing left to merge
    store.set_flags(before[0], starred=True)
    assert service.update().updated == 1  # still a normal, writable index
    service.close()


def test_update_articles_indexes_only_the_named_files(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = SearchService(index_dir, store)
    service.update()
    hollywood = found(service, "hollywood")[0]
    new = store.add(Article(title="Quantum computing primer", body="Qubits and gates.", lang="en"))
    other = store.add(Article(title="Unnamed newcomer", body="Platypus.", lang="en"))
    changed = store.get(hollywood)
    changed.body = "Now about marmots."
    store.update(changed)

    # No folder scan: the catalog's stamps are not asked for.
    def no_scan(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("update_articles scanned the library")

    monkeypatch.setattr(store, "summaries_with_stamps", no_scan)
    stats = service.update_articles([new.id, hollywood, new.id, "never-existed"])
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (1, 1, 0, False)
    assert found(service, "qubits") == [new.id]
    assert found(service, "marmots") == [hollywood]
    assert found(service, "conquista") == []  # the old body is gone
    assert found(service, "platypus") == []  # not named, so not indexed yet

    # Unchanged files cost nothing; a deleted one leaves the index.
    assert service.update_articles([new.id]).added == 0
    store.path_for(new.id).unlink()
    stats = service.update_articles([new.id])
    assert (stats.added, stats.updated, stats.removed) == (0, 0, 1)
    assert found(service, "qubits") == []
    monkeypatch.undo()
    # A later full update agrees: only the article nobody named is left to do.
    stats = service.update()
    assert (stats.added, stats.updated, stats.removed) == (1, 0, 0)
    assert found(service, "platypus") == [other.id]
    service.close()


def test_update_articles_without_an_index_builds_it(store: LibraryStore, index_dir: Path) -> None:
    service = SearchService(index_dir, store)
    stats = service.update_articles(["whatever"])
    assert stats.rebuilt and stats.added == len(ARTICLES)
    assert len(found(service, "hollywood")) == 1
    service.close()


def _wait_for(merge: BackgroundMerge, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not merge.finished():
        assert time.monotonic() < deadline, "the background merge never ended"
        time.sleep(0.05)


def _many_segments(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> SearchService:
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 10)
    for number in range(35):
        store.add(Article(title=f"Filler {number}", body=f"Llama number {number}."))
    service = SearchService(index_dir, store)
    service.update()
    return service


def test_background_merge_runs_in_another_process_while_searching_goes_on(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _many_segments(store, index_dir, monkeypatch)
    start = service.segment_count()
    assert start == len(_segments(index_dir)) >= 4
    expected = sorted(hit.id for hit in service.search("llama", limit=50).hits)
    assert len(expected) == 35

    merge = service.start_background_merge(1)
    assert merge is not None and merge.pid != os.getpid()
    seen: set[int] = set()
    while not merge.finished():  # the searcher opened before the merge keeps answering
        seen.add(len(service.search("llama", limit=50).hits))
    _wait_for(merge)
    assert merge.exit_code == 0 and seen <= {35}
    service.merge_finished()
    assert service.segment_count() == len(_segments(index_dir)) == 1
    assert sorted(hit.id for hit in service.search("llama", limit=50).hits) == expected
    assert service.start_background_merge(1) is None  # nothing left to merge

    # The file record agrees with the merged index: another Reader opens it unrebuilt.
    service.close()
    again = SearchService(index_dir, store)
    assert not again.needs_rebuild
    store.set_flags(expected[0], starred=True)
    stats = again.update()
    assert stats.updated == 1 and not stats.rebuilt
    assert again.search("is:starred llama").total == 1
    again.close()


def test_stopped_background_merge_leaves_a_whole_index(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _many_segments(store, index_dir, monkeypatch)
    start = service.segment_count()
    merge = service.start_background_merge()
    assert merge is not None
    time.sleep(1.5)  # the child is importing, or merging its first steps
    merge.stop()
    # Merged, stopped between steps, or ended before its handler was set (still importing).
    stopped = (0, background_merge.EXIT_INTERRUPTED, -signal.SIGTERM)
    assert merge.finished() and merge.exit_code in stopped
    service.merge_finished()
    left = service.segment_count()
    assert 1 <= left <= start
    assert len(service.search("llama", limit=50).hits) == 35
    # The lock is free and the files are recorded: an update runs without a rebuild.
    store.set_flags(service.search("llama").hits[0].id, starred=True)
    stats = service.update()
    assert stats.updated == 1 and not stats.rebuilt
    service.close()
    reopened = SearchService(index_dir, store)
    assert not reopened.needs_rebuild
    assert len(reopened.search("llama", limit=50).hits) == 35
    reopened.close()


def test_background_merge_interrupted_mid_step_keeps_the_index(tmp_path: Path) -> None:
    """SIGTERM in the middle of a step (driven in this process, deterministically)."""
    store = LibraryStore(tmp_path / "library")
    for number in range(30):
        store.add(Article(title=f"Filler {number}", body=f"Llama number {number}."))
    service = SearchService(tmp_path / "index", store)
    service.update()
    for number in range(3):  # three more small segments
        store.add(Article(title=f"Late {number}", body="Llama late."))
        service.update()
    assert service.segment_count() >= 2
    path = service._current_path
    service.close()

    calls: list[str] = []
    original = indexer.merge_two_smallest

    def interrupted(writer: object, segments: list[object]) -> list[object]:
        calls.append("merge")
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the step is under way
        return original(writer, segments)

    previous = signal.getsignal(signal.SIGTERM)
    exits: list[int] = []
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(indexer, "merge_two_smallest", interrupted)
            patch.setattr(background_merge.os, "_exit", lambda code: exits.append(code))
            patch.setattr(background_merge.os, "nice", lambda _n: 0)
            background_merge.merge_until(str(path), 1)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert calls == ["merge"] and exits == [background_merge.EXIT_INTERRUPTED]
    reopened = SearchService(tmp_path / "index", store)
    assert not reopened.needs_rebuild
    assert len(reopened.search("llama", limit=50).hits) == 33
    reopened.close()


def test_large_rebuild_uses_two_processes_and_finds_the_same(
    store: LibraryStore, index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(40):
        store.add(Article(title=f"Filler {number}", body=f"Llama number {number} of many."))
    serial = SearchService(tmp_path / "serial", store)
    serial.update()
    queries = ["llama", "filler many", '"number 7"', "hollywood", "intelligenze", "llam*"]
    expected = {q: sorted(hit.id for hit in serial.search(q, limit=60).hits) for q in queries}
    serial.close()

    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10)
    monkeypatch.setattr(indexer, "BUILD_PROCESSES", 2)
    monkeypatch.setattr(indexer, "BUILD_BATCH", 5)
    parallel = SearchService(index_dir, store)
    stats = parallel.update()
    assert stats.rebuilt and stats.added == 45
    assert len(_segments(index_dir)) == 2  # one per worker
    for query in queries:
        assert sorted(hit.id for hit in parallel.search(query, limit=60).hits) == expected[query]
    merge = parallel.start_background_merge(1)
    assert merge is not None
    _wait_for(merge)
    parallel.merge_finished()
    assert parallel.segment_count() == 1
    assert len(parallel.search("llama", limit=60).hits) == 40
    parallel.close()


def test_rebuild_workers_forget_the_words_they_stemmed() -> None:
    """A rebuild's worker empties the word caches as it goes (its memory at 100k
    articles); what it indexes after that is the same."""
    from reader.search.analysis import fold_word, stem

    before = stem("it", "gatti")
    fold_word("Perché")
    assert stem.cache_info().currsize and fold_word.cache_info().currsize
    indexer.forget_words()
    assert stem.cache_info().currsize == 0 and fold_word.cache_info().currsize == 0
    assert stem("it", "gatti") == before == "gatt"


def test_cancelled_parallel_rebuild_leaves_no_worker(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    for number in range(120):
        store.add(Article(title=f"Filler {number}", body=f"Llama number {number}."))
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10)
    monkeypatch.setattr(indexer, "BUILD_PROCESSES", 2)
    monkeypatch.setattr(indexer, "BUILD_BATCH", 5)
    service = SearchService(index_dir, store)
    calls = 0

    def cancel_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1

    monkeypatch.setattr(service._closing, "is_set", cancel_soon)
    spawned: list[object] = []
    original = indexer.SpawnedMpWriter._new_task

    def counting(writer: indexer.SpawnedMpWriter) -> object:
        spawned.append(original(writer))
        return spawned[-1]

    monkeypatch.setattr(indexer.SpawnedMpWriter, "_new_task", counting)
    stats = service.update()
    assert stats.added == 0 and not stats.rebuilt
    assert len(spawned) == 2  # workers were running when the rebuild was cancelled
    assert multiprocessing.active_children() == []
    assert not [p for p in index_dir.iterdir() if p.name.startswith("building-")]
    service.close()


_KILLED_PARALLEL_BUILD = """
import os, sys, time
from pathlib import Path
from reader.library import Article, LibraryStore
from reader.search import SearchService, background_merge, indexer
from reader.search.background_merge import BackgroundMerge
store = LibraryStore(Path(sys.argv[1]))
for number in range(30):
    store.add(Article(title=f"Filler {number}", body=f"Llama number {number}."))
indexer.PARALLEL_MIN_DOCS, indexer.BUILD_BATCH = 10, 5
original = indexer.SpawnedMpWriter._new_task
def announce(writer):
    task = original(writer)
    print(task.pid, flush=True)
    return task
indexer.SpawnedMpWriter._new_task = announce
real_commit = indexer.SpawnedMpWriter.commit
def hang(*args, **kwargs):
    time.sleep(60)
indexer.SpawnedMpWriter.commit = hang
SearchService(Path(sys.argv[2]), store).update()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_workers_exit_when_the_rebuilding_process_is_killed(tmp_path: Path) -> None:
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_PARALLEL_BUILD, str(tmp_path / "lib"), str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    workers = [int(process.stdout.readline()) for _ in range(2)]
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if indexer.pid_alive(pid) and not _is_zombie(pid)]
    assert alive == []


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (OSError, IndexError):
        return False


def test_a_query_that_fails_on_an_intact_index_does_not_switch_search_off(
    store: LibraryStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = SearchService(index_dir, store)
    service.update()
    assert found(service, "hollywood")
    original = SearchService._search_locked
    calls: list[str] = []

    def fails_once(self, searcher, query, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(query)
        if len(calls) == 1:
            raise IndexError("a bug met by one query")
        return original(self, searcher, query, *args, **kwargs)

    monkeypatch.setattr(SearchService, "_search_locked", fails_once)
    assert service.search("hollywood").hits == []  # that query fails quietly...
    assert not service.needs_rebuild  # ...the files are intact: no rebuild
    assert found(service, "hollywood")  # and the next one is answered
    assert not (service._current_path / indexer.DAMAGED_MARK).exists()
    service.close()


def test_a_merge_whose_window_died_stops_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's process killed: its merge child asks itself to stop (SIGTERM, so a
    commit under way still finishes) instead of holding the write lock to the end."""
    parents = iter([100, 100, 1])  # the parent's pid, then init's once it is gone
    monkeypatch.setattr(background_merge.os, "getppid", lambda: next(parents, 1))
    monkeypatch.setattr(background_merge.time, "sleep", lambda _s: None)
    signals: list[tuple[int, int]] = []
    done = threading.Event()

    def kill(pid: int, sig: int) -> None:
        signals.append((pid, sig))
        done.set()

    monkeypatch.setattr(background_merge.os, "kill", kill)
    background_merge._stop_when_orphaned()
    assert done.wait(10)
    assert signals == [(os.getpid(), signal.SIGTERM)]
