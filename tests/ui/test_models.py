"""Qt models: consistency (qtmodeltester), lazy fetching, filtering and sorting over all rows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from reader.library.listing import LibraryFilter
from reader.library.model import ArticleSummary
from reader.search import SearchHit, SearchResults
from reader.ui.library_model import Column, LibraryModel, Role
from reader.ui.related_panel import EntryKind, RelatedEntry, RelatedModel, RelatedRole
from reader.ui.search_results import (
    ARTICLE_ID_ROLE,
    HTML_ROLE,
    SearchResultsModel,
    SearchResultsPanel,
)


def summary(number: int, **changes: object) -> ArticleSummary:
    values: dict[str, object] = {
        "id": f"article-{number:05d}",
        "title": f"Title {number:05d}",
        "author": "",
        "published": dt.date(2020, 1, 1) + dt.timedelta(days=number % 1000),
        "category": ("Science", "Art", "IA")[number % 3],
        "tags": ("odd",) if number % 2 else (),
        "lang": "en",
        "starred": number % 7 == 0,
        "read": number % 5 == 0,
        "related_titles": (),
        "source_sha256": "",
        "content_key": str(number),
    }
    values.update(changes)
    return ArticleSummary(**values)  # type: ignore[arg-type]


def test_library_model_passes_modeltester(qtmodeltester) -> None:
    """Qt's own tester watches every later change too: filter, sort, fetch, update, remove."""
    model = LibraryModel(batch_size=7)
    model.set_summaries([summary(n) for n in range(30)])
    qtmodeltester.check(model)
    model.set_filter(LibraryFilter(category="Art", unread_only=True))
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.set_filter(LibraryFilter())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    model.set_flags("article-00003", starred=True)
    model.remove("article-00004")
    model.row_for_id("article-00029")


def test_library_model_fetches_rows_lazily() -> None:
    model = LibraryModel(batch_size=500)
    model.set_summaries([summary(n) for n in range(2000)])
    assert model.rowCount() == 500
    assert model.shown_count() == 2000
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 2000


def test_sorting_considers_rows_not_fetched_yet() -> None:
    model = LibraryModel(batch_size=10)
    rows = [summary(n) for n in range(100)]
    rows.append(summary(999, title="Aardvark", published=dt.date(1990, 1, 1)))
    model.set_summaries(rows)
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, Column.TITLE).data() == "Aardvark"
    model.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    assert model.index(model.rowCount() - 1, Column.DATE).data() != "1990-01-01"
    model.sort(Column.DATE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, Column.DATE).data() == "1990-01-01"


def test_filters_and_roles() -> None:
    model = LibraryModel()
    model.set_summaries([summary(n) for n in range(30)])
    model.set_filter(LibraryFilter(category="IA"))
    assert model.shown_count() == 10
    assert all(model.index(r, Column.CATEGORY).data() == "IA" for r in range(model.rowCount()))
    model.set_filter(LibraryFilter(tag="odd", starred_only=True))
    ids = {model.index(r, 0).data(Role.ARTICLE_ID) for r in range(model.rowCount())}
    assert ids == {"article-00007", "article-00021"}
    model.set_filter(LibraryFilter())
    row = model.row_for_id("article-00001")
    assert model.index(row, Column.TITLE).data(Qt.ItemDataRole.FontRole).bold()  # unread
    row = model.row_for_id("article-00005")
    assert model.index(row, Column.TITLE).data(Qt.ItemDataRole.FontRole) is None  # read
    assert model.unread_count() == 24
    assert model.categories() == ["Art", "IA", "Science"]


def test_flag_changes_and_removal_update_rows() -> None:
    model = LibraryModel(batch_size=5)
    model.set_summaries([summary(n) for n in range(12)])
    first = model.index(0, 0).data(Role.ARTICLE_ID)
    model.set_flags(first, starred=True, read=True)
    assert model.index(0, Column.STAR).data() == "★"
    assert model.index(0, 0).data(Role.READ) is True
    model.remove(first)
    assert model.row_for_id(first) is None
    assert model.total_count() == 11


def test_related_model_passes_modeltester(qtmodeltester) -> None:
    model = RelatedModel()
    model.set_sections(
        [
            RelatedEntry(EntryKind.RELATED, "In library", "teaser", "some-id"),
            RelatedEntry(EntryKind.RELATED, "Elsewhere", "teaser"),
        ],
        [RelatedEntry(EntryKind.LINKED, "Linker", "", "linker-id")],
    )
    qtmodeltester.check(model)
    headings = [e.title for e in model.entries() if e.kind is EntryKind.HEADING]
    assert headings == ["Related articles", "Linked from"]
    unresolved = model.index(2, 0)
    assert unresolved.data(RelatedRole.NOTE) == "not in your library"
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    model.set_similar([RelatedEntry(EntryKind.SIMILAR, "Alike", "", "alike-id")])
    assert [e.title for e in model.entries() if e.kind is EntryKind.HEADING][1] == (
        "Similar in your library"
    )


