"""Fuzzing the import and load stages: whatever the bytes, a SotayError or a result.

No other exception, no hang (each example runs under a SIGALRM limit). The CI
budget is small (about a minute in all); set SOTAY_FUZZ_EXAMPLES=5000 for a
longer run. Lesson Markdown is also fuzzed in headless Chromium (marked
`browser`): no author script runs; SOTAY_FUZZ_BROWSER_EXAMPLES=500 for a longer run.
"""

from __future__ import annotations

import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import DataError, SotayError
from generator.read.content_file import document_from_content
from generator.read.importer import documents_from_text, read_documents
from generator.read.loader import load_data
from generator.read.yaml_source import FileProblem, read_yaml

EXAMPLES = int(os.environ.get("SOTAY_FUZZ_EXAMPLES", "120"))
EXAMPLE_SECONDS = 10  # one example taking longer is a hang
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="SOTAY_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])


@contextmanager
def time_limit(seconds: int = EXAMPLE_SECONDS):
    def hang(signum, frame):
        raise AssertionError(f"took more than {seconds}s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- regulation-shaped text ---------------------------------------------------------

REGULATION_LINES = st.sampled_from([
    "QUY CHẾ", "QUYẾT ĐỊNH", "làm việc của Ban Chấp hành Đảng bộ xã", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Chương I", "Chương II. NHIỆM VỤ", "CHƯƠNG III", "Mục 1. Hội nghị", "Điều 1. Phạm vi", "Điều 2.",
    "Điều 2. Trách nhiệm", "Điều 10 . Sai dấu", "1. Khoản một.", "2. Khoản hai:", "2.1. Khoản con.",
    "2.1 Không dấu chấm", "a) Điểm a;", "đ) Điểm đ;", "b)", "- Gạch đầu dòng", "+ Dấu cộng", "",
    "   ", "Nơi nhận:", "T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Văn A", "Lùng Phình, ngày … tháng 11 năm 2025",
    "Số 01-QC/ĐU", "(Kèm theo Quyết định số 230-QĐ/TU, ngày 1/1/2025)", "---", "title: x", "# Điều 3",
    "**Điều 4. Đậm**", "<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ 7*7 }}", "\t\tTab", "\ufeff",
    "Điều 99999999999999999999. Số to", "Chương MMMMMMMMMM", "1.1.1.1.1.1. Sâu",
])
REGULATION_TEXT = st.lists(st.one_of(REGULATION_LINES, st.text(max_size=40)), max_size=60).map("\n".join)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@FUZZ
@given(text=REGULATION_TEXT, newline=NEWLINES)
def test_importer_on_regulation_shaped_text(text, newline):
    with time_limit():
        try:
            documents = documents_from_text(text.replace("\n", newline), "fuzz.txt")
        except SotayError:
            return
    assert all(doc.articles is not None for doc in documents)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_importer_on_arbitrary_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "raw.txt"
        path.write_bytes(data)
        with time_limit():
            try:
                read_documents(path)
            except SotayError:
                pass


FRONT_MATTER_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=20),
    st.sampled_from(["qc-x", "../../etc/passwd", "quy-che", "2025-13-45", "2025-02-30", "9999-99-99 99:99:99", "!!timestamp x", "!!int y", "[1, 2]", "{a: b}", "&a x", "*a", "!!python/none", "'"]),
)


@FUZZ
@given(meta=st.dictionaries(st.sampled_from(["id", "kind", "title", "date", "level", "legal_bases", "signature", "junk"]),
                            FRONT_MATTER_VALUES, max_size=6),
       body=REGULATION_TEXT, raw_front=st.booleans())
def test_content_file_with_odd_front_matter(meta, body, raw_front):
    if raw_front:
        header = "\n".join(f"{k}: {v}" for k, v in meta.items())
    else:
        import json
        header = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.md"
        path.write_text(f"---\n{header}\n---\n{body}\n", encoding="utf-8")
        with time_limit():
            try:
                document_from_content(path)
            except SotayError:
                pass


# --- YAML data files ------------------------------------------------------------------

