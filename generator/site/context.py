"""The build context: one object carrying what a build loaded and derived, each thing once.

`Build` holds the project's validated and linked handbook, the build date and
content version, and the views derived from the model — document titles,
quizzes, the deadline tools, the holder page builder — each computed on first
use and then shared by the pages (generator/site/pages.py), handbook.json
(generator/publish/export.py) and the finish stage (generator/run/pipeline.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from jinja2 import Environment

from generator.cache import reuse
from generator.link.handbook import Handbook
from generator.link.quiz import Quiz, build_quizzes
from generator.site.render import Page, make_environment, render_page
from generator.views import common as views
from generator.views.holders import HolderPages
from generator.views.tools import ToolSite, tool_page_views


@dataclass
class Build:
    handbook: Handbook
    build_date: str = ""
    content_version: str = ""
    env: Environment = field(default_factory=make_environment)

    @property
    def linked(self):
        return self.handbook.linked

    @cached_property
    def titles(self) -> dict[str, str]:
        """Document id → the title pages show."""
        return {d.id: views.document_title(d) for d in self.handbook.documents}

    @cached_property
    def context(self) -> tuple:
        """What any page reused from the previous reload (cache.reuse, `sotay serve`) may read besides
        its own inputs: the templates, every holder's id, kind and entry, the vocabularies, the
        documents and their titles. Equal to the previous build's context, it is that very tuple,
        so comparing it again is quick."""
        linked = self.linked
        value = (
            getattr(self.env, "sotay_templates_version", b""),
            tuple((h, v.kind, v.item) for h, v in linked.holders.items()) if linked else (),
            linked.knowledge.vocab if linked else None,
            tuple(self.handbook.documents),
            tuple(self.titles.items()),
        )
        return reuse("page-context", value, lambda: value)

    @cached_property
    def quizzes(self) -> list[Quiz]:
        """One quiz per document that yields questions: the on-tap pages and handbook.json's `quizzes`."""
        return build_quizzes(self.linked, self.titles, self.context) if self.linked else []

    @cached_property
    def tools(self) -> tuple[list[Page], ToolSite]:
        """The deadline tools and the obligations calendar: (pages, ToolSite); under `sotay serve` the
        previous reload's while the rules, their wording (data/tools.yml) and the working-day calendar are unchanged."""
        def render() -> tuple[list[Page], ToolSite]:
            views, site = tool_page_views(self.handbook, self.titles)
            return [render_page(self.env, v.page, v.template, **v.context) for v in views], site

        rules = tuple(self.linked.knowledge.rules) if self.linked else ()
        words = self.linked.knowledge.tools if self.linked else None  # data/tools.yml
        return reuse("tools", (self.context, rules, words, self.handbook.calendar), render)

    @property
    def tools_by_rule(self) -> dict[str, tuple[str, str]]:
        """Rule id → (the calculator's page#form, chip label)."""
        return self.tools[1].by_rule

    @cached_property
    def context_with_tools(self) -> tuple:
        """`context` plus the tool each rule links to (what holder and document pages read)."""
        value = self.context + (tuple(self.tools_by_rule.items()),)
        return reuse("page-context+tools", value, lambda: value)

    @cached_property
    def holders(self) -> HolderPages | None:
        """The view builder of role and body pages (None without data/)."""
        return HolderPages(self.linked, self.titles, self.tools_by_rule) if self.linked else None
