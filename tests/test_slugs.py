"""Vietnamese folding: one function behind ids, commune filters, heading anchors, id hints and sorting."""

from __future__ import annotations

import unicodedata

import pytest

from generator.model.document import Document
from generator.model.knowledge import suggest_slug
from generator.read.ids import automatic_id
from generator.site.scopes import document_unit
from generator.slugs import ascii_words, fold, heading_slug, slugify, strip_marks
from generator.views.nav import sort_key


@pytest.mark.parametrize("text, folded", [
    ("Phó Bí thư Đảng ủy", "pho bi thu dang uy"),
    ("ĐẢNG ỦY XÃ LÙNG PHÌNH", "dang uy xa lung phinh"),
    ("Hòa Sơn – Quý Đức", "hoa son – quy duc"),
    ("ặ ẵ ẳ ỡ ữ ự ỵ", "a a a o u u y"),
])
def test_fold_drops_tone_and_vowel_marks_and_dd(text, folded):
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded  # as some .docx files store it


def test_strip_marks_keeps_dd_and_case_as_pagefind_does():
    assert strip_marks("Đảng ủy") == "Đang uy"


def test_slugs_are_the_ascii_words_joined():
    assert ascii_words("Điều 6, khoản 3 (đ)") == ["dieu", "6", "khoan", "3", "d"]
    assert slugify("Xã Lùng Phình") == "xa-lung-phinh"
    assert slugify("Ban Thường vụ Tỉnh ủy Hà Tĩnh", 3) == "ban-thuong-vu"
    assert heading_slug("Phó Bí thư Đảng ủy") == "pho-bi-thu-dang-uy"
    assert heading_slug("Phó Bí thư Đảng ủy", "_") == "pho_bi_thu_dang_uy"


def test_every_user_of_folding_agrees():
    name = "Đảng ủy xã Đông Hưng"
    assert suggest_slug(name) == slugify(name) == "dang-uy-xa-dong-hung"
    doc = Document(id="", kind="quy-che", title="Quy chế làm việc", source="x.txt", number="02-QC/ĐU",
                   issuer=name, level="xa")
    assert automatic_id(doc) == "qc-02-dang-uy-xa-dong-hung"
    assert document_unit(doc).slug == "dang-uy-xa-dong-hung"
    assert sort_key(name) == fold(name)


def test_sorting_puts_dd_with_d_and_ignores_marks():
    names = ["Đông Hưng", "Đạo Đức", "Dương Xá", "An Hà", "Ân Thi"]
    assert sorted(names, key=sort_key) == ["An Hà", "Ân Thi", "Đạo Đức", "Đông Hưng", "Dương Xá"]
