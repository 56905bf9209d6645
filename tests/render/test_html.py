"""Markdown -> sanitized HTML: nothing unsafe or remote survives, local assets stay inside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.library.model import Article, RelatedItem, Source
from reader.library.related import ResolvedRelated
from reader.render.html import (
    THEMES,
    format_date,
    markdown_to_html,
    render_article,
    theme_css,
)


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "library" / "assets" / "an-article"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "photo.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "library" / "assets" / "other-article").mkdir()
    (tmp_path / "library" / "assets" / "other-article" / "secret.png").write_bytes(b"x")
    (tmp_path / "outside.png").write_bytes(b"x")
    return folder


def test_plain_markdown_renders_with_extra_and_typography_as_written() -> None:
    out = markdown_to_html(
        '# Titolo\n\nL’IA è *più* "veloce" -- davvero...\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    )
    assert "<h1>Titolo</h1>" in out
    assert 'L’IA è <em>più</em> "veloce" -- davvero...' in out  # no smarty
    assert "<table" in out and "<td>1</td>" in out


def test_script_iframe_and_event_handlers_are_removed() -> None:
    out = markdown_to_html(
        "Hi <script>alert('x')</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n"
        '<img src="pic.png" onerror="alert(1)">\n\n<p onclick="x()">para</p>'
    )
    assert "script" not in out and "alert" not in out
    assert "iframe" not in out and "evil" not in out
    assert "onerror" not in out and "onclick" not in out
    assert "<p>para</p>" in out


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
    ],
)
def test_dangerous_link_schemes_lose_their_href(href: str) -> None:
    for source in (f"[click]({href})", f'<a href="{href}">click</a>'):
        out = markdown_to_html(source)
        assert "click" in out
        assert "href" not in out, out


def test_web_mail_and_internal_links_are_kept() -> None:
    out = markdown_to_html(
        "[web](https://example.com/a?b=1&c=2) [mail](mailto:x@example.com) "
        "[art](reader://article/some-id) [rel](other-article.md) [proto](//example.org/p) "
        "[bad](reader://nowhere/x) [rel2](../../etc/passwd)"
    )
    assert 'href="https://example.com/a?b=1&amp;c=2"' in out
    assert 'href="mailto:x@example.com"' in out
    assert 'href="reader://article/some-id"' in out
    assert 'href="reader://article/other-article"' in out
    assert 'href="https://example.org/p"' in out
    assert "nowhere" not in out and "passwd" not in out
    assert "rel=" not in out  # no rel="noopener" noise: links open in the system browser


@pytest.mark.parametrize(
    "src", ["https://tracker.example/pixel.png", "http://x.example/a.jpg", "//cdn.example/b.gif"]
)
def test_remote_images_become_their_alt_text(src: str) -> None:
    for source in (
        f"![Sam Altman sul palco]({src})",
        f'<img src="{src}" alt="Sam Altman sul palco">',
    ):
        out = markdown_to_html(source)
        assert "<img" not in out and "example" not in out
        assert '<span class="img-alt">[image: Sam Altman sul palco]</span>' in out


def test_remote_image_without_alt_says_image() -> None:
    assert '<span class="img-alt">[image]</span>' in markdown_to_html(
        "![](https://x.example/a.png)"
    )


def test_local_image_resolves_inside_assets_dir(assets: Path) -> None:
    out = markdown_to_html("![foto](img/photo.png)", assets_dir=assets)
    assert f'src="{(assets / "img" / "photo.png").resolve().as_uri()}"' in out
    assert 'alt="foto"' in out
    # the same file named relative to the article file (articles/<id>.md)
    out = markdown_to_html("![foto](../assets/an-article/img/photo.png)", assets_dir=assets)
    assert (assets / "img" / "photo.png").resolve().as_uri() in out


@pytest.mark.parametrize(
    "src",
    [
        "../other-article/secret.png",
        "../../../outside.png",
        "/etc/passwd",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "img/../../other-article/secret.png",
    ],
)
def test_images_escaping_assets_dir_are_dropped(assets: Path, src: str) -> None:
    out = markdown_to_html(f"before ![x]({src}) after", assets_dir=assets)
    assert "<img" not in out
    assert "secret" not in out and "outside" not in out and "passwd" not in out
    assert "before" in out and "after" in out


def test_missing_local_image_shows_alt_and_no_assets_dir_drops(assets: Path) -> None:
    assert "[image: gone]" in markdown_to_html("![gone](img/missing.png)", assets_dir=assets)
    assert "<img" not in markdown_to_html("![x](img/photo.png)", assets_dir=None)


def test_css_cannot_reach_the_network() -> None:
    out = markdown_to_html(
        "<style>body{background:url(https://t.example/a.png)}</style>\n\n"
        '<p style="background-image:url(https://t.example/b.png)">styled</p>\n\n'
        'Text\n{: style="background:url(https://t.example/c.png)" }'  # attr_list
    )
    assert "url(" not in out and "t.example" not in out
    assert "style=" not in out and "<style" not in out
    assert "styled" in out


def test_text_is_escaped_and_spaces_collapsed_outside_pre() -> None:
    out = markdown_to_html("a  &lt;b&gt;  c \xa0d e\xa0f\n\n    code  with  spaces\n")
    assert "a &lt;b&gt; c d e\xa0f" in out
    assert "code  with  spaces" in out


def article(**changes: object) -> Article:
    fields: dict[str, object] = {
        "id": "2024-03-25-openai",
        "title": "OpenAI tenta la conquista di Hollywood con Sora",
        "body": "Che Sam Altman abbia una marcia in più.\n\n<script>x()</script>",
        "author": "Mario Rossi",
        "published": dt.date(2024, 3, 25),
        "category": "IA",
        "lang": "it",
        "source": Source(kind="scraped-text", file="000_bfcfb1f07bcdb431.txt"),
        "related": [
            RelatedItem("Apple rinvierà il lancio di Apple Intelligence nell’UE", teaser="Il DMA."),
            RelatedItem("McDonald’s: l’IA non è ancora in grado", teaser="Drive-in <b>chiuso</b>."),
        ],
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def test_render_article_has_title_byline_body_and_related() -> None:
    item_a, item_b = article().related
    page = render_article(
        article(),
        related=[ResolvedRelated(item_a, "2024-06-21-apple"), ResolvedRelated(item_b, None)],
    )
    assert page.startswith("<html>") and page.rstrip().endswith("</html>")
    assert '<h1 class="title">OpenAI tenta la conquista di Hollywood con Sora</h1>' in page
    assert "Mario Rossi · 25 marzo 2024 · IA" in page
    # The imported file's internal name is provenance, not something to show (issue 13).
    assert "000_bfcfb1f07bcdb431" not in page
    assert "Che Sam Altman abbia una marcia in più." in page
    assert "<script" not in page
    # Reader's labels speak the article's language (Italian here), not the interface's.
    assert '<h2 class="related-heading">Articoli correlati</h2>' in page
    assert "Related articles" not in page
    assert '<a href="reader://article/2024-06-21-apple">Apple rinvierà' in page
    assert 'href="reader://search/McDonald%E2%80%99s%3A%20l%E2%80%99IA%20non' in page
    assert page.count("non è nella tua libreria") == 1
    assert "Il DMA." in page
    assert "Drive-in &lt;b&gt;chiuso&lt;/b&gt;." in page  # teasers are text, not HTML


def test_render_article_without_resolution_treats_items_as_unresolved() -> None:
    page = render_article(article())
    assert page.count("reader://search/") == 2
    assert page.count("non è nella tua libreria") == 2


@pytest.mark.parametrize(
    ("article_lang", "interface", "heading", "note", "source"),
    [
        ("en", "it", "Related articles", "not in your library", "Source:"),
        ("it", "en", "Articoli correlati", "non è nella tua libreria", "Fonte:"),
        ("it-IT", "en", "Articoli correlati", "non è nella tua libreria", "Fonte:"),
        ("fr", "it", "Articoli correlati", "non è nella tua libreria", "Fonte:"),
        ("", "en", "Related articles", "not in your library", "Source:"),
        ("de", "xx", "Related articles", "not in your library", "Source:"),
    ],
)
def test_labels_follow_the_article_language_else_the_interface(
    article_lang: str, interface: str, heading: str, note: str, source: str
) -> None:
    page = render_article(
        article(
            lang=article_lang,
            body="![foto](https://example.com/a.jpg)",
            source=Source(kind="web-page", file="page.html", url="https://example.com/a"),
        ),
        fallback_language=interface,
    )
    assert f'<h2 class="related-heading">{heading}</h2>' in page
    assert page.count(note) == 2
    assert f'<p class="source">{source} ' in page
    word = "image" if heading == "Related articles" else "immagine"
    assert f"[{word}: foto]" in page


def test_render_article_for_print_has_no_internal_links() -> None:
    web = RelatedItem("Con indirizzo", teaser="t", url="https://example.com/a")
    page = render_article(
        article(body="[altro](reader://article/x) [sito](https://example.com)", related=[web]),
        for_print=True,
    )
    assert "reader://" not in page
    assert "non è nella tua libreria" not in page
    assert 'href="https://example.com"' in page
    assert '<a href="https://example.com/a">Con indirizzo</a>' in page


def test_empty_byline_and_no_related_render_cleanly() -> None:
    page = render_article(article(author="", published=None, category="", source=None, related=[]))
    assert "byline" not in page.split("</style>")[1]
    assert "Articoli correlati" not in page


def test_title_is_escaped() -> None:
    page = render_article(article(title="<b>AT&T</b>"))
    assert "&lt;b&gt;AT&amp;T&lt;/b&gt;" in page


def test_dates_follow_the_article_language() -> None:
    assert format_date(dt.date(2024, 3, 25), "it") == "25 marzo 2024"
    assert format_date(dt.date(2024, 3, 25), "en") == "25 March 2024"
    assert format_date(dt.date(2024, 8, 1), "") == "1 August 2024"
    assert format_date(dt.date(2024, 8, 1), "", "it") == "1 agosto 2024"
    assert format_date(dt.date(2024, 8, 1), "nl", "it") == "1 agosto 2024"
    assert format_date(dt.date(2024, 8, 1), "fr", "it") == "1 août 2024"


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_styles_the_essentials(theme: str) -> None:
    css = theme_css(theme)
    for selector in ("body", "h1", "blockquote", "pre", "code", "th, td", "a ", "p.related-title"):
        assert selector in css, selector
    assert "line-height" in css
    assert "background-color" in css and "color" in css
    assert "url(" not in css


def test_themes_differ_and_unknown_theme_is_an_error() -> None:
    assert len({theme_css(theme) for theme in THEMES}) == len(THEMES)
    assert theme_css("light", for_print=True) != theme_css("light")
    with pytest.raises(ValueError, match="unknown theme"):
        theme_css("neon")


def test_render_uses_the_theme() -> None:
    assert theme_css("dark") in render_article(article(), theme="dark")


def test_site_name_leads_the_source_line() -> None:
    page = render_article(
        article(site="Il <Post>", source=Source(kind="html", url="https://www.ilpost.it/a"))
    )
    assert 'Fonte: Il &lt;Post&gt; · <a href="https://www.ilpost.it/a">' in page


def test_body_links_are_drawn_by_where_they_lead() -> None:
    from reader.library.links import ResolvedLink

    targets = {
        "sub/two.html#part": ResolvedLink("sub/two.html#part", "library", "two", "part"),
        "https://x.org/": ResolvedLink("https://x.org/", "web"),
        "gone.html": ResolvedLink("gone.html", "missing"),
    }
    article = Article(
        title="One",
        lang="it",
        body="[two](sub/two.html#part), [web](https://x.org/) and [gone](gone.html).",
    )
    page = render_article(article, links=targets.__getitem__)
    assert (
        '<a href="reader://article/two#part" class="link-library" title="Nella tua libreria">'
        "two</a>" in page
    )
    assert (
        '<a href="https://x.org/" class="link-web" title="Sul web">'
        'web<span class="link-web-mark">\u00a0\u2197</span></a>' in page
    )
    assert '<span class="link-missing" title="Pagina non salvata">gone</span>' in page
    assert "gone.html" not in page
