"""Search on the default handbook, in headless Debian Chromium, served and from the unzipped offline bundle.

Each pair is a query a cadre would type and the clause of the real regulations
(content/documents/) that answers it, chosen by reading the text: the clause
(or one of its khoản/điểm) must be among the first three results, and
clicking that result must open the document scrolled to the clause.

Half the queries are typed without diacritics; some use abbreviations
(aliases from data/), some are phrases in quotes, one is NFD input.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

LP = "van-ban/qc-lam-viec-lung-phinh.html"  # Quy chế làm việc, Đảng ủy xã Lùng Phình
MAU = "van-ban/qc-lam-viec-mau-dang-uy-ubnd.html"  # Quy chế làm việc mẫu, Đảng ủy UBND tỉnh
CA = "van-ban/qc-phoi-hop-cong-an-tinh.html"  # phối hợp Đảng ủy Công an tỉnh – đảng ủy xã
KHOI = "van-ban/qc-phoi-hop-dang-uy-khoi.html"  # phối hợp Đảng ủy Khối – cơ quan Tỉnh ủy
TTCT = "van-ban/qc-phoi-hop-trung-tam-chinh-tri.html"  # phối hợp trung tâm chính trị
QD230 = "van-ban/qd-230-ban-thuong-vu-tinh-uy.html"

# (query as typed, clauses that answer it: any of them, or a khoản/điểm inside, in the top 3)
PAIRS = [
    # roles: the Điều that lists the role's duties
    ("pho bi thu thuong truc", [f"{LP}#dieu-7"]),
    ("bi thu", [f"{LP}#dieu-6", f"{MAU}#dieu-6"]),  # the Bí thư's own Điều, not the Phó Bí thư's
    ("Phó Bí thư Thường trực", [f"{LP}#dieu-7"]),
    ("PBTTT", [f"{LP}#dieu-7"]),
    ("pho bi thu chu tich ubnd", [f"{LP}#dieu-8"]),
    ("Chủ tịch HĐND", [f"{LP}#dieu-6"]),
    ("UVBTV", [f"{LP}#dieu-5", f"{MAU}#dieu-5"]),
    ("uy vien ban thuong vu", [f"{LP}#dieu-5", f"{MAU}#dieu-5"]),
    ("ĐUV", [f"{LP}#dieu-4", f"{MAU}#dieu-4"]),
    ("BTV", [f"{LP}#dieu-2", f"{MAU}#dieu-2"]),
    ("nhiem vu cua ban thuong vu", [f"{LP}#dieu-2", f"{MAU}#dieu-2"]),
    (unicodedata.normalize("NFD", "Thường trực Đảng ủy"), [f"{LP}#dieu-3", f"{MAU}#dieu-3"]),
    ("bi thu chi bo", [f"{LP}#dieu-7-khoan-6", f"{LP}#dieu-6-khoan-7"]),
    # working rules
    ("hoi nghi ban thuong vu", [f"{LP}#dieu-11", f"{MAU}#dieu-14"]),
    ("hoi nghi thuong ky", [f"{LP}#dieu-11", f"{MAU}#dieu-14"]),  # the rules, not a lesson about them
    ("Thường trực họp mỗi tuần", [f"{LP}#dieu-11-khoan-4", f"{LP}#dieu-11-khoan-1"]),
    ("7 ngay lam viec", [f"{KHOI}#dieu-3-khoan-1"]),
    ("gui tai lieu truoc ky hop", [f"{LP}#dieu-11-khoan-3", f"{MAU}#dieu-14-khoan-4"]),
    ("nguyen tac tap trung dan chu", [f"{LP}#dieu-9-khoan-1", f"{MAU}#dieu-12"]),
    # phrases: any clause that holds the exact words answers
    ('"lấy phiếu tín nhiệm"', [f"{LP}#dieu-2-khoan-4-8", f"{LP}#dieu-1-khoan-10", f"{LP}#dieu-3-khoan-4-diem-c",
                              f"{LP}#dieu-6-khoan-3", f"{LP}#dieu-6-khoan-2-x2", f"{MAU}#dieu-6-khoan-4"]),
    ('"ky luat phat ngon"', [f"{LP}#dieu-4-khoan-12", f"{LP}#dieu-12-khoan-3", f"{MAU}#dieu-4-khoan-10",
                             f"{MAU}#dieu-15-khoan-3"]),
    ("nâng lương cán bộ", [f"{LP}#dieu-2-khoan-4-3"]),
    ("dieu dong can bo", [f"{LP}#dieu-2-khoan-4-3", f"{KHOI}#dieu-5", f"{KHOI}#dieu-13"]),  # not every "Điều N."
    ("di cong tac co so", [f"{LP}#dieu-16"]),
    ("tu phe binh va phe binh", [f"{LP}#dieu-14", f"{MAU}#dieu-17", f"{LP}#dieu-4-khoan-7"]),
    ("MTTQ", [f"{LP}#dieu-20", f"{LP}#dieu-2-khoan-7", f"{LP}#dieu-16-khoan-2", f"{LP}#dieu-7-khoan-5",
              f"{TTCT}#dieu-6-khoan-2"]),  # the clauses about (the Ủy ban) MTTQ itself
    ("dai hoi mat tran to quoc", [f"{LP}#dieu-2-khoan-7"]),
    # coordination regulations
    ("UBKT tỉnh ủy", [f"{KHOI}#dieu-4"]),
    ("phoi hop voi ban to chuc tinh uy", [f"{KHOI}#dieu-5"]),
    ("Đảng đoàn HĐND tỉnh", [f"{KHOI}#dieu-10"]),
    ("ban can su dang ubnd tinh", [f"{KHOI}#dieu-11"]),
    ("dang uy quan su tinh", [f"{KHOI}#dieu-16"]),
    ("trach nhiem cua dang uy cong an tinh", [f"{CA}#dieu-4"]),
    ("bổ nhiệm Trưởng Công an xã", [f"{CA}#dieu-4-khoan-1"]),
    ("che do tai chinh", [f"{TTCT}#dieu-5"]),
    ("hieu luc ke tu ngay ky", [f"{QD230}#dieu-3"]),
]


# Pairs the engine still gets wrong, with why: kept visible, strict so a fix shows up.
KNOWN_MISSES = {
    "bổ nhiệm Trưởng Công an xã": "the checklist of that name and the pages listing it rank first; the clause comes 6th",
}


def _params():
    for query, expected in PAIRS:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[query])] if query in KNOWN_MISSES else []
        yield pytest.param(query, expected, id=query, marks=marks)


def _answers(href: str, expected: list[str]) -> bool:
    return any(href == e or href.startswith(e + "-") for e in expected)


@pytest.fixture(params=["served", "file"])
def base(request, default_server, default_bundle):
    return default_server if request.param == "served" else default_bundle.as_uri() + "/"


def test_pairs_are_balanced():
    folded = [q for q, _ in PAIRS if unicodedata.normalize("NFC", q).isascii()]
    assert len(PAIRS) >= 25 and len(folded) * 2 >= len(PAIRS)


@pytest.mark.parametrize("query,expected", list(_params()))
def test_query_opens_the_clause(new_page, base, query, expected):
    page, watch = new_page()
    page.goto(f"{base}tim-kiem.html?q={quote(query)}")
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
    hrefs = page.eval_on_selector_all(".sotay-hit__link", "as => as.map(a => a.getAttribute('href'))")
    top = [i for i, h in enumerate(hrefs[:3]) if _answers(h, expected)]
    assert top, f"{query!r}: {hrefs[:5]}"

    anchor = hrefs[top[0]].split("#", 1)[1]
    page.click(f".sotay-hit__link >> nth={top[0]}")
    page.wait_for_url(f"**/{hrefs[top[0]].split('#')[0]}#{anchor}")
    page.wait_for_function(f"document.getElementById({anchor!r})")
    box = page.evaluate(
        f"""() => {{ const r = document.getElementById({anchor!r}).getBoundingClientRect();
                     const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
                     return {{top: r.top, height: innerHeight, end, target: document.querySelector(':target')?.id}}; }}"""
    )
    assert box["target"] == anchor
    # scrolled to the clause, below the sticky header (or as far as a short page goes)
    assert 0 <= box["top"] < (box["height"] if box["end"] else box["height"] / 2), box
    assert watch.errors == []
    assert watch.foreign_requests(base) == []


def test_results_link_to_short_anchors(new_page, default_server):
    """A page title's id is its whole title slugged (250 characters for a decision): results link to the page."""
    page, watch = new_page()
    page.goto(f"{default_server}tim-kiem.html?q={quote('quyet dinh ban hanh quy che')}")
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
    hrefs = page.eval_on_selector_all(".sotay-hit__link", "as => as.map(a => a.getAttribute('href'))")
    assert any(h.startswith("van-ban/qd-") for h in hrefs[:3]), hrefs[:5]
    assert not any(h.partition("#")[2].startswith("quyet-dinh-ban-hanh") for h in hrefs), hrefs
    assert all(len(h.partition("#")[2]) <= 80 for h in hrefs), hrefs  # section slugs, never a title's
    assert watch.errors == []
