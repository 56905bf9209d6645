"""Fuzz families from the adversarial run: deep structures, lone surrogates, huge numbers,
YAML aliases, special files in the library, pathological Markdown.

Each target states the contract: a clear, one-line failure naming the file, or a result;
never another exception, never a hang, never unbounded work. ``make test`` runs a few
examples of each (``READER_FUZZ_EXAMPLES`` raises them; ``make fuzz`` uses 10,000).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importers import import_paths
from reader.library import Article, LibraryError, LibraryStore
from reader.library.catalog import Catalog
from reader.library.frontmatter import FrontMatterError, article_from_text
from reader.render.html import markdown_to_html
from tests.fuzzing import counted, fuzz_settings

pytestmark = pytest.mark.fuzz

# -- JSON: deep structures, surrogates, huge numbers, wrong shapes -------------------------
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["\ud800", "a\udfffb", "\ud83d", "<p>x</p>", "2024-02-30"]),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["title", "url", "content", "tags", "_embedded", "items", "x"]),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def entry_like(value: object) -> dict[str, object]:
    return {"title": value, "url": "https://example.org/a", "content": value, "tags": value}


def raw_json(document: object) -> bytes:
    return json.dumps(document).encode()


JSON_BYTES = st.one_of(
    JSON_VALUES.map(raw_json),
    st.lists(JSON_VALUES.map(entry_like), min_size=1, max_size=3).map(raw_json),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b'{"a":' * depth),
    st.integers(min_value=4000, max_value=20_000).map(
        lambda digits: b'[{"title": "t", "url": "u", "content": "c", "id": ' + b"7" * digits + b"}]"
    ),
    st.sampled_from(['[{"title": "\\ud800", "url": "u", "content": "<p>\\udfff testo</p>"}]']).map(
        str.encode
    ),
)


@fuzz_settings(default_examples=60)
@given(data=JSON_BYTES)
@counted
def test_wallabag_json_never_escapes_the_batch(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "export.json").write_bytes(data)
        (root / "zz.md").write_text("# Sempre importato\n\nUn testo.\n", "utf-8")
        store = LibraryStore(root / "library", Catalog(None))
        report = import_paths([root / "export.json", root / "zz.md"], store)
        assert report.results[-1].status == "imported"
        for result in report.results:
            if result.status == "failed":
                assert result.message and "\n" not in result.message
            elif result.status == "imported":
                article = store.get(result.article_id)  # written, and readable back
                assert "\ud800" not in article.title


# -- YAML front matter: aliases, huge numbers, impossible dates -----------------------------
def alias_document(depth: int, width: int, field: str) -> str:
    lines = ["a0: &a0 [x, x]"]
    for level in range(1, depth + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "---\n" + "\n".join(lines) + f"\n{field}: *a{depth}\n---\nbody\n"


FRONT_MATTER = st.one_of(
    st.builds(
        alias_document,
        st.integers(min_value=1, max_value=30),
        st.integers(min_value=1, max_value=12),
        st.sampled_from(["title", "author", "tags", "related", "source"]),
    ),
    st.builds(
        "---\ntitle: t\npublished: {}-{:02d}-{:02d}\n---\n".format,
        st.integers(min_value=0, max_value=9999),
        st.integers(min_value=0, max_value=99),
        st.integers(min_value=0, max_value=99),
    ),
    st.builds(
        "---\ntitle: t\nimported: 2024-01-01T10:00:00{}{:02d}:{:02d}\n---\n".format,
        st.sampled_from(["+", "-"]),
        st.integers(min_value=0, max_value=99),
        st.integers(min_value=0, max_value=99),
    ),
    st.integers(min_value=1, max_value=20_000).map(lambda n: f"---\ntitle: {'9' * n}\n---\n"),
    st.integers(min_value=1, max_value=5_000).map(lambda n: "---\ntitle: " + "[" * n + "\n---\n"),
    st.text(alphabet="&*[]{}:-!|>'\"\n ab", max_size=300).map(lambda t: f"---\n{t}\n---\n"),
)


@fuzz_settings(default_examples=80)
@given(text=FRONT_MATTER)
@counted
def test_front_matter_is_an_article_or_one_line_reason(text: str) -> None:
    started = time.perf_counter()
    try:
        article = article_from_text(text)
    except FrontMatterError as error:
        assert str(error) and "\n" not in str(error) and len(str(error)) < 300
    else:
        assert article.title
    assert time.perf_counter() - started < 5.0


# -- surrogates anywhere in an article ---------------------------------------------------------
SURROGATE_TEXT = st.text(
    alphabet=st.one_of(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.characters()),
    min_size=1,
    max_size=40,
)


@fuzz_settings(default_examples=40)
@given(title=SURROGATE_TEXT, body=SURROGATE_TEXT, tag=SURROGATE_TEXT, file=SURROGATE_TEXT)
@counted
def test_store_writes_any_text(title: str, body: str, tag: str, file: str) -> None:
    from reader.library.model import Source

    if not title.strip():
        title = "x" + title
    with tempfile.TemporaryDirectory() as folder:
        store = LibraryStore(Path(folder), Catalog(None))
        article = Article(title=title, body=body, tags=[tag], source=Source("text", file=file))
        try:
            stored = store.add(article)
        except LibraryError as error:
            assert "\n" not in str(error)
            return
        again = store.get(stored.id)
        assert again.title.strip()
        assert [s.id for s in store.summaries()] == [stored.id]


# -- special files in the library folder -------------------------------------------------------
SPECIALS = st.lists(
    st.sampled_from(["fifo", "dev-zero", "folder", "broken-link", "garbage", "bad-name", "good"]),
    min_size=1,
    max_size=6,
)


def make_special(articles: Path, number: int, kind: str, data: bytes) -> None:
    path = articles / f"f{number}.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "broken-link":
        path.symlink_to(articles / "nowhere")
    elif kind == "garbage":
        path.write_bytes(data)
    elif kind == "bad-name":
        (articles / os.fsdecode(b"f%d-\xff.md" % number)).write_text("---\ntitle: t\n---\n")
    else:
        path.write_text(f"---\ntitle: Buono {number}\n---\n\ntesto\n", "utf-8")


@fuzz_settings(default_examples=25)
@given(kinds=SPECIALS, data=st.binary(max_size=300))
@counted
def test_special_files_never_stop_the_library(kinds: list[str], data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = LibraryStore(root / "library", Catalog(root / "catalog.sqlite3"))
        store.ensure()
        for number, kind in enumerate(kinds):
            make_special(store.articles_dir, number, kind, data)
        listed = {summary.id for summary in store.summaries()}
        good = {f"f{n}" for n, kind in enumerate(kinds) if kind == "good"}
        assert good <= listed
        specials = {"fifo", "dev-zero", "folder", "broken-link", "bad-name"}
        assert sum(1 for kind in kinds if kind in specials) <= len(store.problems)
        for message in store.problems.values():
            assert "\n" not in message
        again = LibraryStore(store.root, Catalog(root / "catalog.sqlite3"))
        assert {summary.id for summary in again.summaries()} == listed


# -- pathological Markdown --------------------------------------------------------------------
MARKDOWN_PIECES = st.sampled_from(
    ["[", "]", "![", "(", ")", "&amp;", "&", "*", "_", "`", "<", ">", "|", "#", "\n", "\n\n",
     "[a](", "<a href='", "&#x", "\\", "    ", "- ", "1. ", "> ", "---\n", "~~~\n", "parola "]
)  # fmt: skip
PATHOLOGICAL_MARKDOWN = st.lists(
    st.tuples(MARKDOWN_PIECES, st.integers(min_value=1, max_value=60_000)), min_size=1, max_size=4
).map(lambda runs: "".join(piece * count for piece, count in runs))


@fuzz_settings(default_examples=30)
@given(body=PATHOLOGICAL_MARKDOWN)
@counted
def test_markdown_rendering_is_bounded(body: str) -> None:
    started = time.thread_time()  # CPU time: wall time stretches on a shared machine
    rendered = markdown_to_html(body)
    took = time.thread_time() - started
    assert took < 3.0, f"{took:.1f} s for {body[:60]!r}... ({len(body)} chars)"
    assert "<script" not in rendered.lower()
