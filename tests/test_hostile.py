"""Hostile input catalogue: odd files office staff may feed the importer and hand-edited YAML.

Every case either gives a clear error through the `sotay` CLI (`generator.run.cli.main`:
exit code 1 or 2, a message naming the file, never a traceback) or is rendered inert
on every page type of a real build (document, role, body, relations, checklist,
home, navigation, Pagefind's search records, handbook.json).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_project, copy_project
from knowledge_fixtures import documents

from generator.run.cli import main
from generator.read.content_file import render_content

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}[x](javascript:alert(3))'


# --- a tiny project, checked through the CLI --------------------------------------


def tiny_project(root: Path) -> Path:
    """mkdocs.yml, two small regulations in content/documents and the valid fixture data."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    folder = root / "content" / "documents"
    folder.mkdir(parents=True)
    for doc in documents():
        (folder / f"{doc.id}.md").write_text(render_content(doc), encoding="utf-8")
    shutil.copytree(FIXTURES / "data_valid", root / "data")
    return root


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = tiny_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


def test_tiny_project_checks_clean(project, capsys):
    assert run(capsys, "check")[0] == 0


# --- huge, binary, undecodable files ------------------------------------------------


def test_huge_raw_text_is_refused_quickly(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(("Điều 1. Nội dung\n1. Khoản một.\n" * 700_000).encode())  # ~24 MB
    started = time.monotonic()
    code, out = run(capsys, "import", str(huge), "--into", str(tmp_path / "out"))
    assert time.monotonic() - started < 5
    assert code == 2
    assert "huge.txt" in out and "limit" in out
    assert not (tmp_path / "out").exists()


def test_huge_content_file_fails_check_with_exit_2(project, capsys):
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nĐiều 8. Thêm\n\n" + "Nội dung dài. " * 1_500_000, encoding="utf-8")
    started = time.monotonic()
    code, out = run(capsys, "check")
    assert time.monotonic() - started < 5
    assert code == 2
    assert "qc-lam-viec-lung-phinh.md" in out and "limit" in out


def test_huge_data_file_is_an_error(project, capsys):
    roles = project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8") + "# " + "x" * 1_200_000 + "\n", encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert "roles.yml:1:" in out and "limit" in out


def test_binary_file_import_is_refused(tmp_path, capsys):
    blob = tmp_path / "scan.txt"
    blob.write_bytes(bytes(range(256)) * 100)
    code, out = run(capsys, "import", str(blob), "--into", str(tmp_path / "out"))
    assert code == 2 and "scan.txt" in out


def test_non_utf8_yaml_names_file_and_line(project, capsys):
    bodies = project / "data" / "bodies.yml"
    bodies.write_bytes(bodies.read_bytes().replace("Văn phòng".encode(), "Văn phòng".encode("utf-16-le"), 1))
    code, out = run(capsys, "check")
    assert code == 1
    assert re.search(r"bodies\.yml:\d+: file is not UTF-8", out)


def test_windows_1258_regulation_imports(tmp_path, capsys):
    raw = tmp_path / "cp1258.txt"
    text = "QUY CHẾ\nlàm việc\n\nĐiều 1. Phạm vi\n\n1. Quy chế này áp dụng.\n"
    raw.write_bytes(cp1258(text))
    code, out = run(capsys, "import", str(raw), "--into", str(tmp_path / "out"))
    assert code == 0, out
    written = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "Phạm vi" in written


def test_mixed_line_endings_parse_like_plain_newlines(tmp_path, capsys):
    lines = ["QUY CHẾ", "làm việc của Đảng ủy", "", "Điều 1. Phạm vi", "", "1. Khoản một.", "",
             "2. Khoản hai:", "a) Điểm a;", "b) Điểm b.", "", "Điều 2. Hiệu lực", "", "Quy chế có hiệu lực."]
    plain, mixed = tmp_path / "plain.txt", tmp_path / "mixed.txt"
    plain.write_text("\n".join(lines), encoding="utf-8")
    endings = ["\r\n", "\n", "\r", "\r\n"]
    mixed.write_bytes("".join(line + endings[i % 4] for i, line in enumerate(lines)).encode())
    code_p, out_p = _inspect(capsys, plain)
    code_m, out_m = _inspect(capsys, mixed)
    assert code_p == code_m == 0
    assert _articles(out_p) == _articles(out_m) and len(_articles(out_p)) == 2


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word saves it: letters like ê precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for mark in [None, *marks]:  # the letter with one mark precomposed, if cp1258 has it
                head = unicodedata.normalize("NFC", base + mark) if mark else base
                try:
                    out += (head + "".join(m for m in marks if m != mark)).encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
    return out


def _inspect(capsys, path: Path) -> tuple[int, str]:
    code = main(["inspect", str(path), "--json"])
    return code, capsys.readouterr().out


def _articles(out: str) -> list:
    data = json.loads(out)
    return [(a["number"], a["title"], [c["number"] for c in a.get("clauses", [])]) for a in data["documents"][0]["articles"]]


# --- YAML bombs ----------------------------------------------------------------------


def test_deeply_nested_yaml_is_an_error(project, capsys):
    (project / "data" / "roles.yml").write_text("roles: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert "roles.yml:1: nesting deeper than" in out


def test_yaml_alias_bomb_is_an_error(project, capsys):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
             for i in range(9)]
    (project / "data" / "bodies.yml").write_text("\n".join(bomb) + "\nbodies: []\n", encoding="utf-8")
    started = time.monotonic()
    code, out = run(capsys, "check")
    assert time.monotonic() - started < 5
    assert code == 1
    assert "bodies.yml:" in out and "aliases" in out


def test_recursive_alias_is_an_error(project, capsys):
    (project / "data" / "bodies.yml").write_text("bodies: &b\n  - *b\n", encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1 and "bodies.yml:" in out


def test_python_tags_are_refused(project, capsys):
    (project / "data" / "bodies.yml").write_text("bodies: !!python/object/apply:os.system [echo pwned]\n", encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1 and "bodies.yml:1:" in out


# --- path traversal -------------------------------------------------------------------


def test_document_id_with_path_traversal_is_refused(project, capsys):
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("id: qc-lam-viec-lung-phinh", "id: ../../etc/passwd", 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 2
    assert "qc-lam-viec-lung-phinh.md:2:" in out and "slug" in out


def test_impossible_date_in_front_matter_is_an_input_error(project, capsys):
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("date: null", "date: 2025-13-45", 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 2
    assert "qc-lam-viec-lung-phinh.md" in out and "YYYY-MM-DD" in out


def test_checklist_id_with_path_traversal_is_refused(project, capsys):
    path = project / "data" / "checklists" / "chuan-bi-hoi-nghi-btv.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: chuan-bi-hoi-nghi-btv", "id: ../../etc/passwd", 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert re.search(r"chuan-bi-hoi-nghi-btv\.yml:2: checklist\.id", out)


def test_duty_document_with_path_traversal_is_refused(project, capsys):
    path = project / "data" / "duties" / "qc-lam-viec-lung-phinh.yml"
    text = path.read_text(encoding="utf-8").replace("document: qc-lam-viec-lung-phinh", "document: ../../etc/passwd", 1)
    path.write_text(text, encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1 and "qc-lam-viec-lung-phinh.yml:" in out


def test_import_id_with_path_traversal_is_refused(tmp_path, capsys):
    raw = tmp_path / "qc.txt"
    raw.write_text("QUY CHẾ\nlàm việc\n\nĐiều 1. Phạm vi\n\n1. Áp dụng.\n", encoding="utf-8")
    code, out = run(capsys, "import", str(raw), "--into", str(tmp_path / "out"), "--id", "../../etc/passwd")
    assert code == 2 and "--id" in out
    assert not (tmp_path / "etc").exists()


def test_import_into_outside_folder_writes_slugged_file(tmp_path, capsys):
    raw = tmp_path / "in" / "..  Quy chế ..txt"
    raw.parent.mkdir()
    raw.write_text("QUY CHẾ\nlàm việc của ../../etc\n\nĐiều 1. Phạm vi\n\n1. Áp dụng.\n", encoding="utf-8")
    out_dir = tmp_path / "elsewhere" / "docs"
    code, out = run(capsys, "import", str(raw), "--into", str(out_dir))
    assert code == 0, out
    (written,) = list(out_dir.iterdir())
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", written.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "in"]


# --- markup in text and data: rendered inert on every page type -------------------------


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def inject(root: Path) -> None:
    doc = root / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("title: Quy chế làm việc của Đảng ủy xã Lùng Phình", f"title: {_quoted('Quy chế làm việc ' + PAYLOAD)}", 1)
    text = text.replace("Quy chế này quy định nguyên tắc, chế độ làm việc.", f"Quy chế này quy định nguyên tắc. {PAYLOAD}", 1)
    text = text.replace("Điều 7. Nhiệm vụ, quyền hạn của Phó Bí thư Đảng ủy", f"Điều 7. Phó Bí thư {PAYLOAD}", 1)
    doc.write_text(text, encoding="utf-8")
    edits = {
        "roles.yml": [("name: Bí thư Đảng ủy", f"name: {_quoted('Bí thư ' + PAYLOAD)}"), ("short: Bí thư", f"short: {_quoted('BT ' + PAYLOAD)}")],
        "bodies.yml": [("name: Văn phòng Đảng ủy", f"name: {_quoted('Văn phòng ' + PAYLOAD)}"), ("aliases: [BTV]", f"aliases: [BTV, {_quoted(PAYLOAD)}]")],
        "duties/qc-lam-viec-lung-phinh.yml": [("summary: Chỉ đạo chuẩn bị các hội nghị.", f"summary: {_quoted('Chỉ đạo ' + PAYLOAD)}")],
        "relations/qc-lam-viec-lung-phinh.yml": [("summary: Văn phòng Đảng ủy báo cáo Thường trực hằng tháng.", f"summary: {_quoted('Báo cáo ' + PAYLOAD)}")],
        "rules/qc-lam-viec-lung-phinh.yml": [("title: Gửi tài liệu trước hội nghị", f"title: {_quoted('Gửi ' + PAYLOAD)}")],
        "checklists/chuan-bi-hoi-nghi-btv.yml": [
            ("title: Chuẩn bị hội nghị Ban Thường vụ", f"title: {_quoted('Chuẩn bị ' + PAYLOAD)}"),
            ("text: Gửi tài liệu đến các đại biểu", f"text: {_quoted('Gửi tài liệu ' + PAYLOAD)}"),
            ("trigger: Khi Thường trực quyết định triệu tập hội nghị.", f"trigger: {_quoted('Khi ' + PAYLOAD)}"),
        ],
    }
    for name, pairs in edits.items():
        path = root / "data" / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")


class _Scan(HTMLParser):
    """Dangerous markup actually present in a page, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self._script = values.get("type") or "text/javascript"
            if values.get("src", "").startswith("javascript:"):
                self.dangers.append(f"script src {values['src']}")
        if tag == "img" and values.get("src") == "x":
            self.dangers.append("injected <img>")
        for name, value in attrs:
            if name.startswith("on") and value and "alert" in value:
                self.dangers.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction") and value and value.strip().lower().startswith("javascript:"):
                self.dangers.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is None:
            self.text.append(data)
        elif self._script == "application/json":
            if "</" in data or "<script" in data.lower():
                self.dangers.append("markup inside a JSON island")
        elif "alert(" in data:
            self.dangers.append(f"executable script with the payload: {data[:80]}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    root = tiny_project(base / "src")
    inject(root)
    project = copy_project(base / "project", content=root / "content", data=root / "data")
    return build_project(project).site_dir.resolve()


def scan(site: Path, rel: str) -> _Scan:
    parser = _Scan()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    return parser


def test_no_page_carries_live_markup_from_the_payload(hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 8
    problems = {rel: scan(hostile_site, rel).dangers for rel in pages}
    assert {rel: found for rel, found in problems.items() if found} == {}


@pytest.mark.parametrize("rel", [
    "van-ban/qc-lam-viec-lung-phinh.html",  # document: title, paragraph, article heading
    "vai-tro/bi-thu.html",                  # role page
    "co-quan/van-phong-dang-uy.html",       # body page
    "quan-he.html",                         # relations overview
    "danh-muc/chuan-bi-hoi-nghi-btv.html",  # checklist
    "index.html",                           # home and navigation
])
def test_payload_shows_as_plain_text(hostile_site, rel):
    page = scan(hostile_site, rel)
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text, rel
    assert "{{ 7*7 }}" in text
    assert page.dangers == []


def test_navigation_shows_document_title_as_text(hostile_site):
    page = scan(hostile_site, "vai-tro/bi-thu.html")
    assert "Quy chế làm việc <script>alert(1)</script>" in "".join(page.text) or \
        "<script>alert(1)</script>" in "".join(page.text)


def test_search_records_hold_the_payload_as_text(hostile_site):
    """Pagefind indexed the payload as words (it was text in the page, not markup); our
    client renders excerpts with textContent only (assets/sotay/search.js)."""
    contents = []
    for path in (hostile_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        contents.append(record["content"] + " " + json.dumps(record.get("meta", {}), ensure_ascii=False))
    joined = "\n".join(contents)
    assert "alert(1)" in joined and "onerror=alert(2)" in joined
    search_js = (ROOT / "overrides" / "assets" / "sotay" / "search.js").read_text(encoding="utf-8")
    assert "innerHTML" not in search_js


def test_handbook_json_keeps_the_payload_as_data(hostile_site):
    data = json.loads((hostile_site / "api" / "handbook.json").read_text(encoding="utf-8"))
    strings = list(_strings(data))
    assert f"Bí thư {PAYLOAD}" in strings  # exactly as written in roles.yml: data, not markup
    hrefs = [s for s in _strings(data, key="href")]
    assert hrefs and all(re.fullmatch(r"[a-z0-9/._-]+(#[a-z0-9-]+)?", h) for h in hrefs)  # site paths only


def _strings(value, key=None, current=None):
    if isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, key, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key, current)
    elif isinstance(value, str) and (key is None or current == key):
        yield value


# --- round 2 (issue #17): bombs and limits before parsing ------------------------------

BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)])


def test_alias_bomb_in_lesson_front_matter_is_an_error(project, capsys):
    lessons = project / "content" / "lessons"
    lessons.mkdir()
    (lessons / "bai-1.md").write_text(f"---\ntitle: Bài 1\n{BOMB}\n---\n\nNội dung.\n", encoding="utf-8")
    started = time.monotonic()
    code, out = run(capsys, "check")
    assert time.monotonic() - started < 5
    assert code == 1
    assert re.search(r"content/lessons/bai-1\.md:\d+: more than \d+ YAML aliases", out), out


def test_alias_bomb_in_legal_bases_is_an_error(project, capsys):
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    text = doc.read_text(encoding="utf-8").replace("legal_bases: []", "legal_bases:\n  " + "\n  ".join(
        ("- " + line.split(": ", 1)[1]) if i else "- &a [x, x, x, x, x, x, x, x, x]" for i, line in enumerate(BOMB.split("\n"))), 1)
    doc.write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, out = run(capsys, "check")
    assert time.monotonic() - started < 5
    assert code == 2
    assert re.search(r"qc-lam-viec-lung-phinh\.md:\d+: more than \d+ YAML aliases", out), out


def test_duplicate_front_matter_key_is_an_error(project, capsys):
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("level: khac", "level: khac\nlevel: xa", 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 2 and "duplicate key 'level'" in out and "qc-lam-viec-lung-phinh.md:" in out


def docx_bomb(path: Path, megabytes: int) -> None:
    """A .docx whose word/document.xml unpacks to `megabytes` MB (a few hundred KB on disk)."""
    import zipfile

    blank = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(megabytes):
                part.write(blank)
            part.write(b"</w:body></w:document>")


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path, capsys):
    bomb = tmp_path / "quy-che.docx"
    docx_bomb(bomb, 60)
    assert bomb.stat().st_size < 1_000_000
    started = time.monotonic()
    code, out = run(capsys, "import", str(bomb), "--into", str(tmp_path / "out"))
    assert time.monotonic() - started < 3
    assert code == 2
    assert "quy-che.docx" in out and "word/document.xml unpacks to" in out and "limit" in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content, expected", [
    ("adjustments:\n  - date: 2026-01-09\n    kind: day-off\n    kind: working-day\n    reason: x\n    decision: y\n",
     r"2026\.yml:4: duplicate key 'kind'"),
    ("adjustments:\n  - date: 2026-01-09\n    kind: day-off\n    reason: \xff\n    decision: y\n",
     r"2026\.yml:4: file is not UTF-8"),
    ("adjustments: " + "[" * 3000 + "]" * 3000 + "\n", r"2026\.yml:1: nesting deeper than"),
    (BOMB + "\nadjustments: []\n", r"2026\.yml:\d+: more than \d+ YAML aliases"),
])
def test_calendar_uses_the_data_loader(project, capsys, content, expected):
    (project / "data" / "calendar" / "2026.yml").write_bytes(content.encode("latin-1") if "\xff" in content else content.encode())
    started = time.monotonic()
    code, out = run(capsys, "check")
    assert time.monotonic() - started < 5
    assert code == 1 and re.search(expected, out), out


def test_id_over_80_characters_fails_check_not_build(project, capsys):
    long_id = "qc-" + "-".join(["lam-viec"] * 35)  # 286 characters: File name too long at build time
    assert len(long_id) > 255
    doc = project / "content" / "documents" / "qc-lam-viec-lung-phinh.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("id: qc-lam-viec-lung-phinh", f"id: {long_id}", 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 2
    assert "qc-lam-viec-lung-phinh.md:2:" in out and "over the limit of 80" in out


def test_data_id_over_80_characters_is_an_error(project, capsys):
    path = project / "data" / "checklists" / "chuan-bi-hoi-nghi-btv.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: chuan-bi-hoi-nghi-btv", "id: " + "a" * 81, 1), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert re.search(r"chuan-bi-hoi-nghi-btv\.yml:2: checklist\.id: the id is 81 characters long, over the limit of 80", out), out


# --- round 2: files outside the project, content/pages ---------------------------------

SECRET = "bi-mat-khong-duoc-in-ra: 42"


def buildable(root: Path) -> Path:
    """The tiny project plus what `sotay build` needs besides content and data."""
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "generator").symlink_to(ROOT / "generator")
    return root


@pytest.fixture
def outside_file(tmp_path) -> Path:
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\nbodies: [\n", encoding="utf-8")
    return path


def test_symlinked_data_file_leaving_the_project_is_refused_unread(project, capsys, outside_file):
    bodies = project / "data" / "bodies.yml"
    bodies.unlink()
    bodies.symlink_to(outside_file)
    code, out = run(capsys, "check")
    assert code == 1
    assert "data/bodies.yml:1: is a symbolic link to a file outside the project" in out
    assert SECRET not in out and "42" not in out


def test_symlinked_page_leaving_the_project_is_refused(project, capsys, outside_file):
    pages = project / "content" / "pages"
    pages.mkdir()
    (pages / "passwd.md").symlink_to(outside_file)
    code, out = run(capsys, "build")  # refused at validation, before MkDocs
    assert code == 1
    assert "content/pages/passwd.md:1: is a symbolic link" in out and SECRET not in out
    assert not (project / "site").exists()


def test_symlinked_folder_leaving_the_project_is_refused(project, capsys, outside_file):
    (project / "content" / "pages").symlink_to(outside_file.parent)
    code, out = run(capsys, "check")
    assert code == 1 and "content/pages:1: is a symbolic link" in out


def test_symlink_inside_the_project_is_allowed(project, capsys):
    pages = project / "content" / "pages"
    pages.mkdir()
    (project / "notes.md").write_text("# Ghi chú\n\nTrong dự án.\n", encoding="utf-8")
    (pages / "ghi-chu.md").symlink_to(project / "notes.md")
    assert run(capsys, "check")[0] == 0


@pytest.mark.parametrize("name, expected", [
    ("evil.html", "only Markdown pages (.md) and images or PDFs"),
    ("app.js", "only Markdown pages (.md) and images or PDFs"),
    ("logo.svg", "only Markdown pages (.md) and images or PDFs"),
    ("index.md", "would replace a page the handbook generates"),
    ("van-ban/qc-lam-viec-lung-phinh.md", "would replace a page the handbook generates"),
    ("Gioi-Thieu.md", "lowercase ASCII"),
    ("giới-thiệu.md", "lowercase ASCII"),
    ("a\nb.md", "lowercase ASCII"),
])
def test_content_pages_that_check_refuses(project, capsys, name, expected):
    target = project / "content" / "pages" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Trang\n", encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert expected in out and f"content/pages/{name.split(chr(10))[0]}" in out, out


def test_content_page_images_are_published_with_the_page(project, capsys):
    buildable(project)
    pages = project / "content" / "pages"
    pages.mkdir()
    (pages / "gioi-thieu.md").write_text("# Giới thiệu\n\n![Sơ đồ](so-do.png)\n", encoding="utf-8")
    (pages / "so-do.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (pages / "quy-che.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out = run(capsys, "build")
    assert code == 0, out
    assert (project / "site" / "so-do.png").read_bytes().startswith(b"\x89PNG")
    assert (project / "site" / "quy-che.pdf").is_file()
    assert '<img alt="Sơ đồ" src="so-do.png"' in (project / "site" / "gioi-thieu.html").read_text(encoding="utf-8")


def test_zip_names_that_clash_by_case_or_hold_newlines_are_refused(tmp_path):
    from generator.errors import BuildError
    from generator.publish.bundle import write_bundle

    site = tmp_path / "site"
    site.mkdir()
    for name in ("index.html", "Trang.html", "trang.html", "dong\nmoi.html"):
        (site / name).write_text("x", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        write_bundle(site, tmp_path / "dist" / "sotay-offline.zip", "01/01/2026", "0" * 10)
    assert "Trang.html và trang.html" in info.value.message and "'dong\\nmoi.html'" in info.value.message
    assert list((tmp_path / "dist").iterdir()) == []


# --- round 2: escaped once -------------------------------------------------------------


def test_titles_with_ampersand_and_quotes_are_escaped_once(tmp_path):
    root = tiny_project(tmp_path / "src")
    checklist = root / "data" / "checklists" / "chuan-bi-hoi-nghi-btv.yml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace(
        "title: Chuẩn bị hội nghị Ban Thường vụ", 'title: "Chuẩn bị & \\"hội nghị\\""', 1), encoding="utf-8")
    roles = root / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "name: Bí thư Đảng ủy", 'name: "Bí thư & \\"Đảng\\" ủy"', 1), encoding="utf-8")
    site = build_project(copy_project(tmp_path / "project", content=root / "content", data=root / "data")).site_dir
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<strong>Chuẩn bị &amp; &#34;hội nghị&#34;</strong>" in home  # the tile
    role = (site / "vai-tro" / "bi-thu.html").read_text(encoding="utf-8")
    assert 'data-pagefind-meta="vai-tro:Bí thư &amp; &#34;Đảng&#34; ủy"' in role
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "&amp;amp;" not in text and "&amp;#34;" not in text and "&&#35;" not in text, page
