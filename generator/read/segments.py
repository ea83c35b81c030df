"""Clean lines → one segment per document, each cut into header, body and footer.

One file may hold a decision (QUYẾT ĐỊNH) and the regulation it issues:
`split_segments` cuts before each title line that follows articles (taking the
issuer/number/date lines above it along); `split_zones` cuts a segment at its
first Chương/Mục/Điều (header | body) and at Nơi nhận / T/M (body | footer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.read.parser import CHAPTER_RE, SECTION_RE, Line, article_heading, is_structural
from generator.read.patterns import DATE_RE, DRAFT_RE, FOOTER_RE, NUMBER_RE, SIGN_ON_BEHALF_RE, kind_line


@dataclass
class Segment:
    """One document's lines inside a file."""

    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)


def is_header_like(text: str) -> bool:
    """Lines that may precede a document's title: issuer, number, date, separators."""
    if text == "-----" or NUMBER_RE.match(text) or DATE_RE.search(text) or DRAFT_RE.fullmatch(text):
        return not SIGN_ON_BEHALF_RE.match(text)
    return text.isupper() and not SIGN_ON_BEHALF_RE.match(text) and not FOOTER_RE.match(text)


def split_segments(lines: list[Line]) -> list[list[Line]]:
    """Split at each title line (QUYẾT ĐỊNH / QUY CHẾ / QUY ĐỊNH) that follows articles."""
    segments: list[list[Line]] = [[]]
    seen_article = False
    for index, line in enumerate(lines):
        previous = lines[index - 1].text if index else ""
        bare_heading = (CHAPTER_RE.match(previous) or SECTION_RE.match(previous)) and not previous.split(maxsplit=2)[2:]
        if seen_article and kind_line(line.text) and not bare_heading:
            current = segments[-1]
            cut = len(current)
            while cut > 0 and is_header_like(current[cut - 1].text) and not article_heading(current[cut - 1].text):
                cut -= 1
            segments[-1], carried = current[:cut], current[cut:]
            segments.append(carried)
            seen_article = False
        segments[-1].append(line)
        if article_heading(line.text):
            seen_article = True
    return [segment for segment in segments if segment]


def split_zones(lines: list[Line]) -> Segment:
    """Header (before the first Chương/Mục/Điều), body, footer (from Nơi nhận / T/M)."""
    segment = Segment()
    zone = segment.header
    for line in lines:
        if zone is segment.header and is_structural(line.text) and (
            article_heading(line.text) or not kind_line(line.text)
        ):
            zone = segment.body
        elif zone is segment.body and FOOTER_RE.match(line.text):
            zone = segment.footer
        zone.append(line)
    return segment
