"""Deadline tool pages (cong-cu/*.html) and the obligations calendar in the real build.

The default handbook is built once (tests/conftest.py); the browser tests drive
Debian Chromium against the served site AND the unzipped offline bundle opened
from file://. Expected dates are worked out by hand from the official calendar
(data/calendar/2026.yml): Tết Bính Ngọ — nghỉ thứ Bảy 14/02 đến Chủ nhật 22/02/2026,
so 16–20/02 are days off; 28/02/2026 is a Saturday, 01/03 a Sunday, 15/11/2026 a
Sunday; 01/01/2027 (Friday) and 03/01/2028 (Monday, nghỉ bù) are Tết Dương lịch.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DESKTOP, PHONE, ROOT

TOOLS = [
    "han-ngay-lam-viec", "chuan-bi-hoi-nghi", "bieu-quyet", "vang-mat", "dang-ky-giua-quy-iv",
    "dinh-ky-6-thang", "dinh-ky-hang-nam", "dinh-ky-hang-quy", "dinh-ky-hang-thang", "dinh-ky-hang-tuan",
    "dinh-ky-cuoi-thang", "dinh-ky-dau-quy", "dinh-ky-cuoi-nhiem-ky",
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


# ---- the views (no build) --------------------------------------------------------------


@pytest.fixture(scope="module")
def linked():
    from generator.link.check import check

    result = check(ROOT / "content", ROOT / "data")
    assert result.ok, result.errors
    return result.linked


def test_every_rule_with_a_calculator_gets_a_tool(linked):
    from generator.views.calculators import calculator_view
    from generator.views.tools import tool_pages, tools_by_rule

    by_rule = tools_by_rule(tool_pages(linked, {}))
    wanted = {r.id for r in linked.knowledge.rules if calculator_view(r, []) is not None}
    assert wanted == set(by_rule)
    # a weekly duty with no weekday named gets no calculator (never a guessed date)
    assert "lp-thong-tin-noi-bat-hang-tuan" not in by_rule
    assert by_rule["ttct-dang-ky-nhu-cau-giua-quy-iv"] == (
        "cong-cu/dang-ky-giua-quy-iv.html#tinh-ttct-dang-ky-nhu-cau-giua-quy-iv", "Xem các lần tới")


def test_absence_cases_are_data_and_take_the_rules_threshold(linked):
    """data/tools.yml words the cases; the threshold is the rule's own `days`, never copied."""
    from generator.views.tools import tool_pages

    words = linked.knowledge.tools
    (absence,) = [t for t in tool_pages(linked, {}) if t.id == words.tools.absence.id]
    (form,) = absence.forms
    cases = {c["value"]: c for c in form["cases"]}
    assert list(cases) == [c.value for c in words.absence_cases["lp-di-khoi-dia-ban-2-ngay"]]
    assert cases["co-viec-ngoai-tinh"]["threshold"] == 2 and "always" not in cases["co-viec-ngoai-tinh"]
    assert cases["cong-tac-ngoai-xa"]["always"] and cases["cong-tac-ngoai-xa"]["no"] == ""
    assert "(Điều 14 khoản 2, qc-lam-viec-lung-phinh;" in cases["cong-tac-ngoai-xa"]["yes"]  # {doc}: the short title
    assert not any("{" in c["yes"] + c["no"] for c in cases.values())


def test_tool_pages_are_worded_by_data(linked):
    """A new wording (or a new regulation's cases) needs data/tools.yml only, no Python."""
    from dataclasses import replace

    from generator.views.tools import home_tiles, tool_pages

    words = linked.knowledge.tools
    page = words.recurring.pages["yearly"].model_copy(update={"id": "viec-hang-nam", "title": "Mỗi năm", "home": True})
    reworded = words.model_copy(update={
        "tools": words.tools.model_copy(update={"absence": words.tools.absence.model_copy(
            update={"id": "di-vang", "title": "Đi vắng", "chip": "Đi vắng?"})}),
        "recurring": words.recurring.model_copy(update={"pages": {**words.recurring.pages, "yearly": page}}),
        "absence_cases": {},
    })
    tools = tool_pages(replace(linked, knowledge=replace(linked.knowledge, tools=reworded)), {})
    by_id = {t.id: t for t in tools}
    assert "vang-mat" not in by_id and by_id["di-vang"].title == "Đi vắng"
    assert by_id["di-vang"].forms[0]["cases"] == []
    assert set(by_id["di-vang"].anchors) == {"lp-di-khoi-dia-ban-2-ngay"}
    assert by_id["viec-hang-nam"].recurring and "dinh-ky-hang-nam" not in by_id
    assert "Mỗi năm" in [tile["name"] for tile in home_tiles(tools)]


