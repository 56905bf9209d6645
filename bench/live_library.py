"""The live library: how soon the open window shows changes made outside it, and how long
its event loop ever waits meanwhile.

    python bench/live_library.py [--size 10000] [--workdir /tmp/reader-bench-live]

The library is generated (bench/synthetic.py), catalogued and indexed once; then, in one
process with the window open (offscreen):

* ``reader import`` runs in a subprocess, as from a terminal, several times: the time from
  starting it to the row appearing in the window's list, and to the toolbar search
  finding it (the subprocess's own start-up and import are part of it, and reported too);
* another process adds, then edits (atomic saves, as editors do), then deletes many
  articles in bursts while a 1 ms timer on the GUI thread records the longest gap between
  two ticks (the longest a keystroke or a scroll would have waited), until the list and
  the index have caught up;
* the idle cost: one periodic rescan that finds nothing, timed in the worker.

Results go to docs/performance.md (section "Live library").
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe_machine, update_section
from bench.synthetic import write_library
from reader.library.store import MAX_ID_LENGTH
from reader.library.text import slugify
from reader.paths import Paths

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
REPO = Path(__file__).resolve().parent.parent
IMPORTS = 5
BURST = 500
IDLE_SECONDS = 5.0
"""Articles per outside burst (added, then edited, then deleted)."""

WRITER = r"""
import os, sys, time
folder, action, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(count):
    path = os.path.join(folder, f"outside-{n:05d}.md")
    if action == "delete":
        os.unlink(path)
        continue
    title = f"Outside {n:05d}" if action == "add" else f"Outside {n:05d}, edited"
    text = (f"---\ntitle: {title}\npublished: 2031-01-{1 + n % 28:02d}\ncategory: World\n"
            f"lang: en\n---\n\n" + f"Paragraph about outside change number {n}.\n\n" * 30)
    temporary = os.path.join(folder, f".tmp-writer-{n}")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)
"""


def paths_for(size: int, workdir: Path) -> Paths:
    return Paths.resolve(library=workdir / f"library-{size}", base_dir=workdir / f"base-{size}")


def prepare(size: int, workdir: Path) -> dict[str, float]:
    from reader.app import build_services

    library = workdir / f"library-{size}"
    if not (library / "articles").is_dir():
        write_library(library, size)
    for pattern in ("outside-*.md", "imported-from-a-terminal-*.md"):
        for leftover in (library / "articles").glob(pattern):
            leftover.unlink()
    services = build_services(paths_for(size, workdir), seed_sample_library=False)
    started = time.perf_counter()
    services.store.summaries()
    catalogued = time.perf_counter() - started
    started = time.perf_counter()
    services.search.update()
    indexed = time.perf_counter() - started
    services.close()
    return {"catalog_s": catalogued, "index_s": indexed}


class StallMeter:
    """The GUI thread's longest wait between two ticks of a 1 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in itertools.pairwise(self.ticks))


def wait_for(app: object, condition: Callable[[], bool], timeout: float = 600.0) -> float:
    started = time.perf_counter()
    while not condition():
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.0005)
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the window did not catch up")
    return time.perf_counter()


