"""The index's files are read by position (``os.pread``) and give Whoosh the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.search import SearchService
from reader.search.storage import PositionalFile, PositionalReadStorage


@pytest.mark.skipif(not hasattr(os, "pread"), reason="no pread on this system")
def test_searcher_reads_its_files_by_position(service: SearchService) -> None:
    searcher = service._get_searcher()
    assert searcher is not None
    postings = searcher.leaf_searchers()[0][0].reader()._terms._postfile
    assert isinstance(postings, PositionalFile)
    assert service.search("piante").total == 1


def test_positional_reads_leave_the_file_offset_alone(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(bytes(range(200)))
    handle = PositionalReadStorage(str(tmp_path)).open_file("data.bin")
    try:
        handle.seek(10)
        assert handle.get(100, 4) == bytes([100, 101, 102, 103])
        assert handle.get(198, 10) == bytes([198, 199])  # short at the end, as read() is
        assert handle.read(2) == bytes([10, 11])  # Whoosh's seek-and-read still works
    finally:
        handle.close()