def test_obligations_data_lists_undated_duties_without_a_rule(linked):
    from generator.views.obligations import obligations_view

    view = obligations_view(linked, {}, lambda h: h)
    rules = view["data"]["rules"]
    assert rules["lp-thong-tin-noi-bat-hang-tuan"]["rule"] is None
    assert rules["ttct-dang-ky-nhu-cau-giua-quy-iv"]["rule"] == {
        "type": "yearly-date", "month": 11, "day": 15, "approx": "giữa Quý IV"}  # no day in the text: a reference date
    # 000 Điều 4 khoản 1 is the đơn vị chủ trì's duty (it sends the request); no deadline for anyone
    assert "ttct-dang-ky-nhu-cau-giua-quy-iv" not in view["data"]["by_holder"]["don-vi-phoi-hop"]
    assert "ttct-dang-ky-nhu-cau-giua-quy-iv" in view["data"]["by_holder"]["don-vi-chu-tri"]
    (cite,) = rules["ca-trao-doi-thong-tin-6-thang"]["cites"]  # labelled like every citation (views.cite_link)
    assert cite["label"] == "Điều 6 khoản 1, Quy chế phối hợp giữa Đảng ủy Công an tỉnh…"
    assert cite["href"] == "../van-ban/qc-phoi-hop-cong-an-tinh.html#dieu-6-khoan-1"
    assert view["data"]["by_holder"]["dang-uy-cong-an-tinh"] == [
        "ca-trao-doi-thong-tin-6-thang", "ca-hop-rut-kinh-nghiem-hang-nam",
        "ca-tong-ket-nam-cuoi-nhiem-ky", "ca-danh-gia-chi-bo-cax-hang-nam"]
    assert [p["value"] for p in view["periods"]] == ["sap-toi", "2025", "2026", "2027", "2028", "2029", "2030", "nhiem-ky"]


def test_obligations_calendar_opens_on_the_holders_own_regulation(linked):
    """The model regulation (a template for the Đảng ủy UBND tỉnh) is never the default next to the
    commune's own: Ban Thường vụ would meet twice a month, Thường trực review itself twice a year."""
    from generator.views.obligations import is_template, obligations_view

    assert is_template(linked.documents["qc-lam-viec-mau-dang-uy-ubnd"])
    assert not is_template(linked.documents["qc-lam-viec-lung-phinh"])  # no number either, but not a model
    view = obligations_view(linked, {}, lambda h: h)
    holders = {h["id"]: h for h in view["data"]["holders"]}
    for holder in ("ban-thuong-vu", "thuong-truc", "ban-chap-hanh", "uy-vien-ban-chap-hanh"):
        assert holders[holder]["default_document"] == "qc-lam-viec-lung-phinh", holder
    assert holders["dang-uy-cong-an-tinh"]["default_document"] == "qc-phoi-hop-cong-an-tinh"
    assert [d["template"] for d in view["documents"] if d["id"] == "qc-lam-viec-mau-dang-uy-ubnd"] == [True]
    rules = view["data"]["rules"]
    assert all(r["document_label"] for r in rules.values())


