"""Relationship diagrams as inline SVG: no script, no font or CDN, readable at 360 px.

Layout: the subject on the left, each related holder on its own row on the
right, one labelled arrow per relation (arrow direction = who leads/chairs/
reports to whom). Every text is escaped; node boxes link to their pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 340
ROW = 46
BOX_H = 34
LEFT_W = 104
RIGHT_X = 196
RIGHT_W = 140
MAX_CHARS = 22


@dataclass
class Edge:
    other_label: str
    other_href: str | None
    type_label: str
    outgoing: bool  # True: subject → other


def _wrap(text: str, limit: int = MAX_CHARS) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], (lines[1] + "…")[: limit + 1]]
    return lines or [""]


def _text(x: float, y: float, label: str, anchor: str = "middle", cls: str = "") -> str:
    lines = _wrap(label)
    first = y - (len(lines) - 1) * 6.5
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{first + i * 13:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" text-anchor="{anchor}">{spans}</text>'


def relation_svg(subject: str, edges: list[Edge], title: str) -> Markup:
    if not edges:
        return Markup("")
    height = max(len(edges) * ROW + 10, BOX_H + 20)
    mid = height / 2
    parts = [
        f'<svg class="sotay-diagram" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="sotay-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="sotay-diagram__head"/></marker></defs>',
        f'<rect class="sotay-diagram__subject" x="2" y="{mid - BOX_H / 2 - 8:.1f}" width="{LEFT_W}" '
        f'height="{BOX_H + 16}" rx="6"/>',
        _text(2 + LEFT_W / 2, mid + 4, subject, cls="sotay-diagram__subject-text"),
    ]
    for i, edge in enumerate(edges):
        y = 5 + i * ROW + BOX_H / 2
        x1, x2 = LEFT_W + 4, RIGHT_X - 2
        markers = 'marker-end="url(#sotay-arrow)"' if edge.outgoing else 'marker-start="url(#sotay-arrow)"'
        parts.append(f'<path class="sotay-diagram__edge" d="M{x1} {mid:.1f} C{x1 + 40} {mid:.1f} {x2 - 40} {y:.1f} {x2} {y:.1f}" '
                     f'fill="none" {markers}/>')
        parts.append(f'<text class="sotay-diagram__label" x="{(x1 + x2) / 2 + 8:.0f}" y="{y - 5:.1f}" '
                     f'text-anchor="middle">{escape(edge.type_label)}</text>')
        box = (f'<rect class="sotay-diagram__node" x="{RIGHT_X}" y="{y - BOX_H / 2:.1f}" width="{RIGHT_W}" '
               f'height="{BOX_H}" rx="6"/>' + _text(RIGHT_X + RIGHT_W / 2, y + 4, edge.other_label))
        if edge.other_href:
            box = f'<a href="{escape(edge.other_href)}">{box}</a>'
        parts.append(box)
    parts.append("</svg>")
    return Markup("".join(parts))
