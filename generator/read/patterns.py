"""Patterns of the lines around a regulation's articles, shared by the import steps.

The header (issuer, number, place and date, draft mark, title line, legal bases,
preamble) and the footer (Nơi nhận, signature) are recognised with these: the
cleanup step keeps such lines apart when it re-joins wrapped text, the segment
step finds where one document of a file ends and the next begins, the metadata
step reads them. Patterns of the body (Chương, Mục, Điều, khoản, điểm) are in
`generator.read.parser`.
"""

from __future__ import annotations

import re

BULLET_RE = re.compile(r"^[-–—•+*]\s")
KIND_RE = re.compile(r"^(QUYẾT ĐỊNH|QUY CHẾ|QUY ĐỊNH)(?![A-ZÀ-Ỹa-zà-ỹĐđ])\s*(.*)$")
KIND_NAMES = {"QUYẾT ĐỊNH": "quyet-dinh", "QUY CHẾ": "quy-che", "QUY ĐỊNH": "quy-dinh"}
PLACE_DATE_RE = re.compile(r"^[A-ZÀ-ỸĐ….][^,\d]{0,40},\s*ngày\b")
NUMBER_RE = re.compile(r"^Số\s*:?\s*(.{1,60})$")
DATE_RE = re.compile(r"ngày\s{0,40}(\d{1,2})?\D{0,40}?tháng\s{0,40}(\d{1,2})?\D{0,40}?năm\s{0,40}(\d{4})?")
DRAFT_RE = re.compile(r"\(?\s*d[ựư]\s+thảo\s*\)?", re.IGNORECASE)
LEGAL_BASIS_RE = re.compile(r"^(?:[-–+•]\s*)?(Căn cứ\b.*)$")
CONSIDER_RE = re.compile(r"^(?:[-–+•]\s*)?((?:Xét|Theo đề nghị)\b.*)$")
FOOTER_RE = re.compile(
    r"^(?:Nơi nhận|NƠI NHẬN|T/M\b|TM\.|TM\s|K/T\b|KT\.|KT\s|T/L\b|TL\.|Q\.\s"
    r"|(?:PHÓ )?(?:BÍ THƯ|CHỦ TỊCH|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)(?: THƯỜNG TRỰC)?$)"
)
SIGN_ON_BEHALF_RE = re.compile(r"^(?:T/M|TM\.|TM|K/T|KT\.|KT|T/L|TL\.|Q\.)\s")


def kind_line(text: str) -> tuple[str, str] | None:
    """(kind, rest) for a title line such as "QUY CHẾ" / "QUYẾT ĐỊNH ban hành …"."""
    match = KIND_RE.match(text)
    if not match or text.rstrip().endswith(":"):
        return None
    return KIND_NAMES[match.group(1)], match.group(2).strip()
