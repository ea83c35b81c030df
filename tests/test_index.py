"""Index stage: Pagefind over a tiny built site, the file:// scripts, the pin."""

from __future__ import annotations

import base64
import gzip
import json
import re
from importlib import metadata
from pathlib import Path

import pytest

from generator.publish import search_index as index
from generator.views import search as search_view
from generator.errors import BuildError
from tests.search_fixture import REPO, build_fixture_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site")
    report = build_fixture_site(dest)
    return dest, report


def read_pf(path: Path) -> dict:
    data = gzip.decompress(path.read_bytes())
    assert data[:12] == b"pagefind_dcd"
    return json.loads(data[12:])


def test_indexes_only_pages_with_a_body(site):
    dest, report = site
    assert report.pages == 3  # not index.html, not tim-kiem.html
    urls = {read_pf(f)["url"] for f in (dest / "pagefind" / "fragment").iterdir()}
    assert urls == {"/van-ban/quy-che-lam-viec.html", "/van-ban/quy-che-phoi-hop.html", "/vai-tro/bi-thu-chi-bo.html"}


def test_pagefind_ui_files_are_removed(site):
    dest, _ = site
    names = {p.name for p in (dest / "pagefind").iterdir() if p.is_file()}
    assert "pagefind.js" in names and "pagefind-entry.json" in names
    assert not any(n.startswith("pagefind-ui") or "component-ui" in n or "highlight" in n for n in names)
    assert "pagefind-worker.js" not in names  # search.js passes noWorker: true


def test_every_runtime_file_has_a_file_script_with_the_same_bytes(site):
    dest, report = site
    bundle = dest / "pagefind"
    scripts = dest / "pagefind-file"
    total = 0
    for path in index.runtime_files(bundle):
        rel = path.relative_to(bundle).as_posix()
        script = scripts / f"{rel}.js"
        text = script.read_text(encoding="ascii")
        total += len(text)
        m = re.fullmatch(r'\(self\.__pfFiles=self\.__pfFiles\|\|\{\}\)\[("[^"]+")\]=(.*);\n', text, re.S)
        assert m, rel
        assert json.loads(m.group(1)) == rel
        value = json.loads(m.group(2))
        if rel.endswith((".js", ".json")):  # text: the string itself, a third smaller than base64
            assert value["text"].encode("utf-8") == path.read_bytes()
        else:
            assert base64.b64decode(value) == path.read_bytes()
    assert total == report.file_script_bytes


def test_fragments_keep_clause_anchors_with_word_locations(site):
    """search-core.js deep-links to khoản via fragment anchors: the contract we rely on."""
    dest, _ = site
    frags = [read_pf(f) for f in (dest / "pagefind" / "fragment").iterdir()]
    page = next(f for f in frags if f["url"] == "/van-ban/quy-che-lam-viec.html")
    anchors = {a["id"]: a for a in page["anchors"]}
    assert {"dieu-6", "dieu-6-khoan-3", "dieu-6-khoan-3-diem-a"} <= set(anchors)
    assert anchors["dieu-6"]["element"] == "h2"
    words = re.split(r"[\r\n\s]+", page["content"])
    assert words[anchors["dieu-6-khoan-3-diem-a"]["location"]] == "a)"
    assert page["meta"]["document"] == "Quy chế làm việc"
    assert page["filters"] == {"van-ban": ["quy-che-lam-viec"], "loai-trang": ["van-ban"]}


