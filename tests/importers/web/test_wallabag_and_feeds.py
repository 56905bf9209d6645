"""Wallabag exports and RSS/Atom files: many articles from one file, with tags and dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.importers import ImportFailure, import_file, import_paths
from reader.importers.batch import parse_file


def test_wallabag_export(web_fixtures: Path, empty_services) -> None:
    store = empty_services.store
    report = import_paths([web_fixtures / "wallabag-export.json"], store)
    assert report.summary() == "3 imported, 0 skipped, 0 failed"
    articles = {article.title: article for article in map(store.get, _ids(report))}
    rivers = articles["Rivers are getting warmer"]
    assert rivers.tags == ["climate", "water"]
    assert rivers.published == dt.date(2025, 3, 3)
    assert rivers.author == "Jane Doe"
    assert (rivers.read, rivers.starred) == (True, False)
    assert rivers.source is not None and rivers.source.kind == "wallabag"
    assert rivers.source.url == "https://daily-current.example/science/rivers-are-getting-warmer"
    assert "The warming was **fastest in summer**, when the water is lowest." in rivers.body
    assert "*A slow river in August*" in rivers.body and "cdn." not in rivers.body
    lakes = articles["Lakes lose their ice sooner"]
    assert lakes.published == dt.date(2025, 2, 10)  # no published_at: the day it was saved
    assert (lakes.read, lakes.starred, lakes.tags) == (False, True, ["lakes", "climate"])
    assert "## Church books as climate records" in lakes.body
    assert "- earlier break-up\n- later freeze" in lakes.body
    assert "> The lake is open for a month longer" in lakes.body
    assert articles["L'acqua dei fiumi è più calda"].lang == "it"
    again = import_paths([web_fixtures / "wallabag-export.json"], store)
    assert again.summary() == "0 imported, 3 skipped, 0 failed"


def test_wallabag_entry_without_content_fails_alone(tmp_path: Path, empty_services) -> None:
    entries = [
        {"title": "Fine", "url": "https://a.example/1", "content": "<p>Some text here.</p>"},
        {"title": "Not fetched", "url": "https://a.example/2", "content": ""},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(entries), "utf-8")
    report = import_paths([path], empty_services.store)
    assert [(r.entry, r.status) for r in report.results] == [
        ("Fine", "imported"),
        ("Not fetched", "failed"),
    ]
    assert "no content" in report.results[1].message


def test_rss_feed(web_fixtures: Path) -> None:
    parsed = parse_file(web_fixtures / "rivers-feed.rss")
    assert parsed.multi and not parsed.problems
    glaciers, snow = (item.article for item in parsed.articles)
    assert glaciers.title == "Why glaciers matter for rivers"
    assert glaciers.author == "Ann Example"
    assert glaciers.published == dt.date(2024, 12, 15)
    assert glaciers.tags == ["glaciers", "rivers"]
    assert glaciers.lang == "en"
    assert glaciers.source is not None and glaciers.source.kind == "rss"
    assert glaciers.source.url == "https://daily-current.example/science/why-glaciers-matter"
    # content:encoded (the full text) wins over the short description; scripts are dropped
    assert glaciers.body.startswith("Meltwater keeps rivers cool through the summer, and")
    assert "## A shrinking reserve" in glaciers.body
    assert "*first grows*" in glaciers.body
    assert "[peak water](https://daily-current.example/science/peak-water)" in glaciers.body
    assert "alert" not in glaciers.body
    assert snow.published == dt.date(2024, 10, 1)
    assert snow.body == (
        "Wetter, heavier snow falls more often at low altitude.\n\n"
        "Ski resorts and water managers both have to adapt."
    )
    assert parsed.articles[0].site_name == "The Daily Current — Science"


def test_atom_feed(web_fixtures: Path, empty_services) -> None:
    report = import_paths([web_fixtures / "notes-feed.atom"], empty_services.store)
    assert report.summary() == "2 imported, 0 skipped, 0 failed"
    fishers, lakes = map(empty_services.store.get, _ids(report))
    assert fishers.title == "The last ice fishers of the north"
    assert (fishers.author, fishers.published) == ("Erik Nord", dt.date(2024, 11, 20))
    assert fishers.tags == ["lakes", "people"]
    assert "1. drill the hole\n2. wait" in fishers.body
    assert lakes.published == dt.date(2025, 2, 1)  # no <published>: <updated>
    assert "> Records go back to the sixteen hundreds." in lakes.body


def test_multi_article_file_is_not_a_single_article(web_fixtures: Path) -> None:
    with pytest.raises(ImportFailure, match="holds 2 articles"):
        import_file(web_fixtures / "notes-feed.atom")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.json", b'[{"title": "x", "url": ', "not valid JSON (line 1, column"),
        ("other.json", b'{"name": "package", "version": "1.0"}', "not a Wallabag export"),
        ("list.json", b"[1, 2, 3]", "not a Wallabag export"),
        ("empty-export.json", b"[]", "has no entries"),
        ("note.xml", b"<?xml version='1.0'?><note><to>Tove</to></note>", "not an RSS or Atom"),
        ("broken.rss", b"<rss version='2.0'><channel><item><title>x", "broken feed"),
        ("plain.atom", b"just some words, not XML at all", "not an RSS or Atom"),
        (
            "empty-feed.rss",
            b"<rss version='2.0'><channel><title>t</title></channel></rss>",
            "has no entries",
        ),
    ],
)
def test_bad_exports_and_feeds(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as failure:
        parse_file(path)
    assert reason in failure.value.reason
    message = str(failure.value)
    assert message.startswith(f"{path}: ") and "\n" not in message


def _ids(report) -> list[str]:
    return [result.article_id for result in report.results if result.status == "imported"]
