"""Author-written Markdown (lessons, content/pages) is untrusted: whatever HTML it holds, the
published pages run no script of it, load nothing outside the site, and the handouts print no
local file (issue #17). Our own directive embeds still come through whole.

Payloads set `window.__pwned` or open a dialog if they ever run; the browser tests load the
pages served over http and from the unzipped file:// bundle and check both stayed quiet.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import build_project, copy_project, serve_directory
from test_hostile import _Scan, tiny_project

SECRET_LINE = "dong-bi-mat-cua-may-chu"

PAYLOAD = """<script>window.__pwned = 'script'</script>
<img src=x onerror="window.__pwned = 'onerror'">
<svg onload="window.__pwned = 'svg'"><circle r="5"/></svg>
<iframe src="file://{secret}"></iframe>
<object data="file://{secret}"></object>
<a href="javascript:window.__pwned='href'" id="js-link">bấm</a>
[liên kết](javascript:window.__pwned='md-link') [tệp](file://{secret}) [dữ liệu](data:text/html,<script>alert(1)</script>)
<a href="jAvAsCrIpT&colon;alert(1)">x</a> <a href="&#106;avascript:alert(1)">y</a>
<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">gửi</button></form>
<style>body {{ display: none }}</style>
<meta http-equiv="refresh" content="0; url=javascript:alert(1)">
<details open ontoggle="window.__pwned = 'toggle'"><summary>Mở</summary>nội dung</details>
<img src="https://example.com/theo-doi.png" alt="ảnh ngoài">

## Mục <img src=x onerror="window.__pwned = 'heading'"> {{: onclick="window.__pwned = 'attr'" }}

Đoạn văn *bình thường* với [liên kết trong trang](#muc).
"""


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("outside") / "passwd"
    path.write_text(f"{SECRET_LINE}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def author_site(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("author")
    src = tiny_project(base / "src")
    payload = PAYLOAD.format(secret=secret_file)
    lessons = src / "content" / "lessons"
    lessons.mkdir()
    (lessons / "bai-1.md").write_text(f"---\ntitle: Bài 1. Thử\n---\n\nMở đầu.\n\n{payload}\n::: nhiem-vu bi-thu\n\nKết.\n",
                                      encoding="utf-8")
    pages = src / "content" / "pages"
    pages.mkdir()
    (pages / "gioi-thieu.md").write_text(f"# Giới thiệu <i>nghiêng</i>\n\n{payload}", encoding="utf-8")
    project = copy_project(base / "project", content=src / "content", data=src / "data")
    return build_project(project)


@pytest.mark.parametrize("rel", ["bai-hoc/bai-1.html", "gioi-thieu.html", "index.html"])
def test_no_author_markup_is_live(author_site, rel):
    html = (author_site.site_dir / rel).read_text(encoding="utf-8")
    scan = _Scan()
    scan.feed(html)
    assert [d for d in scan.dangers if d != "injected <img>"] == []  # an <img src=x> without handlers is inert
    lowered = html.lower()
    for marker in ("__pwned", "onerror", "onload", "ontoggle", "onclick", "javascript:", "file://", "data:text/html",
                   "<iframe", "<object", "<svg onload", "http-equiv", "https://example.com", "sotay-author-", "sotayembed"):
        assert marker not in lowered, (rel, marker)


def test_author_text_and_our_embeds_survive(author_site):
    html = (author_site.site_dir / "bai-hoc" / "bai-1.html").read_text(encoding="utf-8")
    assert "<em>bình thường</em>" in html and '<a href="#muc">liên kết trong trang</a>' in html
    assert 'class="sotay-embed sotay-embed--duties"' in html and "Nhiệm vụ của Bí thư" in html
    assert "<details open=\"\"><summary>Mở</summary>nội dung</details>" in html
    page = (author_site.site_dir / "gioi-thieu.html").read_text(encoding="utf-8")
    assert "<title>Giới thiệu &lt;i&gt;nghiêng&lt;/i&gt; - Sổ tay Quy chế</title>" in page  # the theme prints titles raw


@pytest.fixture(scope="module")
def author_bundle(author_site, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("author-bundle")
    with zipfile.ZipFile(author_site.bundle) as zf:
        zf.extractall(target)
    return target / "so-tay-quy-che"


def _quiet_page(new_page, url: str) -> tuple[object, list[str], list[str]]:
    page, watch = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    for element in page.query_selector_all("details, a, button"):  # toggles and clicks run handlers if any survived
        try:
            element.evaluate("e => e.tagName === 'DETAILS' ? (e.open = !e.open) : null")
        except Exception:  # noqa: BLE001 - an element gone from the page
            pass
    page.wait_for_timeout(100)
    return page, watch, dialogs


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["bai-hoc/bai-1.html", "gioi-thieu.html"])
@pytest.mark.parametrize("how", ["served", "file"])
def test_no_author_script_runs_in_chromium(author_site, author_bundle, new_page, rel, how):
    if how == "served":
        server, base = serve_directory(author_site.site_dir.resolve())
    else:
        server, base = None, author_bundle.as_uri() + "/"
    try:
        page, watch, dialogs = _quiet_page(new_page, base + rel)
        assert page.evaluate("window.__pwned === undefined")
        assert dialogs == []
        assert page.url == base + rel  # no navigation away
        assert watch.foreign_requests(base) == []
        assert not [u for u in watch.requests if u.startswith("file://") and "so-tay-quy-che" not in u]
    finally:
        if server:
            server.shutdown()


@pytest.mark.browser
def test_handout_of_a_lesson_prints_no_local_file(tmp_path, browser, secret_file):
    """Even a lesson whose HTML reached the page unsanitised would not print a local file: the
    printer loads the site over loopback and aborts file:// and other hosts."""
    import subprocess

    from generator.project import Project
    from generator.run.handouts import make_handouts

    src = tiny_project(tmp_path / "src")
    lessons = src / "content" / "lessons"
    lessons.mkdir()
    (lessons / "bai-1.md").write_text(f"---\ntitle: Bài 1\n---\n\n[tệp](file://{secret_file})\n\nNội dung in.\n",
                                      encoding="utf-8")
    project = Project(copy_project(tmp_path / "project", content=src / "content", data=src / "data"))
    build_project(project.root)
    page = project.site_dir / "bai-hoc" / "bai-1.html"  # as if the sanitiser had let it through
    html = page.read_text(encoding="utf-8").replace(
        "<p>Nội dung in.</p>", f'<p>Nội dung in.</p><iframe src="file://{secret_file}" width="600" height="200"></iframe>'
        f'<object data="file://{secret_file}" type="text/plain" width="600" height="200"></object>'
        f'<img src="http://192.0.2.1/anh.png">', 1)
    page.write_text(html, encoding="utf-8")
    result = make_handouts(project, kinds=("bai-hoc",), browser=browser)
    (pdf, _), = result.files
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nội dung in." in text
    assert SECRET_LINE not in text
