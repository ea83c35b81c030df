"""`check()`: import + load + link, every message collected (the CLI prints them, exits 1)."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from generator.link.check import check, check_or_raise
from generator.errors import DataError, InputError
from knowledge_fixtures import documents, make_data


@pytest.fixture
def importer(monkeypatch):
    """A stand-in import stage returning the fixture documents (the parser is tested elsewhere)."""
    stand_in = types.SimpleNamespace(calls=[])

    def load_content_dir(path: Path):
        stand_in.calls.append(path)
        return documents()

    stand_in.load_content_dir = load_content_dir
    monkeypatch.setattr("generator.read.content_file.load_content_dir",
                        lambda path: stand_in.load_content_dir(path))
    return stand_in


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "documents").mkdir(parents=True)
    return tmp_path


def test_valid_project_checks_clean(root, importer):
    make_data(root)
    result = check(Path("content"), Path("data"))
    assert result.ok and result.exit_code == 0 and result.errors == []
    assert result.linked is not None and "bi-thu" in result.linked.holders
    assert importer.calls == [Path("content/documents")]


def test_load_errors_are_returned_and_linking_is_skipped(root, importer):
    make_data(root, {"roles.yml": "roles:\n  - id: bi-thu\n    nme: Bí thư\n"})
    result = check(Path("content"), Path("data"))
    assert result.exit_code == 1 and result.linked is None
    assert result.errors == [
        "data/roles.yml:2: roles[0]: missing required key 'name' — add `name: ...` (see data/README.md)",
        "data/roles.yml:3: roles[0].nme: unknown key 'nme' — did you mean 'name'?",
    ]


def test_link_errors_are_returned(root, importer):
    make_data(root, {"rules/qc-lam-viec-lung-phinh.yml": (
        "rules:\n  - id: gui-tai-lieu-truoc-hop\n    kind: quorum\n    title: T\n    params: {fraction: \"2/3\"}\n    cite: {document: qc-lam-viec-lung-phinh, article: 9}\n")})
    result = check(Path("content"), Path("data"))
    assert result.errors == [
        "data/rules/qc-lam-viec-lung-phinh.yml:6: rules[0].cite: qc-lam-viec-lung-phinh has no Điều 9 — it has"
        " Điều 1, 5, 6, 7",
    ]
    with pytest.raises(DataError) as raised:
        check_or_raise(Path("content"), Path("data"))
    assert raised.value.messages == result.errors and raised.value.exit_code == 1


def test_import_errors_join_the_report(root, importer):
    def broken(path):
        raise DataError(["content/documents/x.md:3: Điều 2 appears twice — renumber it"])

    importer.load_content_dir = broken
    make_data(root, {"roles.yml": "roles: []\nrole: []\n"})
    result = check(Path("content"), Path("data"))
    assert result.errors == [
        "content/documents/x.md:3: Điều 2 appears twice — renumber it",
        "data/roles.yml:2: role: unknown key 'role' — did you mean 'roles'?",
    ]


def test_missing_data_dir_is_an_input_error(root, importer):
    with pytest.raises(InputError) as raised:
        check(Path("content"), Path("data"))
    assert str(raised.value) == "data directory not found: data" and raised.value.exit_code == 2