def test_citation_labels_on_tool_and_checklist_pages_name_the_document(default_site):
    """"Điều 14 khoản 1" alone does not say which regulation: the model's or the commune's."""
    bare = re.compile(r"^\s*(Toàn văn )?Điều \d+(,? khoản \S+)?(,? điểm \S+)?\s*$")
    pages = sorted((default_site / "cong-cu").glob("*.html")) + sorted((default_site / "danh-muc").glob("*.html"))
    assert len(pages) > 15
    for page in pages:
        body = page_body(page)
        for href, text in re.findall(r'<a href="([^"]*van-ban/[^"]*)"[^>]*>(.*?)</a>', body, re.S):
            assert not bare.match(re.sub(r"<[^>]+>", "", text)), (page.name, href, text)
        for text in re.findall(r"<summary>(.*?)</summary>", body, re.S):
            assert not bare.match(text), (page.name, text)
    checklist = page_body(default_site / "danh-muc" / "bo-nhiem-truong-cong-an-xa.html")
    assert ">Điều 4 khoản 1, Quy chế phối hợp giữa Đảng ủy Công an tỉnh" in checklist


def test_mid_quarter_iv_is_not_presented_as_a_deadline(default_site):
    home = page_body(default_site / "index.html")
    for text in (home, page_body(default_site / "cong-cu" / "index.html"),
                 page_body(default_site / "cong-cu" / "dang-ky-giua-quy-iv.html")):
        assert "trước 15/11" not in text and "Hạn giữa Quý IV" not in text
    assert "khoảng giữa tháng 11" in home


def test_labels_say_what_they_count_from(default_site):
    """A tool tile names the duty, not only when; a checklist's due dates name the event
    (the meeting, the receipt); the reply form says plainly that the day of receipt is not counted."""
    home = page_body(default_site / "index.html")
    index = page_body(default_site / "cong-cu" / "index.html")
    for text in (home, index):
        assert "Đăng ký nhu cầu bồi dưỡng (giữa Quý IV)" in text
        assert ">Giữa Quý IV<" not in text
    meeting = page_body(default_site / "danh-muc" / "chuan-bi-hoi-nghi-btv.html")
    assert "Chậm nhất 2 ngày trước ngày họp" in meeting and "sự kiện" not in meeting
    receipt = page_body(default_site / "danh-muc" / "xu-ly-van-ban-de-nghi-phoi-hop.html")
    assert "Trong 7 ngày làm việc sau ngày nhận văn bản" in receipt
    assert "Lưu đánh dấu, ghi chú thành tệp" in meeting and "Mở tệp đánh dấu đã lưu" in meeting
    assert "lượt về máy" not in meeting and "(.json)" not in meeting
    reply = page_body(default_site / "cong-cu" / "han-ngay-lam-viec.html")
    assert "Ngày nhận văn bản (ngày này không tính, đếm từ hôm sau)" in reply
    assert "ngày xảy ra sự kiện" not in reply


def test_trưởng_công_an_xã_has_duties_from_004(default_site):
    body = page_body(default_site / "vai-tro" / "truong-cong-an-xa.html")
    assert "chỉ định đồng chí đó vào Đảng ủy và Ban Thường vụ Đảng ủy xã" in body
    assert "qc-phoi-hop-cong-an-tinh.html#dieu-4-khoan-1" in body


# ---- the built pages (no browser) ---------------------------------------------------


def test_every_tool_page_is_listed_on_the_index_and_the_home_page(default_site):
    index = parse(default_site / "cong-cu" / "index.html").hrefs
    for tool in TOOLS + ["lich-nghia-vu"]:
        assert (default_site / "cong-cu" / f"{tool}.html").is_file(), tool
        assert f"{tool}.html" in index, tool
    home = page_body(default_site / "index.html")
    assert 'href="cong-cu/lich-nghia-vu.html"' in home and 'href="cong-cu/index.html"' in home
    assert 'href="cong-cu/han-ngay-lam-viec.html"' in home


def test_citations_on_tool_pages_are_relative_and_reach_the_clause(default_site):
    for tool in TOOLS:
        page = default_site / "cong-cu" / f"{tool}.html"
        article = _Links()
        article.feed(page_body(page))
        cites = [h for h in article.hrefs if "van-ban/" in h]
        assert cites, tool
        for href in cites:
            assert href.startswith("../van-ban/"), href
            target, anchor = href.split("#")
            assert anchor in parse((page.parent / target).resolve()).ids, href
    body = page_body(default_site / "cong-cu" / "han-ngay-lam-viec.html")
    assert 'href="../van-ban/qc-phoi-hop-dang-uy-khoi.html#dieu-3-khoan-1"' in body
    assert "7 ngày làm việc kể từ khi nhận được văn bản" in body  # the rule's own words