def test_search_results_model_passes_modeltester(qtmodeltester) -> None:
    model = SearchResultsModel()
    hits = [
        SearchHit("a", "First <hit>", dt.date(2024, 1, 1), "IA", 2.0, "x <b>word</b> <i>y</i>"),
        SearchHit("b", "Second", None, "", 1.0, ""),
    ]
    model.set_results(SearchResults("word", hits, 2, None, ["word"]))
    qtmodeltester.check(model)
    html = model.index(0, 0).data(HTML_ROLE)
    assert "First &lt;hit&gt;" in html
    assert "<b>word</b>" in html
    assert "<i>" not in html  # only the index's emphasis survives
    assert model.index(1, 0).data(ARTICLE_ID_ROLE) == "b"
    assert "Missing" not in html


def test_partial_hit_says_which_words_it_lacks(qapp) -> None:
    model = SearchResultsModel()
    hits = [
        SearchHit("a", "Full", None, "", 2.0, "<b>crisi</b> <b>1973</b>"),
        SearchHit("b", "Partial", None, "", 1.0, "<b>crisi</b>", missing=("1973", "o<b>")),
    ]
    model.set_results(SearchResults("crisi 1973", hits, 1, None, ["crisi", "1973"], partial=1))
    assert "Missing" not in model.index(0, 0).data(HTML_ROLE)
    assert "<i>Missing: 1973, o&lt;b&gt;</i>" in model.index(1, 0).data(HTML_ROLE)


def test_announcing_the_current_order_does_not_sort_again(qapp) -> None:
    """A header repeating the order already shown must not re-sort 100k rows."""
    model = LibraryModel()
    model.set_summaries([summary(number) for number in range(50)])
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.sort(Column.DATE, Qt.SortOrder.DescendingOrder)  # the default order
    assert resets == []
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert resets == [True]
    first = model.index(0, Column.TITLE).data()
    assert first == min(s.title for s in model.summaries())


def test_results_summary_counts_every_match(qtbot) -> None:
    panel = SearchResultsPanel()
    qtbot.addWidget(panel)
    hit = SearchHit("a", "First", None, "", 1.0, "")
    panel.show_results("llama", SearchResults("llama", [hit], 1, None, ["llama"]))
    assert panel.summary.text() == "1 result for “llama”"
    panel.show_results("llama", SearchResults("llama", [hit], 1234, None, ["llama"]))
    assert panel.summary.text() == "1,234 results for “llama”"


def test_changes_arrive_row_by_row_in_sort_order(qtmodeltester) -> None:
    """Outside changes move, insert and remove single rows (watched by Qt's tester) and
    leave the rows exactly as a full re-sort would."""
    import random

    from reader.library.listing import SortField, list_articles

    randomly = random.Random(13)
    model = LibraryModel(batch_size=7)
    rows = {n: summary(n) for n in range(60)}
    model.set_summaries(rows.values())
    model.set_filter(LibraryFilter(unread_only=True))
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    for step in range(40):
        changed = []
        for n in randomly.sample(range(80), 3):
            rows[n] = summary(
                n, title=f"Renamed {randomly.randint(0, 999):03d}", read=step % 2 == 0
            )
            changed.append(rows[n])
        untouched = sorted(set(rows) - {int(s.id.removeprefix("article-")) for s in changed})
        gone = [f"article-{n:05d}" for n in randomly.sample(untouched, 2)]
        for article_id in gone:
            rows.pop(int(article_id.removeprefix("article-")))
        model.apply_changes(changed, gone)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    shown = [model.index(row, 0).data(Role.ARTICLE_ID) for row in range(model.rowCount())]
    expected = list_articles(rows.values(), LibraryFilter(unread_only=True), SortField.TITLE, True)
    assert shown == [s.id for s in expected]


def test_an_unchanged_row_is_left_alone() -> None:
    model = LibraryModel()
    model.set_summaries([summary(n) for n in range(5)])
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    model.rowsInserted.connect(lambda *args: changes.append(args))
    assert model.apply_changes([summary(2)], []) is False
    assert changes == []
    assert model.apply_changes([summary(2, category="New")], []) is True
    assert changes


def test_only_new_categories_or_tags_ask_for_new_filter_choices() -> None:
    model = LibraryModel()
    model.set_summaries([summary(n) for n in range(6)])
    assert model.apply_changes([summary(100, category="Art", tags=("odd",))], []) is False
    assert model.apply_changes([summary(101, category="Poetry")], []) is True
    assert model.apply_changes([summary(102, tags=("new-tag",))], []) is True
    assert model.apply_changes([summary(103, category="Poetry", tags=("new-tag",))], []) is False
    assert "Poetry" in model.categories() and "new-tag" in model.tags()


def test_results_summary_counts_partial_matches(qtbot) -> None:
    panel = SearchResultsPanel()
    qtbot.addWidget(panel)
    full = SearchHit("a", "Full", None, "", 2.0, "")
    part = SearchHit("b", "Part", None, "", 1.0, "", missing=("llama",))
    results = SearchResults("alpaca llama", [full, part], 1, None, ["alpaca", "llama"], partial=1)
    panel.show_results("alpaca llama", results)
    assert panel.summary.text() == "1 result for “alpaca llama” — 1 more lacks some of the words"
    only = SearchResults("x y", [part, part], 0, None, ["x", "y"], partial=2)
    panel.show_results("x y", only)
    assert panel.summary.text() == "0 results for “x y” — 2 more lack some of the words"
