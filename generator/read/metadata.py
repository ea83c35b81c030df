"""A document's metadata from its header and footer lines, and what it replaces.

`parse_header`: issuer (and parent issuer), number, place and date as written,
draft mark, kind and title, legal bases ("Căn cứ …"), preamble, "(Kèm theo
Quyết định số …)"; `parse_footer`: recipients (Nơi nhận) and signature;
`level_of`: central, provincial or commune level from the issuers' names;
`find_replaces`: the "thay thế …" sentence of the closing articles.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.model.document import Article, Signature, paragraphs
from generator.read.parser import Line
from generator.read.patterns import (
    BULLET_RE,
    CONSIDER_RE,
    DATE_RE,
    DRAFT_RE,
    LEGAL_BASIS_RE,
    NUMBER_RE,
    SIGN_ON_BEHALF_RE,
    kind_line,
)

ENACTING_RE = re.compile(r"^(.{0,120}?)\s*QUYẾT ĐỊNH\s*:?$")
MISSING_DATE_PART_RE = re.compile(r"\b(ngày|tháng)\s+(?=(?:tháng|năm)\b)")
ATTACHED_RE = re.compile(
    r"\(\s*(?:ban hành\s+)?kèm theo\s+(Quyết định|Nghị quyết)\s+số\s*:?\s*([^,;()]{1,40}?)\s*[,;]?\s*"
    r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*(?:của\s+([^()]{1,120}?))?\s*\)",
    re.IGNORECASE,
)
BLANK_RE = re.compile(r"…|\.{3,}")
NATIONAL_LINES = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
REPLACES_RE = re.compile(
    r"(?:[Tt]hay thế|thay cho)\s+((?:các\s+|khung\s+)?(?:[Qq]uy chế|[Qq]uy định|[Qq]uyết định|[Hh]ướng dẫn)[^.;]{0,300})"
)
REPLACES_END_RE = re.compile(r"\s(?:và\s)?(?:có hiệu lực|kể từ ngày)")
ORG_NAMES = {
    "ban chấp hành trung ương đảng": "Ban Chấp hành Trung ương Đảng",
    "ban chấp hành trung ương": "Ban Chấp hành Trung ương",
    "ban bí thư trung ương đảng": "Ban Bí thư Trung ương Đảng",
    "ban bí thư": "Ban Bí thư",
    "bộ chính trị": "Bộ Chính trị",
    "ban thường vụ tỉnh ủy": "Ban Thường vụ Tỉnh ủy",
    "ban thường vụ thành ủy": "Ban Thường vụ Thành ủy",
    "ban thường vụ đảng ủy": "Ban Thường vụ Đảng ủy",
    "ban chấp hành đảng bộ": "Ban Chấp hành Đảng bộ",
    "ban thường vụ": "Ban Thường vụ",
    "tỉnh ủy": "Tỉnh ủy",
    "thành ủy": "Thành ủy",
    "huyện ủy": "Huyện ủy",
    "đảng ủy": "Đảng ủy",
    "đảng bộ": "Đảng bộ",
}
PLACE_WORDS = ("thành phố", "đặc khu", "tỉnh", "xã", "phường", "huyện", "thị xã", "khối")


# ----------------------------------------------------------------- header

def org_case(text: str) -> str:
    """"TỈNH ỦY HÀ TĨNH" → "Tỉnh ủy Hà Tĩnh"; mixed-case names are kept as written."""
    text = text.strip(" ,.")
    if not text.isupper():
        return text
    lower = text.lower()
    for prefix, canonical in ORG_NAMES.items():
        if lower.startswith(prefix) and (len(lower) == len(prefix) or lower[len(prefix)] == " "):
            rest = lower[len(prefix):].strip()
            place = next((w for w in PLACE_WORDS if rest.startswith(w + " ") or rest == w), "")
            name = rest[len(place):].strip()
            parts = [canonical, place, " ".join(word[:1].upper() + word[1:] for word in name.split())]
            return " ".join(part for part in parts if part)
    return " ".join(word[:1].upper() + word[1:] for word in lower.split())


def has_blank(text: str) -> bool:
    return bool(BLANK_RE.search(text))


def parse_number(text: str) -> str | None:
    """"02- QC/TU" → "02-QC/TU"; template blanks or no digit → None."""
    value = re.sub(r"\s*([-/])\s*", r"\1", text.strip().rstrip("."))
    if has_blank(value) or not re.match(r"\d", value):
        return None
    return value.split()[0]


def parse_date_line(text: str) -> tuple[str | None, dt.date | None]:
    """(place, date) of "Hà Tĩnh, ngày 12 tháng 12 năm 2025"; parts may be blank."""
    match = DATE_RE.search(text)
    place = text[: match.start()].strip(" ,") if match else None
    if place and (has_blank(place) or not re.search(r"\w", place)):
        place = None
    if not match or not all(match.groups()):
        return place, None
    day, month, year = (int(g) for g in match.groups())
    try:
        return place, dt.date(year, month, day)
    except ValueError:
        return place, None


def parse_title(lines: list[Line], start: int) -> tuple[str, str, int]:
    """(kind, title, index after the title) from the title line at `start`."""
    kind, rest = kind_line(lines[start].text)
    words = [rest] if rest else []
    index = start + 1
    while index < len(lines) and index - start <= 6:
        text = lines[index].text
        if is_title_stop(text):
            break
        words.append(text)
        index += 1
    name = {"quyet-dinh": "Quyết định", "quy-che": "Quy chế", "quy-dinh": "Quy định"}[kind]
    rest = " ".join(lower_caps_run(w) for w in words).strip()
    if rest[1:2].islower():  # "QUYẾT ĐỊNH / Về việc ban hành …" → "Quyết định về việc …"
        rest = rest[:1].lower() + rest[1:]
    return kind, f"{name} {rest}".strip(), index


def lower_caps_run(text: str) -> str:
    """Lower-case the leading ALL-CAPS words ("LÀM VIỆC của Ban …" → "làm việc của Ban …")."""
    words = text.split()
    index = 0
    while index < len(words) and words[index].isupper():
        index += 1
    if index == len(words) or index >= 2 or (index == 1 and len(words[0]) > 1):
        words[:index] = [w.lower() for w in words[:index]]
    return " ".join(words)


def is_title_stop(text: str) -> bool:
    return bool(
        text == "-----" or LEGAL_BASIS_RE.match(text) or CONSIDER_RE.match(text) or BULLET_RE.match(text)
        or text.startswith("(") or NUMBER_RE.match(text) or DATE_RE.search(text) or kind_line(text)
        or ENACTING_RE.match(text) or (" ban hành " in text and text.rstrip(":").endswith("như sau"))
        or text in NATIONAL_LINES
    )


def parse_header(lines: list[Line]) -> dict:
    """Metadata from the lines before the first Chương/Mục/Điều."""
    meta: dict = {"kind": "other", "title": None, "legal_bases": [], "preamble": [], "issuers": []}
    seen_title = False
    index = 0
    while index < len(lines):
        text = lines[index].text
        if kind_line(text) and not seen_title:
            meta["kind"], meta["title"], index = parse_title(lines, index)
            seen_title = True
            continue
        take_header_line(meta, text, seen_title)
        index += 1
    return meta


def take_header_line(meta: dict, text: str, seen_title: bool) -> None:
    number = NUMBER_RE.match(text)
    attached = ATTACHED_RE.search(text)
    if attached:
        meta["attached"] = attached.groups()
    elif number:
        meta.setdefault("number", parse_number(number.group(1)))
    elif DRAFT_RE.fullmatch(text.strip()):
        meta["draft"] = True
    elif DATE_RE.search(text) and "date_text" not in meta and not LEGAL_BASIS_RE.match(text) and len(text) < 80:
        meta["date_text"] = MISSING_DATE_PART_RE.sub(r"\1 … ", text)
        meta["place"], meta["date"] = parse_date_line(text)
    elif LEGAL_BASIS_RE.match(text):
        meta["legal_bases"].append(LEGAL_BASIS_RE.match(text).group(1))
    elif ENACTING_RE.match(text) and text.isupper():
        meta["preamble"].append(text)
        meta["enacting_issuer"] = ENACTING_RE.match(text).group(1).strip()
    elif text in NATIONAL_LINES or text == "-----" or kind_line(text):
        return
    elif text.isupper() and not seen_title:
        meta["issuers"].append(text)
    elif text.isupper() and not meta["legal_bases"] and not meta["preamble"]:
        meta["issuers"].append(text)
    elif seen_title:
        meta["preamble"].append(BULLET_RE.sub("", text))


def enacting_subject(preamble: list[str]) -> str | None:
    """"…, Ban Thường vụ Tỉnh ủy ban hành Quy chế … như sau:" → "Ban Thường vụ Tỉnh ủy"."""
    for text in preamble:
        head, found, _ = text.partition(" ban hành ")
        if found:
            subject = head.rsplit(",", 1)[-1].strip()
            if re.match(r"(Ban|Đảng|Tỉnh|Thành|Huyện|Bộ)\b", subject):
                return subject
    return None


def level_of(*names: str | None) -> str:
    text = " ".join(n for n in names if n).lower()
    if any(w in text for w in ("trung ương", "ban bí thư", "bộ chính trị")):
        return "trung-uong"
    if re.search(r"\b(xã|phường|đặc khu|thị trấn)\b", text):
        return "xa"
    if any(w in text for w in ("tỉnh", "thành ủy", "thành phố", "khối")):
        return "tinh"
    return "khac"


# ----------------------------------------------------------------- footer

def parse_footer(lines: list[Line]) -> tuple[list[str], Signature]:
    recipients: list[str] = []
    signature = Signature()
    in_recipients = False
    for line in lines:
        text = line.text
        if text.startswith(("Nơi nhận", "NƠI NHẬN")):
            in_recipients = True
            continue
        if SIGN_ON_BEHALF_RE.match(text):
            signature.on_behalf, in_recipients = text, False
        elif in_recipients and BULLET_RE.match(text + " "):
            item = BULLET_RE.sub("", text + " ").strip().rstrip(",;.")
            if re.search(r"\w", item) and not has_blank(item):
                recipients.append(item)
        elif text.isupper() and re.search(r"\w", text):
            signature.position = f"{signature.position} {text}" if signature.position else text
            in_recipients = False
        elif is_person_name(text):
            signature.name = text
            in_recipients = False
    return recipients, signature


def is_person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words)


# ----------------------------------------------------------------- closing

def find_replaces(articles: list[Article]) -> str | None:
    """The "thay thế …/thay cho …" sentence of the closing articles, if any."""
    for article in reversed(articles[-3:]):
        for paragraph in paragraphs(article):
            match = REPLACES_RE.search(paragraph.text)
            if match:
                return REPLACES_END_RE.split(match.group(1), maxsplit=1)[0].strip(" ,")
    return None