def test_pagefind_is_pinned(site):
    dest, _ = site
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"pagefind-bin=={index.PAGEFIND_VERSION}"' in pyproject
    assert metadata.version("pagefind-bin") == index.PAGEFIND_VERSION
    entry = json.loads((dest / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["version"] == index.PAGEFIND_VERSION
    assert set(entry["languages"]) == {"vi"}


def test_check_bundle_fails_when_pagefind_changes_what_the_loader_needs(site, tmp_path):
    dest, _ = site
    copy = tmp_path / "pagefind"
    copy.mkdir()
    for p in (dest / "pagefind").iterdir():
        if p.is_file():
            (copy / p.name).write_bytes(p.read_bytes())
    index.check_bundle(copy)
    js = (copy / "pagefind.js").read_text()
    (copy / "pagefind.js").write_text(js.replace("noWorker", "useMainThread"))
    with pytest.raises(BuildError, match="noWorker"):
        index.check_bundle(copy)


def test_search_aliases_table():
    table = search_view.search_aliases(
        [
            search_view.AliasSource("Ban Thường vụ Đảng ủy", "Ban Thường vụ", ("BTV",)),
            search_view.AliasSource("Hội đồng nhân dân", None, ("HĐND", "hđnd")),
            search_view.AliasSource("Tỉnh ủy", "Tỉnh ủy", ("Ban Chấp hành Đảng bộ tỉnh",)),
        ]
    )
    assert table == {
        "ban chấp hành đảng bộ tỉnh": ["Tỉnh ủy"],
        "btv": ["Ban Thường vụ Đảng ủy", "Ban Thường vụ"],
        "hđnd": ["Hội đồng nhân dân"],
    }


def test_search_page_fragment_is_not_indexed_and_carries_the_aliases(site):
    dest, _ = site
    page = (dest / "tim-kiem.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in page
    island = re.search(r'<script type="application/json" data-role="aliases">(.*?)</script>', page, re.S)
    assert json.loads(island.group(1))["ubkt"] == ["Ủy ban Kiểm tra Đảng ủy", "Ủy ban Kiểm tra"]


def test_header_override_differs_from_material_only_in_the_search_block():
    import material

    upstream = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text()
    ours = (REPO / "overrides" / "partials" / "header.html").read_text()

    def outside_search(text: str) -> str:
        text = re.sub(r"\{#-.*?-#\}", "", text, flags=re.S)
        start = text.index("{% if config.extra.alternate %}")
        end = text.index("{% if config.repo_url %}")
        return text[:start] + text[end:]

    assert outside_search(ours) == outside_search(upstream)
    assert '{% include "partials/search.html" %}' in ours


def test_reindexing_leaves_no_stale_files(site, tmp_path):
    import shutil

    dest, _ = site
    copy = tmp_path / "site"
    shutil.copytree(dest, copy)
    (copy / "pagefind" / "index" / "vi_stale.pf_index").write_bytes(b"old")
    (copy / "pagefind-file" / "index" / "vi_stale.pf_index.js").write_text("old")
    index.index_site(copy)
    assert not (copy / "pagefind" / "index" / "vi_stale.pf_index").exists()
    assert not (copy / "pagefind-file" / "index" / "vi_stale.pf_index.js").exists()


DOCUMENT_PAGE = """<!doctype html><html lang="vi" class="no-js"><head><title>x</title></head><body>
<article class="md-content__inner md-typeset">
<div data-pagefind-body data-pagefind-filter="loai-trang:van-ban">
<h1 id="quy-che-lam-viec-cua-ban-chap-hanh">Quy chế làm việc, khóa I</h1>
<div class="sotay-card" data-pagefind-ignore><dl><dt>Số</dt><dd>01</dd></dl></div>
<p><span data-pagefind-meta="van-ban:Quy chế làm việc, khóa I" data-pagefind-filter="van-ban:Quy chế làm việc, khóa I" hidden></span></p>
<h2 id="chuong-1">Chương I. NHIỆM VỤ</h2>
<h3 class="sotay-article-heading" id="dieu-1">Điều 1. Nhiệm vụ của Ban Chấp hành</h3>
<div class="sotay-article"><div class="sotay-node" id="dieu-1-khoan-1"><p>1. Lãnh đạo toàn diện.</p></div></div>
<h3 class="sotay-article-heading" id="dieu-2">Điều 2. Nhiệm vụ của Ban Thường vụ</h3>
<div class="sotay-article"><p>Ban Thường vụ lãnh đạo giữa hai kỳ họp.</p></div>
</div>
</article></body></html>"""


def test_a_document_page_is_indexed_as_one_record_per_article():
    records = index.split_document(DOCUMENT_PAGE, "van-ban/qc.html")
    assert len(records) == 3  # the page head, Điều 1 (with its Chương), Điều 2
    head, first, second = records
    assert "<h1" in head and "dieu-1" not in head
    assert 'id="chuong-1"' in first and 'id="dieu-1-khoan-1"' in first and 'id="dieu-2"' not in first
    assert 'data-pagefind-weight="10.0" class="sotay-article-heading" id="dieu-2"' in second
    for record in records:
        assert record.startswith('<!doctype html><html lang="vi">')
        assert '<div data-pagefind-body data-pagefind-filter="loai-trang:van-ban">' in record
        assert '<span data-pagefind-meta="page:van-ban/qc.html" hidden></span>' in record
        assert '<span data-pagefind-meta="title:Quy chế làm việc, khóa I" hidden></span>' in record
        assert 'data-pagefind-meta="van-ban:Quy chế làm việc, khóa I"' in record


def test_pages_without_articles_are_indexed_whole():
    assert index.split_document("<html><body><p>no body</p></body></html>", "a.html") is None
    page = DOCUMENT_PAGE.replace('class="sotay-article-heading" ', "")
    assert index.split_document(page, "a.html") is None


def test_split_records_in_the_bundle_name_their_page(tmp_path):
    import shutil

    site = tmp_path / "site"
    build_fixture_site(site)
    shutil.copy(site / "van-ban" / "quy-che-lam-viec.html", site / "keep.html")
    (site / "van-ban" / "qc.html").write_text(DOCUMENT_PAGE, encoding="utf-8")
    report = index.index_site(site)
    frags = [read_pf(f) for f in (site / "pagefind" / "fragment").iterdir()]
    split = [f for f in frags if f["meta"].get("page") == "van-ban/qc.html"]
    assert len(split) == 3 and report.pages == len(frags)
    dieu2 = next(f for f in split if any(a["id"] == "dieu-2" for a in f["anchors"]))
    assert dieu2["meta"]["title"] == "Quy chế làm việc, khóa I"
    assert dieu2["content"].startswith("Điều 2. Nhiệm vụ của Ban Thường vụ.")
    assert not (site / "van-ban" / "qc").exists()  # the records live in a throw-away copy


def test_words_with_d_are_listed_for_the_query_planner(site):
    dest, _ = site
    words = json.loads((dest / "pagefind" / index.WORDS_FILE).read_text(encoding="utf-8"))["d"]
    assert "đang" in words and "đieu" in words  # Đảng, điều: tones dropped, đ kept
    assert all(w[0] in "dđ" and w == w.lower() for w in words)
    assert (dest / "pagefind-file" / f"{index.WORDS_FILE}.js").is_file()