def test_role_and_body_pages_link_each_rule_to_its_tool(default_site):
    body = page_body(default_site / "co-quan" / "dang-uy-cong-an-tinh.html")
    assert 'href="../cong-cu/dinh-ky-6-thang.html#tinh-ca-trao-doi-thong-tin-6-thang"' in body
    assert 'href="../cong-cu/han-ngay-lam-viec.html#tinh-duk-tra-loi-de-nghi-7-ngay-lam-viec"' in body
    page = default_site / "cong-cu" / "dinh-ky-6-thang.html"
    assert "tinh-ca-trao-doi-thong-tin-6-thang" in parse(page).ids
    lp = page_body(default_site / "co-quan" / "van-phong-dang-uy.html")
    assert "../cong-cu/chuan-bi-hoi-nghi.html#hop-qc-lam-viec-lung-phinh" in lp


# ---- in Chromium: served and from the file:// bundle ---------------------------------


@pytest.fixture(params=["served", "bundle"])
def site(request, default_server, default_bundle):
    """(base URL of the site, prefix every request must start with)."""
    if request.param == "served":
        return default_server, default_server
    base = default_bundle.as_uri() + "/"
    return base, "file://"


def value(page, form_id, name):
    return page.get_attribute(f'#{form_id} output[name="{name}"]', "data-value")


def page_body_text(page):
    return page.text_content("article")


