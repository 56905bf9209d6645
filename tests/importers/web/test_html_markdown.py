"""The HTML-to-Markdown converter used for feed and Wallabag content, and URL keys."""

from __future__ import annotations

import markdown
import pytest

from reader.importers.html_markdown import html_to_markdown
from reader.library.urls import url_key


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Loose text<div>and a block</div>", "Loose text\n\nand a block"),
        ("<p>a<b> bold </b>word</p>", "a **bold** word"),
        ("<p>line<br>break</p>", "line  \nbreak"),
        ("<h3>Title</h3>", "### Title"),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n\n  - b"),
        ("<pre>x = 1\ny = 2</pre>", "```\nx = 1\ny = 2\n```"),
        ("<p>use <code>a*b</code></p>", "use `a*b`"),
        ("<p>1. not a list, *not emphasis*</p>", "1\\. not a list, \\*not emphasis\\*"),
        ('<p><a href="/x">rel</a> <a href="javascript:1">js</a></p>', "rel js"),
        ("<p>x</p><script>alert(1)</script><style>p{}</style>", "x"),
        ('<img src="https://e.example/a.jpg" alt="">', ""),
    ],
)
def test_conversion(html: str, expected: str) -> None:
    assert html_to_markdown(html) == expected


def test_relative_links_resolve_against_the_base() -> None:
    md = html_to_markdown('<p><a href="/x (1)">t</a></p>', base_url="https://e.example/a/")
    assert md == "[t](<https://e.example/x%20(1)>)"
    assert '<a href="https://e.example/x%20(1)">t</a>' in markdown.markdown(md)


def test_escaped_text_renders_as_itself() -> None:
    html = markdown.markdown(html_to_markdown("<p># not a heading &lt;b&gt; [x](y)</p>"))
    assert "<h1>" not in html and "&lt;b&gt;" in html and "<a " not in html


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.Example.com/a/?utm_source=x#top", "http://example.com/a"),
        ("https://example.com:443/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ],
)
def test_url_keys_equal(first: str, second: str) -> None:
    assert url_key(first) == url_key(second) != ""


def test_url_keys_differ_and_non_web_urls_have_none() -> None:
    assert url_key("https://example.com/a?id=1") != url_key("https://example.com/a?id=2")
    assert url_key("mailto:x@example.com") == url_key("not a url") == ""
