"""A regulation file as received → its text.

`read_text` takes .txt/.md (UTF-8 with or without BOM, UTF-16 with BOM, cp1258
fallback) and .docx (python-docx: paragraphs and table cells in document order).
Empty, binary, undecodable or oversized files raise `InputError` (exit code 2)
naming the file and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import InputError

CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters but \t \n \v \f \r
MAX_TEXT_BYTES = 2_000_000  # 25× the longest seed regulation: bounds import time on a wrong file


def read_text(path: Path) -> str:
    """The text of a file as received; `InputError` for empty/binary/undecodable files."""
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError(f"{path}: the file is {path.stat().st_size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit "
                         "(a regulation is rarely over 200 KB) — check that this is the right file, or split it")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty; give a regulation text (.txt, .md or .docx)")
    text = decode_bytes(data, path)
    controls = len(CONTROL_RE.findall(text))
    if controls > max(2, len(text) // 200):
        raise InputError(f"{path}: looks like a binary file, not text; save the regulation as .txt, .md or .docx")
    return text


def decode_bytes(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not text; save the regulation as .txt, .md or .docx")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode the text (not UTF-8 or Windows-1258); save it as UTF-8") from exc


def read_docx(path: Path) -> str:
    """Paragraphs (and table cells, in document order) of a .docx, one per line."""
    import docx  # python-docx; imported lazily, only .docx input needs it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_docx_sizes(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    text = "\n".join(lines)
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: the document holds {len(text):,} characters, over the {MAX_TEXT_BYTES:,} limit — check that this is the right file, or split it")
    if not text.strip():
        raise InputError(f"{path}: the document is empty")
    return text


MAX_DOCX_PART_BYTES = 40_000_000  # uncompressed word/document.xml of a 2 MB text is ~20 MB at most
MAX_DOCX_TOTAL_BYTES = 100_000_000
MAX_DOCX_PARTS = 5_000


def check_docx_sizes(path: Path) -> None:
    """Refuse a zip bomb from the zip's directory, before anything is decompressed or parsed."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__}) — open it in Word and save it again") from None
    too_big = next((p for p in parts if p.file_size > MAX_DOCX_PART_BYTES), None)
    total = sum(p.file_size for p in parts)
    if len(parts) > MAX_DOCX_PARTS or too_big or total > MAX_DOCX_TOTAL_BYTES:
        what = (f"its part {too_big.filename} unpacks to {too_big.file_size:,} bytes" if too_big
                else f"it unpacks to {total:,} bytes in {len(parts):,} parts")
        raise InputError(f"{path}: {what}, over the limit for a regulation ({MAX_DOCX_PART_BYTES:,} bytes a part, "
                         f"{MAX_DOCX_TOTAL_BYTES:,} in all) — check that this is the right file, or save the text as .txt")
