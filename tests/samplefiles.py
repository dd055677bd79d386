"""Small, real files of each attachment type, made in the test (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import struct
import zipfile

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def png() -> bytes:
    """A 1x1 PNG as a real encoder writes it."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def webp() -> bytes:
    payload = b"VP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00" + b"\x00"
    return b"RIFF" + struct.pack("<I", 4 + len(payload)) + b"WEBP" + payload


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def ooxml(main_part: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A ZIP laid out as Office writes one: [Content_Types].xml and the main part (word/document.xml, ...)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx() -> bytes:
    """A real workbook, written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "试点报价"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ole2(streams: dict[str, bytes]) -> bytes:
    """A compound file (the container of .doc/.xls/.ppt) holding the named streams, version 3, no mini stream.

    Streams are padded to 4096 bytes so they live in regular sectors; that keeps the writer to one FAT
    sector and one directory sector, enough for a test.
    """
    names = list(streams)
    assert 1 <= len(names) <= 3
    datas = [streams[n].ljust(4096, b"\x00") for n in names]
    fat = [FATSECT, ENDOFCHAIN]
    starts = []
    for data in datas:
        count = -(-len(data) // SECTOR)
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
    assert len(fat) <= SECTOR // 4
    fat += [FREESECT] * (SECTOR // 4 - len(fat))

    def entry(name: str, kind: int, child=NOSTREAM, right=NOSTREAM, start=ENDOFCHAIN, size=0) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    entries = [entry("Root Entry", 5, child=1)]
    for i, (name, data) in enumerate(zip(names, datas, strict=False)):
        entries.append(entry(name, 2, right=i + 2 if i + 1 < len(names) else NOSTREAM, start=starts[i], size=len(data)))
    directory = b"".join(entries).ljust(SECTOR, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREESECT) * 108
    )
    assert len(header) == SECTOR
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + b"".join(datas)
