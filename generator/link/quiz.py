"""Self-check quizzes generated from the knowledge model (on-tap/<document-id>.html).

Four kinds of question, each answered by one cited clause:

- `ai`: "Theo Quy chế, ai chủ trì …?" from duties whose action is
  chu-tri/quyet-dinh; distractors are other holders with duties in the same
  document who do not hold that duty (inherited duties count), are not named
  in the cited article and have no duty on the same topic in that document —
  so no distractor is arguably right.
- `so-ngay`: "… trong bao nhiêu ngày?" from rules with `days`; distractors are
  other day counts of the handbook's rules and neighbours of the answer.
- `ty-le`: quorum and majority rules applied to a body of N members
  ("Ban Chấp hành có 15 người → tối thiểu 10 người dự"), distractors from
  the other usual fractions.
- `dinh-ky`: "… bao lâu một lần?" from recurring rules whose quote names only
  one period and whose title does not give the answer away.

Every question keeps its key `fact` (the holder's name, the number, the
fraction, the period word), which must occur in the cited text — the tests
check it. Everything is deterministic: options are shuffled with a seed taken
from the question's own content, never from the clock.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from fractions import Fraction

from generator.cache import reuse
from generator.link.citations import normalize, target_texts
from generator.model.document import paragraphs
from generator.model.knowledge import Cite

MAX_QUESTIONS = 16  # per quiz: one class period
HOLDER_ACTIONS = ("chu-tri", "quyet-dinh")
BODY_SIZES = {"ban-chap-hanh": 15, "ban-thuong-vu": 7}  # the sizes used in examples; others get 9
FREQ_LABELS = {
    "weekly": "Mỗi tuần một lần",
    "monthly": "Mỗi tháng một lần",
    "quarterly": "Mỗi quý (3 tháng) một lần",
    "half-yearly": "6 tháng một lần",
    "yearly": "Mỗi năm một lần",
}
FREQ_FACTS = {  # words that say the period in a regulation's text (lowercase)
    "weekly": ("hằng tuần", "mỗi tuần", "1 tuần"),
    "monthly": ("hằng tháng", "mỗi tháng", "1 tháng", "/tháng", "lần/tháng"),
    "quarterly": ("hằng quý", "mỗi quý", "3 tháng"),
    "half-yearly": ("6 tháng",),
    "yearly": ("hằng năm", "mỗi năm"),
}
UNIT_LABELS = {"day": "ngày", "working-day": "ngày làm việc"}


@dataclass
class Question:
    id: str
    kind: str  # ai | so-ngay | ty-le | dinh-ky
    text: str
    options: list[str]
    answer: int  # index into options
    explanation: str
    cites: list[Cite]
    fact: str  # what the cited text must contain for the answer to hold
    with_title: bool = False  # the fact may be in the article title ("Nhiệm vụ … của Bí thư")

    @property
    def answer_text(self) -> str:
        return self.options[self.answer]


@dataclass
class Quiz:
    id: str  # the document id
    title: str
    document: str
    questions: list[Question] = field(default_factory=list)

    @property
    def page(self) -> str:
        return quiz_page(self.id)

    @property
    def key_page(self) -> str:
        return quiz_page(f"{self.id}-dap-an")


def quiz_page(slug: str) -> str:
    return f"on-tap/{slug}.html"


# --- helpers ---------------------------------------------------------------------------


def seed_of(*parts: str) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16], 16)


def shuffled(answer: str, distractors: list[str], *seed: str) -> tuple[list[str], int]:
    options = [answer, *distractors]
    random.Random(seed_of(*seed, *options)).shuffle(options)
    return options, options.index(answer)


def cited_text(linked, cites: list[Cite], with_title: bool = False) -> str:
    """The cited passages (article title too when asked), normalised and lowercased."""
    parts = []
    for cite in cites:
        target = linked.targets[cite]
        if with_title:
            parts.append(target.article.title)
            parts += [p.text for p in paragraphs(target.article, nested=False)]
        parts += list(target_texts(target))
    return normalize(" ".join(parts)).lower()


def names_of(holder) -> list[str]:
    return [n for n in (holder.name, holder.short, *holder.aliases) if n]


def mentions(text: str, holder) -> bool:
    return any(normalize(n).lower() in text for n in names_of(holder))


def _sentence(summary: str) -> str:
    summary = summary.strip().rstrip(".")
    return summary[:1].lower() + summary[1:]


def _cite_label(linked, cites: list[Cite]) -> str:
    return "; ".join(linked.targets[c].label for c in cites)


# --- question builders -------------------------------------------------------------------


def article_text(linked, cites: list[Cite]) -> str:
    """The whole cited articles (title, opening text, every khoản), normalised and lowercased."""
    parts = []
    for cite in cites:
        article = linked.targets[cite].article
        parts += [article.title, *(p.text for p in paragraphs(article))]
    return normalize(" ".join(parts)).lower()


@dataclass
class QuizIndex:
    """What the question builders look up, built once per linked model: scanning all duties and
    rules for every document made quizzes quadratic in the number of documents."""

    duties: dict[str, list]  # document of a duty's first cite → duties
    held: dict[str, set[str]]  # holder → ids of the duties it holds, inherited ones included
    rules: dict[str, list]  # document of a rule's first cite → rules

    def inputs(self, document_id: str) -> tuple:
        """The duties and rules a document's quiz is made of (to tell whether it may have changed)."""
        return tuple(self.duties.get(document_id, ())), tuple(self.rules.get(document_id, ()))


