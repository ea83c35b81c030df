"""Plain data structures shared by every pipeline stage.

The importer/parser produces `Document` objects; the loader produces the
knowledge model (see `generator/model/knowledge.py`); the linker and renderer only read
these objects. Nothing here touches the file system.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["quyet-dinh", "quy-che", "quy-dinh", "other"]
DocumentLevel = Literal["trung-uong", "tinh", "xa", "khac"]
BlockKind = Literal["paragraph", "dash", "plus"]


@dataclass
class ParseWarning:
    """A structural anomaly found while parsing (numbering gap, duplicate ...)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Block:
    """A paragraph or a dash/plus bullet inside an article, clause or point."""

    kind: BlockKind
    text: str


@dataclass
class Point:
    """Điểm: `a) ...`, `đ) ...`. `label` is the letter as written ("a", "đ")."""

    label: str
    text: str
    anchor: str  # e.g. "dieu-6-khoan-3-diem-a"
    line: int
    blocks: list[Block] = field(default_factory=list)  # continuation paragraphs, dashes


@dataclass
class Clause:
    """Khoản: `1. ...`, sub-khoản `2.1. ...` (nested in `clauses` of khoản 2).

    `number` is the label exactly as written, without the trailing dot ("9", "2.1").
    """

    number: str
    text: str
    anchor: str  # e.g. "dieu-6-khoan-3", "dieu-4-khoan-2-1" for "2.1"
    line: int
    blocks: list[Block] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Article:
    """Điều N. `chapter`/`section` hold the number of the enclosing Chương/Mục."""

    number: int
    title: str
    anchor: str  # "dieu-6"
    line: int
    chapter: str | None = None
    section: str | None = None
    intro: list[Block] = field(default_factory=list)  # text before the first khoản
    clauses: list[Clause] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)  # điểm written directly under the article (no khoản)


@dataclass
class Section:
    """Mục (Roman or Arabic numeral as written)."""

    number: str
    title: str
    anchor: str  # "chuong-2-muc-1"


@dataclass
class Chapter:
    """Chương (Roman numeral as written)."""

    number: str
    title: str
    anchor: str  # "chuong-2"
    sections: list[Section] = field(default_factory=list)


@dataclass
class Signature:
    on_behalf: str | None = None  # "T/M BAN THƯỜNG VỤ"
    position: str | None = None  # "PHÓ BÍ THƯ"
    name: str | None = None  # "Bùi Thắng"


@dataclass
class Document:
    id: str  # ASCII slug, stable: used in URLs (van-ban/<id>.html) and citations
    kind: DocumentKind
    title: str  # clean title, sentence case as written ("Quy chế làm việc của ...")
    source: str  # file the document was read from
    number: str | None = None  # "02-QC/TU"; None when blank in a template
    date: dt.date | None = None
    date_text: str | None = None  # as written, e.g. "Lùng Phình, ngày … tháng 11 năm 2025"
    place: str | None = None
    issuer: str | None = None  # "Tỉnh ủy Hà Tĩnh", "Ban Bí thư"
    parent_issuer: str | None = None  # "Đảng bộ tỉnh Lào Cai"
    level: DocumentLevel = "khac"
    draft: bool = False  # "dự thảo"
    replaces: str | None = None  # free text: what it amends or replaces
    legal_bases: list[str] = field(default_factory=list)  # "Căn cứ ..." lines
    preamble: list[str] = field(default_factory=list)  # "Xét đề nghị ...", enacting line
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    signature: Signature = field(default_factory=Signature)
    attached_to: str | None = None  # id of the decision that issues this regulation
    attachment: str | None = None  # id of the regulation this decision issues
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)  # text after the last article, if any
    warnings: list[ParseWarning] = field(default_factory=list)

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a passage as a reader sees it.

    `label` is the unit's number as printed ("3.", "2.1.", "a)") on the paragraph that
    opens a khoản or điểm, "" on the others; `level` is its indentation: an article's
    text and its khoản at 0, the điểm and sub-khoản inside one level deeper."""

    label: str
    text: str
    level: int = 0

    @property
    def labelled(self) -> str:
        """The paragraph as printed: "a) text"."""
        return f"{self.label} {self.text}" if self.label else self.text


def paragraphs(unit: Article | Clause | Point, nested: bool = True, level: int = 0) -> list[Paragraph]:
    """The words of an article (without its title), khoản or điểm in reading order.

    An article: its opening text, the điểm written under it, then its khoản; a khoản:
    its text and paragraphs, its điểm, then its sub-khoản; a điểm: its text and
    paragraphs. `nested=False` keeps only the unit's own paragraphs (no khoản, điểm or
    sub-khoản inside it). Empty texts are kept, so the first paragraph of a khoản or
    điểm is always its numbered line."""
    if isinstance(unit, Article):
        own = [Paragraph("", b.text, level) for b in unit.intro]
        if not nested:
            return own
        return [*own, *(p for point in unit.points for p in paragraphs(point, level=level + 1)),
                *(p for clause in unit.clauses for p in paragraphs(clause, level=level))]
    if isinstance(unit, Clause):
        own = [Paragraph(f"{unit.number}.", unit.text, level), *(Paragraph("", b.text, level) for b in unit.blocks)]
        if not nested:
            return own
        return [*own, *(p for point in unit.points for p in paragraphs(point, level=level + 1)),
                *(p for sub in unit.clauses for p in paragraphs(sub, level=level + 1))]
    return [Paragraph(f"{unit.label})", unit.text, level), *(Paragraph("", b.text, level) for b in unit.blocks)]


def iter_clauses(clauses: list[Clause]):
    """All clauses depth-first, sub-khoản included."""
    for clause in clauses:
        yield clause
        yield from iter_clauses(clause.clauses)
