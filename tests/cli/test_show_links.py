"""``reader show ID --links`` and ``--json``: which body links resolve, and to which article."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main

PAGES = Path(__file__).parents[1] / "data" / "linked_pages"


def test_show_links_says_where_each_link_leads(tmp_path: Path, capsys) -> None:
    base = ["--base-dir", str(tmp_path / "base")]
    assert main([*base, "import", str(PAGES)]) == 0
    capsys.readouterr()
    assert main([*base, "show", "garden-handbook", "--links"]) == 0
    out = capsys.readouterr().out
    links = out[out.index("\nLinks\n") :]
    assert "- guide/soil.html [preparing-the-soil]" in links
    assert "- guide/watering.html#evening [watering]" in links
    assert "- https://www.example.org/seeds?utm_source=handbook [on the web]" in links
    assert "- guide/compost.html [not saved]" in links
    assert "sprout.png" not in links  # an image is not a link
    assert "Linked from: preparing-the-soil, watering" in links

    assert main([*base, "show", "watering", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"]["path"] == "guide/watering.html"
    assert [(link["href"], link["resolves"], link["article_id"]) for link in shown["links"]] == [
        ("soil.html", True, "preparing-the-soil"),
        ("../index.html", True, "garden-handbook"),
    ]
    assert shown["linked_from"] == ["garden-handbook", "preparing-the-soil"]
