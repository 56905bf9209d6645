"""The ToUnicode fix and the Info update, on CMaps shaped like the ones Qt writes."""

from __future__ import annotations

from reader.render.pdfpost import (
    build_to_unicode_cmap,
    fix_to_unicode_cmap,
    parse_to_unicode_cmap,
    pdf_text_string,
)

QT_CMAP = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfrange
<0000> <0000> <0000>
<0001> <0005> [<0073> <0009> <2019> <FB01> <00E9> ]
<0006> <0008> <0041>
endbfrange
1 beginbfchar
<0009> <D83DDE00>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def test_parse_reads_arrays_consecutive_ranges_and_chars() -> None:
    mapping = parse_to_unicode_cmap(QT_CMAP)
    assert mapping is not None
    assert [mapping[glyph] for glyph in range(1, 10)] == [
        *("s", "\t", "’", "\ufb01", "é", "A", "B", "C"),
        "\U0001f600",
    ]


def test_fix_maps_tab_to_space_and_ligatures_to_letters() -> None:
    fixed = fix_to_unicode_cmap(QT_CMAP)
    assert fixed is not None
    mapping = parse_to_unicode_cmap(fixed)
    assert mapping is not None
    assert mapping[2] == " "
    assert mapping[4] == "fi"
    assert mapping[3] == "’" and mapping[5] == "é" and mapping[9] == "\U0001f600"


def test_fix_leaves_a_clean_cmap_alone() -> None:
    clean = build_to_unicode_cmap({1: "a", 2: " "})
    assert fix_to_unicode_cmap(clean) is None
    assert fix_to_unicode_cmap("not a cmap") is None


def test_bfchar_blocks_hold_at_most_100_entries() -> None:
    cmap = build_to_unicode_cmap({glyph: "x" for glyph in range(250)})
    assert cmap.count("beginbfchar") == 3
    assert "100 beginbfchar" in cmap and "50 beginbfchar" in cmap
    assert parse_to_unicode_cmap(cmap) == {glyph: "x" for glyph in range(250)}


def test_text_strings_are_utf16_hex() -> None:
    assert pdf_text_string("IA") == b"<FEFF00490041>"
    assert pdf_text_string("più") == b"<FEFF0070006900F9>"
