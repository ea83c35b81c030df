"""Search by unit (đơn vị): a handbook with several communes lets the reader search their own.

Builds the synthetic corpus (bench/corpus.py) with 2 communes, An Hà and Bình
Hà, beside the seed documents (whose Lùng Phình regulation is a third unit).
An Hà's working regulation has an article of its own, "Điều 24. Quy định
riêng của xã An Hà"; Bình Hà's has no such article. Browser tests run served
and from the unzipped offline bundle (file://).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from conftest import serve_directory
from generator.site import scopes
from generator.model.document import Document

AN_HA, BINH_HA = "dang-uy-xa-an-ha", "dang-uy-xa-binh-ha"
OWN_ARTICLE = "van-ban/qc-lam-viec-an-ha.html#dieu-24"
UNIT_FILTER = re.compile(r'<span data-pagefind-filter="don-vi:([^"]*)" hidden></span>')


def _doc(doc_id: str, level: str, issuer: str | None, place: str | None = None) -> Document:
    return Document(id=doc_id, kind="quy-che", title=doc_id, source=f"{doc_id}.md", level=level, issuer=issuer, place=place)


# --- which unit a page belongs to --------------------------------------------------------------

def test_commune_documents_have_a_unit_and_others_are_shared():
    assert scopes.document_unit(_doc("a", "xa", "Đảng ủy xã An Hà")) == scopes.Unit(AN_HA, "Đảng ủy xã An Hà")
    assert scopes.document_unit(_doc("b", "xa", None, "Bình Hà")) == scopes.Unit("xa-binh-ha", "Xã Bình Hà")
    assert scopes.document_unit(_doc("c", "tinh", "Ban Thường vụ Tỉnh ủy")) is None
    assert scopes.document_unit(_doc("d", "xa", None)) is None


def test_one_unit_means_no_scoping():
    docs = [_doc("a", "xa", "Đảng ủy xã An Hà"), _doc("a2", "xa", "Đảng ủy xã An Hà"), _doc("t", "tinh", "Tỉnh ủy")]
    assert scopes.units_of(docs) == {}
    assert scopes.page_scopes(["van-ban/a.md", "index.md"], scopes.units_of(docs)) == {}


def test_pages_named_after_a_commune_document_belong_to_its_unit():
    docs = [_doc("a", "xa", "Đảng ủy xã An Hà"), _doc("b", "xa", "Đảng ủy xã Bình Hà"), _doc("t", "tinh", "Tỉnh ủy")]
    units = scopes.units_of(docs)
    pages = ["index.md", "van-ban/a.md", "van-ban/t.md", "vai-tro/bi-thu.md", "vai-tro/bi-thu/b.md",
             "cong-cu/lich-nghia-vu/a.md", "quan-he/b.md", "a.md", "style.css"]
    assert scopes.page_scopes(pages, units) == {
        "index.md": "chung", "van-ban/a.md": AN_HA, "van-ban/t.md": "chung", "vai-tro/bi-thu.md": "chung",
        "vai-tro/bi-thu/b.md": BINH_HA, "cong-cu/lich-nghia-vu/a.md": AN_HA, "quan-he/b.md": BINH_HA,
        "a.md": "chung",  # a top-level page is never a document's
    }
    assert [o["label"] for o in scopes.unit_options(units)] == ["Đảng ủy xã An Hà", "Đảng ủy xã Bình Hà"]


def test_many_units_search_the_shared_pages_until_one_is_picked():
    few = {f"d{i}": scopes.Unit(f"u{i}", f"U{i}") for i in range(scopes.SEARCH_ALL_LIMIT)}
    many = {**few, "extra": scopes.Unit("extra", "Extra")}
    assert scopes.default_scope(few) == ""
    assert scopes.default_scope(many) == scopes.SHARED


# --- the built pages ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(commune_corpus):
    return commune_corpus


@pytest.fixture(scope="module")
def corpus_site(corpus) -> Path:
    return corpus.site_dir.resolve()


def _unit_of(site: Path, rel: str) -> list[str]:
    return UNIT_FILTER.findall((site / rel).read_text(encoding="utf-8"))


def test_every_indexed_page_says_its_unit(corpus_site):
    assert _unit_of(corpus_site, "van-ban/qc-lam-viec-an-ha.html") == [AN_HA]
    assert _unit_of(corpus_site, "van-ban/qc-phoi-hop-cong-an-binh-ha.html") == [BINH_HA]
    assert _unit_of(corpus_site, "van-ban/qc-lam-viec-lung-phinh.html") == ["dang-uy-xa-lung-phinh"]
    assert _unit_of(corpus_site, "van-ban/qd-261-ban-bi-thu.html") == ["chung"]
    assert _unit_of(corpus_site, "vai-tro/bi-thu.html") == ["chung"]
    assert _unit_of(corpus_site, "index.html") == ["chung"]
    unlabelled = [p.relative_to(corpus_site).as_posix() for p in corpus_site.rglob("*.html")
                  if "data-pagefind-body" in (text := p.read_text(encoding="utf-8")) and not UNIT_FILTER.search(text)
                  and not p.relative_to(corpus_site).parts[0].startswith("pagefind")]
    assert unlabelled == []  # a page without the filter would vanish from every unit's search


def test_search_page_offers_the_units_and_a_commune_page_sends_its_own(corpus_site):
    search = (corpus_site / "tim-kiem.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', search)
    assert [v for v, _ in options] == ["", "chung", AN_HA, BINH_HA, "dang-uy-xa-lung-phinh"]
    assert options[0][1] == "Tất cả đơn vị"  # three units: everything is searched by default, at full speed
    page = (corpus_site / "van-ban/qc-lam-viec-an-ha.html").read_text(encoding="utf-8")
    assert f'<input type="hidden" name="don-vi" value="{AN_HA}">' in page
    assert 'name="don-vi"' not in (corpus_site / "van-ban/qd-261-ban-bi-thu.html").read_text(encoding="utf-8")


def test_the_default_handbook_has_one_unit_and_no_unit_filter(default_site):
    assert 'name="don-vi"' not in (default_site / "tim-kiem.html").read_text(encoding="utf-8")
    assert not any(UNIT_FILTER.search(p.read_text(encoding="utf-8")) for p in default_site.glob("van-ban/*.html"))


# --- searching in the browser, served and file:// ----------------------------------------------

@pytest.fixture(scope="module")
def corpus_bases(corpus, corpus_site, tmp_path_factory):
    server, url = serve_directory(corpus_site)
    target = tmp_path_factory.mktemp("scopes-bundle")
    with zipfile.ZipFile(corpus.bundle) as zf:
        zf.extractall(target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    yield {"served": url, "file": folder.as_uri() + "/"}
    server.shutdown()


@pytest.fixture(params=["served", "file"])
def base(request, corpus_bases):
    return corpus_bases[request.param]


def _results(page) -> list[str]:
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
    return page.eval_on_selector_all(".sotay-hit__link", "as => as.map(a => a.getAttribute('href'))")


QUERY = "quy dinh rieng cua xa"


@pytest.mark.browser
def test_a_unit_search_finds_its_own_clause_and_nothing_of_other_units(new_page, base, corpus_site):
    page, watch = new_page()
    page.goto(f"{base}tim-kiem.html?q={quote(QUERY)}&don-vi={AN_HA}")
    hrefs = _results(page)
    assert hrefs[0].startswith(OWN_ARTICLE), hrefs[:3]
    assert page.input_value("select[name=don-vi]") == AN_HA

    page.select_option("select[name=don-vi]", BINH_HA)
    page.wait_for_function(f"new URL(location.href).searchParams.get('don-vi') === '{BINH_HA}'")
    hrefs = _results(page)
    units = {h: _unit_of(corpus_site, h.split("#")[0]) for h in hrefs}
    assert hrefs and all(u in (["chung"], [BINH_HA]) for u in units.values()), units
    assert [BINH_HA] in units.values()
    assert watch.errors == []
    assert watch.foreign_requests(base) == []


@pytest.mark.browser
def test_the_picked_unit_is_remembered(new_page, corpus_bases):
    base = corpus_bases["served"]  # localStorage of file:// pages is not kept by every browser
    page, _ = new_page()
    page.goto(f"{base}tim-kiem.html")
    page.select_option("select[name=don-vi]", BINH_HA)
    page.goto(f"{base}tim-kiem.html?q={quote(QUERY)}")
    assert page.input_value("select[name=don-vi]") == BINH_HA
    assert not [h for h in _results(page) if h.startswith("van-ban/qc-lam-viec-an-ha")]


@pytest.mark.browser
def test_the_header_box_of_a_commune_page_searches_that_commune(new_page, base):
    from conftest import DESKTOP

    page, watch = new_page(viewport=DESKTOP)
    page.goto(f"{base}van-ban/qc-lam-viec-an-ha.html")
    page.fill("#sotay-header-q", QUERY)
    with page.expect_navigation():
        page.press("#sotay-header-q", "Enter")
    assert parse_qs(urlparse(page.url).query)["don-vi"] == [AN_HA]
    assert _results(page)[0].startswith(OWN_ARTICLE)
    assert watch.errors == []