@pytest.mark.browser
def test_calculators_prefilled_from_the_url(new_page, site):
    base, prefix = site
    page, watch = new_page(accept_downloads=True)
    page.goto(base + "cong-cu/han-ngay-lam-viec.html?start=2026-02-10")
    # 11, 12, 13/02 (1–3), Tết 14–22/02 skipped, 23, 24, 25, 26/02 (4–7)
    assert value(page, "tinh-duk-tra-loi-de-nghi-7-ngay-lam-viec", "end") == "2026-02-26"

    page.goto(base + "cong-cu/chuan-bi-hoi-nghi.html?meeting=2026-03-02")
    lp = "hop-qc-lam-viec-lung-phinh"
    assert value(page, lp, "lp-tai-lieu-hoi-nghi-truoc-2-ngay") == "2026-02-27"  # 28/02 Saturday → Friday
    assert value(page, lp, "lp-giay-moi-hoi-nghi-bch-1-ngay") == "2026-02-27"  # 01/03 Sunday → Friday
    model = "hop-qc-lam-viec-mau-dang-uy-ubnd"
    assert value(page, model, "mau-tai-lieu-hoi-nghi-truoc-hop") == ""  # the model leaves the days blank
    page.fill(f"#{model}-so-ngay-mau-tai-lieu-hoi-nghi-truoc-hop", "5")
    assert value(page, model, "mau-tai-lieu-hoi-nghi-truoc-hop") == "2026-02-25"
    assert "so-ngay-mau-tai-lieu-hoi-nghi-truoc-hop=5" in page.url or prefix == "file://"

    page.goto(base + "cong-cu/bieu-quyet.html?members=15")
    assert value(page, "bieu-quyet-qc-lam-viec-lung-phinh", "lp-quorum-bch-btv") == "10"  # ⌈15·2/3⌉
    assert value(page, "bieu-quyet-qc-lam-viec-lung-phinh", "lp-nghi-quyet-qua-ban") == "8"  # > 7,5

    absent = "tinh-lp-di-khoi-dia-ban-2-ngay"
    page.goto(base + "cong-cu/vang-mat.html?truong-hop=co-viec-ngoai-tinh&from=2026-02-13&to=2026-02-23")
    assert value(page, absent, "days") == "2"  # 13/02 and 23/02 only
    assert value(page, absent, "phai-bao-cao") == "true"
    assert "báo cáo Thường trực Đảng ủy (Điều 4 khoản 13" in page.text_content(f'#{absent} output[name="phai-bao-cao"]')
    # one day away: leaving the province on one's own business is below the 2-day threshold of Điều 4
    # khoản 13 — but the answer must not be a bare "Không": a work trip out of the xã is always reported
    page.goto(base + "cong-cu/vang-mat.html?truong-hop=co-viec-ngoai-tinh&from=2026-03-02&to=2026-03-02")
    assert value(page, absent, "phai-bao-cao") == "false"
    answer = page.text_content(f'#{absent} output[name="phai-bao-cao"]')
    assert answer.startswith("Không bắt buộc theo Điều 4 khoản 13") and "Điều 14 khoản 2" in answer
    page.goto(base + "cong-cu/vang-mat.html?truong-hop=cong-tac-ngoai-xa&from=2026-03-02&to=2026-03-02")
    assert value(page, absent, "phai-bao-cao") == "true"
    assert "Điều 14 khoản 2" in page.text_content(f'#{absent} output[name="phai-bao-cao"]')
    page.goto(base + "cong-cu/vang-mat.html?from=2026-03-02&to=2026-03-02")  # no case chosen: no yes/no
    assert value(page, absent, "phai-bao-cao") == ""
    assert "Chọn trường hợp" in page.text_content(f"#{absent} .sotay-calc__warnings")
    assert "xin phép" not in page_body_text(page)

    page.goto(base + "cong-cu/dinh-ky-cuoi-thang.html?from=2026-01-01")
    # "họp định kỳ 1 tháng một lần vào cuối tháng" (003 Điều 11 khoản 1): a month end on a day off moves
    # EARLIER, within the month — 31/01 Sat, 28/02 Sat, 30/04 holiday
    assert value(page, "tinh-lp-btv-hop-hang-thang", "lan-toi") == "2026-01-30 2026-02-27 2026-03-31 2026-04-29"

    page.goto(base + "cong-cu/dang-ky-giua-quy-iv.html?from=2026-11-23")
    assert value(page, "tinh-ttct-dang-ky-nhu-cau-giua-quy-iv", "lan-toi") == "2027-11-15 2028-11-15 2029-11-15 2030-11-15"

    page.goto(base + "cong-cu/dinh-ky-6-thang.html?from=2026-11-23")
    for form in ("tinh-duk-trao-doi-bcs-ubnd-6-thang", "tinh-ca-trao-doi-thong-tin-6-thang"):
        # the current half-year, then first working days of each half: 04/01/2027, 04/01/2028
        assert value(page, form, "lan-toi") == "2026-07-01 2027-01-04 2027-07-01 2028-01-04"
    assert "31/12/2026" in page.text_content("#tinh-ca-trao-doi-thong-tin-6-thang output")  # window's last day
    with page.expect_download() as info:
        page.click("#tinh-ca-trao-doi-thong-tin-6-thang [data-ics]")
    _, events = calendar_events(Path(info.value.path()))
    assert [(e["DTSTART"].dt.isoformat(), e["DTEND"].dt.isoformat()) for e in events][:2] == [
        ("2026-07-01", "2027-01-01"), ("2027-01-04", "2027-07-01")]  # DTEND is exclusive (RFC 5545)

    assert watch.errors == []
    assert watch.foreign_requests(prefix) == []


VN = "Asia/Ho_Chi_Minh"
TODAY = "2026-11-23T08:00:00+07:00"  # a Monday; the reader's clock, fixed (never the real date)


def on_day(new_page, when=TODAY, **options):
    """A page whose clock reads `when` in Hà Nội time."""
    page, watch = new_page(timezone_id=VN, **options)
    page.clock.set_fixed_time(when)
    return page, watch


@pytest.mark.browser
def test_typing_recomputes_and_the_url_can_be_shared(new_page, default_server):
    page, watch = on_day(new_page)
    page.goto(default_server + "cong-cu/han-ngay-lam-viec.html")
    form = "tinh-duk-tra-loi-de-nghi-7-ngay-lam-viec"
    assert page.input_value(f"#{form}-start") == "2026-11-23"  # received today, unless said otherwise
    assert value(page, form, "end") == "2026-12-03"  # 24/11 Ngày Văn hóa Việt Nam is skipped
    page.fill(f"#{form}-start", "2026-02-12")
    assert value(page, form, "end") == "2026-03-02"  # 13/02, then 23–27/02 and 02/03
    assert "start=2026-02-12" in page.url
    other, _ = new_page()
    other.goto(page.url)
    assert value(other, form, "end") == "2026-03-02"
    assert watch.errors == []