def quiz_index(linked) -> QuizIndex:
    by_document: dict[str, list] = {}
    for duty in linked.knowledge.duties:
        by_document.setdefault(duty.cite[0].document, []).append(duty)
    held = {holder_id: {e.duty.id for e in view.duties} for holder_id, view in linked.holders.items()}
    rules: dict[str, list] = {}
    for rule in linked.knowledge.rules:
        rules.setdefault(rule.cite[0].document, []).append(rule)
    return QuizIndex(by_document, held, rules)


def holder_questions(linked, index: QuizIndex, document_id: str) -> list[Question]:
    """'Ai chủ trì …?' / 'Ai quyết định …?' from duties whose summary starts with that verb."""
    k = linked.knowledge
    in_document = index.duties.get(document_id, [])
    candidates = list(dict.fromkeys(d.holder for d in in_document))
    topics: dict[str, set[str]] = {}
    for d in in_document:
        topics.setdefault(d.holder, set()).update(d.topics)
    questions = []
    for duty in in_document:
        verb = k.vocab.actions.get(duty.action, "") if duty.action in HOLDER_ACTIONS else ""
        if not verb or not duty.summary.lower().startswith(verb.lower()):
            continue
        holder = linked.holders[duty.holder]
        support = cited_text(linked, duty.cite, with_title=True)
        named = [n for n in names_of(holder.item) if normalize(n).lower() in support]
        text = f"Theo Quy chế, ai {_sentence(duty.summary)}?"
        lowered = normalize(text).lower()
        if not named or mentions(lowered, holder.item):
            continue
        whole = article_text(linked, duty.cite)  # anyone named anywhere in the article is no distractor
        distractors = []
        for other_id in candidates:
            other = linked.holders[other_id]
            if other_id == duty.holder or other.kind != holder.kind or other_id in duty.with_:
                continue
            if duty.id in index.held[other_id]:  # holds it by inheritance
                continue
            if topics.get(other_id, set()) & set(duty.topics):  # works on the same matter here: arguable
                continue
            if mentions(whole, other.item) or mentions(lowered, other.item):
                continue
            distractors.append(other.item.name)
        distractors = sorted(set(distractors) - {holder.item.name}, key=lambda name: seed_of(duty.id, name))
        if len(distractors) < 2:
            continue
        options, answer = shuffled(holder.item.name, distractors[:3], duty.id)
        questions.append(Question(
            id=f"ai-{duty.id}", kind="ai", text=text, options=options, answer=answer,
            explanation=f"{holder.item.name}: {duty.summary}",
            cites=list(duty.cite), fact=named[0], with_title=True,
        ))
    return questions


