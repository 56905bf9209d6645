"""Hostile import inputs from the adversarial run: each fails alone, with its reason, and the
batch goes on (the summary always counts every file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.importers import import_paths
from reader.importers.batch import expand_paths
from reader.library import LibraryStore
from reader.library.catalog import Catalog
from reader.library.frontmatter import article_from_text

GOOD_MD = "# Un articolo buono\n\nUn paragrafo che si importa senza problemi.\n"


def wallabag_entry(title: str, number: int = 1) -> dict[str, object]:
    return {
        "id": number,
        "title": title,
        "url": f"https://example.org/{number}",
        "content": f"<p>Contenuto dell'articolo {number}, abbastanza lungo da contare.</p>",
    }


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    return LibraryStore(tmp_path / "library", Catalog(tmp_path / "catalog.sqlite3"))


def import_with_a_good_file(tmp_path: Path, store: LibraryStore, name: str, data: bytes):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / name).write_bytes(data)
    (inbox / "zz-good.md").write_text(GOOD_MD, "utf-8")
    report = import_paths([inbox], store)
    assert report.results[-1].status == "imported", report.results  # the batch went on
    return report


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'[{"title": "x", "url": "u", "content": "c", "id": ' + b"9" * 4301 + b"}]", "number"),
        (b'{"_embedded": [1]}', "not a Wallabag export"),
        (b'{"_embedded": {"items": [1, 2]}}', "not a Wallabag export"),
        (b'{"entries": "none"}', "not a Wallabag export"),
        (b"[1, [2], null]", "not a Wallabag export"),
    ],
)
def test_wallabag_hostile_shapes(
    tmp_path: Path, store: LibraryStore, data: bytes, reason: str
) -> None:
    report = import_with_a_good_file(tmp_path, store, "export.json", data)
    failed = report.results[0]
    assert failed.status == "failed" and reason in failed.message
    assert report.summary() == "1 imported, 0 skipped, 1 failed"


def test_wallabag_lone_surrogate_in_a_title(tmp_path: Path, store: LibraryStore) -> None:
    export = json.dumps([wallabag_entry("Titolo \ud800 spezzato")]).encode()
    assert b"\\ud800" in export  # valid JSON, yet not encodable as UTF-8 once decoded
    report = import_with_a_good_file(tmp_path, store, "export.json", export)
    assert [result.status for result in report.results] == ["imported", "imported"]
    stored = store.get(report.results[0].article_id)
    assert stored.title == "Titolo \ufffd spezzato"


def test_source_file_name_not_utf8(tmp_path: Path, store: LibraryStore) -> None:
    name = os.fsdecode(b"articolo-\xe9.md")
    report = import_with_a_good_file(tmp_path, store, name, b"# Altro titolo\n\nAltro testo.\n")
    imported = [r for r in report.results if r.status == "imported"]
    assert len(imported) == 2
    text = (store.articles_dir / f"{imported[0].article_id}.md").read_text("utf-8")
    assert article_from_text(text).source.file == "articolo-\ufffd.md"


def run_with_timeout(work, seconds: float = 10.0) -> object:
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, "the import blocked"
    return box[0]


def test_link_to_dev_zero_is_refused_while_reading(tmp_path: Path, store: LibraryStore) -> None:
    endless = tmp_path / "zero.txt"
    endless.symlink_to("/dev/zero")
    report = run_with_timeout(lambda: import_paths([endless], store))
    assert report.results[0].status == "failed"
    assert "only regular files" in report.results[0].message


def test_big_regular_file_is_bounded_while_reading(
    tmp_path: Path, store: LibraryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.importers import decoding

    monkeypatch.setattr(decoding, "MAX_BYTES", 1000)
    monkeypatch.setattr(decoding.read_source, "__defaults__", (1000,))
    big = tmp_path / "big.txt"
    big.write_text("Titolo\n\n" + "parola " * 1000, "utf-8")
    report = import_paths([big], store)
    assert report.results[0].status == "failed" and "too large" in report.results[0].message


def test_fifo_is_skipped_in_folders_and_refused_by_name(
    tmp_path: Path, store: LibraryStore
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "tubo.md")
    (inbox / "good.md").write_text(GOOD_MD, "utf-8")
    assert expand_paths([inbox]) == [inbox / "good.md"]
    report = run_with_timeout(lambda: import_paths([inbox / "tubo.md", inbox], store))
    assert [r.status for r in report.results] == ["failed", "imported"]
    assert "only regular files" in report.results[0].message


def test_an_unexpected_error_fails_one_file_only(
    tmp_path: Path, store: LibraryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.importers import batch

    real_parse = batch.parse_file

    def flaky_parse(path: Path, **options: object):
        if path.name == "a-bad.md":
            raise KeyError("surprise")
        return real_parse(path, **options)

    monkeypatch.setattr(batch, "parse_file", flaky_parse)
    report = import_with_a_good_file(tmp_path, store, "a-bad.md", b"# x\n\ny\n")
    assert report.results[0].status == "failed"
    assert report.results[0].message == "could not be imported (KeyError: 'surprise')"


def test_cli_prints_every_failure_and_the_summary(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.json").write_bytes(b"[" * 100_000)
    (inbox / "b.json").write_bytes(b'{"_embedded": [1]}')
    (inbox / "c.md").write_text(GOOD_MD, "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--base-dir",
            str(tmp_path / "base"),
            "import",
            str(inbox),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    failures = [line for line in done.stderr.splitlines() if line.startswith("FAILED")]
    assert len(failures) == 2 and "a.json" in failures[0] and "b.json" in failures[1]
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-1] == "1 imported, 0 skipped, 2 failed"
