"""Self-check quizzes: every answer is supported by its cited clause; deterministic; usable at 360 px."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from fractions import Fraction

import pytest

from generator.views import common as views
from generator.link.handbook import load_handbook
from generator.project import Project
from generator.link.quiz import BODY_SIZES, build_quizzes, needed
from generator.publish.export import quizzes_json

from conftest import PHONE, ROOT


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(Project(ROOT))


@pytest.fixture(scope="module")
def titles(handbook):
    return {d.id: views.short_title(d) for d in handbook.documents}


@pytest.fixture(scope="module")
def quizzes(handbook, titles):
    return build_quizzes(handbook.linked, titles)


def all_questions(quizzes):
    return [q for quiz in quizzes for q in quiz.questions]


def test_there_are_quizzes_of_every_kind(quizzes):
    questions = all_questions(quizzes)
    assert len(questions) >= 20
    assert {q.kind for q in questions} == {"ai", "so-ngay", "ty-le", "dinh-ky"}
    assert len({q.id for q in questions}) == len(questions)


def _node_text(node) -> str:
    """Everything written in a parsed article, khoản or điểm, read here rather than by the generator."""
    parts = [getattr(node, "title", ""), getattr(node, "text", "")]
    parts += [b.text for b in getattr(node, "intro", []) + getattr(node, "blocks", [])]
    for child in getattr(node, "clauses", []) + getattr(node, "points", []):
        parts.append(_node_text(child))
    return " ".join(p for p in parts if p)


def _cited_passage(handbook, cite) -> str:
    """The cited article (title included) or khoản or điểm, from the parsed document, lowercased."""
    document = handbook.document(cite.document)
    article = next(a for a in document.articles if a.number == cite.article)
    node = article
    if cite.clause:
        clauses = [c for c in _all_clauses(article.clauses) if c.number == cite.clause]
        node = clauses[cite.occurrence - 1]
    if cite.point:
        node = next(p for p in node.points if p.label == cite.point)
    text = _node_text(node) + " " + article.title
    return " ".join(text.split()).lower()


def _all_clauses(clauses):
    for clause in clauses:
        yield clause
        yield from _all_clauses(clause.clauses)


def _needed(members: int, fraction: str, op: str) -> int:
    """The smallest count `op` fraction × members, worked out with whole numbers."""
    num, den = (int(x) for x in fraction.split("/"))
    count = 1
    while not (count * den > members * num if op == ">" else count * den >= members * num):
        count += 1
    return count


def test_every_answer_is_supported_by_its_cited_clause(handbook, quizzes):
    linked = handbook.linked
    rules = {r.id: r for r in linked.knowledge.rules}
    duties = {d.id: d for d in linked.knowledge.duties}
    for q in all_questions(quizzes):
        text = " ".join(_cited_passage(handbook, cite) for cite in q.cites)
        assert " ".join(q.fact.split()).lower() in text, f"{q.id}: '{q.fact}' is not in the cited text"
        answer = q.answer_text
        if q.kind == "ai":
            holder = linked.holders[duties[q.id.removeprefix("ai-")].holder].item
            assert answer == holder.name and q.fact in (holder.name, holder.short, *holder.aliases)
        elif q.kind == "so-ngay":
            rule = rules[q.id.removeprefix("so-ngay-")]
            assert re.search(rf"(?<!\d){rule.params.days}(?!\d)", text)
            assert answer.split()[0] == str(rule.params.days) == q.fact
        elif q.kind == "ty-le":
            rule = rules[q.id.removeprefix("ty-le-")]
            members = int(re.search(r"có (\d+) ", q.text).group(1))
            assert answer == str(_needed(members, rule.params.fraction, rule.params.op))
            assert q.fact == rule.params.fraction
        elif q.kind == "dinh-ky":
            rule = rules[q.id.removeprefix("dinh-ky-")]
            assert q.fact in rule.quote.lower()


def test_quorum_counts_agree_with_the_client():
    """generator/link/quiz.py `needed` and overrides/assets/sotay/quorum.js check the same vectors."""
    cases = json.loads((ROOT / "tests" / "js" / "fixtures" / "quorum-cases.json").read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 10
    for case in cases:
        assert needed(case["members"], Fraction(case["fraction"]), case["op"]) == case["needed"], case
        assert _needed(case["members"], case["fraction"], case["op"]) == case["needed"], case


def test_distractors_are_distinct_and_wrong(quizzes):
    for q in all_questions(quizzes):
        assert 3 <= len(q.options) <= 4, q.id
        assert len(set(q.options)) == len(q.options), q.id
        assert q.options.count(q.answer_text) == 1


def test_the_quorum_example_from_the_lesson(quizzes):
    (quorum,) = [q for q in all_questions(quizzes) if q.id == "ty-le-lp-quorum-bch-btv"]
    assert BODY_SIZES["ban-chap-hanh"] == 15 and "có 15 thành viên" in quorum.text
    assert quorum.answer_text == "10"  # ít nhất 2/3 × 15
    assert "2/3" in quorum.explanation


def test_working_days_question(quizzes):
    (q,) = [q for q in all_questions(quizzes) if q.id == "so-ngay-duk-tra-loi-de-nghi-7-ngay-lam-viec"]
    assert q.answer_text == "7 ngày làm việc"
    assert q.cites[0].article == 3 and q.cites[0].clause == "1"


def test_absence_question_asks_only_about_the_case_with_a_threshold(quizzes):
    """Điều 4 khoản 13: leaving the province "khi có việc" from 2 working days; a work trip out of
    the xã (Điều 14 khoản 2) is reported whatever its length — the question must not say otherwise."""
    (q,) = [q for q in all_questions(quizzes) if q.id == "so-ngay-lp-di-khoi-dia-ban-2-ngay"]
    assert q.text.startswith("Đi khỏi địa bàn tỉnh khi có việc (không phải đi công tác")
    assert "đi công tác ra khỏi xã phải báo cáo" not in q.text
    assert q.answer_text == "2 ngày làm việc"
    assert "Đi công tác ra khỏi địa bàn xã thì phải báo cáo, không kể số ngày" in q.explanation


def test_absence_rule_without_its_case_gets_no_days_question(handbook, titles):
    """A threshold without the case it is for would teach a wrong rule: no question."""
    linked = handbook.linked
    rules = [r.model_copy(update={"params": r.params.model_copy(update={"when": None})})
             if r.id == "lp-di-khoi-dia-ban-2-ngay" else r for r in linked.knowledge.rules]
    without_case = replace(linked, knowledge=replace(linked.knowledge, rules=rules))
    assert "so-ngay-lp-di-khoi-dia-ban-2-ngay" in {q.id for q in all_questions(build_quizzes(linked, titles))}
    assert "so-ngay-lp-di-khoi-dia-ban-2-ngay" not in {q.id for q in all_questions(build_quizzes(without_case, titles))}


def test_distractors_never_hold_the_duty_by_inheritance(handbook, quizzes):
    linked = handbook.linked
    by_name = {v.item.name: v for v in linked.holders.values()}
    for q in all_questions(quizzes):
        if q.kind != "ai":
            continue
        duty_id = q.id.removeprefix("ai-")
        for option in q.options:
            if option != q.answer_text:
                assert all(e.duty.id != duty_id for e in by_name[option].duties), (q.id, option)


def test_quizzes_are_deterministic(handbook, titles, quizzes):
    again = build_quizzes(handbook.linked, titles)
    assert [(q.id, q.options, q.answer) for q in all_questions(again)] == \
           [(q.id, q.options, q.answer) for q in all_questions(quizzes)]


def test_handbook_json_exports_the_questions(default_site, handbook):
    data = json.loads((default_site / "api" / "handbook.json").read_text(encoding="utf-8"))
    exported = data["quizzes"]
    assert exported and exported == json.loads(json.dumps(quizzes_json(build_quizzes(handbook.linked, {d.id: views.document_title(d) for d in handbook.documents}), handbook.linked), ensure_ascii=False))
    first = exported[0]
    assert set(first) >= {"id", "text", "options", "answer", "explanation", "cite"}
    assert set(first["cite"][0]) == {"document", "article", "clause", "point", "href"}
    assert first["cite"][0]["href"].startswith("van-ban/")


def test_quiz_pages(default_site):
    page = (default_site / "on-tap" / "qc-lam-viec-lung-phinh.html").read_text(encoding="utf-8")
    assert 'data-sotay-quiz="qc-lam-viec-lung-phinh"' in page and 'id="sotay-quiz-key"' in page
    assert "assets/sotay/quiz.js" in page
    key = (default_site / "on-tap" / "qc-lam-viec-lung-phinh-dap-an.html").read_text(encoding="utf-8")
    assert "Đáp án: " in key and "quiz.js" not in key
    assert "Ôn tập: Ôn tập" not in key and "Bài ôn tập: Ôn tập" not in key
    assert 'Bài ôn tập cho học viên</a>' in key


def test_quiz_in_the_browser_at_360px(default_server, new_page, tmp_path):
    page, watch = new_page(PHONE)
    page.goto(default_server + "on-tap/qc-lam-viec-lung-phinh.html")
    key = json.loads(page.locator("#sotay-quiz-key").text_content())
    questions = page.locator("[data-question]")
    first, second = questions.nth(0), questions.nth(1)
    right = key[first.get_attribute("data-question")]
    first.locator(f'input[value="{right}"]').check()
    assert first.locator(".sotay-feedback").is_visible()
    assert first.locator("[data-verdict]").text_content() == "Đúng."
    wrong = (key[second.get_attribute("data-question")] + 1) % second.locator("input").count()
    second.locator(f'input[value="{wrong}"]').check()
    assert second.locator("[data-verdict]").text_content().startswith("Chưa đúng. Đáp án đúng:")
    assert second.locator("input").first.is_disabled()
    assert "Đã trả lời 2/" in page.locator("[data-score]").text_content()
    assert "đúng 1." in page.locator("[data-score]").text_content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the quiz scrolls sideways at 360 px"
    page.locator("button[type=reset]").click()
    assert not first.locator(".sotay-feedback").is_visible()
    assert watch.errors == []
    page.screenshot(path=str(tmp_path / "quiz-360.png"), full_page=False)