def _days_text(rule) -> str | None:
    unit = UNIT_LABELS[rule.params.unit]  # a rule with days has a unit (knowledge.*Params)
    if rule.kind == "working-days-after":
        return f"{rule.title}: theo Quy chế, thời hạn là bao nhiêu ngày làm việc?"
    if rule.kind == "days-before":
        return f"{rule.title}: theo Quy chế, phải thực hiện trước kỳ họp bao nhiêu {unit}?"
    if rule.kind == "absence":
        # The threshold may hold for one case only (leaving the province on business) while other
        # cases are reported whatever the length: ask only about the case the data names.
        case = rule.params.when
        if not case:
            return None
        return f"{case}: theo Quy chế, vắng từ bao nhiêu {unit} trở lên thì phải báo cáo?"
    return None


def days_questions(linked, index: QuizIndex, document_id: str, all_days: list[int]) -> list[Question]:
    questions = []
    for rule in index.rules.get(document_id, []):
        days = getattr(rule.params, "days", None)
        if rule.cite[0].document != document_id or not isinstance(days, int) or days <= 0:
            continue
        text = _days_text(rule)
        fact = str(days)
        support = cited_text(linked, rule.cite)
        if not text or not re.search(rf"(?<!\d){fact}(?!\d)", support):
            continue
        unit = UNIT_LABELS[rule.params.unit]
        pool = [d for d in dict.fromkeys([*all_days, days + 1, days - 1, days * 2, days + 3]) if d > 0 and d != days]
        pool.sort(key=lambda d: (abs(d - days), d))
        options, answer = shuffled(f"{days} {unit}", [f"{d} {unit}" for d in pool[:3]], rule.id)
        questions.append(Question(
            id=f"so-ngay-{rule.id}", kind="so-ngay", text=text, options=options, answer=answer,
            explanation=rule.summary or rule.title, cites=list(rule.cite), fact=fact,
        ))
    return questions


def needed(members: int, fraction: Fraction, op: str) -> int:
    """Smallest count satisfying `count op fraction × members` (">=" or ">")."""
    exact = fraction * members
    if op == ">":
        return math.floor(exact) + 1
    return math.ceil(exact)


def ratio_questions(linked, index: QuizIndex, document_id: str) -> list[Question]:
    questions = []
    for rule in index.rules.get(document_id, []):
        if rule.cite[0].document != document_id or rule.kind not in ("quorum", "majority"):
            continue
        params = rule.params
        raw = params.fraction
        if not raw:
            continue
        fraction = Fraction(raw)
        op = params.op
        body_id = next((h for h in rule.applies_to if linked.holders[h].kind == "body"), None)
        if body_id is None or normalize(raw) not in cited_text(linked, rule.cite):
            continue
        body = linked.holders[body_id].item
        members = BODY_SIZES.get(body_id, 9)
        answer = needed(members, fraction, op)
        if rule.kind == "quorum":
            text = (f"{rule.title}: theo Quy chế, nếu {body.name} có {members} thành viên thì hội nghị "
                    f"cần tối thiểu bao nhiêu thành viên tham dự?")
        else:
            of = "có mặt" if params.of == "present" else "đương nhiệm"
            quote = (rule.quote or "").lower()
            verb = " tán thành" if "tán thành" in quote else " đề nghị" if "đề nghị" in quote else ""
            text = (f"{rule.title}: theo Quy chế, nếu {body.name} có {members} Ủy viên {of} thì cần "
                    f"ít nhất bao nhiêu Ủy viên{verb}?")
        pool = [needed(members, Fraction(f), o) for f, o in (("1/2", ">"), ("2/3", ">="), ("3/4", ">="), ("1/2", ">="))]
        pool = [n for n in dict.fromkeys([*pool, answer - 1, answer + 1]) if 0 < n <= members and n != answer]
        sign = "trên" if op == ">" else "ít nhất"
        options, index = shuffled(str(answer), [str(n) for n in pool[:3]], rule.id)
        questions.append(Question(
            id=f"ty-le-{rule.id}", kind="ty-le", text=text, options=options, answer=index,
            explanation=f"{rule.summary or rule.title} Cách tính: {sign} {raw} × {members} → {answer}.",
            cites=list(rule.cite), fact=raw,
        ))
    return questions


