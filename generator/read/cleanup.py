"""Raw regulation text → clean logical lines, one paragraph or unit each.

`clean_lines`: NFC, CRLF, tabs and odd spaces, ``[bookmark: …]`` junk, ``**bold**``,
markdown ``#`` headings and escapes, separators (written ``-----``); then
`join_wrapped` re-joins hard-wrapped paragraphs (a line starting a unit — ``Điều``,
``1.``, ``a)``, ``-``, a header or footer line … — never joins). Line numbers are
those of the file read, for messages.
"""

from __future__ import annotations

import re
import unicodedata

from generator.read.parser import (
    BARE_CLAUSE_RE,
    CHAPTER_RE,
    CLAUSE_RE,
    POINT_RE,
    SECTION_RE,
    SUBCLAUSE_RE,
    Line,
    article_heading,
    is_structural,
)
from generator.read.patterns import BULLET_RE, CONSIDER_RE, FOOTER_RE, LEGAL_BASIS_RE, NUMBER_RE, PLACE_DATE_RE, kind_line

BOOKMARK_RE = re.compile(r"\[bookmark:[^\]\n]{0,300}\]")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
MD_ESCAPE_RE = re.compile(r"\\([-+*.#()\[\]_>])")
SEPARATOR_RE = re.compile(r"^[-–—_=*.~]{1,}$")
SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
TERMINAL = tuple(".;:!?)”\"'…")


def clean_line(raw: str) -> str:
    """One physical line without junk, markdown emphasis/headings and odd spaces."""
    text = INVISIBLE_RE.sub("", raw)
    text = BOOKMARK_RE.sub("", text)
    text = SPACES_RE.sub(" ", text).strip()
    text = MD_HEADING_RE.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = MD_ESCAPE_RE.sub(r"\1", text)
    text = SPACES_RE.sub(" ", text).strip()
    if text and SEPARATOR_RE.match(text) and text not in ("-", "+"):
        return "-----"
    return text


def clean_lines(text: str) -> list[Line]:
    """NFC-normalised, cleaned physical lines (blank ones kept as "")."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [Line(number, clean_line(raw)) for number, raw in enumerate(text.split("\n"), start=1)]


def is_unit_start(text: str) -> bool:
    """Whether a line begins a unit and so must not be joined to the previous line."""
    if article_heading(text) or CHAPTER_RE.match(text) or SECTION_RE.match(text):
        return True
    if SUBCLAUSE_RE.match(text) or CLAUSE_RE.match(text) or POINT_RE.match(text):
        return True
    bare = BARE_CLAUSE_RE.match(text)
    if bare and len(bare.group(1)) <= 2:
        return True
    return bool(
        BULLET_RE.match(text) or FOOTER_RE.match(text) or LEGAL_BASIS_RE.match(text)
        or CONSIDER_RE.match(text) or text.startswith("(") or text == "-----" or text.isupper()
        or NUMBER_RE.match(text) or PLACE_DATE_RE.match(text) or kind_line(text)
    )


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the text was wrapped at a fixed width (most long lines are similar and short)."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 40)
    if len(lengths) < 5:
        return False
    return lengths[int(len(lengths) * 0.9)] <= 110


def starts_lowercase(text: str) -> bool:
    return text[:1].islower()


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Re-join paragraphs broken over several lines; blank lines are dropped.

    Parts are collected in lists and joined once, so the cost stays linear."""
    wrapped = is_hard_wrapped(lines)
    paragraphs: list[tuple[int, list[str]]] = []
    previous_blank = True
    for line in lines:
        if not line.text:
            previous_blank = True
            continue
        if paragraphs and should_join(paragraphs[-1][1], line.text, wrapped, previous_blank):
            paragraphs[-1][1].append(line.text)
        else:
            paragraphs.append((line.number, [line.text]))
        previous_blank = False
    return [Line(number, " ".join(parts)) for number, parts in paragraphs]


def should_join(parts: list[str], text: str, wrapped: bool, after_blank: bool = False) -> bool:
    """Whether `text` continues the paragraph made of `parts`; across a blank line only a
    lower-case continuation of an unfinished sentence joins (a page break in a paragraph)."""
    first, previous = parts[0], parts[-1]
    if is_unit_start(text) or previous == "-----" or previous.endswith(":"):
        return False
    if after_blank:
        return starts_lowercase(text) and not previous.endswith(TERMINAL) and not is_structural(first)
    if (CHAPTER_RE.match(first) or SECTION_RE.match(first)) and not starts_lowercase(text):
        return False
    if starts_lowercase(text):
        return True
    return wrapped and not previous.endswith(TERMINAL) and not previous.isupper()
