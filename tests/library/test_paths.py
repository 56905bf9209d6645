"""All directories come from one place and can be pointed anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.paths import Paths, sample_library_dir


def test_base_dir_holds_everything(tmp_path: Path) -> None:
    paths = Paths.resolve(base_dir=tmp_path)
    assert paths.library == (tmp_path / "data" / "library").resolve()
    for derived in (paths.index_dir, paths.settings_file, paths.library_cache):
        assert tmp_path in derived.parents


def test_library_choice_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "from-env"))
    assert Paths.resolve().library == tmp_path / "from-env"
    assert Paths.resolve(library=tmp_path / "explicit").library == tmp_path / "explicit"
    monkeypatch.delenv("READER_LIBRARY")
    assert Paths.resolve().library.name == "library"
    assert "Reader" in str(Paths.resolve().library)


def test_cache_is_keyed_by_library(tmp_path: Path) -> None:
    one = Paths.resolve(library=tmp_path / "one", base_dir=tmp_path)
    two = Paths.resolve(library=tmp_path / "two", base_dir=tmp_path)
    assert one.index_dir != two.index_dir
    assert one.library not in one.index_dir.parents  # derived data never lives in the library


def test_sample_library_is_bundled() -> None:
    """The seed for everyone, and the five guides once per interface language."""
    articles = sample_library_dir() / "articles"
    assert [path.name for path in articles.glob("*.md")] == [
        "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora.md"
    ]
    english = sorted(path.name[:10] for path in (articles / "en").glob("*.md"))
    italian = sorted(path.name[:10] for path in (articles / "it").glob("*.md"))
    assert len(english) == 5 and english == italian  # each guide has its translation