@pytest.mark.browser
def test_recurring_tools_open_on_this_week(new_page, site):
    """No date typed: the weekly meeting of this week comes first, then the next ones."""
    base, prefix = site
    page, watch = on_day(new_page, "2026-11-24T07:00:00+07:00")  # Tuesday 24/11, a day off
    page.goto(base + "cong-cu/dinh-ky-hang-tuan.html")
    assert page.input_value("#tinh-lp-tt-giao-ban-thu-hai-from") == "2026-11-24"
    # the Monday meeting of this week (23/11) is past: next Monday, then the following ones
    assert value(page, "tinh-lp-tt-giao-ban-thu-hai", "lan-toi") == "2026-11-30 2026-12-07 2026-12-14 2026-12-21"
    assert "30/11/2026 (Thứ Hai)" in page.text_content("#tinh-lp-tt-giao-ban-thu-hai output")
    page.goto(base + "cong-cu/dinh-ky-hang-tuan.html?from=2026-02-09")  # the worked example still works
    assert value(page, "tinh-lp-tt-giao-ban-thu-hai", "lan-toi").startswith("2026-02-09 2026-02-23")  # Tết week skipped
    assert watch.errors == [] and watch.foreign_requests(prefix) == []


@pytest.mark.browser
def test_holder_page_chip_opens_the_tool(new_page, site):
    base, prefix = site
    page, watch = on_day(new_page)
    page.goto(base + "co-quan/dang-uy-cong-an-tinh.html")
    page.click('a.sotay-chip[href*="dinh-ky-6-thang.html"]')
    page.wait_for_load_state()
    assert page.url.endswith("cong-cu/dinh-ky-6-thang.html#tinh-ca-trao-doi-thong-tin-6-thang")
    assert page.is_visible("#tinh-ca-trao-doi-thong-tin-6-thang")
    # "Xem các lần tới" lands on the next dates, not on a blank form: the half-year under way first
    assert value(page, "tinh-ca-trao-doi-thong-tin-6-thang", "lan-toi") == "2026-07-01 2027-01-04 2027-07-01 2028-01-04"
    assert watch.errors == [] and watch.foreign_requests(prefix) == []


# ---- the obligations calendar ---------------------------------------------------------


def calendar_events(path: Path):
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, [c for c in cal.walk("VEVENT")]


@pytest.mark.browser
@pytest.mark.parametrize("period, expected", [("2026", 4), ("2030", 5), ("nhiem-ky", 25)])
def test_obligations_calendar_lists_and_exports(new_page, site, period, expected):
    """Đảng ủy Công an tỉnh: 6-monthly exchange (2 a year), two yearly duties, and the
    final-year review (2030 only): 4 a year, 5 in 2030, 6 × 4 + 1 = 25 over 2025–2030."""
    base, prefix = site
    page, watch = new_page(accept_downloads=True)
    page.goto(base + f"cong-cu/lich-nghia-vu.html?holder=dang-uy-cong-an-tinh&period={period}")
    count = page.locator('#lich-nghia-vu output[name="count"]')
    assert count.get_attribute("data-value") == str(expected)
    dates = page.locator("#lich-nghia-vu [data-list] li").evaluate_all("els => els.map(e => e.dataset.date)")
    assert len(dates) == expected and dates == sorted(dates)
    with page.expect_download() as info:
        page.click("#lich-nghia-vu [data-ics]")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    cal, events = calendar_events(Path(download.path()))
    assert len(events) == expected
    assert str(cal["VERSION"]) == "2.0"
    for event in events:
        assert "Căn cứ: Điều" in str(event["DESCRIPTION"])
        assert event["DTEND"].dt > event["DTSTART"].dt
        assert str(event["URL"]).startswith(prefix) and "van-ban/qc-phoi-hop-cong-an-tinh.html#dieu-" in str(event["URL"])
    assert sorted(e["DTSTART"].dt.isoformat() for e in events) == dates
    assert watch.errors == [] and watch.foreign_requests(prefix) == []


