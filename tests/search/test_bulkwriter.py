"""The rebuild's bulk writer writes the same index as Whoosh's own writer."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.query import Every
from whoosh.writing import IndexingError

from reader.library import Article
from reader.search.bulkwriter import BulkSegmentWriter
from reader.search.indexer import article_document
from reader.search.schema import build_schema


def _articles(count: int) -> list[Article]:
    rng = random.Random(5)
    words = [f"parola{n}" for n in range(300)] + ["gatto", "gatti", "running", "l'IA", "perché"]
    articles = []
    for number in range(count):
        # Term frequencies from 1 to hundreds, so some terms need several 128-posting
        # blocks and some blocks are large enough to be compressed.
        body = " ".join(rng.choice(words[: rng.randint(5, len(words))]) for _ in range(400))
        articles.append(
            Article(
                id=f"a{number:04d}",
                title=f"Titolo {rng.choice(words)} numero {number}",
                body="" if number % 50 == 0 else body + (" comune" * (number % 7)),
                lang=rng.choice(["it", "en", "fr"]),
                tags=["uno", "due"] if number % 3 else [],
                author="Ada" if number % 2 else "",
                category=rng.choice(["", "IA", "Scienza"]),
                # Dates make NUMERIC postings (several tiers per date) and a sortable column.
                published=dt.date(2000 + number % 20, 1 + number % 12, 1) if number % 4 else None,
                starred=number % 5 == 0,
                read=number % 2 == 0,
            )
        )
    return articles


def _build(path: Path, articles: list[Article], bulk: bool) -> windex.Index:
    path.mkdir()
    ix = windex.create_in(str(path), build_schema())
    writer = BulkSegmentWriter(ix, compound=False) if bulk else ix.writer(compound=False)
    for article in articles:
        writer.add_document(**article_document(article)[0])
    writer.commit(merge=False)
    return ix


def _postings(ix: windex.Index) -> dict[tuple[str, bytes], object]:
    found: dict[tuple[str, bytes], object] = {}
    with ix.reader() as reader:
        for fieldname, tbytes in reader.all_terms():
            info = reader.term_info(fieldname, tbytes)
            matcher = reader.postings(fieldname, tbytes)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            stats = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
            )
            found[fieldname, tbytes] = (stats, postings)
        lengths = {
            (name, doc): reader.doc_field_length(doc, name)
            for name in reader.indexed_field_names()
            for doc in range(reader.doc_count_all())
        }
        stored = list(reader.all_stored_fields())
    return {("lengths", b""): lengths, ("stored", b""): stored, **found}


def test_bulk_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    articles = _articles(300)
    whoosh_made = _postings(_build(tmp_path / "whoosh", articles, bulk=False))
    bulk_made = _postings(_build(tmp_path / "bulk", articles, bulk=True))
    assert whoosh_made.keys() == bulk_made.keys()
    # Several blocks for the most frequent terms: the block splitting was exercised.
    assert max(len(value[1]) for key, value in bulk_made.items() if key[0] == "text") > 256
    for key, value in whoosh_made.items():
        assert bulk_made[key] == value, key
    # The sortable date column is written too: the newest first, as the window sorts.
    newest = []
    for path in (tmp_path / "whoosh", tmp_path / "bulk"):
        with windex.open_dir(str(path)).searcher() as searcher:
            hits = searcher.search(Every(), sortedby="published", reverse=True, limit=5)
            newest.append([hit["id"] for hit in hits])
    assert newest[0] == newest[1]


def test_bulk_writer_refuses_merges(tmp_path: Path) -> None:
    ix = _build(tmp_path / "ix", _articles(3), bulk=False)
    writer = BulkSegmentWriter(ix)
    try:
        with ix.reader() as reader, pytest.raises(IndexingError):
            writer.add_reader(reader)
    finally:
        writer.cancel()


def test_text_postings_wait_as_integers_until_the_segment_is_written(tmp_path: Path) -> None:
    """The rebuild's memory: Reader's text fields keep each term's postings in one array of
    integers (document, frequency, positions), not a list of objects per posting."""
    path = tmp_path / "ix"
    path.mkdir()
    ix = windex.create_in(str(path), build_schema())
    writer = BulkSegmentWriter(ix, compound=False)
    for article in (
        Article(id="a1", title="Gatti e gatti", body="il gatto dorme, il gatto mangia", lang="it"),
        Article(id="a2", title="Gatto", body="gatto", lang="it"),
    ):
        writer.add_document(**article_document(article)[0])
    try:
        pool = writer.pool
        assert {"text", "stems", "title", "title_stems"} <= set(pool.packed)
        # "gatto" in the unstemmed catch-all: article 0 has it twice, at words 4 and 7
        # (the title comes first), article 1 twice (title and body), at 0 and 1.
        assert list(pool.packed["text"][b"gatto"]) == [0, 2, 4, 7, 1, 2, 0, 1]
        # Without positions: document and frequency only ("gatti" and "gatto": one stem).
        assert list(pool.packed["stems"][b"gatt"]) == [0, 4, 1, 2]
        assert "id" in pool.fields and "text" not in pool.fields  # ID fields: as Whoosh
    finally:
        writer.cancel()