def measure(size: int, workdir: Path) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.app import build_services
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["reader"])
    paths = paths_for(size, workdir)
    services = build_services(paths, seed_sample_library=False)
    window = MainWindow(services)
    window.resize(1280, 820)
    window.show()
    wait_for(app, lambda: not window.jobs.is_busy() and not window.live_library.is_refreshing())
    model, search = window.library_model, services.search
    articles = services.store.articles_dir
    results: dict[str, object] = {"rows": model.total_count()}

    # 0. The baseline: the longest stall of an idle window over a few seconds (on a shared
    # machine the operating system alone accounts for some).
    meter = StallMeter()
    meter.start()
    idle_until = time.perf_counter() + IDLE_SECONDS
    wait_for(app, lambda: time.perf_counter() > idle_until)
    results["idle_stall_ms"] = round(meter.stop() * 1000)

    # 1. `reader import` from a terminal, to the row in the open window.
    to_row, to_search, cli = [], [], []
    drop = workdir / "to-import"
    drop.mkdir(exist_ok=True)
    for n in range(IMPORTS):
        title = f"Imported from a terminal {time.time_ns()}"
        word = f"lanternword{n}x{time.time_ns() % 100000}"
        page = drop / f"page-{n}.md"
        page.write_text(f"# {title}\n\nA paragraph with {word} in it.\n", "utf-8")
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "--library", str(paths.library), "--base-dir",
             str(workdir / f"base-{size}"), "import", str(page)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        ended: list[float] = []
        expected_id = slugify(title, max_length=MAX_ID_LENGTH - 11)

        def row_shown(
            expected_id: str = expected_id, process: subprocess.Popen = process, ended=ended
        ) -> bool:
            if not ended and process.poll() is not None:
                ended.append(time.perf_counter())
            return model.summary(expected_id) is not None

        shown = wait_for(app, row_shown)
        stall = meter.stop()
        found = wait_for(app, lambda word=word: bool(search.search(word).hits))
        process.wait()
        ended = ended or [shown]
        to_row.append(shown - started)
        to_search.append(found - started)
        cli.append(ended[0] - started)
        results["import_stall_ms"] = max(float(results.get("import_stall_ms", 0)), stall * 1000)
        wait_for(app, lambda: not window.jobs.is_busy())
    results |= {
        "to_row_ms": [round(x * 1000) for x in to_row],
        "to_search_ms": [round(x * 1000) for x in to_search],
        "cli_ms": [round(x * 1000) for x in cli],
    }

    # 2. Bursts of outside changes, with the event loop watched throughout.
    before = model.total_count()
    for action, expected in (("add", before + BURST), ("edit", before + BURST), ("delete", before)):
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(articles), action, str(BURST)])
        written = wait_for(app, lambda writer=writer: writer.poll() is not None)

        def caught_up(action: str = action, expected: int = expected) -> bool:
            if model.total_count() != expected:
                return False
            if action == "edit":
                last = model.summary(f"outside-{BURST - 1:05d}")
                return last is not None and last.title.endswith("edited")
            return True

        listed = wait_for(app, caught_up)
        indexed = wait_for(
            app,
            lambda: not window.jobs.is_busy() and not window.live_library.is_refreshing(),
        )
        results[f"{action}_stall_ms"] = round(meter.stop() * 1000)
        results[f"{action}_write_s"] = round(written - started, 2)
        results[f"{action}_listed_s"] = round(listed - written, 2)
        results[f"{action}_indexed_s"] = round(indexed - written, 2)

    # 3. An idle periodic rescan (nothing changed), as the worker runs it.
    started = time.perf_counter()
    services.store.refresh(services.store.version)
    results["idle_rescan_ms"] = round((time.perf_counter() - started) * 1000)
    meter = StallMeter()
    meter.start()
    window.live_library.refresh()
    wait_for(app, lambda: not window.live_library.is_refreshing())
    results["idle_rescan_stall_ms"] = round(meter.stop() * 1000)
    window.close()
    services.close()
    return results


