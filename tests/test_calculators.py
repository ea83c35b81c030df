"""Calculator view-models, fragments (generator/templates/calculators/) and the
DOM layer (overrides/assets/sotay/calculator.js) in Chromium from file://."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pydantic import TypeAdapter

from generator.model.knowledge import RecurringParams, Rule
from generator.views.calculators import calculator_view, meeting_schedule_view, quorum_view, recurring_engine_rule
from generator.read.calendar_data import build_calendar, dumps

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "overrides" / "assets" / "sotay"
CITE = {"document": "qc-lam-viec", "article": 3, "clause": "1", "href": "van-ban/qc-lam-viec.html#dieu-3-khoan-1"}


def typed(plain: dict) -> tuple:
    """(the rule as the loader gives it, its citations as a page shows them [{label, href}])."""
    cite = plain["cite"]
    rule = TypeAdapter(Rule).validate_python({**plain, "cite": {k: v for k, v in cite.items() if k != "href"}})
    return rule, [{"label": f"Điều {cite['article']} khoản {cite['clause']}, {cite['document']}", "full": None,
                   "href": cite["href"]}]


REPLY = typed({
    "id": "tra-loi-7-ngay", "kind": "working-days-after", "title": "Trả lời văn bản đề nghị phối hợp",
    "summary": "Trong 7 ngày làm việc kể từ khi nhận được văn bản.", "params": {"days": 7}, "cite": CITE,
})
DOCS = typed({
    "id": "gui-tai-lieu", "kind": "days-before", "title": "Gửi tài liệu đến Văn phòng Đảng ủy",
    "params": {"days": 2, "unit": "day", "what": "Gửi tài liệu đến Văn phòng Đảng ủy"},
    "cite": {**CITE, "article": 11, "clause": "3"},
})
INVITE = typed({
    "id": "gui-giay-moi", "kind": "days-before", "title": "Gửi giấy mời, tài liệu đến thành viên",
    "params": {"days": 1, "unit": "day", "what": "Gửi giấy mời và tài liệu đến thành viên"},
    "cite": {**CITE, "article": 11, "clause": "3"},
})
BLANK = typed({
    "id": "gui-tai-lieu-tham-dinh", "kind": "days-before", "title": "Gửi tài liệu để thẩm định",
    "params": {"days": None, "unit": "day", "what": "Gửi tài liệu đến Văn phòng để thẩm định"},
    "blanks": ["days"], "cite": {**CITE, "article": 14, "clause": "4"},
})
QUORUM = typed({"id": "du-hop-2-3", "kind": "quorum", "title": "Số thành viên tối thiểu phải dự", "params": {"fraction": "2/3", "op": ">="}, "cite": CITE})
MAJORITY = typed({"id": "qua-nua", "kind": "majority", "title": "Số phiếu tán thành tối thiểu", "params": {"fraction": "1/2", "op": ">"}, "cite": CITE})
ABSENCE = typed({"id": "vang-2-ngay", "kind": "absence", "title": "Vắng mặt phải báo cáo", "params": {"days": 2, "unit": "working-day"}, "cite": CITE})
MID_Q4 = typed({"id": "dang-ky-giua-quy-iv", "kind": "recurring", "title": "Đăng ký nội dung <giữa> \"Quý IV\"", "params": {"freq": "yearly", "anchor": "mid-q4"}, "cite": CITE})
HALF = typed({"id": "trao-doi-6-thang", "kind": "recurring", "title": "Trao đổi thông tin 6 tháng", "params": {"freq": "half-yearly"}, "cite": CITE})


@pytest.fixture(scope="module")
def env() -> Environment:
    return Environment(loader=FileSystemLoader(ROOT / "generator" / "templates"), autoescape=select_autoescape(default=True))


def render(env, view) -> str:
    return env.get_template(view["template"]).render(calc=view)


# ---- view-models -------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"freq": "weekly", "anchor": "monday"}, {"type": "weekly", "weekday": 1}),
        ({"freq": "monthly", "anchor": "month-end"}, {"type": "month-end"}),
        ({"freq": "monthly", "anchor": "last-working-day"}, {"type": "month-last-working-day"}),
        ({"freq": "quarterly", "anchor": "quarter-start"}, {"type": "quarter-first-month"}),
        ({"freq": "quarterly", "anchor": "mid-quarter"}, {"type": "mid-quarter"}),
        # "giữa Quý IV" names no day: 15/11 is a reference date, marked approximate
        ({"freq": "yearly", "anchor": "mid-q4"}, {"type": "yearly-date", "month": 11, "day": 15, "approx": "giữa Quý IV"}),
        ({"freq": "yearly", "anchor": "year-end"}, {"type": "yearly-month", "month": 12}),
        ({"freq": "yearly"}, {"type": "yearly"}),
        ({"freq": "half-yearly"}, {"type": "semiannual", "window": True}),
        ({"freq": "term", "anchor": "final-year"}, {"type": "term-final-year", "termStart": 2025, "termEnd": 2030}),
        ({"freq": "weekly"}, None),  # no day named: no calculator, never a guess
        ({"freq": "monthly"}, {"type": "monthly"}),
        ({"freq": "quarterly"}, {"type": "quarterly"}),
        ({"freq": "monthly", "anchor": "full-moon"}, None),
    ],
)
def test_recurring_rules_map_to_engine_rules(params, expected):
    assert recurring_engine_rule(RecurringParams(**params)) == expected


def test_views_carry_what_the_fragments_need():
    reply = calculator_view(*REPLY)
    assert reply["template"] == "calculators/working_days.html" and reply["days"] == 7
    assert reply["cites"] == [{"label": "Điều 3 khoản 1, qc-lam-viec", "href": CITE["href"]}]  # label and link only
    assert calculator_view(*QUORUM)["counts"] == [
        {"name": "du-hop-2-3", "label": QUORUM[0].title, "count": "quorum", "fraction": "2/3", "op": ">="}
    ]
    schedule = meeting_schedule_view([DOCS, INVITE, BLANK], title="Chuẩn bị hội nghị", id="hop-btv")
    assert [(s["days"], s["blank"]) for s in schedule["steps"]] == [(2, False), (1, False), (None, True)]
    weekly = HALF[0].model_copy(update={"params": RecurringParams(freq="weekly")})
    assert calculator_view(weekly, HALF[1]) is None  # no weekday named: no calculator


def test_a_fraction_left_blank_is_never_guessed():
    """"ít nhất ... tổng số thành viên": no quorum calculator rather than a made-up 2/3."""
    blank = typed({"id": "du-hop-trong", "kind": "quorum", "title": "Số thành viên phải dự",
                   "params": {"fraction": None}, "blanks": ["fraction"], "cite": CITE})
    assert blank[0].params.op == ">="  # the default is the model's
    assert calculator_view(*blank) is None
    view = quorum_view([blank, MAJORITY], title="Hội nghị", id="bieu-quyet")
    assert [c["name"] for c in view["counts"]] == ["qua-nua"]
    assert quorum_view([blank], title="Hội nghị", id="bieu-quyet") is None


# ---- fragments -----------------------------------------------------------------


def test_working_days_fragment(env):
    out = render(env, calculator_view(*REPLY))
    assert 'data-calculator="working-days"' in out
    assert 'name="start"' in out and 'name="days"' in out and 'value="7"' in out
    assert '<output name="end"' in out and 'data-explanation-for="end"' in out
    assert f'href="{CITE["href"]}"' in out and "Điều 3 khoản 1, qc-lam-viec" in out
    assert 'for="tinh-tra-loi-7-ngay-start"' in out and 'id="tinh-tra-loi-7-ngay-start"' in out


def test_meeting_schedule_fragment_leaves_blanks_to_the_user(env):
    out = render(env, meeting_schedule_view([DOCS, INVITE, BLANK], title="Chuẩn bị hội nghị", id="hop-btv"))
    assert 'data-calculator="meeting-schedule"' in out and 'name="meeting"' in out
    assert 'name="gui-tai-lieu" aria-labelledby="hop-btv-gui-tai-lieu-label"' in out
    assert 'data-before="2"' in out and 'data-before="1"' in out
    assert 'name="so-ngay-gui-tai-lieu-tham-dinh"' in out
    assert 'data-before-input="so-ngay-gui-tai-lieu-tham-dinh"' in out
    assert out.count("data-before=") == 2  # the blank step has no number of its own


def test_fragments_escape_titles_and_rule_json(env):
    out = render(env, calculator_view(*MID_Q4))
    assert "<giữa>" not in out and "&lt;giữa&gt;" in out
    start = out.index("data-rule=\"") + len("data-rule=\"")
    value = html.unescape(out[start : out.index('"', start)])
    assert json.loads(value) == {"type": "yearly-date", "month": 11, "day": 15, "approx": "giữa Quý IV"}


def test_every_fragment_renders(env):
    for view in (
        calculator_view(*REPLY), calculator_view(*DOCS), calculator_view(*QUORUM), calculator_view(*MAJORITY),
        calculator_view(*ABSENCE), calculator_view(*MID_Q4), calculator_view(*HALF),
        quorum_view([QUORUM, MAJORITY], title="Hội nghị Ban Thường vụ", id="bieu-quyet"),
    ):
        out = render(env, view)
        assert f'data-calculator="{view["kind"]}"' in out
        assert "<output" in out and "<label" in out


# ---- the page in Chromium, opened from file:// ------------------------------------


def write_page(env, folder: Path, views, *, module_probe: bool = False) -> Path:
    """A standalone page as the lead's pages must be: JSON island + classic scripts."""
    (folder / "assets").mkdir(parents=True)
    for name in ("dom.js", "workdays.js", "quorum.js", "ics.js", "calculator.js"):
        shutil.copy(ASSETS / name, folder / "assets" / name)
    island = dumps(build_calendar(ROOT / "data")).replace("</", "<\\/")
    body = "\n".join(render(env, v) for v in views)
    probe = ""
    if module_probe:
        (folder / "assets" / "probe.mjs").write_text("document.body.dataset.moduleRan = 'yes';\n")
        probe = '<script type="module" src="assets/probe.mjs"></script>'
    page = folder / "index.html"
    page.write_text(
        f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Máy tính</title></head><body>
{body}
<script type="application/json" id="sotay-calendar">{island}</script>
<script src="assets/dom.js"></script>
<script src="assets/workdays.js"></script>
<script src="assets/quorum.js"></script>
<script src="assets/ics.js"></script>
<script src="assets/calculator.js"></script>
{probe}
</body></html>""",
        encoding="utf-8",
    )
    return page


VIEWS = lambda: [  # noqa: E731 — the views every browser test page shows
        calculator_view(*REPLY),
        meeting_schedule_view([DOCS, INVITE, BLANK], title="Chuẩn bị hội nghị", id="hop-btv"),
        quorum_view([QUORUM, MAJORITY], title="Hội nghị Ban Thường vụ", id="bieu-quyet"),
        calculator_view(*ABSENCE),
        calculator_view(*MID_Q4),
]


@pytest.fixture
def page_url(env, tmp_path):
    return write_page(env, tmp_path / "site", VIEWS()).as_uri()


def value(page, form_id, name):
    return page.get_attribute(f'#{form_id} output[name="{name}"]', "data-value")


@pytest.mark.browser
def test_calculators_work_from_file_url_and_prefill_from_the_query(new_page, page_url):
    page, watch = new_page()
    page.goto(page_url + "?start=2026-02-10&days=7&meeting=2026-03-02&members=16&from=2026-11-23")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-02-26"
    assert "26/02/2026 (Thứ Năm)" in page.text_content('#tinh-tra-loi-7-ngay output[name="end"]')
    steps = page.locator('#tinh-tra-loi-7-ngay [data-explanation-for="end"] li').all_text_contents()
    assert "Bỏ qua 17/02/2026 (Thứ Ba): Tết Nguyên đán." in steps
    assert value(page, "hop-btv", "gui-tai-lieu") == "2026-02-27"  # 28/02 is a Saturday
    assert value(page, "hop-btv", "gui-giay-moi") == "2026-02-27"  # 01/03 is a Sunday
    assert value(page, "hop-btv", "gui-tai-lieu-tham-dinh") == ""  # blank until the user fills it
    assert value(page, "bieu-quyet", "du-hop-2-3") == "11"
    assert value(page, "bieu-quyet", "qua-nua") == "9"
    assert value(page, "tinh-dang-ky-giua-quy-iv", "lan-toi") == "2027-11-15 2028-11-15 2029-11-15 2030-11-15"
    shown = page.text_content("#tinh-dang-ky-giua-quy-iv output")
    assert shown.startswith("Giữa Quý IV (văn bản không nêu ngày; mốc tham chiếu, không phải hạn chót): khoảng 15/11/2027")
    assert watch.errors == []


@pytest.mark.browser
def test_bad_numbers_get_a_vietnamese_message_and_no_result(new_page, page_url):
    page, watch = new_page()
    page.goto(page_url + "?start=2026-02-10&days=0")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == ""  # 0 days is below min=1: no "deadline" on the start day
    note = page.locator("#tinh-tra-loi-7-ngay .sotay-calc__warnings")
    assert "Số ngày làm việc: Cần nhập số từ 1 trở lên." in note.text_content()
    assert page.evaluate("document.querySelector('#tinh-tra-loi-7-ngay-days').validationMessage") == "Cần nhập số từ 1 trở lên."
    page.fill("#tinh-tra-loi-7-ngay-days", "-3")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == ""
    page.fill("#tinh-tra-loi-7-ngay-days", "7")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-02-26"
    assert page.locator("#tinh-tra-loi-7-ngay .sotay-calc__warnings").count() == 0
    assert watch.errors == []


def calc_note(page, form_id):
    return page.locator(f"#{form_id} .sotay-calc__warnings").first.text_content()


@pytest.mark.browser
def test_dates_and_numbers_from_the_url_that_the_inputs_refuse_are_said_in_words(new_page, page_url):
    """The browser empties <input type=date> for 2026-02-30 and <input type=number> for "abc":
    the page used to show nothing at all."""
    page, watch = new_page()
    page.goto(page_url + "?start=2026-02-30&days=7&members=abc&meeting=2026-02-31")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == ""
    assert 'Ngày "2026-02-30" trong đường dẫn không có thật hoặc sai dạng (cần năm-tháng-ngày' in calc_note(page, "tinh-tra-loi-7-ngay")
    assert 'Giá trị "abc" trong đường dẫn không phải số nguyên.' in calc_note(page, "bieu-quyet")
    assert value(page, "bieu-quyet", "du-hop-2-3") == ""
    assert '"2026-02-31"' in calc_note(page, "hop-btv")
    # the reader's own value replaces the URL's, and the message goes
    page.fill("#tinh-tra-loi-7-ngay-start", "2026-02-10")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-02-26"
    assert page.locator("#tinh-tra-loi-7-ngay .sotay-calc__warnings").count() == 0
    assert watch.errors == []


@pytest.mark.browser
def test_huge_numbers_and_far_years_are_bounded(new_page, page_url):
    page, watch = new_page()
    page.goto(page_url + "?start=9999-12-31&days=5&members=12345678901234567890")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == ""  # was "10000-01-07"
    assert "Năm 9999 nằm ngoài khoảng Sổ tay tính được (1900–2100)" in calc_note(page, "tinh-tra-loi-7-ngay")
    assert value(page, "bieu-quyet", "du-hop-2-3") == ""  # was "66666666666666660000"
    assert "Số thành viên quá lớn: 12345678901234567890 (cần một số nguyên từ 1 đến 1000)." in calc_note(page, "bieu-quyet")
    page.fill("#tinh-tra-loi-7-ngay-start", "2100-12-28")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == ""
    assert "Kết quả rơi vào năm 2101" in calc_note(page, "tinh-tra-loi-7-ngay")
    page.fill("#bieu-quyet-members", "1000")
    assert value(page, "bieu-quyet", "du-hop-2-3") == "667"
    assert watch.errors == []


@pytest.mark.browser
def test_unverified_calendar_days_are_flagged_next_to_the_result(new_page, page_url):
    """Quốc khánh 2026: the swap (nghỉ 31/8, làm bù thứ Bảy 22/8) is not yet checked against
    an official text (data/calendar/2026.yml verified: false)."""
    page, watch = new_page()
    page.goto(page_url + "?start=2026-08-20&days=8")
    # 21, 22 (làm bù), 24–28/8 = 7 days; 31/8 (hoán đổi), 1–2/9 off; 03/9 is the 8th
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-09-03"
    result = page.locator("#tinh-tra-loi-7-ngay .sotay-calc__result").first
    warning = result.locator(".sotay-calc__warnings")
    assert warning.is_visible()  # next to the result, not only inside the folded "Cách tính"
    assert "ngày nghỉ chưa có văn bản chính thức — kiểm tra lại" in warning.text_content()
    assert "22/08/2026" in warning.text_content() and "31/08/2026" in warning.text_content()
    steps = result.locator('[data-explanation-for="end"] li').all_text_contents()
    assert any(s.startswith("Bỏ qua 31/08/2026 (Thứ Hai): Nghỉ hoán đổi dịp Quốc khánh") for s in steps), steps
    assert not any(s.startswith("Lưu ý") for s in steps)  # said once, under the result
    assert not any(note in s for s in steps for note in ("holidays", "thuvienphapluat", "đối chiếu"))
    page.fill("#tinh-tra-loi-7-ngay-start", "2026-02-10")
    assert result.locator(".sotay-calc__warnings").count() == 0  # no unverified day on the way
    assert watch.errors == []


VN = "Asia/Ho_Chi_Minh"


@pytest.mark.browser
def test_opens_on_the_readers_today(new_page, page_url):
    """No date typed: the reply deadline counts from today and the recurring dates start today;
    the meeting date is never guessed. "Today" is the browser's (fixed here), in local time."""
    page, watch = new_page(timezone_id=VN)
    page.clock.set_fixed_time("2026-11-09T23:30:00Z")  # 06:30 on Tuesday 10/11/2026 in Hà Nội
    page.goto(page_url)
    assert page.input_value("#tinh-tra-loi-7-ngay-start") == "2026-11-10"
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-11-19"
    assert page.input_value("#tinh-dang-ky-giua-quy-iv-from") == "2026-11-10"
    assert value(page, "tinh-dang-ky-giua-quy-iv", "lan-toi") == "2026-11-16 2027-11-15 2028-11-15 2029-11-15"
    assert page.input_value("#hop-btv-meeting") == "" and value(page, "hop-btv", "gui-tai-lieu") == ""
    assert "?" not in page.url  # nothing written to the URL until the reader changes something
    page.goto(page_url + "?from=2027-12-01")  # a shared link still wins
    assert value(page, "tinh-dang-ky-giua-quy-iv", "lan-toi") == "2028-11-15 2029-11-15 2030-11-15 2031-11-17"
    assert watch.errors == []


@pytest.mark.browser
def test_typing_recomputes_and_the_url_can_be_shared(new_page, page_url):
    page, watch = new_page(timezone_id=VN)
    page.clock.set_fixed_time("2026-11-23T08:00:00+07:00")
    page.goto(page_url)
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2026-12-03"  # from today; 24/11 is a day off
    page.fill("#tinh-tra-loi-7-ngay-start", "2025-04-24")
    page.fill("#tinh-tra-loi-7-ngay-days", "3")
    assert value(page, "tinh-tra-loi-7-ngay", "end") == "2025-04-28"  # Saturday 26/4/2025 is worked
    assert "start=2025-04-24" in page.url and "days=3" in page.url
    assert "end=" not in page.url  # results are not inputs
    page.fill("#hop-btv-meeting", "2026-03-02")
    page.fill("#hop-btv-so-ngay-gui-tai-lieu-tham-dinh", "3")
    assert value(page, "hop-btv", "gui-tai-lieu-tham-dinh") == "2026-02-27"
    page.fill("#tinh-vang-2-ngay-from", "2026-02-13")
    page.fill("#tinh-vang-2-ngay-to", "2026-02-23")
    assert value(page, "tinh-vang-2-ngay", "days") == "2"
    assert value(page, "tinh-vang-2-ngay", "phai-bao-cao") == "true"
    shared = page.url
    other, _ = new_page()
    other.goto(shared)
    assert value(other, "tinh-tra-loi-7-ngay", "end") == "2025-04-28"
    assert watch.errors == []


@pytest.mark.browser
def test_module_scripts_do_not_run_from_file_url(env, tmp_path, new_page):
    """Why our scripts are classic: Chromium blocks <script type=module src> on file://."""
    page, watch = new_page()
    page.goto(write_page(env, tmp_path / "probe", VIEWS(), module_probe=True).as_uri())
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.dataset.moduleRan") is None
    assert any("probe.mjs" in e and "CORS" in e for e in watch.errors), watch.errors
    assert page.evaluate("typeof Sotay.workdays.addWorkingDays") == "function"  # classic scripts ran


@pytest.mark.browser
def test_ics_download(new_page, page_url):
    page, watch = new_page(accept_downloads=True)
    page.goto(page_url + "?from=2026-11-23")
    with page.expect_download() as info:
        page.click("#tinh-dang-ky-giua-quy-iv [data-ics]")
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 4
    assert "DTSTART;VALUE=DATE:20271115" in text
    assert watch.errors == []