YAML_PIECES = st.sampled_from([
    "roles:", "bodies:", "duties:", "  - id: bi-thu", "    name: Bí thư", "    inherits: [bi-thu]",
    "    member_of: [ban-thuong-vu]", "  - id: X Y", "    cite: {document: d, article: 1}", "    cite: {article: x}",
    "&a [1, 2]", "*a", "*b", "<<: *a", "? [a]", ": b", "- - - -", "{", "}", "[", "]", "'", '"', "|", ">",
    "!!python/object:os.system", "!!binary YWJj", "!!set {a, b}", "!!timestamp 2025-01-01", "a: !!timestamp x",
    "a: !!int 1_0x", "a: !!float .nan", "a: !!bool maybe", "a: !!binary ===", "%YAML 1.1", "---", "...",
    "    name: &n Bí thư", "    short: *n", "\t- tab", "    name: null", "    name: 1e9", "    id: 0x1f", "~", "",
])
YAML_TEXT = st.lists(st.one_of(YAML_PIECES, st.text(max_size=20)), max_size=40).map("\n".join)


@FUZZ
@given(text=YAML_TEXT)
def test_yaml_reader_raises_only_file_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roles.yml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass") if _encodable(text) else path.write_bytes(b"\xff")
        with time_limit():
            try:
                read_yaml(path, "data/roles.yml")
            except FileProblem as problem:
                assert str(problem).startswith("data/roles.yml:")


VALID_VOCAB = "topics: {hoi-nghi: Hội nghị}\nactions: {chu-tri: Chủ trì}\nrelation_types: {bao-cao: Báo cáo}\ncadences: {hang-thang: Hằng tháng}\n"
VALID_BODIES = "bodies:\n  - id: ban-thuong-vu\n    name: Ban Thường vụ\n    kind: cap-uy\n"


@FUZZ
@given(roles=YAML_TEXT, which=st.sampled_from(["roles.yml", "bodies.yml", "vocab.yml", "duties/x.yml", "checklists/x.yml", "rules/x.yml"]))
def test_load_data_raises_only_data_errors(roles, which):
    if not _encodable(roles):
        return
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        (data / "vocab.yml").write_text(VALID_VOCAB, encoding="utf-8")
        (data / "bodies.yml").write_text(VALID_BODIES, encoding="utf-8")
        (data / "roles.yml").write_text("roles: []\n", encoding="utf-8")
        target = data / which
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(roles, encoding="utf-8")
        with time_limit():
            try:
                load_data(data)
            except DataError as error:
                assert error.messages and all(":" in m for m in error.messages)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("depth", [40, 1000, 100_000])
def test_yaml_nesting_at_any_depth_is_a_file_problem(tmp_path, depth):
    path = tmp_path / "roles.yml"
    path.write_text("roles: " + "[" * depth + "]" * depth, encoding="utf-8")
    with time_limit(), pytest.raises(FileProblem, match="nesting deeper"):
        read_yaml(path, "data/roles.yml")


# --- lesson Markdown in Chromium (issue #17): no author script ever runs ------------------

