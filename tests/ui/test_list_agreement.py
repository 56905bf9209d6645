"""``reader list`` and the window's list show the same articles in the same order for the
same filter and sort (both call ``reader.library.listing``; before, they disagreed on
undated articles, title ties and the case of categories)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt

from reader.cli import main
from reader.library.model import Article
from reader.services import Services
from reader.ui.library_model import Column

CASES = [
    # (CLI arguments, combo choices, checkboxes, column, order)
    ([], {}, (), Column.DATE, Qt.SortOrder.DescendingOrder),
    (["--sort", "date", "--ascending"], {}, (), Column.DATE, Qt.SortOrder.AscendingOrder),
    (["--sort", "title", "--ascending"], {}, (), Column.TITLE, Qt.SortOrder.AscendingOrder),
    (["--sort", "title"], {}, (), Column.TITLE, Qt.SortOrder.DescendingOrder),
    (["--sort", "category", "--ascending"], {}, (), Column.CATEGORY, Qt.SortOrder.AscendingOrder),
    (["--sort", "starred", "--ascending"], {}, (), Column.STAR, Qt.SortOrder.AscendingOrder),
    (
        ["--category", "science"],
        {"category": "Science"},
        (),
        Column.DATE,
        Qt.SortOrder.DescendingOrder,
    ),
    (
        ["--tag", "Space", "--unread"],
        {"tag": "space"},
        ("unread",),
        Column.DATE,
        Qt.SortOrder.DescendingOrder,
    ),
    (
        ["--starred", "--sort", "title", "--ascending"],
        {},
        ("starred",),
        Column.TITLE,
        Qt.SortOrder.AscendingOrder,
    ),
]


@pytest.fixture
def varied_services(empty_services: Services) -> Services:
    """Undated articles, equal titles, equal dates, categories and tags in mixed case."""
    specs = [
        ("Zeta rising", dt.date(2024, 5, 1), "Science", ["space"], False, True),
        ("alpha notes", dt.date(2024, 5, 1), "science", ["Space"], True, False),
        ("Same title", dt.date(2023, 1, 1), "Art", [], False, False),
        ("Same title", dt.date(2023, 1, 1), "Art", ["space"], False, True),
        ("Undated beta", None, "", [], False, False),
        ("Undated Alpha", None, "Science", ["space"], True, True),
        ("Éclair", dt.date(2022, 7, 9), "Cucina", [], False, False),
        ("Older", dt.date(2001, 2, 3), "Science", ["space"], False, False),
    ]
    for title, published, category, tags, starred, read in specs:
        empty_services.store.add(
            Article(
                title=title,
                body=f"{title} {category} {published} {tags}",
                published=published,
                category=category,
                tags=tags,
                starred=starred,
                read=read,
            )
        )
    return empty_services


@pytest.mark.parametrize(("cli_args", "combos", "boxes", "column", "order"), CASES)
def test_cli_and_window_list_the_same_order(
    qtbot, capsys, varied_services: Services, cli_args, combos, boxes, column, order
) -> None:
    from reader.ui.main_window import MainWindow

    base = varied_services.paths.library.parent.parent
    assert main(["--base-dir", str(base), "list", "--json", *cli_args]) == 0
    cli_ids = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert cli_ids, "every case lists something"

    window = MainWindow(varied_services, index_on_start=False)
    qtbot.addWidget(window)
    window.show()
    panel = window.library_panel
    for name, value in combos.items():
        combo = panel.category_filter if name == "category" else panel.tag_filter
        combo.setCurrentIndex(combo.findData(value))
    for box in boxes:
        qtbot.mouseClick(
            panel.unread_only if box == "unread" else panel.starred_only, Qt.MouseButton.LeftButton
        )
    panel.table.sortByColumn(column, order)
    model = window.library_model
    window_ids = [model.id_at(row) for row in range(model.rowCount())]
    window.close()
    assert window_ids == cli_ids
