"""Structure parser: clean body lines → chapters, sections, articles, clauses, points.

Input is a list of `Line` (one logical unit per line, already cleaned and re-joined
by the importer, with the line number in the file that was read). Output is a
`Structure`: chapters (with sections), articles (with clauses, sub-clauses, points
and blocks) and `ParseWarning`s for numbering anomalies. The parser never raises on
odd input: anything it does not recognise becomes a paragraph block.

Recognised units (one per line):

* ``Chương I`` / ``Chương I. TITLE`` (title may be on the next line)
* ``Mục 1`` / ``Mục I. TITLE`` (title may be on the next line)
* ``Điều 6. Title``; in a decision (``decision=True``), ``Điều 3. Quyết định này có
  hiệu lực kể từ ngày ký.`` — a "title" that is a full sentence — is the article's
  text, not its title (decisions' articles have no titles)
* ``3. text`` khoản; ``2.1. text`` sub-khoản (nested in khoản 2); ``9 Text`` (missing
  dot) is accepted as khoản 9 only when 9 continues the khoản sequence
* ``a) text`` điểm (Vietnamese letters, ``đ`` included)
* ``- text`` / ``+ text`` bullets; anything else is a paragraph.
* A leading backslash (``\\1. text``) escapes a paragraph that would otherwise look
  like a unit; the importer writes it when needed so that files round-trip.

Anchors: ``chuong-2``, ``chuong-2-muc-1``, ``dieu-6``, ``dieu-6-khoan-3``,
``dieu-6-khoan-2-1``, ``dieu-6-khoan-3-diem-a`` (``đ`` → ``dd``), and
``dieu-19-diem-a`` for points directly under an article. When a label repeats
inside the same parent (a warning is reported), the anchor gets ``-x2``, ``-x3`` …

Every regex is anchored and free of nested quantifiers, so the parser runs in
linear time on hostile input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model.document import Article, Block, Chapter, Clause, ParseWarning, Point, Section

UPPER = "A-ZÀ-ỸĐ"
ROMAN_RE = r"[IVXLC]{1,8}"

CHAPTER_RE = re.compile(rf"^(?:Chương|CHƯƠNG)\s+({ROMAN_RE}|\d{{1,3}})(?![\w])\s*[.:\-–]?\s*(.*)$")
SECTION_RE = re.compile(rf"^(?:Mục|MỤC)\s+({ROMAN_RE}|\d{{1,3}})(?![\w])\s*[.:\-–]?\s*(.*)$")
ARTICLE_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d{1,4})(?![\d])\s*(.*)$")
SUBCLAUSE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})(\.?)\s+(\S.*)$")
CLAUSE_RE = re.compile(r"^(\d{1,3})[.)](?:\s+(.*))?$")
BARE_CLAUSE_RE = re.compile(rf"^(\d{{1,3}})\s+([{UPPER}].*)$")
POINT_RE = re.compile(r"^([a-zđ])\)(?:\s*(.*))?$")
DASH_RE = re.compile(r"^[-–—•*]\s*(.*)$")
PLUS_RE = re.compile(r"^\+\s*(.*)$")

# Vietnamese alphabetical order used for điểm labels.
POINT_ORDER = "abcdđeghiklmnopqrstuvxy"
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class Line:
    """One logical line of body text and its line number in the file read."""

    number: int
    text: str


@dataclass
class Structure:
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def roman_to_int(numeral: str) -> int | None:
    """Value of a Roman numeral ("IV" → 4); digits pass through; None if invalid."""
    if numeral.isdigit():
        return int(numeral)
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = ROMAN_VALUES.get(char)
        if value is None:
            return None
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


def point_anchor_label(label: str) -> str:
    """ASCII form of a điểm label: "đ" → "dd"."""
    return "dd" if label == "đ" else label


def is_structural(text: str) -> bool:
    """Whether a line starts a chapter, section or article."""
    return bool(CHAPTER_RE.match(text) or SECTION_RE.match(text) or ARTICLE_RE.match(text))


def article_heading(text: str) -> tuple[int, str] | None:
    """(number, title) of an "Điều N. Title" line, else None."""
    match = ARTICLE_RE.match(text)
    if not match:
        return None
    rest = match.group(2)
    if rest[:1] and rest[:1] in ".:-–":
        return int(match.group(1)), rest[1:].strip()
    if rest == "" or re.match(rf"[{UPPER}]", rest):
        return int(match.group(1)), rest.strip()
    return None  # "Điều 4 của Quy chế này ..." is running text


def is_sentence(title: str) -> bool:
    """Whether an article "title" is a full sentence: it ends like one ("… kể từ ngày ký.")."""
    return title.endswith((".", ";", ":", "!", "?")) and not title.endswith(("..", "…"))


class _Parser:
    """Stateful walk over the lines; one method per kind of unit."""

    def __init__(self, path: str, decision: bool = False) -> None:
        self.path = path
        self.decision = decision
        self.result = Structure()
        self.chapter: Chapter | None = None
        self.section: Section | None = None
        self.article: Article | None = None
        self.clause: Clause | None = None  # top-level khoản
        self.subclause: Clause | None = None
        self.point: Point | None = None
        self.anchors: set[str] = set()
        self.repeats: dict[str, int] = {}  # last -xN suffix given per anchor
        self.title_owner: Chapter | Section | None = None  # heading whose title may continue
        self.orphans: list[Block] = []  # text after a heading, before the next Điều

    # -- helpers ---------------------------------------------------------
    def warn(self, line: int, message: str) -> None:
        self.result.warnings.append(ParseWarning(self.path, line, message))

    def unique_anchor(self, anchor: str) -> str:
        """`anchor`, or `anchor-x2`, `-x3` … when a repeated label already took it."""
        candidate = anchor
        while candidate in self.anchors:
            self.repeats[anchor] = self.repeats.get(anchor, 1) + 1
            candidate = f"{anchor}-x{self.repeats[anchor]}"
        self.anchors.add(candidate)
        return candidate

    def container_blocks(self) -> list[Block]:
        if self.point is not None:
            return self.point.blocks
        if self.subclause is not None:
            return self.subclause.blocks
        if self.clause is not None:
            return self.clause.blocks
        if self.article is not None:
            return self.article.intro
        return self.orphans

    # -- units -----------------------------------------------------------
    def start_chapter(self, line: Line, number: str, title: str) -> None:
        value = roman_to_int(number)
        previous = roman_to_int(self.chapter.number) if self.chapter else 0
        if value is not None and previous is not None and value != previous + 1:
            self.warn(line.number, f"Chương {number} follows Chương {self.chapter.number if self.chapter else '(none)'}")
        anchor = self.unique_anchor(f"chuong-{value if value is not None else number.lower()}")
        self.chapter = Chapter(number=number, title=title, anchor=anchor)
        self.result.chapters.append(self.chapter)
        self.section = None
        self.close_article()
        self.title_owner = self.chapter

    def start_section(self, line: Line, number: str, title: str) -> None:
        value = roman_to_int(number)
        if self.chapter is None:
            self.warn(line.number, f"Mục {number} outside any Chương")
            prefix = ""
        else:
            prefix = self.chapter.anchor + "-"
            previous = roman_to_int(self.section.number) if self.section else 0
            if value is not None and previous is not None and value != previous + 1:
                self.warn(line.number, f"Mục {number} follows Mục {self.section.number if self.section else '(none)'}")
        anchor = self.unique_anchor(f"{prefix}muc-{value if value is not None else number.lower()}")
        self.section = Section(number=number, title=title, anchor=anchor)
        if self.chapter is not None:
            self.chapter.sections.append(self.section)
        self.close_article()
        self.title_owner = self.section

    def close_article(self) -> None:
        self.article = self.clause = self.subclause = self.point = None

    def start_article(self, line: Line, number: int, title: str) -> None:
        previous = self.result.articles[-1].number if self.result.articles else 0
        if number != previous + 1:
            if f"dieu-{number}" in self.anchors:
                self.warn(line.number, f"duplicate Điều {number} (after Điều {previous})")
            else:
                self.warn(line.number, f"Điều {number} follows Điều {previous} (expected Điều {previous + 1})")
        self.close_article()
        text = title if self.decision and is_sentence(title) else ""
        self.article = Article(
            number=number,
            title="" if text else title,
            anchor=self.unique_anchor(f"dieu-{number}"),
            line=line.number,
            chapter=self.chapter.number if self.chapter else None,
            section=self.section.number if self.section else None,
        )
        self.result.articles.append(self.article)
        self.article.intro.extend(self.orphans)
        self.orphans = []
        if text:
            self.article.intro.append(Block(kind="paragraph", text=text))
        self.title_owner = None

    def start_clause(self, line: Line, number: str, text: str) -> None:
        article = self.article
        previous = article.clauses[-1].number if article.clauses else "0"
        expected = str(int(previous) + 1) if previous.isdigit() else None
        if expected is not None and number != expected:
            kind = "repeats" if f"{article.anchor}-khoan-{number.replace('.', '-')}" in self.anchors else "follows"
            self.warn(line.number, f"Điều {article.number}: khoản {number} {kind} khoản {previous} (expected {expected})")
        anchor = self.unique_anchor(f"{article.anchor}-khoan-{number.replace('.', '-')}")
        self.clause = Clause(number=number, text=text, anchor=anchor, line=line.number)
        article.clauses.append(self.clause)
        self.subclause = self.point = None

    def start_subclause(self, line: Line, number: str, text: str) -> None:
        parent_number, _, last = number.rpartition(".")
        parent = self.subclause_parent(number)
        if parent is None:
            self.warn(line.number, f"Điều {self.article.number}: khoản {number} has no khoản {parent_number} before it")
            self.start_clause(line, number, text)
            return
        previous = last_subclause(parent)
        if int(last) != int(previous) + 1:
            self.warn(line.number, f"Điều {self.article.number}: khoản {number} follows khoản {parent_number}.{previous}")
        anchor = self.unique_anchor(f"{parent.anchor}-{last}")
        self.subclause = Clause(number=number, text=text, anchor=anchor, line=line.number)
        parent.clauses.append(self.subclause)
        self.point = None

    def start_point(self, line: Line, label: str, text: str) -> None:
        owner = self.subclause or self.clause
        points = owner.points if owner is not None else self.article.points
        base = owner.anchor if owner is not None else self.article.anchor
        where = f"khoản {owner.number}" if owner is not None else f"Điều {self.article.number}"
        previous = points[-1].label if points else None
        expected = POINT_ORDER[POINT_ORDER.index(previous) + 1] if previous and previous != "y" else "a"
        if label != expected:
            kind = "repeats" if f"{base}-diem-{point_anchor_label(label)}" in self.anchors else "follows"
            after = f"điểm {previous}" if previous else "the start"
            self.warn(line.number, f"Điều {self.article.number}, {where}: điểm {label} {kind} {after} (expected {expected})")
        anchor = self.unique_anchor(f"{base}-diem-{point_anchor_label(label)}")
        self.point = Point(label=label, text=text, anchor=anchor, line=line.number)
        points.append(self.point)

    def add_block(self, kind: str, text: str) -> None:
        self.container_blocks().append(Block(kind=kind, text=text))

    # -- dispatch --------------------------------------------------------
    def feed(self, line: Line) -> None:
        text = line.text.strip()
        if not text:
            return
        if text.startswith("\\"):
            self.title_owner = None
            self.add_block("paragraph", text[1:])
            return
        if self.take_heading(line, text):
            return
        if self.take_title_line(text):
            return
        if self.article is None:
            self.add_block_outside(text)
            return
        self.take_article_line(line, text)

    def take_heading(self, line: Line, text: str) -> bool:
        heading = article_heading(text)
        if heading:
            self.start_article(line, *heading)
            return True
        for regex, start in ((CHAPTER_RE, self.start_chapter), (SECTION_RE, self.start_section)):
            match = regex.match(text)
            if match:
                start(line, match.group(1), match.group(2).strip())
                return True
        return False

    def take_title_line(self, text: str) -> bool:
        """A heading's title on the next line(s): any line if it has none yet, then
        further ALL-CAPS lines ("NỘI DUNG …" / "VÀ TRÁCH NHIỆM …")."""
        owner = self.title_owner
        if owner is None or (owner.title and not text.isupper()):
            self.title_owner = None
            return False
        owner.title = f"{owner.title} {text}".strip()
        return True

    def add_block_outside(self, text: str) -> None:
        kind, body = classify_bullet(text)
        self.orphans.append(Block(kind=kind, text=body))

    def take_article_line(self, line: Line, text: str) -> None:
        match = SUBCLAUSE_RE.match(text)
        if match and (match.group(2) or self.continues_subclauses(match.group(1))):
            self.start_subclause(line, match.group(1), match.group(3).strip())
            return
        match = CLAUSE_RE.match(text)
        if match:
            self.start_clause(line, match.group(1), (match.group(2) or "").strip())
            return
        match = BARE_CLAUSE_RE.match(text)
        if match and self.continues_clauses(match.group(1)):
            self.start_clause(line, match.group(1), match.group(2).strip())
            return
        match = POINT_RE.match(text)
        if match:
            self.start_point(line, match.group(1), (match.group(2) or "").strip())
            return
        kind, body = classify_bullet(text)
        self.add_block(kind, body)

    def continues_subclauses(self, number: str) -> bool:
        """"2.1 Text" without the final dot is a sub-khoản only if it is the next one of
        the current khoản ("1.5 lần mức lương …" stays a paragraph)."""
        parent = self.subclause_parent(number)
        return parent is not None and int(number.rpartition(".")[2]) == int(last_subclause(parent)) + 1

    def subclause_parent(self, number: str) -> Clause | None:
        """The current khoản when sub-khoản `number` ("2.3") belongs to it ("2"), else None."""
        parent_number = number.rpartition(".")[0]
        return self.clause if self.clause is not None and self.clause.number == parent_number else None

    def continues_clauses(self, number: str) -> bool:
        """A khoản written without its dot ("9 Lãnh đạo") must continue the sequence."""
        clauses = self.article.clauses
        previous = clauses[-1].number if clauses else "0"
        return previous.isdigit() and int(number) == int(previous) + 1 and bool(clauses)


def last_subclause(parent: Clause) -> str:
    """The last part of the number of `parent`'s last sub-khoản ("2.3" → "3"); "0" when it has none."""
    return parent.clauses[-1].number.rpartition(".")[2] if parent.clauses else "0"


def classify_bullet(text: str) -> tuple[str, str]:
    """("dash"|"plus"|"paragraph", text without the bullet)."""
    match = DASH_RE.match(text)
    if match and match.group(1):
        return "dash", match.group(1).strip()
    match = PLUS_RE.match(text)
    if match and match.group(1):
        return "plus", match.group(1).strip()
    return "paragraph", text


def parse_structure(lines: list[Line], path: str, decision: bool = False) -> Structure:
    """Parse body lines (from the first Chương/Mục/Điều on) into a `Structure`;
    `decision`: the body of a quyết định, whose "Điều N. <sentence>" lines are text."""
    parser = _Parser(path, decision)
    for line in lines:
        parser.feed(line)
    parser.result.closing.extend(parser.orphans)  # text after a final heading with no Điều
    return parser.result
