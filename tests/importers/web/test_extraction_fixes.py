"""Regressions found on real saved pages (issue 17), each on a small hand-written page.

Every page here is written for the test; it reproduces the shape of the real page that
went wrong, not its text.
"""

from __future__ import annotations

from pathlib import Path

from reader.importers import import_file
from reader.importers.batch import parse_file
from reader.importers.html_markdown import html_to_markdown
from reader.importers.page_tree import parse_page
from reader.importers.related_links import is_advert_or_tracking, without_tracking

SENTENCES = [
    "The river authority measured the water at forty stations along the valley this spring.",
    "Its engineers found the upper reaches two degrees warmer than a decade ago in every month.",
    "Farmers downstream say the change already shows in the way their fields flood each year.",
    "The authority will publish the full readings with its annual report in the autumn.",
    "Fishermen have noticed trout moving upstream, where the water stays cool in summer.",
    "A second survey, by the university, will repeat the measurements at night next year.",
]


def paragraphs(first: int = 0, last: int = len(SENTENCES)) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[first:last])


def write_page(tmp_path: Path, body: str, head: str = "<title>Warmer rivers</title>") -> Path:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", "utf-8")
    return path


# -- cause 1: HTML comments in the tree ----------------------------------------------------------
def test_the_extractor_is_given_no_comments() -> None:
    """Pages rendered by React put empty comments inside text ("big <!-- -->since 2012");
    given a tree holding them, trafilatura ran a short article's paragraphs into one (and
    on real pages lost some). The tree it gets has none."""
    import trafilatura

    texts = [f"At station {n}, {SENTENCES[n % 4]}" for n in range(8)]
    paragraphs = "".join(f"<p>{t[:25]} <!-- -->{t[25:40]}<!-- -->{t[40:]}</p>" for t in texts)
    root = parse_page(f"<html><body><article><div>{paragraphs}</div></article></body></html>")
    assert not root.xpath("//comment()")
    document = trafilatura.bare_extraction(root, fast=True, include_comments=False)
    assert document.text.count("\n") == len(texts) - 1


# -- cause 2: remote images' alt text ------------------------------------------------------------
def test_remote_image_text_is_not_a_paragraph(tmp_path: Path) -> None:
    figure = (
        '<figure><img src="https://cdn.example/a.jpg" alt="Russia" title="Russia">'
        '<img src="https://cdn.example/b.jpg" alt="The city"><figcaption>The valley in May'
        "</figcaption></figure>"
    )
    body = f"<article>{paragraphs(0, 3)}{figure}{paragraphs(3)}</article>"
    article = import_file(write_page(tmp_path, body))
    assert "Russia" not in article.body
    assert "The city" not in article.body
    assert "**" not in article.body
    assert SENTENCES[5] in article.body


def test_adjacent_images_do_not_glue_their_emphasis() -> None:
    """Feeds keep an image's alt text; two in a row read "*A**B*" (bold markers)."""
    markdown = html_to_markdown('<p><img src="a.png" alt="Russia"><img src="b.png" alt="City"></p>')
    assert markdown == "*Russia* *City*"


# -- cause 3: <title> cut at its last separator only ---------------------------------------------
def test_title_segments_after_the_headline_go(tmp_path: Path) -> None:
    head = "<title>Rivers run warmer every year | News | The Daily Current</title>"
    body = f"<article><h1>Rivers run warmer every year</h1>{paragraphs()}</article>"
    article = import_file(write_page(tmp_path, body, head))
    assert article.title == "Rivers run warmer every year"


# -- cause 4: table cells with paragraphs --------------------------------------------------------
def test_paragraphs_inside_a_table_cell_stay_apart() -> None:
    html = "<table><tr><td><p>It was Genocide.</p><p>French troops left.</p></td></tr></table>"
    assert html_to_markdown(html) == "It was Genocide. French troops left."


def test_line_breaks_inside_a_table_cell_keep_the_row_on_one_line() -> None:
    html = "<table><tr><th>Founded</th><td>1998<br>in California</td></tr></table>"
    assert html_to_markdown(html) == "| Founded | 1998 in California |\n| --- | --- |"


