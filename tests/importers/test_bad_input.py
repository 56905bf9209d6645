"""Bad files: a one-line reason naming the file, the source untouched, nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.importers import ImportFailure, decoding, import_file, import_paths


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("controls.txt", bytes(range(1, 32)) * 40, "undecodable"),
        ("bad-utf16.txt", b"\xff\xfeA", "undecodable"),
        ("title-only.txt", b"Only a title\n", "no body"),
        ("picture.jpg", b"\xff\xd8\xff", "unsupported file type"),
    ],
)
def test_failure_reasons(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert reason in failure.value.reason
    assert str(path) in str(failure.value)
    assert "\n" not in str(failure.value)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 21 MB without writing them
        handle.truncate(decoding.MAX_BYTES + 1024 * 1024)
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert "too large" in failure.value.reason and "20 MB" in failure.value.reason


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="file not found"):
        import_file(tmp_path / "nope.txt")


def test_batch_reports_each_file_and_leaves_nothing_half_written(
    tmp_path: Path, seed_path: Path, empty_services
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_bytes(seed_path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "note.md").write_text("# Note\n\nSome words here.\n", "utf-8")
    (folder / "again.txt").write_bytes(seed_path.read_bytes())
    sources = {path: path.read_bytes() for path in folder.iterdir()}
    store = empty_services.store
    report = import_paths([folder], store)
    outcome = {result.path.name: result.status for result in report.results}
    assert outcome == {
        "again.txt": "imported",
        "binary.txt": "failed",
        "empty.txt": "failed",
        "good.txt": "skipped",
        "note.md": "imported",
    }
    assert report.summary() == "2 imported, 1 skipped, 2 failed"
    assert {path: path.read_bytes() for path in folder.iterdir()} == sources
    assert sorted(p.name for p in store.articles_dir.iterdir()) == sorted(
        f"{result.article_id}.md" for result in report.results if result.status == "imported"
    )


def test_failed_write_leaves_no_file(
    tmp_path: Path, seed_path: Path, empty_services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    monkeypatch.setattr(os, "link", disk_full)
    report = import_paths([seed_path], empty_services.store)
    assert report.failed == 1
    assert "No space left on device" in report.results[0].message
    assert list(empty_services.store.articles_dir.iterdir()) == []
