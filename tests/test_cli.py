"""The `sotay` command line: what a user sees (output, messages, exit codes), never a traceback."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, SEEDS, copy_project
from test_build import write_tiny_content

from generator.run.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def tiny_project(tmp_path, monkeypatch):
    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    monkeypatch.chdir(root)
    return root


def test_inspect_prints_the_structure_as_json(capsys):
    code, out, _ = run(capsys, "inspect", str(SEEDS / "002_a02465311ceaad33.txt"), "--json")
    assert code == 0
    docs = json.loads(out)["documents"]
    assert [(d["kind"], len(d["chapters"]), len(d["articles"])) for d in docs] == [("quyet-dinh", 0, 3), ("quy-che", 5, 19)]


def test_import_writes_two_linked_documents_for_a_decision_file(tmp_path, capsys):
    code, out, _ = run(capsys, "import", str(SEEDS / "004_d99f3c126027efd2.txt"), "--into", str(tmp_path))
    assert code == 0
    written = sorted(p.name for p in tmp_path.glob("*.md"))
    assert len(written) == 2 and len(out.splitlines()) == 2


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"\x00\x01\x02\xff\xfe" * 50, "binary"),
    ("Một văn bản không có điều nào.\n".encode(), "no articles"),
])
def test_bad_input_files_get_one_line_and_exit_2(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "import", str(path), "--into", str(tmp_path / "out"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "bad.txt" in err and expected in err.lower()


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    code, _, err = run(capsys, "inspect", str(tmp_path / "khong-co.txt"), "--json")
    assert code == 2 and "khong-co.txt" in err


def test_check_passes_on_valid_data_and_prints_coverage(tiny_project, capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "Độ phủ qc-lam-viec-lung-phinh" in out and "OK" in out


def test_check_lists_every_data_mistake_with_file_and_line(tiny_project, capsys):
    roles = tiny_project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("inherits: [uy-vien-ban-thuong-vu]", "inherits: [uy-vien-btv]"), encoding="utf-8")
    duties = tiny_project / "data" / "duties" / "qc-lam-viec-lung-phinh.yml"
    duties.write_text(duties.read_text(encoding="utf-8").replace("article: 7, clause: \"1\"", "article: 7, clause: \"9\""), encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "data/roles.yml:" in err and "'uy-vien-btv' is not a known role" in err
    assert "data/duties/qc-lam-viec-lung-phinh.yml:" in err and "has no khoản 9" in err


def test_malformed_yaml_names_the_line(tiny_project, capsys):
    (tiny_project / "data" / "bodies.yml").write_text("bodies:\n  - id: ban-chap-hanh\n    name: [không đóng\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "data/bodies.yml:3: " in err  # where the "[" was opened, not where the file ends
    assert "close the bracket or quote opened on this line" in err


def test_build_refuses_bad_data_and_keeps_the_previous_site(tiny_project, capsys):
    assert run(capsys, "build")[0] == 0
    previous = (tiny_project / "site").resolve()
    roles = tiny_project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8") + "  - id: bi-thu\n    name: Trùng\n", encoding="utf-8")
    code, _, err = run(capsys, "build")
    assert code == 1
    assert "data/roles.yml" in err and "bi-thu" in err
    assert (tiny_project / "site").resolve() == previous
    assert (tiny_project / "site" / "index.html").is_file()


def test_links_reports_a_clean_site(tiny_project, capsys):
    assert run(capsys, "build")[0] == 0
    code, out, _ = run(capsys, "links")
    assert code == 0 and "0 broken" in out


def test_help_lists_the_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for verb in ("import", "inspect", "check", "build", "serve", "links"):
        assert verb in out

