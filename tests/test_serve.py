"""`sotay serve` on a copy of the default handbook: what an editor sees after saving a file."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
from pathlib import Path

import pytest

from bench.corpus import communes, make_corpus
from conftest import build_project, copy_project
from serve_process import ServeProcess, ServeTimeout
from generator.run.serve import BackgroundJob

TIMEOUT = 240
MARKER = "Ghi-chú-thử-tải-lại"


class Served(ServeProcess):
    def wait_for(self, pattern: str, after: float, timeout: float = TIMEOUT) -> float:
        try:
            return super().wait_for(pattern, after, timeout)
        except ServeTimeout as missing:
            pytest.fail(str(missing))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("serve") / "project")
    server = Served(root)
    server.wait_for(r"Serving on", 0)
    yield server
    server.stop()


def edit(path: Path, old: str, new: str) -> float:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(1.1)  # a new mtime second for the watcher and for MkDocs' dirty check
    stamp = time.monotonic()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return stamp


def test_an_edited_duty_shows_after_the_reload_and_search_catches_up(served):
    before = served.get("pagefind/pagefind-entry.json")
    duties = served.root / "data" / "duties" / "qc-lam-viec-lung-phinh.yml"
    saved = edit(duties, "summary: Quyết định chương trình làm việc",
                 f"summary: {MARKER} Quyết định chương trình làm việc")
    served.wait_for(r"Reloading browsers", saved)
    assert MARKER in served.get("co-quan/ban-chap-hanh.html")
    served.wait_for(r"chỉ mục đã cập nhật", saved)
    assert served.get("pagefind/pagefind-entry.json") != before  # the index was rebuilt with the new text
    assert '"d":' in served.get("pagefind/sotay-words.json")  # the same index as `sotay build` makes
    assert "Traceback" not in served.log()


def test_a_new_document_appears_in_the_menu_of_every_page(served):
    source = served.root / "content" / "documents" / "qc-phoi-hop-trung-tam-chinh-tri.md"
    copy = served.root / "content" / "documents" / "qc-thu-tai-lai.md"
    text = source.read_text(encoding="utf-8")
    time.sleep(1.1)
    saved = time.monotonic()
    copy.write_text(text.replace("id: qc-phoi-hop-trung-tam-chinh-tri", "id: qc-thu-tai-lai", 1)
                    .replace("title: Quy chế phối hợp", "title: Quy chế thử tải lại", 1), encoding="utf-8")
    served.wait_for(r"mục lục thay đổi", saved)
    served.wait_for(r"Reloading browsers", saved)
    for page in ("bai-hoc/bai-1-thuong-truc.html", "danh-muc/chuan-bi-hoi-nghi-bch.html", "co-quan/ban-chap-hanh.html"):
        assert "qc-thu-tai-lai.html" in served.get(page), page


def test_a_broken_data_file_is_reported_and_the_last_good_pages_stay(served):
    relations = sorted((served.root / "data" / "relations").glob("*.yml"))[0]
    good = relations.read_text(encoding="utf-8")
    saved = edit(relations, "relations:", "relations: [")
    line = served.line(r"relations/.*\.yml:\d+", saved)
    assert "YAML" in line
    assert "ban-chap-hanh" in served.get("co-quan/ban-chap-hanh.html")  # still served
    assert "Traceback" not in served.log()
    time.sleep(1.1)
    fixed = time.monotonic()
    relations.write_text(good, encoding="utf-8")
    served.wait_for(r"Reloading browsers", fixed)


def test_no_offline_worker_while_editing(served):
    worker = served.get("sw.js")
    assert "unregister" in worker and "caches.open" not in worker


def test_background_job_folds_requests_made_while_it_runs():
    job = BackgroundJob("test")
    started, release, runs = threading.Event(), threading.Event(), []

    def slow(n):
        def run():
            runs.append(n)
            started.set()
            release.wait(5)
        return run

    job.request(slow(1))
    assert started.wait(5)
    for n in (2, 3, 4):  # while the first runs: only the newest is worth running
        job.request(slow(n))
    release.set()
    assert job.wait_idle(10)
    assert runs == [1, 4]


# --- a long serve session gives the pages a fresh build gives ------------------------------------

COMMUNES = 4  # 15 documents: roles drawn from more than HOLDER_DOCUMENT_LIMIT get per-document pages
# what only the development server adds: its livereload script, and a canonical link to itself
SERVE_ONLY = re.compile(r'<script>\s*var livereload = .*?</script>'
                        r'|\n        <link rel="canonical" href="http://127\.0\.0\.1:\d+/[^"]*">\n      ', re.DOTALL)
# the footer's content version: a page whose Markdown did not change is not rendered again by
# MkDocs' dirty build, so it keeps the version of the reload that last rendered it
VERSION = re.compile(r"(Phiên bản nội dung) [0-9a-f]{10}")


def changed(path: Path, text: str | None) -> float:
    """Write (or with None, delete) `path` in a new mtime second; the time just before."""
    time.sleep(1.1)
    stamp = time.monotonic()
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    return stamp


def tree(folder: Path) -> dict[str, bytes]:
    """Generated files; the per-process nonce marking author Markdown (link/author_html.py) left out."""
    return {p.relative_to(folder).as_posix(): re.sub(rb"(sotay-author-|sotayembed)[0-9a-f]{24}", rb"\1NONCE", p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_pages_after_edits_are_those_of_a_fresh_build(tmp_path):
    """Reloads reuse what did not change (cache.shared, cache.reuse): after editing a duty and a
    rule, adding a document and removing one with its data, the generated pages and the served
    HTML are byte for byte those of a clean `sotay build` of the same files (the HTML less what
    only the server adds and the footer's content version, see VERSION)."""
    root = make_corpus(COMMUNES, tmp_path / "served")
    (root / "build" / "serve-docs").mkdir(parents=True)
    server = Served(root)
    try:
        server.wait_for(r"Serving on", 0)
        documents, data = root / "content" / "documents", root / "data"
        first, second = (c.slug for c in communes(COMMUNES)[:2])
        # the structural changes first: the edits after them are reloads that reuse most pages
        text = (documents / f"qc-lam-viec-{first}.md").read_text(encoding="utf-8")
        steps = [(documents / "qc-lam-viec-them.md", text.replace(f"id: qc-lam-viec-{first}", "id: qc-lam-viec-them", 1))]
        removed = f"qc-phoi-hop-cong-an-{second}"
        steps += [(data / kind / f"{removed}.yml", None) for kind in ("duties", "relations", "rules")
                  if (data / kind / f"{removed}.yml").exists()]
        steps.append((documents / f"{removed}.md", None))
        duties = data / "duties" / f"qc-lam-viec-{first}.yml"
        steps.append((duties, duties.read_text(encoding="utf-8").replace("summary: ", f"summary: {MARKER} ")))
        rules = data / "rules" / f"qc-lam-viec-{first}.yml"
        steps.append((rules, rules.read_text(encoding="utf-8").replace("title: ", f"title: {MARKER} ", 1)))
        words = data / "tools.yml"  # the tool pages' wording: no rule changes, the pages do
        steps.append((words, words.read_text(encoding="utf-8").replace("    intro: >-\n", f"    intro: >-\n      {MARKER}\n", 1)))
        for path, new_text in steps:
            saved = changed(path, new_text)
            server.wait_for(r"Reloading browsers", saved)
        server.wait_for(r"chỉ mục đã cập nhật", saved)
        assert "Traceback" not in server.log() and "ERROR" not in server.log()

        fresh = copy_project(tmp_path / "fresh", content=root / "content", data=root / "data")
        build_project(fresh)
        served_docs, fresh_docs = tree(root / "build" / "serve-docs"), tree(fresh / "build" / "docs")
        assert sorted(served_docs) == sorted(fresh_docs)
        assert [p for p in fresh_docs if served_docs[p] != fresh_docs[p]] == []
        assert not any(removed in p for p in served_docs) and "van-ban/qc-lam-viec-them.md" in served_docs
        for folder in ("vai-tro", "co-quan", "cong-cu"):  # the edits reached pages made per document
            assert any(p.startswith(f"{folder}/") and p.endswith(f"/qc-lam-viec-{first}.md")
                       and MARKER in text.decode() for p, text in served_docs.items()), folder

        with pytest.raises(urllib.error.HTTPError, match="404"):  # not left behind by the dirty build
            server.get(f"van-ban/{removed}.html")
        site = (fresh / "site").resolve()
        for page in sorted(p for p in fresh_docs if p.endswith(".md")):
            html = page.removesuffix(".md") + ".html"
            served_html = VERSION.sub(r"\1", SERVE_ONLY.sub("", server.get(html)))
            assert served_html == VERSION.sub(r"\1", (site / html).read_text(encoding="utf-8")), html
    finally:
        server.stop()
