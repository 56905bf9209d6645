"""``reader index`` and ``reader search`` as a person runs them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.cli.search_cmd import terminal_snippet
from reader.library import Article, LibraryStore
from reader.paths import Paths
from reader.search import indexer


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    paths = Paths.resolve(base_dir=tmp_path / "base")
    store = LibraryStore(paths.library)
    store.add(
        Article(
            title="L’intelligenza artificiale e il lavoro",
            body="Secondo gli esperti l'IA cambia il lavoro & la scuola.",
            lang="it",
            published=dt.date(2024, 3, 25),
        )
    )
    store.add(Article(title="Pasta at home", body="Boil water, add salt.", lang="en"))
    return ["--base-dir", str(tmp_path / "base")]


def test_index_then_incremental_then_rebuild(base: list[str], capsys) -> None:
    assert main([*base, "index"]) == 0
    captured = capsys.readouterr()
    assert "index: 2 added, 0 updated, 0 removed" in captured.out
    assert "(rebuilt)" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    assert main([*base, "index"]) == 0
    assert "index: 0 added, 0 updated, 0 removed" in capsys.readouterr().out
    assert main([*base, "index", "--rebuild"]) == 0
    assert "0 added, 2 updated, 0 removed" in capsys.readouterr().out


def test_search_table(base: list[str], capsys) -> None:
    assert main([*base, "search", "intelligenze", "artificiali"]) == 0
    out = capsys.readouterr().out
    assert "2024-03-25-l-intelligenza-artificiale-e-il-lavoro" in out
    assert "L’intelligenza artificiale e il lavoro" in out
    assert out.splitlines()[-1] == "1 result"
    assert "<b>" not in out and "&amp;" not in out


def test_search_json(base: list[str], capsys) -> None:
    assert main([*base, "search", "l’IA", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 1 and data["terms"] == ["ia"]
    [hit] = data["hits"]
    assert hit["published"] == "2024-03-25"
    assert "l'<b>IA</b>" in hit["snippet"]


def test_search_json_flags_partial_matches(base: list[str], capsys) -> None:
    assert main([*base, "search", "Cosa cambia il lavoro a casa?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 0 and data["partial"] == 1
    assert data["terms"] == ["cambia", "lavoro", "casa"]
    [hit] = data["hits"]
    assert hit["title"] == "L’intelligenza artificiale e il lavoro"
    assert hit["partial"] is True and hit["missing"] == ["casa"]
    assert main([*base, "search", "Cosa cambia il lavoro a casa?"]) == 0
    out = capsys.readouterr().out
    assert "(partial: no casa)" in out
    assert out.splitlines()[-1] == "0 results, 1 more lacking some of the words"
    assert main([*base, "search", "lavoro scuola", "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["partial"] is False and hit["missing"] == []


def test_search_limit_and_no_results(base: list[str], capsys) -> None:
    assert main([*base, "search", "--limit", "1", "--", "-nothing"]) == 0
    out = capsys.readouterr().out
    assert "1 of 2 results" in out
    assert main([*base, "search", "watr"]) == 0
    out = capsys.readouterr().out
    assert "no results" in out and "did you mean: water" in out


def test_terminal_snippet() -> None:
    snippet = "a <b>b</b> &amp; <b>c</b>"
    assert terminal_snippet(snippet, bold=False) == "a **b** & **c**"
    assert terminal_snippet(snippet, bold=True) == "a \x1b[1mb\x1b[0m & \x1b[1mc\x1b[0m"


def test_index_merge(base: list[str], capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "FRESH_SEGMENT_DOCS", 1)  # a rebuild of two segments
    assert main([*base, "index", "--merge"]) == 0
    out = capsys.readouterr().out
    assert "index: 2 added" in out and "index: 2 segments merged into 1" in out
    assert main([*base, "index", "--merge"]) == 0
    assert "index: already one segment" in capsys.readouterr().out
    assert main([*base, "search", "lavoro"]) == 0
    assert "L’intelligenza artificiale e il lavoro" in capsys.readouterr().out


def test_search_highlights_json(base: list[str], tmp_path: Path, capsys) -> None:
    from reader.library.model import Highlight

    store = LibraryStore(Paths.resolve(base_dir=tmp_path / "base").library)
    marked = store.add(
        Article(
            title="Bees",
            body="Bees dance to tell the hive where the flowers are.",
            lang="en",
            highlights=[Highlight("Bees dance", note="waggle")],
        )
    )
    assert main([*base, "search", "has:highlights", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [hit["id"] for hit in data["hits"]] == [marked.id] and data["total"] == 1
    assert main([*base, "search", "note:waggle", "--json"]) == 0
    assert [hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]] == [marked.id]
