"""Relationship diagrams as inline SVG: no script, no font or CDN, readable at 360 px.

Layout: the subject on the left, as tall as the column of related holders'
boxes on the right, one straight arrow per relation (arrow direction = who leads/chairs/reports to
whom) and the relation type on the first line of the related holder's box.
Every text is escaped; node boxes link to their pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 340
LEFT_W = 96  # the subject's box
RIGHT_X = 140  # the related holders' boxes
RIGHT_W = 198
GAP = 8  # between two related boxes
LINE = 18  # line height inside a box
# Font sizes in viewBox units. At 360 px the diagram is about 330 px wide (scale ≈ 0.97),
# so every text renders at 13 px or more; the relation type is written inside the related
# holder's box, where it has room, rather than on the arrow.
NAME_SIZE = 15
TYPE_SIZE = 13.5
SUBJECT_SIZE = 15
NAME_CHARS = 22
SUBJECT_CHARS = 11


@dataclass
class Edge:
    other_label: str
    other_href: str | None
    type_label: str
    outgoing: bool  # True: subject → other


def _wrap(text: str, limit: int = NAME_CHARS, max_lines: int = 2) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [(lines[max_lines - 1] + "…")[: limit + 1]]
    return lines or [""]


def _text(x: float, first: float, lines: list[str], size: float, cls: str = "", extra: str = "") -> str:
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{first + i * LINE:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" text-anchor="middle" font-size="{size}"{extra}>{spans}</text>'


def _node_height(edge: Edge) -> float:
    return 10 + LINE * (1 + len(_wrap(edge.other_label)))


def relation_svg(subject: str, edges: list[Edge], title: str) -> Markup:
    if not edges:
        return Markup("")
    subject_lines = _wrap(subject, SUBJECT_CHARS, 3)
    heights = [_node_height(edge) for edge in edges]
    boxes_h = sum(heights) + GAP * (len(edges) - 1)
    # The subject spans the rows of its related boxes, so each arrow is a straight line
    # on its own row and one can see which end has the head.
    subject_h = max(16 + LINE * len(subject_lines), boxes_h)
    height = max(boxes_h, subject_h) + 4
    mid = height / 2
    parts = [
        f'<svg class="sotay-diagram" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="sotay-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="sotay-diagram__head"/></marker></defs>',
        f'<rect class="sotay-diagram__subject" x="2" y="{mid - subject_h / 2:.1f}" width="{LEFT_W}" '
        f'height="{subject_h}" rx="6"/>',
        _text(2 + LEFT_W / 2, mid - LINE * (len(subject_lines) - 1) / 2 + 5, subject_lines, SUBJECT_SIZE,
              "sotay-diagram__subject-text"),
    ]
    top = (height - boxes_h) / 2
    for edge, box_h in zip(edges, heights):
        y = top + box_h / 2
        x1, x2 = LEFT_W + 3, RIGHT_X - 1
        markers = 'marker-end="url(#sotay-arrow)"' if edge.outgoing else 'marker-start="url(#sotay-arrow)"'
        parts.append(f'<path class="sotay-diagram__edge" d="M{x1} {y:.1f}H{x2}" fill="none" {markers}/>')
        center = RIGHT_X + RIGHT_W / 2
        box = (f'<rect class="sotay-diagram__node" x="{RIGHT_X}" y="{top:.1f}" width="{RIGHT_W}" height="{box_h}" rx="6"/>'
               + _text(center, top + 5 + TYPE_SIZE, [edge.type_label], TYPE_SIZE, "sotay-diagram__type",
                       ' font-weight="700" fill-opacity="0.72"')
               + _text(center, top + 5 + TYPE_SIZE + LINE, _wrap(edge.other_label), NAME_SIZE))
        if edge.other_href:
            box = f'<a href="{escape(edge.other_href)}">{box}</a>'
        parts.append(box)
        top += box_h + GAP
    parts.append("</svg>")
    return Markup("".join(parts))
