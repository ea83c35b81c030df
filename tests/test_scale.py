"""Large handbooks stay linear: real builds of the synthetic commune corpus (bench/corpus.py).

12 communes give 31 documents (over nav_views.NAV_LIMIT) and roles whose
duties come from 25 documents (over holder_views.HOLDER_DOCUMENT_LIMIT);
2 communes give 11 documents, under both. Assertions are on what a reader
gets (links, pages, text), never on timing.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from bench.corpus import communes, make_corpus
from conftest import build_project

from generator.views.holders import HOLDER_DOCUMENT_LIMIT
from generator.publish.linkcheck import check_site, scan_site
from generator.views.nav import NAV_LIMIT

pytestmark = pytest.mark.slow
MANY, FEW = 12, 2
HREF = re.compile(r'href="([^"]+)"')


def build_corpus(base: Path, n: int) -> Path:
    root = make_corpus(n, base / f"corpus-{n}")
    build_project(root)
    return root


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("scale"), MANY)


@pytest.fixture(scope="module")
def few(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("scale"), FEW)


def site(root: Path) -> Path:
    return (root / "site").resolve()


def html(root: Path, rel: str) -> str:
    return (site(root) / rel).read_text(encoding="utf-8")


def links_of(root: Path, rel: str) -> set[str]:
    """The site paths a page links to (anchors and queries dropped)."""
    targets = set()
    for href in HREF.findall(html(root, rel)):
        path = href.split("#")[0].split("?")[0]
        if path and "://" not in path and not path.startswith(("data:", "mailto:")):
            targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)))
    return targets


def nav_links(root: Path, rel: str) -> set[str]:
    """The site paths linked from the page's main navigation (Material's primary nav)."""
    page = html(root, rel)
    start = page.index('<nav class="md-nav md-nav--primary"')
    nav = page[start:page.index('<nav class="md-nav md-nav--secondary"', start)]
    return {posixpath.normpath(posixpath.join(posixpath.dirname(rel), href)) for href in HREF.findall(nav)}


def test_the_corpora_are_on_both_sides_of_the_limits(many, few):
    assert len(list((site(many) / "van-ban").glob("*.html"))) - 1 > NAV_LIMIT  # - van-ban/index.html
    assert len(list((site(few) / "van-ban").glob("*.html"))) <= NAV_LIMIT
    assert 2 * MANY > HOLDER_DOCUMENT_LIMIT >= 2 * FEW


def test_long_document_section_becomes_an_index_page_linking_every_document(many):
    documents = {p.relative_to(site(many)).as_posix() for p in (site(many) / "van-ban").glob("*.html")}
    documents.discard("van-ban/index.html")
    index = links_of(many, "van-ban/index.html")
    assert documents <= index
    page = html(many, "van-ban/index.html")
    assert "Tất cả văn bản" in page
    assert f"{len(documents)} văn bản" in page
    assert "Cấp xã, phường" in page and "Cấp tỉnh" in page
    # the nav of any page shows the index page, not the documents
    nav = nav_links(many, "danh-muc/chuan-bi-hoi-nghi-btv.html")
    assert "van-ban/index.html" in nav
    assert not any(p.startswith("van-ban/q") for p in nav)


def test_short_document_section_keeps_its_documents_in_the_nav(few):
    nav = nav_links(few, "danh-muc/chuan-bi-hoi-nghi-btv.html")
    assert "van-ban/qc-lam-viec-lung-phinh.html" in nav
    assert not (site(few) / "van-ban" / "index.html").exists()


def test_home_page_summarises_many_documents_and_links_the_index(many):
    page = html(many, "index.html")
    assert 'href="van-ban/index.html"' in page
    assert 'href="van-ban/index.html#cap-xa"' in page
    documents = len(list((site(many) / "van-ban").glob("*.html"))) - 1
    assert f"Tất cả {documents} văn bản" in page
    assert "van-ban/qc-lam-viec-" not in page


def first_commune_document(root: Path) -> str:
    slug = communes(MANY)[0].slug
    return f"qc-lam-viec-{slug}"


def duty_summaries(root: Path, document_id: str, holder: str) -> list[str]:
    data = yaml.safe_load((root / "data" / "duties" / f"{document_id}.yml").read_text(encoding="utf-8"))
    return [d["summary"] for d in data["duties"] if d["holder"] == holder]


def test_holder_over_the_document_limit_gets_a_page_per_document(many):
    document = first_commune_document(many)
    main = html(many, "vai-tro/bi-thu.html")
    assert "Theo văn bản" in main
    main_links = links_of(many, "vai-tro/bi-thu.html")
    sub_pages = {p for p in main_links if p.startswith("vai-tro/bi-thu/")}
    assert f"vai-tro/bi-thu/{document}.html" in sub_pages
    assert len(sub_pages) > HOLDER_DOCUMENT_LIMIT
    assert all((site(many) / p).is_file() for p in sub_pages)
    summaries = duty_summaries(many, document, "bi-thu")
    assert summaries
    sub = html(many, f"vai-tro/bi-thu/{document}.html")
    for summary in summaries:
        assert summary in sub
        assert summary not in main  # the duties live on the per-document pages only
    # the sub-page cites its own document and no other commune's
    cited = {p for p in links_of(many, f"vai-tro/bi-thu/{document}.html") if p.startswith("van-ban/qc-lam-viec-")}
    assert cited == {f"van-ban/{document}.html"}
    assert "Trang chung" in sub and "../bi-thu.html" in sub


def test_document_clauses_link_to_the_holder_page_for_that_document(many):
    document = first_commune_document(many)
    assert f"vai-tro/bi-thu/{document}.html" in links_of(many, f"van-ban/{document}.html")


def test_holder_under_the_limit_keeps_one_page(few):
    page = html(few, "vai-tro/bi-thu.html")
    assert "Theo văn bản" not in page
    assert not (site(few) / "vai-tro" / "bi-thu").exists()
    summary = duty_summaries(few, f"qc-lam-viec-{communes(FEW)[0].slug}", "bi-thu")[0]
    assert summary in page


def test_tools_and_relations_are_split_per_document(many):
    document = first_commune_document(many)
    calendar = links_of(many, "cong-cu/lich-nghia-vu.html")
    assert f"cong-cu/lich-nghia-vu/{document}.html" in calendar
    assert 'id="sotay-obligations"' in html(many, f"cong-cu/lich-nghia-vu/{document}.html")
    relations = links_of(many, "quan-he.html")
    assert any(p.startswith("quan-he/qc-phoi-hop-cong-an-") for p in relations)
    # a rule's chip on the holder's document page opens that document's tool page
    chips = re.findall(r'class="sotay-chip" href="([^"#]+)', html(many, f"vai-tro/bi-thu/{document}.html"))
    assert chips and all(f"/{document}.html" in c for c in chips)


def test_every_link_and_anchor_resolves(many):
    report = check_site(site(many))
    assert report.broken == []
    assert report.external == []


def test_no_page_embeds_every_document(many, few):
    """The nav of every page is bounded, and a page that does not list documents
    is no bigger with 12 communes than with 2."""
    ids, _ = scan_site(site(many))
    worst = max(len(nav_links(many, rel)) for rel in ids if rel != "index.html")  # the home page hides the nav
    assert worst <= 10 * NAV_LIMIT
    for rel in ("danh-muc/chuan-bi-hoi-nghi-btv.html", "bai-hoc/" + sorted(
            p.name for p in (site(few) / "bai-hoc").glob("*.html"))[0]):
        assert len(html(many, rel)) <= len(html(few, rel)) * 1.02, rel
