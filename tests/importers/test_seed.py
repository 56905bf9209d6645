"""The seed article must import exactly: it is the first article Reader was built for."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from reader.importers import import_file, import_paths
from reader.library.model import Article
from tests.seed_expectations import SEED_ID, SEED_RELATED_TITLES


@pytest.fixture
def seed(seed_path: Path) -> Article:
    return import_file(seed_path)


def test_seed_front_matter_fields(seed: Article) -> None:
    assert seed.title == "OpenAI tenta la conquista di Hollywood con Sora"
    assert seed.author == ""
    assert seed.published == dt.date(2024, 3, 25)
    assert seed.category == "IA"
    assert seed.lang == "it"
    assert seed.tags == []
    assert seed.source is not None
    assert seed.source.kind == "scraped-text"
    assert seed.source.file == "000_bfcfb1f07bcdb431.txt"


def test_seed_body_is_every_paragraph_and_nothing_else(seed: Article, seed_path: Path) -> None:
    paragraphs = seed.body.split("\n\n")
    source_lines = seed_path.read_text("utf-8").split("\n")
    # The body is lines 5..23 of the file (every other line is blank): ten paragraphs,
    # kept word for word.
    expected = [line for line in source_lines[4:23] if line.strip()]
    assert paragraphs == expected
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith("Che Sam Altman abbia una marcia in più")
    assert paragraphs[-1].endswith("Ne vedremo delle belle, non solo al cinema.")
    for stray in ("POTREBBE INTERESSARTI", "Share This", "ByteDance", "da | 25 Mar 2024"):
        assert stray not in seed.body


def test_seed_related_items_in_order(seed: Article) -> None:
    titles = [item.title for item in seed.related]
    assert len(titles) == 10
    assert titles[0] == "ByteDance e Broadcom: al via una collaborazione per l’IA"
    assert titles[-1] == "OpenAI potrebbe diventare una società benefit (e perseguire il profitto)"
    assert titles == SEED_RELATED_TITLES


def test_seed_related_captions_and_teasers_kept_apart(seed: Article) -> None:
    first, fourth, fifth, last = seed.related[0], seed.related[3], seed.related[4], seed.related[9]
    assert first.caption == "ByteDance e Broadcom avviano una collaborazione strategica per l'IA"
    assert first.teaser.startswith("L’azienda americana produrrà un chip da 5nm")
    assert fourth.caption == "Ecco come di comporta Claude 3.5 Sonnet rispetto agli altri modelli."
    assert fourth.title == "Più veloce e intelligente: ecco Claude 3.5 Sonnet"
    assert fourth.teaser.startswith("Claude 3.5 Sonnet è il modello più avanzato di Anthropic")
    assert fifth.caption == "Il produttore di chip TSMC vola in borsa"
    assert last.caption.endswith("foto: Joel Saget/AFP/Getty Images")
    assert last.teaser.endswith("s’immagina...")
    assert all(item.teaser for item in seed.related)
    assert all(item.caption for item in seed.related)
    assert not any("Share This" in item.teaser for item in seed.related)


def test_import_then_show_round_trip(seed_path: Path, empty_services, capsys) -> None:
    from reader.cli import main

    base = ["--base-dir", str(empty_services.paths.cache.parent)]
    assert main([*base, "import", str(seed_path)]) == 0
    assert f"-> {SEED_ID}" in capsys.readouterr().out
    assert main([*base, "show", SEED_ID]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("OpenAI tenta la conquista di Hollywood con Sora\n")
    assert "2024-03-25 | IA" in shown
    assert "Che Sam Altman abbia una marcia in più" in shown
    assert (
        "- ByteDance e Broadcom: al via una collaborazione per l’IA [not in your library]" in shown
    )


def test_import_never_changes_the_source(seed_path: Path, empty_services, tmp_path: Path) -> None:
    copy = tmp_path / seed_path.name
    copy.write_bytes(seed_path.read_bytes())
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    report = import_paths([copy], empty_services.store)
    assert report.imported == 1
    assert (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns) == before


def test_stored_seed_matches_the_bundled_sample(seed_path: Path, empty_services) -> None:
    """The sample library's copy of the seed is what the importer produces today."""
    from reader.paths import sample_library_dir

    report = import_paths([seed_path], empty_services.store)
    stored = empty_services.store.get(report.results[0].article_id)
    bundled_file = sample_library_dir() / "articles" / f"{SEED_ID}.md"
    from reader.library.frontmatter import article_from_text

    bundled = article_from_text(bundled_file.read_text("utf-8"))
    assert stored.id == bundled.id == SEED_ID
    assert (stored.title, stored.body, stored.related) == (
        bundled.title,
        bundled.body,
        bundled.related,
    )