@pytest.mark.browser
def test_obligations_calendar_opens_on_what_comes_next(new_page, site):
    """No period in the URL: the 12 months from the reader's today, the next obligation first."""
    base, prefix = site
    page, watch = on_day(new_page)
    page.goto(base + "cong-cu/lich-nghia-vu.html?holder=thuong-truc")
    assert page.input_value("#lich-nghia-vu-period") == "sap-toi"
    items = page.locator("#lich-nghia-vu [data-list] li").evaluate_all(
        "els => els.map(e => [e.dataset.rule, e.dataset.date, e.querySelector('.sotay-obligations__when').textContent])")
    assert items[0][:2] == ["lp-tt-giao-ban-thu-hai", "2026-11-23"]  # this week's meeting first
    assert items[0][2] == "23/11/2026 (Thứ Hai)"
    weekly = [date for rule, date, _ in items if rule == "lp-tt-giao-ban-thu-hai"]
    assert weekly[:3] == ["2026-11-23", "2026-11-30", "2026-12-07"]
    for rule, date, when in items:  # nothing past; a yearly task still under way says so
        assert "2026-11-23" <= date <= "2027-11-22" or when.startswith("Đang trong kỳ — trong khoảng"), (rule, date, when)
    page.select_option("#lich-nghia-vu-period", "2026")  # a whole year on request
    first = page.locator("#lich-nghia-vu [data-list] li").first.get_attribute("data-date")
    assert first == "2026-01-02"  # the whole year, from its first working day
    assert "period=2026" in page.url or prefix == "file://"
    assert watch.errors == [] and watch.foreign_requests(prefix) == []