BROWSER_EXAMPLES = int(os.environ.get("SOTAY_FUZZ_BROWSER_EXAMPLES", "25"))
# Pieces that would run script, navigate or open a dialog if any reached the page: each sets window.__pwned.
SCRIPT_PIECES = st.sampled_from([
    "<script>window.__pwned=1</script>", "<script src=data:text/javascript,window.__pwned=1></script>",
    "<img src=x onerror=window.__pwned=1>", "<img src=x onerror='window.__pwned=1'/>", "<svg onload=window.__pwned=1>",
    "<svg><script>window.__pwned=1</script></svg>", "<math><mtext><script>window.__pwned=1</script></mtext></math>",
    "<body onload=window.__pwned=1>", "<details open ontoggle=window.__pwned=1>", "<iframe srcdoc='<script>parent.__pwned=1</script>'>",
    "<iframe src=javascript:parent.__pwned=1>", "<object data=javascript:window.__pwned=1>", "<embed src=javascript:window.__pwned=1>",
    "<a href=javascript:window.__pwned=1 id=go>x</a>", "[x](javascript:window.__pwned=1)", "[x](JaVaScRiPt:window.__pwned=1)",
    "[x](&#106;avascript:window.__pwned=1)", "<a href='jav&#x09;ascript:window.__pwned=1'>x</a>", "![x](javascript:window.__pwned=1)",
    "<meta http-equiv=refresh content='0;url=javascript:window.__pwned=1'>", "<base href=javascript:window.__pwned=1//>",
    "<form><button formaction=javascript:window.__pwned=1>x</button></form>", "<input autofocus onfocus=window.__pwned=1>",
    "<style>@import 'javascript:window.__pwned=1';</style>", "<div style=background:url(javascript:window.__pwned=1)>x</div>",
    "<!--<script>window.__pwned=1</script>-->", "<![CDATA[<script>window.__pwned=1</script>]]>", "<noscript><p title='</noscript><img src=x onerror=window.__pwned=1>'>",
    "<textarea></textarea><script>window.__pwned=1</script>", "<template><script>window.__pwned=1</script></template>",
    "<scr<script>ipt>window.__pwned=1</scr</script>ipt>", "<a href=\"data:text/html,<script>window.__pwned=1</script>\">x</a>",
    "{: onclick=window.__pwned=1 }", "# T {: onmouseover=window.__pwned=1 }", "<div markdown=1 onclick=window.__pwned=1>*x*</div>",
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<script>confirm(1)</script>", "<script>location='about:blank#moved'</script>",
])
MARKDOWN_PIECES = st.sampled_from([
    "", "# Tiêu đề", "## Mục", "- một", "1. hai", "> trích", "```", "~~~", "    mã", "| a | b |", "|---|---|", "***", "**đậm**",
    "_nghiêng_", "`mã`", "[liên kết](#muc)", "<div>", "</div>", "<p>", "</p>", "<!--", "-->", "!!! note", "??? note", "\\",
    "::: nhiem-vu bi-thu", ":::", "&amp;", "&#60;script&#62;", "<", ">", "\"", "'", "{: #id .class }", "<details>", "<summary>x</summary>",
])
LESSON_BODY = st.lists(st.one_of(SCRIPT_PIECES, MARKDOWN_PIECES, st.text(max_size=15)), min_size=1, max_size=25).map("\n".join)
TRUSTED = '<section class="sotay-embed"><p>Nhúng tin cậy</p></section>'


@pytest.fixture(scope="module")
def lesson_markdown(tmp_path_factory):
    """Lesson Markdown → page HTML as MkDocs renders a page's content: mkdocs.yml's Markdown
    extensions, then our on_page_content hook (link/author_html.clean_page)."""
    import markdown
    from mkdocs.config import load_config

    from conftest import ROOT
    from generator.link import author_html

    # only the Markdown settings are read; a docs folder of its own, so a fresh clone (no build/docs) works
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path_factory.mktemp("docs")))

    def render(body: str) -> str:
        text = body.replace("::: nhiem-vu bi-thu", f"\n{author_html.trusted_placeholder(TRUSTED)}\n")
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return author_html.clean_page(converter.convert(author_html.author_markdown(text)))

    return render


@pytest.mark.browser
@settings(max_examples=BROWSER_EXAMPLES, deadline=None, derandomize="SOTAY_FUZZ_BROWSER_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(body=LESSON_BODY)
def test_no_script_from_lesson_markdown_runs_in_chromium(browser, lesson_markdown, body):
    html = lesson_markdown(body)
    context = browser.new_context(java_script_enabled=True)
    try:
        page = context.new_page()
        dialogs, navigations, requests = [], [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("framenavigated", lambda frame: navigations.append(frame.url))
        context.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
        page.set_content(f"<!doctype html><html><head><meta charset=utf-8></head><body>{html}</body></html>",
                         wait_until="load", timeout=10_000)
        for element in page.query_selector_all("a, button, input, details, [id]")[:20]:
            element.evaluate("e => { e.dispatchEvent(new MouseEvent('mouseover')); if (e.tagName === 'DETAILS') e.open = !e.open; }")
        page.wait_for_timeout(50)
        assert page.evaluate("window.__pwned === undefined"), html
        assert dialogs == [], html
        assert [u for u in navigations if u != "about:blank"] == [], html
        assert [u for u in requests if u.startswith(("javascript:", "data:", "file:", "http:", "https:"))] == [], html
    finally:
        context.close()
