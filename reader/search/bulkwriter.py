"""A Whoosh segment writer for rebuilds: postings kept by term in memory, written in bulk.

Why: profiled on a 1,000-article rebuild, two thirds of Whoosh's indexing time went into
moving each posting (~850 per article) through its generic machinery one at a time: a
tuple into a sorting pool that pickles runs to temporary files, a heap merge of the runs
reading them back, a per-posting lookup of the article's field length in the lengths
file just written, a per-posting ``add`` into a block, and zlib on every block (most
hold one or two postings, which compression makes larger, not smaller).

Articles arrive in document order, so each term's postings are already sorted: this
writer appends them to one flat list per term and, at commit, sorts only the terms and
hands each term's postings to the block writer 128 at a time. The files are Whoosh's
own format (codec W3), read by the ordinary readers; a test compares the postings with
those Whoosh's writer makes. Only blocks whose data is large enough to gain from it are
compressed (the reader honours a per-block flag), which also spares the reader a
``zlib.decompress`` for most terms.

Postings of Reader's own text fields (those with ``term_postings``, see
``reader.search.schema.FoldedText``) are kept even smaller: one ``array('I')`` per term of
document, frequency and (for fields with positions) the positions, encoded into Whoosh's
value bytes only when the term is written. A Python list of (document, weight, value
bytes) cost ~27 bytes a posting plus a bytes object per multi-word position list; the
array costs 8 bytes plus 4 a position. Measured on 2,500 synthetic articles (one
worker's share of a 5,000-article segment), the postings took ~85 MB as lists.

Used for the fresh segments of a rebuild (at most ``FRESH_SEGMENT_DOCS`` articles per
segment and process, so memory stays bounded); merges and incremental updates keep
Whoosh's writer, whose pool spills to disk.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Callable
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.formats import Positions
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import IndexingError, SegmentWriter, UnknownFieldError

COMPRESS_MIN_BYTES = 256
"""Blocks whose pickled data is shorter than this are written uncompressed."""


class TermPool:
    """Postings of one segment being written. Stands in for Whoosh's ``PostingPool`` on a
    ``BulkSegmentWriter``.

    * ``fields``: field -> term -> flat [doc, weight, value, ...] (any Whoosh field);
    * ``packed``: field -> term -> ``array('I')`` of doc, frequency[, positions] per
      posting, for fields that give their postings as integers (``term_postings``).
    """

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, list[Any]]] = {}
        self.packed: dict[str, dict[bytes, array[int]]] = {}
        self.fieldnames: set[str] = set()
        """Fields that got postings (Whoosh's multi-process writer reads this)."""

    def terms(self, fieldname: str) -> dict[bytes, list[Any]]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def packed_terms(self, fieldname: str) -> dict[bytes, array[int]]:
        terms = self.packed.get(fieldname)
        if terms is None:
            terms = self.packed[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Whoosh's pool interface (one posting); postings of a term must come in
        increasing document order, as they do while documents are added."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.terms(fieldname)
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = [docnum, weight, vbytes]
        else:
            postings += (docnum, weight, vbytes)

    def cleanup(self) -> None:
        self.fields = {}
        self.packed = {}


class BulkSegmentWriter(SegmentWriter):
    """``SegmentWriter`` with a ``TermPool`` and a bulk postings flush (see the module).

    Supports what Reader's schema uses: indexed, stored, scorable and column fields. Not
    term vectors, separate spelling fields or per-document boosts (refused).
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise IndexingError(f"BulkSegmentWriter cannot write field {name!r}")
        self.pool = TermPool()  # type: ignore[assignment]
        self._lengths: dict[str, dict[int, int]] = {}
        """Per scorable field: document -> its length as the lengths column returns it."""

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        if any(name.startswith("_") for name in fields):
            raise IndexingError("BulkSegmentWriter takes no boosts or _stored_ values")
        schema = self.schema
        perdoc = self.perdocwriter
        docnum = self.docnum
        pool = self.pool
        perdoc.start_doc(docnum)
        try:
            for fieldname in sorted(fields):
                value = fields[fieldname]
                if value is None:
                    continue
                if fieldname not in schema:
                    raise UnknownFieldError(f"No field named {fieldname!r} in {schema}")
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    term_postings = getattr(field, "term_postings", None)
                    if term_postings is not None:
                        packed = pool.packed_terms(fieldname)  # type: ignore[attr-defined]
                        for tbytes, freq, where in term_postings(value):
                            length += freq
                            numbers = packed.get(tbytes)
                            if numbers is None:
                                numbers = packed[tbytes] = array("I")
                            numbers.append(docnum)
                            numbers.append(freq)
                            if where is not None:
                                numbers.extend(where)
                    else:
                        terms = pool.terms(fieldname)  # type: ignore[attr-defined]
                        for tbytes, freq, weight, vbytes in field.index(value):
                            length += freq
                            postings = terms.get(tbytes)
                            if postings is None:
                                terms[tbytes] = [docnum, weight, vbytes]
                            else:
                                postings += (docnum, weight, vbytes)
                    if field.scorable:
                        lengths = self._lengths.setdefault(fieldname, {})
                        code = length_to_byte(length)
                        if code:
                            lengths[docnum] = byte_to_length(code)
                    else:
                        length = 0
                perdoc.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader: Any) -> None:
        raise IndexingError("BulkSegmentWriter writes fresh segments only; merges use Whoosh's")

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        write_postings(self.fieldwriter, self.schema, self.pool, self._lengths)  # type: ignore[arg-type]
        self.fieldwriter.close()


def write_postings(
    fieldwriter: Any, schema: Any, pool: TermPool, lengths: dict[str, dict[int, int]]
) -> None:
    """Write every term of ``pool`` through W3's field writer, in field and term order."""
    codec = fieldwriter._codec
    for fieldname in sorted(set(pool.fields) | set(pool.packed)):
        field = schema[fieldname]
        terms: dict[bytes, Any]
        if fieldname in pool.packed:
            terms = pool.packed[fieldname]
            unpack = _packed_unpacker(field)
        else:
            terms = pool.fields[fieldname]
            unpack = _unpack_flat
        if not terms:  # as Whoosh: a field nobody had words in is not in the term table
            continue
        fieldwriter.start_field(fieldname, field)
        _write_terms(
            fieldwriter._postfile,
            fieldwriter._tindex.add,
            pack_ushort(fieldwriter._fieldid),
            field.format.fixed_value_size(),
            terms,
            unpack,
            lengths.get(fieldname),
            codec._blocklimit,
            codec._compression,
        )
        fieldwriter.finish_field()


Unpacked = tuple[list[int], "array[float]", list[Any]]
"""A term's postings as the block writer takes them: documents, weights, value bytes."""


def _unpack_flat(postings: list[Any]) -> Unpacked:
    return postings[0::3], array("f", postings[1::3]), postings[2::3]


def _packed_unpacker(field: Any) -> Callable[[array[int]], Unpacked]:
    """Decoder of a ``TermPool.packed`` term for ``field``: frequencies become weights
    (times the field's boost, as ``index`` gives them) and values the format's bytes."""
    boost = field.format.field_boost
    encode = field.posting_value
    positional = isinstance(field.format, Positions)

    def unpack(numbers: array[int]) -> Unpacked:
        if not positional:
            ids = numbers[0::2].tolist()
            counts = numbers[1::2]
            values = [encode(count, None) for count in counts]
        else:
            ids, counts, values = [], array("I"), []
            index, end = 0, len(numbers)
            while index < end:
                count = numbers[index + 1]
                ids.append(numbers[index])
                counts.append(count)
                start = index + 2
                index = start + count
                values.append(encode(count, numbers[start:index].tolist()))
        weights = array("f", counts)
        if boost != 1.0:
            weights = array("f", [weight * boost for weight in weights])
        return ids, weights, values

    return unpack


_TERMINFO = struct.Struct("!BfIBBfIIqi")
"""W3TermInfo.to_bytes for postings in the postings file: flags, total weight, document
frequency, min/max length bytes, max weight, first/last document, offset, length."""


def _write_terms(
    postfile: Any,
    add_term: Any,
    field_key: bytes,
    value_size: int | None,
    terms: dict[bytes, Any],
    unpack: Callable[[Any], Unpacked],
    doc_lengths: dict[int, int] | None,
    blocklimit: int,
    compression: int,
) -> None:
    """The postings of one field, each term's blocks as ``W3PostingsWriter`` lays them
    out (header, then per block: signed length, pickled block info, pickled data) and
    its row in the term table as ``W3TermInfo.to_bytes`` packs it: the same bytes, in
    one pass per term instead of one method call per posting."""
    buffer = bytearray()
    offset = postfile.tell()
    pack_terminfo = _TERMINFO.pack
    get_length = doc_lengths.get if doc_lengths is not None else None
    for tbytes in sorted(terms):
        ids, weights, values = unpack(terms[tbytes])
        count = len(ids)
        start = offset + len(buffer)
        buffer += WHOOSH3_HEADER_MAGIC
        total_weight = 0.0
        max_weight = 0.0
        min_length: int | None = None
        max_length = 0
        for first in range(0, count, blocklimit):
            last = first + blocklimit >= count
            block_ids = ids[first : first + blocklimit] if count > blocklimit else ids
            block_weights = weights[first : first + blocklimit] if count > blocklimit else weights
            block_values = values[first : first + blocklimit] if count > blocklimit else values
            if get_length is not None:
                present = [n for n in map(get_length, block_ids) if n]
                low = min(present) if present else None
                high = max(present) if present else 0
            else:
                low, high = None, 0
            top = max(block_weights)
            total_weight += sum(block_weights)
            max_weight = max(max_weight, top)
            if low is not None:
                min_length = low if min_length is None else min(min_length, low)
            max_length = max(max_length, high)
            data = dumps(
                (
                    tuple(delta_encode(block_ids)),
                    _mini_weights(block_weights),
                    _mini_values(block_values, value_size),
                ),
                2,
            )
            comp = compression if len(data) >= COMPRESS_MIN_BYTES else 0
            if comp:
                data = zlib.compress(data, comp)
            info = dumps(
                (
                    len(block_ids),
                    block_ids[-1],
                    top,
                    comp,
                    length_to_byte(low),
                    length_to_byte(high),
                ),
                2,
            )
            size = len(info) + len(data)
            buffer += pack_int(-size if last else size)
            buffer += info
            buffer += data
        add_term(
            field_key + tbytes,
            pack_terminfo(
                0,
                total_weight,
                count,
                0 if min_length is None else length_to_byte(min_length),
                length_to_byte(max_length),
                max_weight,
                ids[0],
                ids[-1],
                start,
                offset + len(buffer) - start,
            ),
        )
        if len(buffer) > 1 << 20:
            postfile.write(bytes(buffer))
            offset += len(buffer)
            buffer.clear()
    postfile.write(bytes(buffer))


def _mini_weights(weights: array[float]) -> object:
    """``W3PostingsWriter._mini_weights``: None if all 1.0, one float if all equal."""
    first = weights[0]
    if first == 1.0 and weights.count(1.0) == len(weights):
        return None
    if weights.count(first) == len(weights):
        return first
    return tuple(weights)


def _mini_values(values: list[Any], size: int | None) -> object:
    """``W3PostingsWriter._mini_values`` (formats without values give b"" or None)."""
    if not values[0]:
        values = []
    if size is None or size < 0:
        return tuple(values)
    if size == 0:
        return None
    return b"".join(values)
