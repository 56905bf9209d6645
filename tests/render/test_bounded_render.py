"""Rendering is bounded: bodies that made Python-Markdown quadratic are shown as plain text at
once, ordinary ones keep their formatting; ``mailto:`` links keep only address and subject."""

from __future__ import annotations

import html
import time

import pytest

from reader.library.model import Article
from reader.render.bounded import bounded_markdown
from reader.render.html import (
    markdown_is_bounded,
    markdown_to_html,
    render_article,
    render_is_slow,
)

PATHOLOGICAL = {
    "16 KB of [": "[" * 16_000,
    "50 KB of [": "[" * 50_000,
    "1 MB of &amp;": "&amp;" * 200_000,
    "[ in many paragraphs": ("[" * 300 + "\n\n") * 40,
    "![ runs": "![" * 5_000,
    "a 700 KB body": "parola " * 100_000,
}
FOUND_BY_FUZZING = {
    # Not caught by the pre-check: stopped by the deadline (times measured before it).
    "80 KB of --- lines (55 s)": "---\n" * 20_000,
    "45 KB of <a href=' (8 s)": "<a href='" * 5_000,
    "20 KB of > (1.4 s)": ">" * 20_000,
    "60 KB of 1. (2.6 s)": "1. " * 20_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL) + sorted(FOUND_BY_FUZZING))
def test_pathological_markdown_renders_as_plain_text_at_once(name: str) -> None:
    body = PATHOLOGICAL.get(name) or FOUND_BY_FUZZING[name]
    assert markdown_is_bounded(body) == (name in FOUND_BY_FUZZING)
    started = time.thread_time()  # CPU time: the test machine is shared, wall time stretches
    rendered = markdown_to_html(body)
    took = time.thread_time() - started
    assert took < 1.0, f"{name}: {took:.1f} s"  # before: 1.4 s to 285 s
    if name in FOUND_BY_FUZZING:
        # Converted if it fits the CPU budget on this run, else cut off into plain text.
        assert rendered.startswith(("<p>", "<h2>", "<blockquote>"))
        return
    assert rendered.startswith("<p>")
    first_word = body.split()[0][:50]
    assert html.escape(first_word, quote=False) in rendered


def test_deadline_leaves_nothing_pending() -> None:
    """A cut-off conversion raises nothing later, in unrelated code."""
    for _ in range(5):
        assert bounded_markdown("---\n" * 20_000, ["extra"], seconds=0.05) is None
        assert (
            bounded_markdown("Un *testo*.", ["extra"], seconds=0.05) == "<p>Un <em>testo</em>.</p>"
        )
    total = 0
    for number in range(2_000_000):  # ~0.1 s of bytecodes for a stray exception to land in
        total += number
    assert total > 0


def test_ordinary_article_keeps_its_markdown() -> None:
    body = "\n\n".join(
        f"Paragrafo {n} con *enfasi*, [un link](https://example.org/{n}) e [nota]."
        for n in range(300)
    )
    assert markdown_is_bounded(body)
    rendered = markdown_to_html(body)
    assert "<em>enfasi</em>" in rendered
    assert '<a href="https://example.org/299">un link</a>' in rendered


def test_large_bodies_are_flagged_for_a_worker_thread() -> None:
    assert not render_is_slow("breve " * 100)
    assert render_is_slow("lungo " * 20_000)


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("mailto:a@example.org?attach=/etc/passwd", "mailto:a@example.org"),
        ("mailto:a@example.org?attachment=file:///etc/passwd&subject=Ciao",
         "mailto:a@example.org?subject=Ciao"),
        ("mailto:a@example.org?cc=x@evil.example&bcc=y@evil.example&body=Clicca",
         "mailto:a@example.org"),
        ("mailto:a@example.org?Subject=Una%20domanda",
         "mailto:a@example.org?Subject=Una%20domanda"),
        ("MAILTO:a@example.org,b@example.org", "mailto:a@example.org,b@example.org"),
    ],
)  # fmt: skip
def test_mailto_keeps_only_address_and_subject(href: str, kept: str) -> None:
    article = Article(title="Contatti", body=f"Scrivi [qui]({href}).")
    for rendered in (markdown_to_html(article.body), render_article(article, for_print=True)):
        assert f'<a href="{kept}">qui</a>' in rendered
        assert "passwd" not in rendered and "evil" not in rendered


def test_mailto_without_address_is_only_text() -> None:
    assert markdown_to_html("[qui](mailto:?attach=/etc/passwd)") == "<p><a>qui</a></p>"