def _freq_words(text: str) -> set[str]:
    return {freq for freq, words in FREQ_FACTS.items() if any(w in text for w in words)}


def period_questions(linked, index: QuizIndex, document_id: str) -> list[Question]:
    questions = []
    for rule in index.rules.get(document_id, []):
        freq = getattr(rule.params, "freq", None)
        if rule.cite[0].document != document_id or rule.kind != "recurring" or freq not in FREQ_LABELS or not rule.quote:
            continue
        quote = normalize(rule.quote).lower()
        title = normalize(rule.title).lower()
        found = _freq_words(quote)
        if found != {freq} or _freq_words(title) or any(w in title for w in ("tuần", "tháng", "quý", "năm")):
            continue
        fact = next(w for w in FREQ_FACTS[freq] if w in quote)
        distractors = [label for f, label in FREQ_LABELS.items() if f != freq]
        distractors.sort(key=lambda label: seed_of(rule.id, label))
        options, answer = shuffled(FREQ_LABELS[freq], distractors[:3], rule.id)
        questions.append(Question(
            id=f"dinh-ky-{rule.id}", kind="dinh-ky",
            text=f"{rule.title}: theo Quy chế, bao lâu một lần?",
            options=options, answer=answer, explanation=rule.summary or rule.title,
            cites=list(rule.cite), fact=fact,
        ))
    return questions


# --- quizzes ---------------------------------------------------------------------------


def build_quizzes(linked, titles: dict[str, str], context: tuple = ()) -> list[Quiz]:
    """One quiz per document that yields questions, in document order; built once per build
    (site/context.Build.quizzes) for the pages and handbook.json.

    `context` (site/context.Build.context): under `sotay serve` a document whose duties and rules
    are unchanged keeps the previous reload's quiz (cache.reuse)."""
    index = quiz_index(linked)
    all_days = every_days(linked)
    quizzes = [reuse(("quiz", document_id), (context, tuple(all_days), index.inputs(document_id)),
                     lambda: document_quiz(linked, index, titles, document_id, all_days))
               for document_id in linked.documents]
    return [quiz for quiz in quizzes if quiz is not None]


def every_days(linked) -> list[int]:
    """Every day count the rules give: the distractors of "how many days" questions."""
    return sorted({r.params.days for r in linked.knowledge.rules
                   if isinstance(getattr(r.params, "days", None), int) and r.params.days > 0})


def document_quiz(linked, index: QuizIndex, titles: dict[str, str], document_id: str,
                  all_days: list[int]) -> Quiz | None:
    """The document's quiz, None when it yields no question. Reads the duties and rules whose
    first citation is in the document (`index.inputs`), the holders, vocabularies, the cited
    documents, the titles and `all_days`."""
    title = titles.get(document_id, document_id)
    groups = [
        ratio_questions(linked, index, document_id),
        days_questions(linked, index, document_id, all_days),
        period_questions(linked, index, document_id),
        holder_questions(linked, index, document_id),
    ]
    questions = _interleave([sorted(g, key=lambda q: seed_of(q.id)) for g in groups])[:MAX_QUESTIONS]
    return Quiz(document_id, f"Ôn tập: {title}", document_id, questions) if questions else None


def _interleave(groups: list[list[Question]]) -> list[Question]:
    """One of each kind in turn, so a short quiz still mixes kinds."""
    out, index = [], 0
    while any(index < len(g) for g in groups):
        out += [g[index] for g in groups if index < len(g)]
        index += 1
    return out