@pytest.mark.browser
def test_obligations_calendar_follows_the_selects(new_page, default_server):
    page, watch = new_page()
    page.goto(default_server + "cong-cu/lich-nghia-vu.html?holder=don-vi-chu-tri&period=2026")
    items = page.locator("#lich-nghia-vu [data-list] li")
    # two yearly duties (the whole of 2026) and the registration due mid-Quý IV: 15/11 is a Sunday
    assert items.evaluate_all("els => els.map(e => [e.dataset.rule, e.dataset.date])") == [
        ["ttct-ke-hoach-boi-duong-hang-nam", "2026-01-02"],
        ["ttct-so-ket-tong-ket-hang-nam", "2026-01-02"],
        ["ttct-dang-ky-nhu-cau-giua-quy-iv", "2026-11-16"],
    ]
    page.select_option("#lich-nghia-vu-period", "nhiem-ky")
    assert page.get_attribute('#lich-nghia-vu output[name="count"]', "data-value") == "18"
    assert "period=nhiem-ky" in page.url and "holder=don-vi-chu-tri" in page.url
    assert page.is_hidden("#lich-nghia-vu-doc")  # one document only: nothing to choose
    page.select_option("#lich-nghia-vu-holder", "thuong-truc")
    weekly = page.locator('#lich-nghia-vu [data-list] li[data-rule="lp-tt-giao-ban-thu-hai"]')
    assert weekly.count() > 300  # every Monday of six years, Tết weeks left out
    # Đảng ủy (ban-chap-hanh) has duties in two working regulations: its own (Lùng Phình) by default,
    # never the model regulation mixed in
    page.select_option("#lich-nghia-vu-holder", "ban-chap-hanh")
    page.select_option("#lich-nghia-vu-period", "2026")
    assert page.input_value("#lich-nghia-vu-doc") == "qc-lam-viec-lung-phinh"
    own = int(page.get_attribute('#lich-nghia-vu output[name="count"]', "data-value"))
    hrefs = page.locator("#lich-nghia-vu [data-list] li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("../van-ban/qc-lam-viec-lung-phinh.html#") for h in hrefs)
    docs = page.locator("#lich-nghia-vu .sotay-obligations__doc").all_text_contents()
    assert docs and all(d.startswith("Theo: Quy chế làm việc của Ban Chấp hành Đảng bộ xã Lùng Phình") for d in docs)
    assert "doc=qc-lam-viec-lung-phinh" in page.url
    page.select_option("#lich-nghia-vu-doc", "")  # merged on request only, and said so
    assert int(page.get_attribute('#lich-nghia-vu output[name="count"]', "data-value")) > own
    assert "gộp việc định kỳ của 2 văn bản khác nhau" in page.text_content("#lich-nghia-vu [data-warnings]")
    docs = page.locator("#lich-nghia-vu .sotay-obligations__doc").all_text_contents()
    assert any(d.startswith("Theo: Quy chế làm việc mẫu") for d in docs)  # each item names its document
    assert any(d.startswith("Theo: Quy chế làm việc của Ban Chấp hành Đảng bộ xã Lùng Phình") for d in docs)
    assert "doc=&" in page.url or page.url.endswith("doc=")
    assert watch.errors == []


@pytest.mark.browser
def test_obligations_calendar_one_schedule_per_holder_by_default(new_page, default_server):
    page, watch = new_page()
    page.goto(default_server + "cong-cu/lich-nghia-vu.html?holder=ban-thuong-vu&period=2026")
    meetings = page.locator("#lich-nghia-vu [data-list] li[data-rule^=lp-btv-hop], #lich-nghia-vu [data-list] li[data-rule^=mau-btv-hop]")
    dates = meetings.evaluate_all("els => els.map(e => e.dataset.date)")
    # one Ban Thường vụ meeting a month, at the end of the month, inside the month
    assert dates == ["2026-01-30", "2026-02-27", "2026-03-31", "2026-04-29", "2026-05-29", "2026-06-30",
                     "2026-07-31", "2026-08-28", "2026-09-30", "2026-10-30", "2026-11-30", "2026-12-31"]
    assert "tháng 1/2026" in page.locator('#lich-nghia-vu [data-list] li[data-date="2026-01-30"]').first.text_content()
    # cuối tháng 8: 31/8 is the (unverified) Quốc khánh swap day off — flagged on the item itself
    august = page.locator('#lich-nghia-vu [data-list] li[data-date="2026-08-28"][data-rule="lp-btv-hop-hang-thang"]')
    assert "ngày nghỉ chưa có văn bản chính thức — kiểm tra lại" in august.locator(".sotay-obligations__warn").text_content()
    page.select_option("#lich-nghia-vu-holder", "thuong-truc")
    yearly = page.locator("#lich-nghia-vu [data-list] li").evaluate_all(
        "els => els.filter(e => e.textContent.includes('Kiểm điểm hằng năm')).map(e => e.dataset.date)")
    assert yearly == ["2026-01-02"]  # once, not once per regulation
    page.goto(default_server + "cong-cu/lich-nghia-vu.html?holder=don-vi-chu-tri&period=2026")
    item = page.locator('#lich-nghia-vu [data-list] li[data-rule="ttct-dang-ky-nhu-cau-giua-quy-iv"]')
    assert item.locator(".sotay-obligations__when").text_content().startswith("Khoảng giữa Quý IV — mốc tham chiếu 16/11/2026")
    assert watch.errors == []


# ---- how it looks ----------------------------------------------------------------------

SHOTS = [
    "cong-cu/index.html",
    "cong-cu/han-ngay-lam-viec.html?start=2026-02-10",
    "cong-cu/chuan-bi-hoi-nghi.html?meeting=2026-03-02",
    "cong-cu/bieu-quyet.html?members=15",
    "cong-cu/dinh-ky-6-thang.html?from=2026-11-23",
    "cong-cu/lich-nghia-vu.html?holder=ban-chap-hanh&period=2026",
]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tool_pages_fit_the_screen(new_page, default_bundle, tmp_path, viewport):
    """Nothing in the content sticks out sideways at 360 px; screenshots kept for a human to look at
    (in $SOTAY_SCREENSHOTS if set)."""
    out = Path(os.environ.get("SOTAY_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    page, watch = new_page(viewport=viewport)
    for url in SHOTS:
        page.goto(default_bundle.as_uri() + "/" + url)
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('article *')]"
                               ".map(e => e.getBoundingClientRect().right))")
        assert widest <= viewport["width"], url  # the page content; the header is the theme's
        name = re.sub(r"[^a-z0-9]+", "-", url.split("/")[-1].split("?")[0].removesuffix(".html"))
        page.screenshot(path=str(out / f"{name}-{viewport['width']}.png"), full_page=True)
    assert watch.errors == []