# -- cause 5: images asked for only when one is kept ---------------------------------------------
def test_a_page_without_local_images_has_no_image_markup(tmp_path: Path) -> None:
    figure = '<figure><img src="https://cdn.example/a.jpg" alt="A brown fish"></figure>'
    article = import_file(write_page(tmp_path, f"<article>{paragraphs()}{figure}</article>"))
    assert "![" not in article.body and "brown fish" not in article.body


def test_a_local_image_is_still_kept(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    figure = '<figure><img src="page_files/map.png" alt="Map of the stations"></figure>'
    body = f"<article>{paragraphs(0, 3)}{figure}{paragraphs(3)}</article>"
    parsed = parse_file(write_page(tmp_path, body)).articles[0]
    assert "![Map of the stations](map.png)" in parsed.article.body
    assert list(parsed.assets) == ["map.png"]


# -- pages of Readability's test set -------------------------------------------------------------
def test_wiki_heading_edit_links_go(tmp_path: Path) -> None:
    edit = '<span class="mw-editsection">[<a href="https://wiki.example/edit?s=1">edit</a>]</span>'
    body = f"<article><h2>History{edit}</h2>{paragraphs(0, 3)}<h2>Today{edit}</h2>"
    body += f"{paragraphs(3)}</article>"
    article = import_file(write_page(tmp_path, body))
    assert "## History\n" in article.body + "\n"
    assert "edit" not in article.body


def test_a_date_in_the_text_is_not_the_articles_date(tmp_path: Path) -> None:
    """An encyclopedia page mentions its subject's founding date; the page declares none."""
    body = f"<article><p>The authority was founded on February 28, 1998.</p>{paragraphs()}"
    article = import_file(write_page(tmp_path, body + "</article>"))
    assert article.published is None


def test_the_title_repeated_in_italics_first_goes(tmp_path: Path) -> None:
    head = '<title>Rivers run warmer every year</title><meta property="og:title" '
    head += 'content="Rivers run warmer every year">'
    body = f"<article><p><em>Rivers run warmer every year</em></p>{paragraphs()}</article>"
    article = import_file(write_page(tmp_path, body, head))
    assert article.body.startswith(SENTENCES[0])


def test_a_leading_list_of_facts_goes(tmp_path: Path) -> None:
    facts = (
        '<ul><li>24 July 2015</li><li>From the section <a href="https://news.example/us">US</a>'
        "</li><li>941 comments</li></ul>"
    )
    article = import_file(write_page(tmp_path, f"<article>{facts}{paragraphs()}</article>"))
    assert article.body.startswith(SENTENCES[0])
    assert "941 comments" not in article.body


def test_a_list_in_the_text_stays(tmp_path: Path) -> None:
    steps = "<ul><li>Measure the water at dawn</li><li>Write the reading down</li></ul>"
    article = import_file(write_page(tmp_path, f"<article>{steps}{paragraphs()}</article>"))
    assert "- Measure the water at dawn" in article.body


def test_an_author_given_twice_is_one_author(tmp_path: Path) -> None:
    head = '<title>Warmer rivers</title><meta name="author" content="Jane Roe, JANE ROE">'
    article = import_file(write_page(tmp_path, f"<article>{paragraphs()}</article>", head))
    assert article.author == "Jane Roe"


def test_the_byline_element_gives_the_author(tmp_path: Path) -> None:
    byline = '<p class="byline">By Erin Cunningham March 3, 2025</p>'
    article = import_file(write_page(tmp_path, f"<article>{byline}{paragraphs()}</article>"))
    assert article.author == "Erin Cunningham"


def test_a_title_segment_naming_the_author_goes(tmp_path: Path) -> None:
    head = (
        '<title>x</title><meta property="og:title" content="Rivers run warmer | Jane Roe">'
        '<meta name="author" content="Jane Roe">'
    )
    article = import_file(write_page(tmp_path, f"<article>{paragraphs()}</article>", head))
    assert article.title == "Rivers run warmer"


def test_the_declared_title_wins_over_the_first_heading(tmp_path: Path) -> None:
    head = "<title>Babies who eat peanuts early may avoid allergy</title>"
    body = f"<h1>Allergies Health Center</h1><article>{paragraphs()}</article>"
    article = import_file(write_page(tmp_path, body, head))
    assert article.title == "Babies who eat peanuts early may avoid allergy"


# -- also seen: hidden text, repeated paragraphs, short pages ------------------------------------
def test_hidden_elements_are_not_text(tmp_path: Path) -> None:
    hidden = '<p style="display: none">Subscribe to read more of our reporting.</p>'
    hidden += "<p hidden>Thank you for subscribing to our newsletter today.</p>"
    article = import_file(write_page(tmp_path, f"<article>{paragraphs()}{hidden}</article>"))
    assert "Subscribe" not in article.body and "Thank you" not in article.body


def test_a_paragraph_the_page_repeats_is_kept_each_time(tmp_path: Path) -> None:
    refrain = "<p>We shall measure the rivers again, and again, until the water cools down.</p>"
    body = f"<article>{paragraphs(0, 3)}{refrain}{refrain}{paragraphs(3)}{refrain}</article>"
    article = import_file(write_page(tmp_path, body))
    assert article.body.count("We shall measure the rivers again") == 3


def test_a_short_note_imports(tmp_path: Path) -> None:
    article = import_file(write_page(tmp_path, "<article><p>Back on Monday.</p></article>"))
    assert article.body == "Back on Monday."


def test_a_page_in_japanese_imports(tmp_path: Path) -> None:
    text = "トレンドマイクロは公衆無線LANを安全に使うためのアプリを発表した。" * 3
    article = import_file(write_page(tmp_path, f"<article><p>{text}</p></article>"))
    assert "公衆無線LAN" in article.body


# -- related boxes -------------------------------------------------------------------------------
def test_related_box_without_adverts_and_card_dates(tmp_path: Path) -> None:
    box = (
        '<aside class="related-articles"><h3>Related</h3><ul>'
        '<li><a href="https://news.example/2010/dams.html"><h4>'
        '<span class="title">Dams change the valley for good</span>'
        '<time class="dateline">NOV. 7, 2010</time></h4></a></li>'
        '<li><a href="https://news.example/fish.html?utm_source=box&amp;id=4">'
        "Trout move upstream in the heat By Mario Rossi</a></li>"
        '<li><a href="https://traffic.outbrain.com/network/redir?p=abc">'
        "Is your office full of insecure people?</a></li>"
        '<li><a href="https://ads.example/click?url=https%3A%2F%2Fshop.example%2F">'
        "Ten gadgets every angler wants</a></li></ul></aside>"
    )
    path = write_page(tmp_path, f"<article>{paragraphs()}</article>{box}")
    article = import_file(path)
    assert [(item.title, item.url) for item in article.related] == [
        ("Dams change the valley for good", "https://news.example/2010/dams.html"),
        ("Trout move upstream in the heat", "https://news.example/fish.html?id=4"),
    ]


def test_tracking_urls() -> None:
    assert is_advert_or_tracking("https://paid.outbrain.com/network/redir?p=1")
    assert is_advert_or_tracking("https://ad.doubleclick.net/ddm/clk/1;2")
    assert is_advert_or_tracking("https://example.com/r?url=https://shop.example/")
    assert not is_advert_or_tracking("https://news.example/2024/rivers.html?page=2")
    assert without_tracking("https://a.example/x?utm_source=a&utm_medium=b") == (
        "https://a.example/x"
    )


# -- left-overs: a word glued to the link before it ----------------------------------------------
def test_the_space_after_a_link_comes_back() -> None:
    """trafilatura trims the text after a link in some layouts (a wiki's "See also: A and
    B" line, a blog's loose text): "[Mozilla Foundation](…)and" showed "Foundation↗and".
    The space comes back where the page has it; a word the page glues to a link stays."""
    from lxml import etree

    from reader.importers.page_tree import restore_link_spaces

    page = parse_page(
        '<html><body><div>See also: <a href="/f">Valley Trust</a> and <a href="/g">River '
        'Board</a></div><p>As <a href="/m">Ada Brook</a>reports, the water is warmer.</p>'
        "</body></html>"
    )
    body = etree.fromstring(
        '<body><p><ref target="/f">Valley Trust</ref>and</p><p><ref target="/g">River Board'
        '</ref></p><p>As <ref target="/m">Ada Brook</ref>reports, the water is warmer.</p></body>'
    )
    restore_link_spaces(body, page)
    assert [ref.tail for ref in body.iter("ref")] == [" and", None, "reports, the water is warmer."]


# -- left-overs: an infobox's rows as stray "key | value" paragraphs -----------------------------
def test_an_infobox_is_a_table_not_stray_lines() -> None:
    """A wiki infobox (rows labelled by a <th>) was flattened into "Industry | Open-source
    software" paragraphs among the article's; it is a Markdown table, its caption row the
    header, and the view shows a table."""
    from reader.render.html import markdown_to_html

    html = (
        "<p>Mozilla is a free-software community.</p>"
        '<table class="infobox"><tr><th colspan="2">Mozilla</th></tr>'
        '<tr><td colspan="2"><a href="https://wiki.example/logo.png"> </a></td></tr>'
        '<tr><th>Industry</th><td><a href="https://wiki.example/oss">Open-source software</a>'
        "</td></tr>"
        "<tr><th>Founded</th><td>February 28, 1998</td></tr></table>"
        "<p>The community is supported by a foundation.</p>"
    )
    assert html_to_markdown(html).split("\n\n") == [
        "Mozilla is a free-software community.",
        "| Mozilla |  |\n"
        "| --- | --- |\n"
        "| Industry | [Open-source software](https://wiki.example/oss) |\n"
        "| Founded | February 28, 1998 |",
        "The community is supported by a foundation.",
    ]
    shown = markdown_to_html(html_to_markdown(html))
    assert "<td>Founded</td>" in shown
    assert shown.count("<tr>") == 3


def test_labelled_rows_without_a_caption_get_an_empty_header() -> None:
    html = "<table><tr><th>Founded</th><td>1998</td></tr><tr><th>Staff</th><td>40</td></tr></table>"
    assert html_to_markdown(html) == ("|  |  |\n| --- | --- |\n| Founded | 1998 |\n| Staff | 40 |")


def test_a_data_table_keeps_its_first_row_as_header() -> None:
    html = (
        "<table><tbody><tr><td><b>Year</b></td><td><b>Rate | change</b></td></tr>"
        "<tr><td>2020</td><td>3</td></tr><tr><td>2021</td></tr></tbody></table>"
    )
    assert html_to_markdown(html) == (
        "| **Year** | **Rate \\| change** |\n| --- | --- |\n| 2020 | 3 |\n| 2021 |  |"
    )


def test_layout_tables_stay_paragraphs() -> None:
    """Cells holding a heading, a table or a text's worth of words lay out a page."""
    long_text = " ".join(SENTENCES * 2)
    headed = "<table><tr><td><h1>River news</h1></td><td><a href='https://x.example/'>Home</a></td></tr></table>"
    assert html_to_markdown(headed) == "# River news | [Home](https://x.example/)"
    text_cells = f"<table><tr><td>{long_text}</td><td>Sidebar note</td></tr></table>"
    assert html_to_markdown(text_cells) == f"{long_text} | Sidebar note"
    spacer = (
        "<table><tr><td></td><td>First note.</td></tr><tr><td> </td><td>Second.</td></tr></table>"
    )
    assert html_to_markdown(spacer) == "First note.\n\nSecond."
    nested = (
        "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>side</td></tr></table>"
    )
    assert html_to_markdown(nested) == "a | b | side"