def gui_thread_costs(size: int) -> dict[str, float]:
    """What the GUI thread itself does per refresh, on ``size`` in-memory rows (no files, so
    100k is cheap to measure): the model diff, the counts, the filter combos."""
    import datetime as dt

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.library.model import ArticleSummary
    from reader.ui.library_model import LibraryModel

    QApplication.instance() or QApplication(["bench"])

    def row(n: int, title: str = "") -> ArticleSummary:
        title = title or f"Title {n * 7919 % size:06d}"
        return ArticleSummary(
            id=f"article-{n:06d}",
            title=title,
            author="",
            published=dt.date(2000, 1, 1) + dt.timedelta(days=n % 9000),
            category=("Scienza", "IA", "World", "Sport")[n % 4],
            tags=(f"tag{n % 50}",),
            lang="it",
            starred=n % 11 == 0,
            read=n % 3 == 0,
            title_key=title.casefold(),  # (the store fills it when it reads a file)
        )

    model = LibraryModel()
    model.set_summaries(row(n) for n in range(size))
    costs: dict[str, float] = {}

    def timed(name: str, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        costs[name] = (time.perf_counter() - started) * 1000

    model.apply_changes([row(size + 2)], [])  # (the first add notes every category and tag)
    timed("one_added_ms", lambda: model.apply_changes([row(size + 1)], []))
    timed("one_edited_ms", lambda: model.apply_changes([row(5, "Retitled")], []))
    timed("one_removed_ms", lambda: model.apply_changes([], ["article-000007"]))
    burst = [row(size + 10 + n) for n in range(BURST)]
    timed("burst_added_ms", lambda: model.apply_changes(burst, []))
    timed("burst_removed_ms", lambda: model.apply_changes([], [r.id for r in burst]))
    timed("counts_ms", lambda: (model.unread_count(), model.total_count()))
    timed("filter_choices_ms", lambda: (model.categories(), model.tags()))
    many = [row(size + 10_000 + n) for n in range(max(2_001, size // 10 + 1))]
    timed("bulk_resort_ms", lambda: model.apply_changes(many, []))
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reader-bench-live"))
    parser.add_argument("--no-doc", action="store_true", help="print only")
    parser.add_argument(
        "--gui-costs", type=int, default=100_000, help="rows for the in-memory GUI-thread costs"
    )
    args = parser.parse_args()
    costs = gui_thread_costs(args.gui_costs)
    print(f"GUI-thread costs at {args.gui_costs:,} rows: {costs}", flush=True)
    args.workdir.mkdir(parents=True, exist_ok=True)
    prepared = prepare(args.size, args.workdir)
    print(f"prepared: {prepared}", flush=True)
    result = measure(args.size, args.workdir)
    print(result, flush=True)
    if args.no_doc:
        return
    median = statistics.median
    body = "\n".join(
        [
            f"Machine: {describe_machine()} (shared with other jobs while measured: load "
            f"average {os.getloadavg()[0]:.1f}). "
            f"Script: `bench/live_library.py --size {args.size}`; one window on the offscreen "
            f"platform over a synthetic library of {result['rows']:,} articles (catalog and "
            f"index up to date before: {prepared['catalog_s']:.1f} s and "
            f"{prepared['index_s']:.0f} s to check).",
            "",
            "| measure | value |",
            "|---|---:|",
            f"| longest event-loop stall of the idle window over {IDLE_SECONDS:.0f} s "
            f"(baseline: the machine's own noise) | {result['idle_stall_ms']} ms |",
            f"| `reader import` of one page in a terminal to its row in the open window, "
            f"median / max of {IMPORTS} | {median(result['to_row_ms']):.0f} / "
            f"{max(result['to_row_ms']):.0f} ms |",
            f"| … of which the `reader import` process itself (start-up, import), median "
            f"| {median(result['cli_ms']):.0f} ms |",
            f"| same import to the toolbar search finding it, median / max "
            f"| {median(result['to_search_ms']):.0f} / {max(result['to_search_ms']):.0f} ms |",
            f"| longest event-loop stall during those imports "
            f"| {result['import_stall_ms']:.0f} ms |",
            f"| {BURST} articles added by another process: all listed / indexed after the "
            f"writes | {result['add_listed_s']} s / {result['add_indexed_s']} s |",
            f"| longest event-loop stall meanwhile | {result['add_stall_ms']} ms |",
            f"| the same {BURST} edited (atomic saves): listed / indexed "
            f"| {result['edit_listed_s']} s / {result['edit_indexed_s']} s |",
            f"| longest event-loop stall meanwhile | {result['edit_stall_ms']} ms |",
            f"| the same {BURST} deleted: gone from the list / the index "
            f"| {result['delete_listed_s']} s / {result['delete_indexed_s']} s |",
            f"| longest event-loop stall meanwhile | {result['delete_stall_ms']} ms |",
            f"| a periodic rescan that finds nothing (in the worker) "
            f"| {result['idle_rescan_ms']} ms |",
            f"| longest event-loop stall during it | {result['idle_rescan_stall_ms']} ms |",
        ]
    )
    body += "\n".join(
        [
            "",
            "",
            f"What the GUI thread itself does when a refresh brings changes, measured on "
            f"{args.gui_costs:,} rows in memory (a library that size is too slow to generate "
            f"and index on this machine within the session; the file work runs in workers and "
            f"scales with the number of files, the GUI-thread work below with the rows):",
            "",
            "| on the GUI thread | ms |",
            "|---|---:|",
            f"| one article added / edited (moved in the order) / removed "
            f"| {costs['one_added_ms']:.2f} / {costs['one_edited_ms']:.2f} / "
            f"{costs['one_removed_ms']:.2f} |",
            f"| {BURST} articles added / removed in one refresh "
            f"| {costs['burst_added_ms']:.0f} / {costs['burst_removed_ms']:.0f} |",
            f"| the status-bar counts | {costs['counts_ms']:.0f} |",
            f"| refilling the category and tag filters (only when they may have changed) "
            f"| {costs['filter_choices_ms']:.0f} |",
            f"| a batch over a tenth of the library: one re-sort instead of row moves "
            f"| {costs['bulk_resort_ms']:.0f} |",
        ]
    )
    update_section(DOC, f"Live library on {args.size:,} articles", body)


if __name__ == "__main__":
    main()
