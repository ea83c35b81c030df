"""Lesson pages: each `:::` directive of a lesson turned into an HTML fragment from live data.

The lessons are read and their directives checked in generator/link/lessons.py;
here they are rendered for one build, the author's Markdown marked for the
allow-list (generator/link/author_html.py) and our fragments kept as trusted.
"""

from __future__ import annotations

from dataclasses import asdict

from jinja2 import Environment

from generator import urls
from generator.link.author_html import author_markdown, trusted_placeholder
from generator.link.citations import Target
from generator.link.lessons import OPENING, Directive, Lesson, document_anchors, holder_duties
from generator.model.document import paragraphs
from generator.views import common as views
from generator.views.diagram import relation_svg

LESSON_CSS = ["assets/sotay/holder.css", "assets/sotay/course.css"]


class LessonRenderer:
    """Turns directives into HTML fragments for one build (uses the holder page builder)."""

    def __init__(self, linked, env: Environment, builder, tools_by_rule: dict[str, tuple[str, str]]):
        self.linked = linked
        self.env = env
        self.builder = builder  # generator.views.holders.HolderPages
        self.tools_by_rule = tools_by_rule  # rule id → (cong-cu/<tool>.html#form, chip label)

    def markdown(self, lesson: Lesson) -> str:
        """The lesson's Markdown, marked as author-written (sanitised after rendering,
        link/author_html.py) with each directive's trusted HTML standing in as a placeholder."""
        out = []
        for part in lesson.body:
            if isinstance(part, Directive):
                html = self.env.get_template("_lesson_embed.html").render(embed=self.embed(lesson.page, part))
                out += ["", trusted_placeholder(html.strip()), ""]
            else:
                out.append(part)
        return author_markdown("\n".join(out))

    def embed(self, page: str, directive: Directive) -> dict:
        return getattr(self, "_" + directive.name.replace("-", "_"))(page, *directive.args)

    def _nhiem_vu(self, page: str, holder_id: str, document_id: str | None = None) -> dict:
        duties = holder_duties(self.linked, holder_id, document_id)
        label = self.builder.label_of(holder_id)
        title = self.builder.titles.get(document_id, "") if document_id else ""
        return {
            "kind": "duties",
            "heading": f"Nhiệm vụ của {label}" + (f" theo {title}" if title else ""),
            "holder": self.builder.link(page, holder_id),
            "duties": [self.builder.duty(page, d) for d in duties],
        }

    def _thoi_han(self, page: str, rule_id: str) -> dict:
        rule = next(r for r in self.linked.knowledge.rules if r.id == rule_id)
        tool = self.tools_by_rule.get(rule_id)
        return {
            "kind": "rule",
            "title": rule.title,
            "summary": rule.summary,
            "quote": rule.quote,
            "cites": self.builder.cites(page, rule.cite),
            "tool": {"label": tool[1], "href": urls.relative(page, tool[0])} if tool else None,
            "holders": [self.builder.link(page, h) for h in rule.applies_to],
        }

    def _so_do(self, page: str, holder_id: str) -> dict:
        view = self.linked.holders[holder_id]
        _, edges = self.builder.relation_groups(page, view)
        label = self.builder.label_of(holder_id)
        return {
            "kind": "diagram",
            "svg": relation_svg(label, edges, f"Sơ đồ quan hệ của {view.item.name}"),
            "caption": f"Sơ đồ quan hệ của {label}. Mũi tên chỉ chiều lãnh đạo, chủ trì hoặc báo cáo.",
            "holder": self.builder.link(page, holder_id),
        }

    def _trich(self, page: str, document_id: str, anchor: str, part: str | None = None) -> dict:
        target = document_anchors(self.linked.documents[document_id])[anchor]
        opening = part == OPENING  # checked on load: an article with opening text
        label = f"{target.label} (phần mở đầu)" if opening else target.label
        return {
            "kind": "quote",
            "label": f"{label}, {self.builder.titles.get(document_id, document_id)}{views.draft_mark(target.document)}",
            "href": urls.relative(page, target.href),
            "article": f"Điều {target.article.number}. {target.article.title}",
            "parts": [asdict(p) for p in paragraphs(target.article, nested=False)] if opening
            else quoted_parts(target),
        }


def quoted_parts(target: Target) -> list[dict]:
    """The cited passage as labelled paragraphs: [{label, text, level}]."""
    return [asdict(p) for p in paragraphs(target.point or target.clause or target.article)]
