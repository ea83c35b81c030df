"""View models of the quiz pages: on-tap/<document>.html (interactive) and on-tap/<document>-dap-an.html
(the teacher's answer sheet). The questions themselves are built once per build (generator/link/quiz.py)."""

from __future__ import annotations

from generator import urls
from generator.link.quiz import Quiz
from generator.model.knowledge import Cite
from generator.views.common import draft_mark

QUIZ_CSS = ["assets/sotay/course.css"]
QUIZ_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/quiz.js"]
LETTERS = "ABCDEFGH"


def cite_views(linked, page: str, cites: list[Cite], titles: dict[str, str]) -> list[dict]:
    """The whole document title (a quiz is read slowly); a draft says so, as everywhere (views.cite_link)."""
    return [{"label": f"{t.label}, {titles.get(c.document, c.document)}{draft_mark(t.document)}",
             "href": urls.relative(page, t.href)} for c in cites for t in [linked.targets[c]]]


def quiz_view(quiz: Quiz, linked, titles: dict[str, str], page: str) -> dict:
    return {
        "id": quiz.id,
        "title": quiz.title,
        "document": {"title": titles.get(quiz.document, quiz.document),
                     "href": urls.relative(page, urls.document_page(quiz.document))},
        "quiz_href": urls.relative(page, quiz.page),
        "key_href": urls.relative(page, quiz.key_page),
        "questions": [{
            "id": q.id,
            "number": n,
            "text": q.text,
            "options": [{"letter": LETTERS[i], "text": o, "value": i} for i, o in enumerate(q.options)],
            "answer_letter": LETTERS[q.answer],
            "answer_text": q.answer_text,
            "explanation": q.explanation,
            "cites": cite_views(linked, page, q.cites, titles),
        } for n, q in enumerate(quiz.questions, start=1)],
        "key": {q.id: q.answer for q in quiz.questions},
    }
