"""Synthetic handbook corpora for the scale benchmark: N communes, each with its own regulations.

    .venv/bin/python bench/corpus.py 100 /tmp/corpus-100     # a buildable project folder

Every commune gets a working regulation (from the Lùng Phình seed) and a
coordination regulation (from the Công an tỉnh seed), with its own name in the
text, ids `qc-lam-viec-<xa>` / `qc-phoi-hop-cong-an-<xa>`, small variations
(an article appended, the last article dropped, a paragraph added), and its
own duties, relations and rules: the seed data files re-pointed to the new
document ids, entry ids prefixed with the commune slug, entries citing a
dropped article left out. Roles, bodies, vocabularies, checklists and the
calendar are shared. The seed documents themselves stay in the corpus.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.slugs import slugify  # noqa: E402

SEEDS = (
    # (seed document id, new id prefix, name written in the seed text)
    ("qc-lam-viec-lung-phinh", "qc-lam-viec", "Lùng Phình"),
    ("qc-phoi-hop-cong-an-tinh", "qc-phoi-hop-cong-an", None),
)
DATA_KINDS = ("duties", "relations", "rules")
FIRST = ("An", "Bình", "Cẩm", "Đông", "Hòa", "Hưng", "Long", "Mỹ", "Phú", "Quang", "Tân", "Thanh",
         "Xuân", "Vĩnh", "Yên", "Kim", "Ngọc", "Trung", "Nam", "Bắc", "Sơn", "Thạch", "Hồng", "Lạc",
         "Minh", "Phước", "Thuận", "Đức", "Gia", "Hải", "Lâm", "Tiên", "Vân", "Hoa", "Bảo", "Châu")
SECOND = ("Hà", "Sơn", "Lộc", "Thịnh", "Phong", "Khánh", "Lợi", "Tiến", "Thành", "Hải", "Giang",
          "Lâm", "Điền", "Mỹ", "Trạch", "Hưng", "Xá", "Tường", "Cường", "Đạt", "Nguyên", "Phát",
          "Thọ", "Yên", "Quý", "Hòa", "Định", "Vinh", "Tâm", "Ninh", "Bình", "An", "Hiệp", "Trung")
ARTICLE_RE = re.compile(r"^Điều (\d+)\.", re.MULTILINE)


@dataclass(frozen=True)
class Commune:
    index: int
    name: str
    slug: str


def communes(n: int) -> list[Commune]:
    """`n` distinct commune names (numbered once the name combinations run out)."""
    found, slugs = [], set()
    for i in range(n):
        a, b = FIRST[i % len(FIRST)], SECOND[(i // len(FIRST)) % len(SECOND)]
        name = f"{a} {b}" if a != b else f"{a} Thượng"
        if i >= len(FIRST) * len(SECOND):
            name += f" {i // (len(FIRST) * len(SECOND)) + 1}"
        slug = slugify(name)
        if slug in slugs:  # "Hòa Sơn" and "Hoa Sơn" share a slug: number the second one
            name += f" {i + 1}"
            slug = slugify(name)
        slugs.add(slug)
        found.append(Commune(i, name, slug))
    return found


def make_corpus(n: int, target: Path) -> Path:
    """A buildable project in `target` with the seed handbook plus `n` communes."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    (target / "generator").symlink_to(REPO / "generator")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "data", target / "data")
    seeds = {seed: _seed_inputs(seed) for seed, _, _ in SEEDS}
    for commune in communes(n):
        for seed, prefix, seed_name in SEEDS:
            _write_commune_document(target, commune, seed, prefix, seed_name, seeds[seed])
    return target


def _seed_inputs(seed: str) -> tuple[str, dict[str, list]]:
    text = (REPO / "content" / "documents" / f"{seed}.md").read_text(encoding="utf-8")
    data = {}
    for kind in DATA_KINDS:
        path = REPO / "data" / kind / f"{seed}.yml"
        if path.exists():
            data[kind] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[kind]
    return text, data


def _write_commune_document(root: Path, commune: Commune, seed: str, prefix: str,
                            seed_name: str | None, inputs: tuple[str, dict[str, list]]) -> None:
    text, data = inputs
    doc_id = f"{prefix}-{commune.slug}"
    rename = _renamer(seed_name, commune.name)
    text = rename(text.replace(f"id: {seed}\n", f"id: {doc_id}\n", 1))
    if seed_name is None:  # name the commune in the title, and make the copy the commune's own document
        text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} (xã {commune.name})", text, count=1, flags=re.MULTILINE)
        text = _set_front_matter(text, level="xa", issuer=f"Đảng ủy xã {commune.name}", place=commune.name)
    text, dropped = _vary(text, commune)
    (root / "content" / "documents" / f"{doc_id}.md").write_text(text, encoding="utf-8")
    for kind, items in data.items():
        entries = [_repoint(item, seed, doc_id, commune.slug, rename) for item in items
                   if not _cites_article(item, dropped)]
        out = root / "data" / kind / f"{doc_id}.yml"
        out.write_text(yaml.dump({kind: entries}, Dumper=yaml.CSafeDumper, allow_unicode=True,
                                 sort_keys=False, width=200), encoding="utf-8")


def _set_front_matter(text: str, **values: str) -> str:
    for key, value in values.items():
        text = re.sub(rf"^{key}: .*$", lambda m: f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    return text


def _renamer(old: str | None, new: str):
    if not old:
        return lambda value: value
    return lambda value: value.replace(old, new)


def _vary(text: str, commune: Commune) -> tuple[str, set[int]]:
    """Small per-commune differences; returns the text and the article numbers dropped."""
    numbers = [int(m.group(1)) for m in ARTICLE_RE.finditer(text)]
    last = max(numbers)
    dropped: set[int] = set()
    if commune.index % 5 == 1:  # the last article removed
        start = list(ARTICLE_RE.finditer(text))[-1].start()
        text = text[:start].rstrip("\n") + "\n"
        dropped.add(last)
    elif commune.index % 3 == 0:  # an article added at the end
        text = text.rstrip("\n") + (
            f"\n\nĐiều {last + 1}. Quy định riêng của xã {commune.name}\n\n"
            f"1. Đảng ủy xã {commune.name} căn cứ tình hình thực tế để cụ thể hóa Quy chế này.\n\n"
            f"2. Văn phòng Đảng ủy theo dõi, tổng hợp việc thực hiện, báo cáo Ban Thường vụ hằng năm.\n")
    if commune.index % 7 == 2:  # a paragraph added to the first article
        first = ARTICLE_RE.search(text)
        end = text.index("\n\n", text.index("\n", first.end()) + 1)
        text = text[:end] + f"\n\nTại xã {commune.name}, nội dung này được thực hiện theo kế hoạch hằng năm." + text[end:]
    return text, dropped


def _cites(item: dict) -> list[dict]:
    cite = item.get("cite")
    return cite if isinstance(cite, list) else [cite] if isinstance(cite, dict) else []


def _cites_article(item: dict, articles: set[int]) -> bool:
    return any(c.get("article") in articles for c in _cites(item))


def _repoint(item: dict, seed: str, doc_id: str, slug: str, rename) -> dict:
    item = dict(item)
    item["id"] = f"{slug}-{item['id']}"
    for key in ("summary", "quote", "title"):
        if isinstance(item.get(key), str):
            item[key] = rename(item[key])
    cites = [dict(c, document=doc_id) if c.get("document") == seed else dict(c) for c in _cites(item)]
    if cites:
        item["cite"] = cites if isinstance(item["cite"], list) else cites[0]
    return item


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    target = make_corpus(int(argv[0]), Path(argv[1]))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
