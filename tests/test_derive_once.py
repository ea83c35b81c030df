"""`sotay build` reads and derives each thing once: every document and data file is read by
the parse stages once, the working-day calendar once, each document's quiz is built once."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import build_project, copy_project

pytestmark = pytest.mark.slow


def test_a_build_reads_each_input_and_builds_each_quiz_once(tmp_path, monkeypatch):
    from generator.link import quiz
    from generator.read import calendar_data, loader  # noqa: F401 - imported before the spies are set
    from generator.run import pipeline

    root = copy_project(tmp_path / "project").resolve()
    inputs = [root / "content", root / "data"]
    reads: Counter[str] = Counter()
    hashing = [False]  # pipeline.content_version hashes every input's bytes: not a parse

    def spy(method):
        def read(self, *args, **kwargs):
            path = Path(self).resolve()
            if not hashing[0] and any(path.is_relative_to(folder) for folder in inputs):
                reads[path.relative_to(root).as_posix()] += 1
            return method(self, *args, **kwargs)
        return read

    monkeypatch.setattr(Path, "read_bytes", spy(Path.read_bytes))
    monkeypatch.setattr(Path, "read_text", spy(Path.read_text))

    version = pipeline.content_version

    def content_version(project):
        hashing[0] = True
        try:
            return version(project)
        finally:
            hashing[0] = False

    monkeypatch.setattr(pipeline, "content_version", content_version)

    calendar_loads = []
    load_adjustments = calendar_data.load_adjustments
    for module in list(sys.modules.values()):  # wherever a stage imported it by name
        if module.__name__.startswith("generator") and getattr(module, "load_adjustments", None) is load_adjustments:
            monkeypatch.setattr(module, "load_adjustments",
                                lambda folder: calendar_loads.append(folder) or load_adjustments(folder))
    quizzes: Counter[str] = Counter()
    document_quiz = quiz.document_quiz

    def counted_quiz(*args):  # (linked, …, document_id, all_days)
        quizzes[args[-2]] += 1
        return document_quiz(*args)

    monkeypatch.setattr(quiz, "document_quiz", counted_quiz)

    build_project(root)

    documents = sorted(p.relative_to(root).as_posix() for p in (root / "content" / "documents").glob("*.md"))
    data_files = sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yml"))
    calendar_files = [f for f in data_files if f.startswith("data/calendar/")]
    assert documents and calendar_files and len(data_files) > len(calendar_files)
    assert {f: reads[f] for f in documents} == {f: 1 for f in documents}
    assert {f: reads[f] for f in data_files} == {f: 1 for f in data_files}
    assert all(count == 1 for count in reads.values()), {f: n for f, n in reads.items() if n != 1}
    assert len(calendar_loads) == 1
    assert quizzes and set(quizzes.values()) == {1}, quizzes
